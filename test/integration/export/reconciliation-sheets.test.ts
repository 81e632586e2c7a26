/**
 * The audited workbook's reconciliation sheets (Targets, Claims reconciliation, Adjustments,
 * Misstatements), and the lead schedule's reported, variance, status and target columns over them,
 * for the two-year engagement with its reported figures (FY2023 net overstated by
 * 6 %), a target and an adjustment: read back with exceljs, and recalculated by LibreOffice, whose
 * variances, on-track flags and totals must be the engine's.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { exportWorkbook } from '../../../electron/engine/export/service';
import { runImport } from '../../../electron/engine/import/pipeline';
import { proposeAdjustment, reconcileWithInventory } from '../../../electron/engine/reconcile/service';
import { mappingSchema } from '../../../shared/import/mapping';
import type { ReconciliationReport } from '../../../shared/reconcile/report';
import { claimsMapping, targetsMapping, TEST_ACTOR } from '../../helpers/engagement';
import { csvNumber, recalculatedSheets } from '../../helpers/libreoffice';
import { net, reportedFigures, round, writeReported } from '../../helpers/reported-figures';
import { independentRecalculation } from '../../helpers/independent-recalculation';
import { buildTwoYearEngagement } from '../../helpers/two-year-engagement';

const TARGETS = ['Metric,Target,Unit,Target year,Base year', 'Reduce net emissions (Scope 1 and 2 market-based),-42,%,FY2030,FY2022'].join('\n');

/** The rows of a recalculated sheet below its header (the row starting with `firstHeader`). */
function tableRows(sheets: Map<string, string[][]>, name: string, firstHeader: string): string[][] {
  const rows = sheets.get(name)!;
  const header = rows.findIndex((row) => row[0] === firstHeader);
  expect(header, name).toBeGreaterThan(0);
  return rows.slice(header + 1);
}

