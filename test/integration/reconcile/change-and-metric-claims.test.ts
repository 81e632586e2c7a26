/**
 * The case reconciliation exists for: an ESG report's headline sentences, 'Net Scope 1+2 down
 * x %', 'PUE a → b', 'clean electricity in data centres c % → d %', typed into a claims sheet with
 * percent-formatted cells, imported, matched by their words, and reconciled through the CLI against
 * the two-year engagement. The company's reduction is overstated: the one claim over materiality.
 * And a claims template, which carries the auditor's matches to next year's file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { runImport } from '../../../electron/engine/import/pipeline';
import { mappingSchema } from '../../../shared/import/mapping';
import type { ReconcileJson } from '../../../shared/reconcile/report';
import { claimsMapping, TEST_ACTOR } from '../../helpers/engagement';
import { net, round, writeReported, type ReportedRow } from '../../helpers/reported-figures';
import { independentRecalculation, type ExpectedYear as Expected } from '../../helpers/independent-recalculation';
import { buildTwoYearEngagement } from '../../helpers/two-year-engagement';

const pue = (year: Expected) => year.facilityKwh / year.itKwh;
const dcClean = (year: Expected) => year.dcCleanKwh / year.dcElectricityKwh;

describe('an ESG report’s headline changes and metrics, reconciled', () => {
  let json: ReconcileJson;
  let expected: Record<string, Expected>;
  let rows: ReportedRow[];
  let text: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-headlines-'));
    const built = await buildTwoYearEngagement(dir);
    expected = independentRecalculation(built.plan);
    const [fy2022, fy2023] = [expected.FY2022!, expected.FY2023!];
    const change = (net(fy2023) - net(fy2022)) / net(fy2022);
    rows = [
      { metric: 'Net Scope 1+2 emissions (tCO2e)', year: 'FY2022', value: round(net(fy2022), 1), unit: 'tCO2e' },
      { metric: 'Net Scope 1+2 emissions (tCO2e)', year: 'FY2023', value: round(net(fy2023), 1), unit: 'tCO2e' },
      // The reduction claimed is 5 points more than the data show (−16.0 %): 5 % of the prior year's net is above materiality.
      { metric: 'Net Scope 1+2 down', year: 'FY2023', value: round(-change + 0.05, 3), unit: null, format: '0.0%' },
      { metric: 'PUE', year: 'FY2022', value: round(pue(fy2022), 3), unit: null },
      { metric: 'PUE', year: 'FY2023', value: round(pue(fy2023), 3), unit: null },
      { metric: 'Clean electricity in data centres', year: 'FY2022', value: round(dcClean(fy2022), 3), unit: null, format: '0.0%' },
      { metric: 'Clean electricity in data centres', year: 'FY2023', value: round(dcClean(fy2023), 3), unit: null, format: '0.0%' },
    ];
    const file = path.join(dir, 'esg-report.xlsx');
    await writeReported(file, rows);
    const outcome = await runImport(built.engagement.db, { filePath: file, mapping: mappingSchema.parse(claimsMapping('ESG report')), ...TEST_ACTOR, settings: built.engagement.settings() });
    expect(outcome.rejected).toEqual([]);
    built.engagement.close();
    let out = '';
    expect(await runCli(['reconcile', built.engagement.filePath, '--json'], { out: (chunk) => (out += chunk), err: () => {} })).toBe(0);
    json = JSON.parse(out) as ReconcileJson;
    text = '';
    expect(await runCli(['reconcile', built.engagement.filePath], { out: (chunk) => (text += chunk), err: () => {} })).toBe(0);
  });

  it('matches each sentence to its figure by its words: the change, PUE and the data-centre clean share', () => {
    expect(json.claims.map((claim) => [claim.metric, claim.fiscal_year, claim.figure, claim.measure])).toEqual([
      ['Net Scope 1+2 emissions (tCO2e)', 'FY2022', 'net', 'level'],
      ['Net Scope 1+2 emissions (tCO2e)', 'FY2023', 'net', 'level'],
      ['Net Scope 1+2 down', 'FY2023', 'net', 'change-on-prior-year'],
      ['PUE', 'FY2022', 'pue', 'level'],
      ['PUE', 'FY2023', 'pue', 'level'],
      ['Clean electricity in data centres', 'FY2022', 'data_centre_clean_share', 'level'],
      ['Clean electricity in data centres', 'FY2023', 'data_centre_clean_share', 'level'],
    ]);
  });

  it('reads the percent-formatted cells as the percentages shown, and the reduction as negative', () => {
    const share = json.claims.find((claim) => claim.metric === 'Clean electricity in data centres' && claim.fiscal_year === 'FY2023')!;
    expect(share.reported_as).toMatchObject({ percent: 'number-format', decimals: 1 });
    expect(share.reported).toBe(rows[6]!.value);
    const down = json.claims.find((claim) => claim.measure === 'change-on-prior-year')!;
    expect(down).toMatchObject({ unit: 'fraction', reported: -rows[2]!.value, reported_as: { percent: 'number-format', decimals: 1 } });
    const [fy2022, fy2023] = [expected.FY2022!, expected.FY2023!];
    expect(down.recomputed).toBeCloseTo((net(fy2023) - net(fy2022)) / net(fy2022), 12);
  });

  it('finds the overstated reduction, and only it, as an exception over materiality', () => {
    expect(json.claims.filter((claim) => claim.status === 'exception').map((claim) => claim.metric)).toEqual(['Net Scope 1+2 down']);
    for (const claim of json.claims.filter((candidate) => candidate.measure === 'level')) expect(['agreed', 'within-tolerance'], claim.metric).toContain(claim.status);
    const down = json.claims.find((claim) => claim.measure === 'change-on-prior-year')!;
    expect(down.variance_abs).toBeCloseTo(-0.05, 3);
    expect(down.reason).toMatch(/^change reported under by 5(\.\d+)? percentage points, [\d,.]+ tCO2e on the prior year's [\d,.]+ tCO2e, at or above materiality/);
    // The levels agree, so nothing adds up in the summary; the change alone is material, individually.
    expect(json.materiality).toMatchObject({ period: 'FY2023', uncorrected_total: 0, conclusion: 'material', largest_individual: { claim: down.id } });
    expect(json.materiality.conclusion_text).toContain('materially misstated');
  });

  it('recomputes PUE and the clean share on data-centre sites only', () => {
    for (const [index, year] of [[3, 'FY2022'], [4, 'FY2023']] as const) {
      const claim = json.claims.find((candidate) => candidate.figure === 'pue' && candidate.fiscal_year === year)!;
      expect(claim.recomputed).toBeCloseTo(pue(expected[year]!), 12);
      expect(claim.reported).toBe(rows[index]!.value);
    }
    for (const year of ['FY2022', 'FY2023']) {
      const claim = json.claims.find((candidate) => candidate.figure === 'data_centre_clean_share' && candidate.fiscal_year === year)!;
      expect(claim.recomputed).toBeCloseTo(dcClean(expected[year]!), 12);
      expect(claim.status).toBe('agreed');
    }
  });

  it('prints the change as percentages and points', () => {
    const line = text.split('\n').find((candidate) => candidate.includes('Net Scope 1+2 down'))!;
    expect(line).toContain('Change in Net');
    // Shares to two decimals, reported and recomputed alike, so the columns line up.
    expect(line).toMatch(/-21\.00%\s+-15\.99%\s+-5\.01 pp\s+EXCEPTION/);
  });
});

describe('a claims template: next year’s claims matched as the auditor matched this year’s', () => {
  it('saves the confirmed matches with the mapping, and a renamed file imported with it is matched by the template', async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-claims-template-'));
    const built = await buildTwoYearEngagement(dir);
    const fy2023 = independentRecalculation(built.plan).FY2023!;
    // Words no suggestion can read: the auditor says what they are.
    const rows: ReportedRow[] = [{ metric: 'Facility efficiency (DC estate)', year: 'FY2023', value: round(pue(fy2023), 3), unit: null }];
    const thisYear = path.join(dir, 'esg-2023.xlsx');
    await writeReported(thisYear, rows);
    const outcome = await runImport(built.engagement.db, { filePath: thisYear, mapping: mappingSchema.parse(claimsMapping('ESG report')), ...TEST_ACTOR, settings: built.engagement.settings() });
    built.engagement.close();
    const file = built.engagement.filePath;
    const cli = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(args, { out: (chunk) => (out += chunk), err: (chunk) => (err += chunk) });
      return { code, out, err };
    };
    const reconcile = async () => JSON.parse((await cli('reconcile', file, '--json')).out) as ReconcileJson;
    const before = (await reconcile()).claims[0]!;
    expect(before).toMatchObject({ status: 'unmatched', match: { origin: 'none' } });
    expect(await cli('claims', 'template', file, String(outcome.sourceFileId), '--name', 'ESG report')).toMatchObject({ code: 2, err: expect.stringContaining('confirm the matches first') });
    expect(await cli('claims', 'match', file, String(before.id), 'pue')).toMatchObject({ code: 0 });
    expect(await cli('claims', 'template', file, String(outcome.sourceFileId), '--name', 'ESG report')).toMatchObject({ code: 0, out: "Saved template 'ESG report' with 1 figure matches\n" });

    const nextYear = path.join(dir, 'esg-2024.xlsx');
    await writeReported(nextYear, [{ ...rows[0]!, year: 'FY2022', value: round(pue(independentRecalculation(built.plan).FY2022!), 3) }]);
    expect(await cli('import', file, nextYear, '--kind', 'claims', '--template', 'ESG report')).toMatchObject({ code: 0 });
    const claims = (await reconcile()).claims;
    expect(claims.map((claim) => [claim.fiscal_year, claim.figure, claim.match.origin, claim.status])).toEqual([
      ['FY2023', 'pue', 'confirmed', 'agreed'],
      ['FY2022', 'pue', 'template', 'agreed'],
    ]);
    expect(claims[1]!.match.reason).toBe("the claims template matches 'Facility efficiency (DC estate)' to PUE (data centres)");
  });
});
