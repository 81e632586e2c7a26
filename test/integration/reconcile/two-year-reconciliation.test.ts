/**
 * Reconciliation end to end through the CLI, on the two-year engagement built from the company
 * workbook. The company's reported figures are written from an independent recalculation of the
 * workbook (test/helpers/two-year-engagement.ts), rounded as an ESG report rounds them, with one
 * emissions figure misstated by 6 %: FY2023 net, above the 5 % materiality.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { runImport } from '../../../electron/engine/import/pipeline';
import { fsum } from '../../../shared/calc/sum';
import { mappingSchema } from '../../../shared/import/mapping';
import type { ReconcileJson } from '../../../shared/reconcile/report';
import { claimsMapping, TEST_ACTOR } from '../../helpers/engagement';
import { net, reportedFigures, round, writeReported, type ReportedRow } from '../../helpers/reported-figures';
import { independentRecalculation, type ExpectedYear as Expected } from '../../helpers/independent-recalculation';
import { buildTwoYearEngagement } from '../../helpers/two-year-engagement';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('reconciling a two-year engagement', () => {
  let dir: string;
  let engagement: Engagement;
  let expected: Record<string, Expected>;
  let reported: ReportedRow[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-reconcile-'));
    const built = await buildTwoYearEngagement(dir);
    engagement = built.engagement;
    expected = independentRecalculation(built.plan);
    reported = reportedFigures(expected);
    const file = path.join(dir, 'reported.xlsx');
    await writeReported(file, reported);
    const mapping = mappingSchema.parse(claimsMapping('ESG report'));
    const outcome = await runImport(engagement.db, { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(outcome.rejected).toEqual([]);
    engagement.close();
  });

  async function reconcileJson(): Promise<ReconcileJson> {
    const result = await cli('reconcile', engagement.filePath, '--json');
    expect(result.code).toBe(0);
    return JSON.parse(result.out) as ReconcileJson;
  }

  it('marks exactly the misstated emissions figure as an exception, the others agreed or within tolerance', async () => {
    const json = await reconcileJson();
    expect(json.version).toBe(1);
    expect(json.claims).toHaveLength(reported.length);
    const exceptions = json.claims.filter((claim) => claim.status === 'exception');
    expect(exceptions.map((claim) => [claim.metric, claim.period, claim.figure])).toEqual([['Scope 1 & 2 net, market-based', 'FY2023', 'net']]);
    for (const claim of json.claims.filter((candidate) => candidate.status !== 'exception')) expect(['agreed', 'within-tolerance']).toContain(claim.status);
    const misstated = exceptions[0]!;
    expect(misstated.variance_pct).toBeCloseTo(6, 2);
    expect(misstated.recomputed).toBeCloseTo(net(expected.FY2023!), 6);
    expect(misstated.reason).toMatch(/^reported over by [\d,.]+ tCO2e \(6(\.\d+)?%\), at or above materiality/);
    // The figures are matched by their words, as suggestions the auditor has not yet confirmed.
    expect(new Set(json.claims.map((claim) => claim.match.origin))).toEqual(new Set(['suggested']));
  });

  it('recomputes the data-centre claims on data-centre sites only', async () => {
    const json = await reconcileJson();
    for (const year of ['FY2022', 'FY2023'] as const) {
      const want = expected[year]!;
      const pue = json.claims.find((claim) => claim.figure === 'pue' && claim.fiscal_year === year)!;
      expect(pue.recomputed).toBeCloseTo(want.facilityKwh / want.itKwh, 12);
      const share = json.claims.find((claim) => claim.figure === 'data_centre_clean_share' && claim.fiscal_year === year)!;
      // Shown to a tenth of a point ('0.0%'): agreed within ±0.05 percentage points.
      expect(share.reported_as).toEqual({ value: reported.find((row) => row.year === year && row.format)!.value, unit: '%', percent: 'number-format', decimals: 1 });
      expect(share.reason).toBe('agrees at the precision reported (±0.05 pp)');
      expect(share.recomputed).toBeCloseTo(want.dcCleanKwh / want.dcElectricityKwh, 12);
      // Never the all-sites share, which the offices' electricity and renewables change.
      const period = json.periods.find((candidate) => candidate.label === year)!;
      expect(share.recomputed).toBe(period.metrics.data_centre_clean_share);
      expect(share.recomputed).not.toBeCloseTo(want.cleanKwh / want.electricityKwh, 3);
      expect(share.status).toBe('agreed');
    }
  });

  it('concludes the year materially misstated, against materiality from the reported net', async () => {
    const { materiality } = await reconcileJson();
    expect(materiality).toMatchObject({ period: 'FY2023', conclusion: 'material', base_source: 'reported Net (Scope 1 + market-based Scope 2)' });
    expect(materiality.base).toBe(reported[1]!.value);
    expect(materiality.overall).toBeCloseTo(reported[1]!.value * 0.05, 9);
    expect(materiality.uncorrected_total).toBeCloseTo(reported[1]!.value - net(expected.FY2023!), 6);
    expect(materiality.by_period.map((year) => [year.period, year.conclusion])).toEqual([['FY2022', 'not-material'], ['FY2023', 'material']]);
  });

  it('prints the claims table, the exception’s reason and the conclusion', async () => {
    const result = await cli('reconcile', engagement.filePath);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Claims \(8: \d agreed, \d within tolerance, 1 exception, 0 unmatched\)/);
    expect(result.out).toContain('EXCEPTION');
    expect(result.out).toContain('Conclusion: Misstatements');
    expect(result.out).toContain('the reported emissions for FY2023 are materially misstated');
    expect(result.err).toContain('Calculating the inventory as imported and after the proposed adjustments');
  });

  it('bridges net from FY2022 to FY2023 by site and by activity, summing exactly', async () => {
    for (const by of ['site', 'activity']) {
      const result = await cli('bridge', engagement.filePath, '--figure', 'net', '--from', 'FY2022', '--to', 'FY2023', '--by', by, '--json');
      expect(result.code).toBe(0);
      const bridge = JSON.parse(result.out) as { from_tco2e: number; to_tco2e: number; change_tco2e: number; volume_tco2e: number; factor_tco2e: number; grid_tco2e: number; lines: { key: string; change_tco2e: number; volume_tco2e: number; factor_tco2e: number }[] };
      expect(bridge.from_tco2e).toBeCloseTo(net(expected.FY2022!), 6);
      expect(bridge.to_tco2e).toBeCloseTo(net(expected.FY2023!), 6);
      expect(bridge.to_tco2e - bridge.from_tco2e).toBe(bridge.change_tco2e);
      expect(bridge.volume_tco2e + bridge.factor_tco2e).toBe(bridge.change_tco2e);
      expect(fsum(bridge.lines.flatMap((line) => [line.volume_tco2e, line.factor_tco2e]))).toBe(bridge.change_tco2e);
      expect(bridge.lines.reduce((sum, line) => sum + line.change_tco2e, 0)).toBe(bridge.change_tco2e);
    }
    const bySite = JSON.parse((await cli('bridge', engagement.filePath, '--figure', 'net', '--from', 'FY2022', '--to', 'FY2023', '--json')).out) as { lines: { key: string }[] };
    expect(bySite.lines.map((line) => line.key).sort()).toEqual(['DC North', 'DC South', 'London HQ', 'Manchester']);
    const refused = await cli('bridge', engagement.filePath, '--figure', 'pue', '--from', 'FY2022', '--to', 'FY2023');
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('is not in tCO2e') });
  });
});

describe('adjustments, matches and settings through the CLI', () => {
  let file: string;
  let expected: Record<string, Expected>;
  let reported: ReportedRow[];

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-adjust-'));
    const built = await buildTwoYearEngagement(dir);
    expected = independentRecalculation(built.plan);
    reported = reportedFigures(expected);
    file = built.engagement.filePath;
    built.engagement.close();
    const claims = path.join(dir, 'reported.xlsx');
    await writeReported(claims, reported);
    const mapping = path.join(dir, 'claims-mapping.json');
    fs.writeFileSync(mapping, JSON.stringify(claimsMapping('ESG report')));
    expect((await cli('import', file, claims, '--kind', 'claims', '--mapping', mapping)).code).toBe(0);
  });

  const reconcileJson = async () => JSON.parse((await cli('reconcile', file, '--json')).out) as ReconcileJson;
  const misstatedId = async () => (await reconcileJson()).claims.find((claim) => claim.figure === 'net' && claim.fiscal_year === 'FY2023')!.id;

  it('corrects the figures, never the figures as imported, and withdraws', async () => {
    const before = await reconcileJson();
    const claim = await misstatedId();
    const missing = round(reported[1]!.value - net(expected.FY2023!), 3);
    const proposed = await cli(
      '--actor', 'auditor-jane', 'adjust', 'propose', file, '--kind', 'add-record', '--site', 'Leeds', '--activity', 'process_emissions',
      '--start', '2022-04-01', '--end', '2023-03-31', '--quantity', String(missing), '--unit', 'tCO2e', '--claim', String(claim), '--reason', 'Leeds site missing from the data (ESG report note 4)',
    );
    expect(proposed).toMatchObject({ code: 0, out: expect.stringContaining('Proposed adjustment #1: Add ') });
    const after = await reconcileJson();
    expect(after.periods).toEqual(before.periods);
    const fy2023 = after.corrected_periods.find((period) => period.label === 'FY2023')!;
    expect(fy2023.net_tco2e).toBeCloseTo(net(expected.FY2023!) + missing, 6);
    const corrected = after.claims.find((candidate) => candidate.id === claim)!;
    expect(corrected).toMatchObject({ status: 'agreed', status_uncorrected: 'exception', adjustments: [1] });
    // In aggregate the report's net now agrees, but Leeds's process emissions are Scope 1, which the
    // report gives without them: individually that claim is now misstated beyond materiality.
    expect(after.materiality).toMatchObject({ corrected_total: 0, conclusion: 'material', largest_individual: { figure: 'scope1' } });
    expect(after.materiality.largest_individual!.corrected).toBeCloseTo(reported[0]!.value - (expected.FY2023!.scope1 + missing), 6);
    expect(after.claims.find((candidate) => candidate.figure === 'scope1')).toMatchObject({ status: 'exception', status_uncorrected: 'agreed' });
    expect(after.materiality.uncorrected_total).toBeCloseTo(before.materiality.uncorrected_total, 9);
    expect(after.adjustments).toEqual([expect.objectContaining({ id: 1, kind: 'add-record', status: 'active', proposed_by: 'auditor-jane', records: [-1], proposed_from_claims: [claim] })]);
    expect(after.adjustments[0]!.claims).toContain(claim);

    expect((await cli('adjust', 'withdraw', file, '1', '--reason', 'the Leeds invoices are already in the data'))).toMatchObject({ code: 0 });
    const list = await cli('adjust', 'list', file);
    expect(list.out).toContain('WITHDRAWN');
    const withdrawn = await reconcileJson();
    expect(withdrawn.corrected_periods).toEqual(withdrawn.periods);
    expect(withdrawn.claims.find((candidate) => candidate.id === claim)!.status).toBe('exception');
    const log = (await cli('log', file, '--json')).out.trim().split('\n').map((line) => JSON.parse(line) as { operation: string; actor: string; params: { reason?: string } });
    const logged = log.filter((entry) => entry.operation.startsWith('adjustment.'));
    expect(logged.map((entry) => entry.operation)).toEqual(['adjustment.propose', 'adjustment.withdraw']);
    expect(logged.map((entry) => [entry.actor === 'auditor-jane', entry.params.reason])).toEqual([
      [true, 'Leeds site missing from the data (ESG report note 4)'],
      [false, 'the Leeds invoices are already in the data'],
    ]);
  });

  it('refuses an adjustment it cannot apply, changing nothing', async () => {
    const missingRecord = await cli('adjust', 'propose', file, '--kind', 'exclude-record', '--record', '999999', '--reason', 'duplicate');
    expect(missingRecord).toMatchObject({ code: 1, err: 'Error: No record 999999 in this engagement\n' });
    const noReason = await cli('adjust', 'propose', file, '--kind', 'exclude-record', '--record', '1');
    expect(noReason.code).toBe(2);
    const wrongUnit = await cli('adjust', 'propose', file, '--kind', 'correct-record', '--record', '1', '--unit', 'kg', '--reason', 'meter read in kg');
    expect(wrongUnit).toMatchObject({ code: 2, err: expect.stringContaining('kg measures mass; Electricity is measured in energy') });
    // Only the adjustment of the test before is on record.
    expect(JSON.parse((await cli('adjust', 'list', file, '--json')).out)).toHaveLength(1);
  });

  it('confirms a match, logged, and changes materiality, logged', async () => {
    const claim = await misstatedId();
    expect(await cli('claims', 'match', file, String(claim), 'net')).toMatchObject({ code: 0 });
    expect((await reconcileJson()).claims.find((candidate) => candidate.id === claim)!.match.origin).toBe('confirmed');
    expect(await cli('claims', 'match', file, String(claim), 'scope2')).toMatchObject({ code: 2, err: expect.stringContaining("'scope2' is not a figure") });

    const settings = await cli('settings', file, '--materiality', '10', '--tolerance', 'pue=0.01');
    expect(settings).toMatchObject({ code: 0, out: 'Materiality 10%, performance materiality 7.5%, clearly trivial 0.5%; tolerances pue ±0.01, clean_share ±0.5, data_centre_clean_share ±0.5\n' });
    // 6 % over: still an exception (above the clearly-trivial 0.5 %), but below performance materiality of 7.5 %.
    const json = await reconcileJson();
    expect(json.claims.find((candidate) => candidate.id === claim)!.reason).toContain('below performance materiality');
    expect(json.materiality).toMatchObject({ conclusion: 'not-material', materiality_percent: 10, metric_tolerances: { pue: 0.01 } });
    const log = (await cli('log', file, '--json')).out.trim().split('\n').map((line) => JSON.parse(line) as { operation: string; params: { before?: { materialityPercent: number }; after?: { materialityPercent: number } } });
    expect(log.map((entry) => entry.operation)).toEqual(expect.arrayContaining(['reconcile.match', 'engagement.updateSettings']));
    const change = log.find((entry) => entry.operation === 'engagement.updateSettings')!;
    expect([change.params.before?.materialityPercent, change.params.after?.materialityPercent]).toEqual([5, 10]);
  });
});