describe('the reconciliation sheets of the audited workbook', () => {
  let dir: string;
  let engagement: Engagement;
  let report: ReconciliationReport;
  const book = () => path.join(dir, 'audited.xlsx');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-export-reconcile-'));
    const built = await buildTwoYearEngagement(dir);
    engagement = built.engagement;
    const expected = independentRecalculation(built.plan);
    const reported = reportedFigures(expected);
    const claims = path.join(dir, 'reported.xlsx');
    await writeReported(claims, reported);
    await runImport(engagement.db, { filePath: claims, mapping: mappingSchema.parse(claimsMapping('ESG report')), ...TEST_ACTOR, settings: engagement.settings() });
    const targets = path.join(dir, 'targets.csv');
    fs.writeFileSync(targets, TARGETS);
    await runImport(engagement.db, { filePath: targets, mapping: mappingSchema.parse(targetsMapping()), ...TEST_ACTOR, settings: engagement.settings() });
    proposeAdjustment(engagement, {
      details: { kind: 'add-record', record: { site: 'Leeds', periodStart: '2022-04-01', periodEnd: '2023-03-31', activity: 'process_emissions', meaning: 'consumption', quantity: round(reported[1]!.value - net(expected.FY2023!), 3), unit: 'tCO2e' } },
      reason: 'Leeds site missing from the data',
    });
    report = (await reconcileWithInventory(engagement)).report;
    await exportWorkbook(engagement, { workbookPath: book(), detail: 'full' });
  });

  it('writes each claim with its variances as formulas, the figure as imported read from the lead schedule', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book());
    const sheet = workbook.getWorksheet('Claims reconciliation')!;
    const claim = report.claims.find((candidate) => candidate.figure === 'net' && candidate.fiscalYear === 'FY2023')!;
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((candidate) => {
      if (candidate.getCell(1).value === claim.id) row = candidate;
    });
    expect(row).toBeDefined();
    expect(row!.getCell(8).value).toBe(claim.reported);
    expect(row!.getCell(9).value).toBe(claim.recomputed);
    expect(row!.getCell(10).value).toMatchObject({ formula: `H${row!.number}-I${row!.number}` });
    expect(row!.getCell(12).value).toBe('Agreed');
    expect(row!.getCell(14).value).toMatchObject({ formula: 'IF(Lead_FY2023_net="","",Lead_FY2023_net)', result: claim.recomputedUncorrected });
    expect(row!.getCell(16).value).toBe('Exception');
  });

  it('reads each figure’s reported value, status and target on the lead schedule from the reconciliation sheets', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book());
    const lead = workbook.getWorksheet('Lead schedule')!;
    const rowOf = (year: string, label: string) => {
      let found: ExcelJS.Row | undefined;
      lead.eachRow((row) => {
        if (row.getCell(1).value === year && row.getCell(2).value === label) found = row;
      });
      expect(found, `${year} ${label}`).toBeDefined();
      return found!;
    };
    const claim = report.claims.find((candidate) => candidate.figure === 'net' && candidate.fiscalYear === 'FY2023')!;
    const claimsSheet = workbook.getWorksheet('Claims reconciliation')!;
    let claimRow = 0;
    claimsSheet.eachRow((row) => {
      if (row.getCell(1).value === claim.id) claimRow = row.number;
    });
    const row = rowOf('FY2023', 'Net (Scope 1 + market-based Scope 2)');
    const r = row.number;
    expect(row.getCell(9).value).toEqual({ formula: `'Claims reconciliation'!$H$${claimRow}`, result: claim.reported });
    expect(row.getCell(10).value).toMatchObject({ formula: `IF(OR(I${r}="",D${r}=""),"",I${r}-D${r})` });
    expect((row.getCell(10).value as ExcelJS.CellFormulaValue).result).toBeCloseTo(claim.varianceAbsUncorrected!, 6);
    expect(row.getCell(11).value).toEqual({ formula: `'Claims reconciliation'!$P$${claimRow}`, result: 'Exception' });
    const target = report.targets[0]!;
    const year = target.years.find((candidate) => candidate.period === 'FY2023')!;
    expect(row.getCell(12).value).toMatchObject({ formula: expect.stringMatching(/^'Targets'!\$I\$\d+$/), result: year.pathway });
    expect(row.getCell(13).value).toMatchObject({ formula: `IF(OR(L${r}="",D${r}=""),"",IF(D${r}<=L${r},"Yes","No"))` });
    expect(row.getCell(14).value).toBe(`claim #${claim.id}; target #${target.id}`);
    // A figure nobody reported has no reported value, variance or status: blank, never zero.
    const scope3 = rowOf('FY2023', 'Scope 3');
    expect([9, 10, 11].map((column) => scope3.getCell(column).value)).toEqual([null, null, null]);
  });

  it('recalculates to the engine’s variances, on-track flags and misstatement totals in LibreOffice', () => {
    const sheets = recalculatedSheets(book(), dir);
    const claims = new Map(tableRows(sheets, 'Claims reconciliation', 'Claim').filter((row) => row[0]).map((row) => [Number(row[0]), row]));
    for (const claim of report.claims) {
      const row = claims.get(claim.id)!;
      if (claim.varianceAbsUncorrected !== null) expect(csvNumber(row[14]), `claim ${claim.id}`).toBeCloseTo(claim.varianceAbsUncorrected, claim.unit === 'fraction' ? 4 : 3);
      if (claim.recomputedUncorrected !== null) expect(csvNumber(row[13]), `claim ${claim.id}`).toBeCloseTo(claim.recomputedUncorrected, claim.unit === 'fraction' ? 4 : 3);
    }
    // The lead schedule's reported, variance and status are each entity claim's, as imported; its target the pathway.
    const lead = new Map(tableRows(sheets, 'Lead schedule', 'Fiscal year').map((row) => [`${row[0]}|${row[1]}`, row]));
    const entityClaims = report.claims.filter((claim) => claim.site === null && claim.reported !== null && claim.figure !== null);
    expect(entityClaims.length).toBeGreaterThanOrEqual(6);
    for (const claim of entityClaims) {
      const row = [...lead.values()].find((candidate) => candidate[0] === claim.fiscalYear && (/^claim ([^;]+)/.exec(candidate[13]!)?.[1]!.split(', ') ?? []).includes(`#${claim.id}`))!;
      expect(row, `claim ${claim.id}`).toBeDefined();
      const places = claim.unit === 'fraction' ? 4 : 3;
      expect(csvNumber(row[8]), `claim ${claim.id}`).toBeCloseTo(claim.reported!, places);
      expect(csvNumber(row[9]), `claim ${claim.id}`).toBeCloseTo(claim.varianceAbsUncorrected!, places);
      expect(row[10], `claim ${claim.id}`).toBe({ agreed: 'Agreed', 'within-tolerance': 'Within tolerance', exception: 'Exception', incomplete: 'Incomplete', unmatched: 'Unmatched' }[claim.statusUncorrected]);
    }
    const target = report.targets[0]!;
    const yearsWithActuals = target.years.filter((year) => year.actualUncorrected !== null);
    expect(yearsWithActuals.map((year) => year.period)).toEqual(['FY2022', 'FY2023']);
    for (const year of yearsWithActuals) {
      const row = lead.get(`${year.period}|Net (Scope 1 + market-based Scope 2)`)!;
      expect(csvNumber(row[11])).toBeCloseTo(year.pathway!, 3);
      expect(row[12]).toBe(year.actualUncorrected! <= year.pathway! ? 'Yes' : 'No');
    }
    const targetRows = tableRows(sheets, 'Targets', 'Target').filter((row) => row[0] === String(target.id));
    expect(targetRows.map((row) => [row[7], row[10]])).toEqual(target.years.map((year) => [year.period, year.onTrack === null ? '' : year.onTrack ? 'Yes' : 'No']));
    const misstatements = tableRows(sheets, 'Misstatements', 'Fiscal year');
    const totals = misstatements.filter((row) => row[1] === 'Total, not offsetting');
    expect(totals.map((row) => [row[0], csvNumber(row[3]), csvNumber(row[4])])).toEqual(
      [...report.materiality.years].reverse().map((year) => [year.period, expect.closeTo(year.uncorrectedTotal, 3), expect.closeTo(year.correctedTotal, 3)]),
    );
    const fy2023 = report.materiality.years.find((year) => year.period === 'FY2023')!;
    const materiality = misstatements.find((row) => row[0] === 'FY2023' && row[1]!.startsWith('Materiality'))!;
    expect(csvNumber(materiality[3])).toBeCloseTo(fy2023.amounts!.overall, 3);
    expect(tableRows(sheets, 'Adjustments', 'Adjustment')[0]!.slice(0, 3)).toEqual(['1', 'add-record', expect.stringContaining('Add ')]);
  });
});
