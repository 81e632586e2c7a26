/**
 * The engine against an independent recalculation: a two-year engagement built from the import
 * test's company workbook, with the default factor library, recomputed from the workbook plan and
 * the published DESNZ 2020 values by plain arithmetic written here, not by the engine's code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { previewImport } from '../../../electron/engine/import/preview';
import { runImport } from '../../../electron/engine/import/pipeline';
import { calculate, recalculate } from '../../../electron/engine/inventory/calculate';
import { defaultLibraryDir, libraryFolder, loadFactorLibrary } from '../../../electron/engine/factors/library';
import { listSites, setSite } from '../../../electron/engine/inventory/boundary';
import { inventoryResults, storedResultLines } from '../../../electron/engine/inventory/results';
import { traceBreakdown, traceFigure } from '../../../electron/engine/inventory/trace';
import { runCli } from '../../../electron/cli/main';
import { factorsForCalculation, frozenFactorSetIds } from '../../../electron/engine/factors/service';
import { calculateInventory, type CalcRecord, type ResultLine } from '../../../shared/calc/inventory';
import { toCalculateJson } from '../../../shared/calc/inventory-json';
import { fsum } from '../../../shared/calc/sum';
import { seededRandom } from '../../helpers/random';
import { mappingSchema } from '../../../shared/import/mapping';
import { DATA_CENTRES_SHEET, OFFICES_SHEET, writeCompanyWorkbook, type CompanyWorkbookPlan } from '../../helpers/company-workbook';
import { TEST_ACTOR } from '../../helpers/engagement';
import { FACTOR_TABLE_HEADER, FACTOR_TABLE_MAPPING } from '../../helpers/factor-table';
import { DIESEL_PER_LITRE, fiscalYearOf, independentRecalculation, NATURAL_GAS_PER_M3, UK_GRID_PER_KWH } from '../../helpers/independent-recalculation';
import { buildTwoYearEngagement } from '../../helpers/two-year-engagement';

describe('a two-year engagement built from the company workbook', () => {
  let engagement: Engagement;
  let plan: CompanyWorkbookPlan;

  beforeAll(async () => {
    ({ engagement, plan } = await buildTwoYearEngagement(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-inventory-'))));
  });

  it('matches an independent recalculation of every figure, per fiscal year', async () => {
    await calculate(engagement);
    const result = inventoryResults(engagement);
    const expected = independentRecalculation(plan);
    expect(result.periods.map((period) => [period.label, period.start, period.end])).toEqual([
      ['FY2022', '2021-04-01', '2022-03-31'],
      ['FY2023', '2022-04-01', '2023-03-31'],
    ]);
    for (const period of result.periods) {
      const want = expected[period.label]!;
      expect(period.scope1).toBeCloseTo(want.scope1, 9);
      expect(period.scope2Location).toBeCloseTo(want.location, 9);
      expect(period.scope2Market).toBeCloseTo(want.market, 9);
      expect(period.net).toBeCloseTo(want.scope1 + want.market, 9);
      expect(period.scope3).toBeNull();
      expect(period.avoided).toBeNull();
      expect(period.metrics.pue).toBeCloseTo(want.facilityKwh / want.itKwh, 12);
      expect(period.metrics.dataCentreCleanShare).toBeCloseTo(want.dcCleanKwh / want.dcElectricityKwh, 12);
      expect(period.metrics.cleanShare).toBeCloseTo(want.cleanKwh / want.electricityKwh, 12);
    }
    // The year-on-year movement an ESG report would quote, re-performed.
    const [fy2022, fy2023] = result.periods;
    const change = (fy2023!.net! - fy2022!.net!) / fy2022!.net!;
    const wantChange = (expected.FY2023!.scope1 + expected.FY2023!.market - (expected.FY2022!.scope1 + expected.FY2022!.market)) / (expected.FY2022!.scope1 + expected.FY2022!.market);
    expect(change).toBeCloseTo(wantChange, 9);
    expect(result.findings.groups.filter((group) => group.kind === 'no-factor')).toEqual([]);
  });

  it('gives bit-identical results on every run, streamed and stored or in memory in any record order', async () => {
    await calculate(engagement);
    const first = JSON.stringify(toCalculateJson(inventoryResults(engagement), { bySite: true }).periods);
    const storedLines = await linesOf(engagement);
    // Recalculated from scratch: the stored run is deleted, so nothing is reused.
    engagement.db.exec("DELETE FROM calc_line; DELETE FROM calc_pricing; DELETE FROM calc_group; DELETE FROM calc_finding_group; DELETE FROM calc_run");
    expect((await calculate(engagement)).reused).toBe(false);
    expect(JSON.stringify(toCalculateJson(inventoryResults(engagement), { bySite: true }).periods)).toBe(first);
    expect(await linesOf(engagement)).toEqual(storedLines);

    // The in-memory calculation of the same records, shuffled, gives the same figures and lines.
    const records = engagement.db.prepare('SELECT * FROM activity_record').all() as Record<string, unknown>[];
    const random = seededRandom(11);
    const shuffled = records.map((row) => ({ row, key: random() })).sort((a, b) => a.key - b.key).map(({ row }) => calcRecord(row));
    const settings = engagement.settings();
    const inMemory = calculateInventory({
      records: shuffled,
      factors: factorsForCalculation(engagement.db, frozenFactorSetIds(engagement.db)),
      sites: listSites(engagement).filter((site) => site.configured),
      settings: { fiscal: { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule }, gwpBasis: settings.gwpBasis, consolidationApproach: settings.consolidationApproach, defaultRegion: settings.defaultRegion },
    });
    expect(JSON.stringify(inMemory.periods)).toBe(JSON.stringify(inventoryResults(engagement).periods));
    expect(inMemory.lines).toEqual(storedLines);
  });

  it('traces a figure down to its source rows and factor, summing to the figure', async () => {
    await calculate(engagement);
    const result = inventoryResults(engagement);
    const trace = traceFigure(engagement, { figure: 'FY2023.scope1', page: 0, pageSize: 1000, sort: 'record', descending: false });
    expect(trace.status.state).toBe('current');
    expect(trace.tco2e).toBe(result.periods[1]!.scope1);
    expect(trace.lineCount).toBe(trace.lines.length);
    expect(fsum(trace.lines.map((line) => line.tco2e))).toBe(trace.tco2e);
    const diesel = trace.lines.find((line) => line.activity === 'diesel')!;
    expect(diesel.source.sheet).toBe(OFFICES_SHEET);
    expect(diesel.factor).toMatchObject({ setKey: 'desnz-2020' });
    expect(diesel.co2ePerUnitKg).toBe(DIESEL_PER_LITRE);
    const reading = plan.offices.find((r) => r.rowNumber === diesel.source.rowNumber)!;
    expect(diesel.quantity).toBe(reading.dieselL);

    // Drill-down by fiscal quarter: monthly records land in their quarter, and the quarters add up to the figure.
    const breakdown = traceBreakdown(engagement, { figure: 'FY2023.scope1' });
    expect(breakdown.quarters.map((quarter) => quarter.label)).toEqual(['FY2023 Q1', 'FY2023 Q2', 'FY2023 Q3', 'FY2023 Q4']);
    const q1 = plan.offices.filter((r) => r.month >= '2022-04' && r.month <= '2022-06' && !plan.rejectedOfficeRows.has(r.rowNumber));
    const q1Expected = q1.reduce((sum, r) => sum + ((r.gasM3 ?? 0) * NATURAL_GAS_PER_M3 + (r.dieselL ?? 0) * DIESEL_PER_LITRE) / 1000, 0);
    expect(breakdown.quarters[0]!.tco2e).toBeCloseTo(q1Expected, 9);
    expect(fsum(breakdown.quarters.map((quarter) => quarter.tco2e))).toBe(trace.tco2e);
    expect(breakdown.months).toHaveLength(12);
    expect(fsum(breakdown.months.map((month) => month.tco2e))).toBe(trace.tco2e);
  });
});

describe('a figure traced from the stored results', () => {
  it('pages, sorts, filters and subtotals a figure’s lines, its totals exact whatever the filter', async () => {
    const { engagement } = await buildTwoYearEngagement(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-trace-')));
    await calculate(engagement);
    const fy2023 = inventoryResults(engagement).periods.find((period) => period.label === 'FY2023')!;
    const query = { figure: 'FY2023.scope2_location', page: 0, pageSize: 1000, sort: 'record' as const, descending: false };
    const all = traceFigure(engagement, query);
    expect(all.lineCount).toBe(all.lines.length);
    expect(all.tco2e).toBe(fy2023.scope2Location);
    expect(fsum(all.lines.map((line) => line.tco2e))).toBe(all.tco2e);
    expect(all.lines.map((line) => line.recordId)).toEqual([...all.lines.map((line) => line.recordId)].sort((a, b) => a - b));

    // One page at a time, in the same order.
    const pages = [0, 1, 2].flatMap((page) => traceFigure(engagement, { ...query, page, pageSize: 10 }).lines);
    expect(pages).toEqual(all.lines.slice(0, 30));
    // Sorted by tCO2e, largest first; equal ones in record order.
    const sorted = traceFigure(engagement, { ...query, sort: 'tco2e', descending: true }).lines;
    expect(sorted.map((line) => line.tco2e)).toEqual(all.lines.map((line) => line.tco2e).sort((a, b) => b - a));

    // One site: its stored figure, and subtotals by site that are each site's figure.
    const dcNorth = traceFigure(engagement, { ...query, site: 'DC North' });
    expect(dcNorth.lines.every((line) => line.site === 'DC North')).toBe(true);
    expect(dcNorth.tco2e).toBe(fy2023.sites.find((site) => site.site === 'DC North')!.scope2Location);
    const bySite = traceFigure(engagement, { ...query, pageSize: 1, subtotalBy: 'site' });
    expect(new Map(bySite.subtotals!.map((subtotal) => [subtotal.key, subtotal.tco2e]))).toEqual(
      new Map(fy2023.sites.filter((site) => site.scope2Location !== null).map((site) => [site.site, site.scope2Location])),
    );
    expect(bySite.subtotals!.reduce((lines, subtotal) => lines + subtotal.lines, 0)).toBe(all.lineCount);

    // An activity, a source file and the records of one quarter: each total the exact sum of the lines kept.
    const facility = traceFigure(engagement, { ...query, activity: 'facility_energy' });
    expect(facility.lines.length).toBeGreaterThan(0);
    expect(facility.lines.every((line) => line.activity === 'facility_energy')).toBe(true);
    expect(facility.tco2e).toBe(fsum(all.lines.filter((line) => line.activity === 'facility_energy').map((line) => line.tco2e)));
    const dataCentresFile = (engagement.db.prepare('SELECT id FROM source_file WHERE sheet = ?').get(DATA_CENTRES_SHEET) as { id: number }).id;
    const fromDataCentres = traceFigure(engagement, { ...query, sourceFileId: dataCentresFile, subtotalBy: 'activity' });
    expect(fromDataCentres.lines.every((line) => line.source.sheet === DATA_CENTRES_SHEET)).toBe(true);
    expect(fromDataCentres.lineCount).toBe(all.lines.filter((line) => line.source.sheet === DATA_CENTRES_SHEET).length);
    expect(fromDataCentres.subtotals!.map((subtotal) => subtotal.key)).toEqual(['facility_energy']);
    const q1 = traceFigure(engagement, { ...query, periodFrom: '2022-04-01', periodTo: '2022-06-30' });
    const inQ1 = all.lines.filter((line) => line.periodEnd >= '2022-04-01' && line.periodStart <= '2022-06-30');
    expect(q1.lines).toEqual(inQ1);
    expect(q1.tco2e).toBe(fsum(inQ1.map((line) => line.tco2e)));
    expect(q1.tco2e).toBe(traceBreakdown(engagement, { figure: 'FY2023.scope2_location' }).quarters[0]!.tco2e);

    // The command line pages the same way.
    let out = '';
    expect(await runCli(['trace', engagement.filePath, '--figure', 'FY2023.scope2_location', '--page-size', '5', '--page', '2', '--subtotal', 'site'], { out: (text) => (out += text), err: () => undefined })).toBe(0);
    expect(out).toContain(`lines 6–10 of ${all.lineCount}`);
    expect(out.split('\n').filter((line) => line.startsWith('  record '))).toHaveLength(5);
    expect(out).toContain('By site:');
    engagement.close();
  });
});

describe('the reporting boundary', () => {
  it('lists sites named in the records with their attributes, configured or not', async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-boundary-'));
    const workbook = path.join(dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
    const engagement = Engagement.create(path.join(dir, 'b.carbonaudit'), { entityName: 'Example Group', fiscalYearStartMonth: 4, consolidationApproach: 'equity-share' }, TEST_ACTOR);
    const mapping = mappingSchema.parse((await previewImport(engagement.db, workbook, 'activity', { sheet: DATA_CENTRES_SHEET })).mapping);
    await runImport(engagement.db, { filePath: workbook, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    setSite(engagement, 'DC South', { ownershipPercent: 40, isDataCentre: true });
    setSite(engagement, 'Leeds (planned)', { operationalControl: false });
    // Both data centres have IT-energy records, so the calculation treats DC North as one too, untagged.
    expect(listSites(engagement)).toEqual([
      { name: 'DC North', ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: null, configured: false, records: 72, dataCentreByRecords: true },
      { name: 'DC South', ownershipPercent: 40, operationalControl: true, financialControl: true, isDataCentre: true, region: null, configured: true, records: 72, dataCentreByRecords: true },
      { name: 'Leeds (planned)', ownershipPercent: 100, operationalControl: false, financialControl: true, isDataCentre: false, region: null, configured: true, records: 0, dataCentreByRecords: false },
    ]);
    const entry = engagement.db.prepare("SELECT params_json FROM audit_log WHERE operation = 'site.set' ORDER BY seq LIMIT 1").get() as { params_json: string };
    expect(JSON.parse(entry.params_json)).toMatchObject({ before: null, after: { name: 'DC South', ownershipPercent: 40 } });
    engagement.close();
  });
});

describe('a residual-mix factor imported from a factor table', () => {
  const RESIDUAL_MIX_PER_KWH = 0.35;

  it('prices electricity no instrument covers at the residual mix (market-based), leaving location-based on the grid average', async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-residual-'));
    const workbook = path.join(dir, 'company.xlsx');
    const plan = await writeCompanyWorkbook(workbook);
    const factorTable = path.join(dir, 'residual-mix.csv');
    fs.writeFileSync(factorTable, `${FACTOR_TABLE_HEADER}\nUK residual mix electricity,UK,${RESIDUAL_MIX_PER_KWH},kg CO2e/kWh,AIB European Residual Mixes\n`);
    const engagement = Engagement.create(path.join(dir, 'r.carbonaudit'), { entityName: 'Example Group', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, TEST_ACTOR);
    loadFactorLibrary(engagement);
    const offices = mappingSchema.parse((await previewImport(engagement.db, workbook, 'activity', { sheet: OFFICES_SHEET })).mapping);
    await runImport(engagement.db, { filePath: workbook, mapping: offices, ...TEST_ACTOR, settings: engagement.settings() });
    await runImport(engagement.db, { filePath: factorTable, mapping: FACTOR_TABLE_MAPPING, ...TEST_ACTOR, settings: engagement.settings() });

    await calculate(engagement);
    const result = inventoryResults(engagement);
    for (const period of result.periods) {
      const readings = plan.offices.filter((r) => fiscalYearOf(r.month) === period.label && !plan.rejectedOfficeRows.has(r.rowNumber));
      const uncovered = readings.reduce((sum, r) => sum + (r.electricityKwh ?? 0) - Math.min(r.renewableKwh ?? 0, r.electricityKwh ?? 0), 0);
      const consumed = readings.reduce((sum, r) => sum + (r.electricityKwh ?? 0), 0);
      expect(period.scope2Market).toBeCloseTo((uncovered * RESIDUAL_MIX_PER_KWH) / 1000, 9);
      expect(period.scope2Location).toBeCloseTo((consumed * UK_GRID_PER_KWH) / 1000, 9);
    }
    const marketLine = (await linesOf(engagement)).find((line) => line.basis === 'market' && line.activity === 'electricity')!;
    expect(marketLine.co2ePerUnitKg).toBe(RESIDUAL_MIX_PER_KWH);
    expect(result.findings.total).toBe(0);
    engagement.close();
  });
});

describe('frozen factor versions', () => {
  it('keeps results unchanged when a newer library is loaded, until recalculation shows and logs the diff', async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-frozen-'));
    const workbook = path.join(dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
    const engagement = Engagement.create(path.join(dir, 'f.carbonaudit'), { entityName: 'Example Group', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, TEST_ACTOR);
    loadFactorLibrary(engagement);
    const offices = mappingSchema.parse((await previewImport(engagement.db, workbook, 'activity', { sheet: OFFICES_SHEET })).mapping);
    await runImport(engagement.db, { filePath: workbook, mapping: offices, ...TEST_ACTOR, settings: engagement.settings() });
    await calculate(engagement);
    const before = inventoryResults(engagement);

    // A corrected edition of the library: the UK grid factor revised upwards by 10%.
    const revised = path.join(dir, 'library');
    fs.mkdirSync(revised);
    const desnz = JSON.parse(fs.readFileSync(path.join(defaultLibraryDir(), 'desnz-2020.json'), 'utf8')) as { meta: { edition: string }; factors: { activityKey?: string; co2ePerUnitKg?: number; gases: { value: number }[] }[] };
    desnz.meta.edition = '2020 (revised)';
    for (const factor of desnz.factors) {
      if (factor.activityKey === 'electricity' && factor.co2ePerUnitKg === UK_GRID_PER_KWH) {
        factor.co2ePerUnitKg = 0.256454;
        factor.gases = factor.gases.map((gas) => ({ ...gas, value: gas.value * 1.1 }));
      }
    }
    fs.writeFileSync(path.join(revised, 'desnz-2020.json'), JSON.stringify(desnz));
    expect(loadFactorLibrary(engagement, libraryFolder(revised))).toEqual([{ setKey: 'desnz-2020', edition: '2020 (revised)', factors: desnz.factors.length, added: true }]);

    // Nothing moves until the auditor recalculates: the stored results stay current and are kept.
    expect(inventoryResults(engagement).status.state).toBe('current');
    expect((await calculate(engagement)).reused).toBe(true);
    expect(inventoryResults(engagement).periods).toEqual(before.periods);

    const { changes } = await recalculate(engagement);
    const fy2023Location = changes.find((change) => change.period === 'FY2023' && change.figure === 'scope2_location')!;
    expect(fy2023Location.before).toBe(before.periods[1]!.scope2Location);
    expect(fy2023Location.after).toBeCloseTo(before.periods[1]!.scope2Location! * (0.256454 / UK_GRID_PER_KWH), 9);
    expect(changes.some((change) => change.figure === 'scope1')).toBe(false);
    const logged = engagement.db.prepare("SELECT params_json FROM audit_log WHERE operation = 'recalculate'").get() as { params_json: string };
    expect(JSON.parse(logged.params_json).changes).toEqual(changes);
    expect(inventoryResults(engagement).periods[1]!.scope2Location).toBe(fy2023Location.after);
    expect((await calculate(engagement)).reused).toBe(true);
    engagement.close();
  });
});

/** Every stored line of the engagement's results, in record order. */
async function linesOf(engagement: Engagement): Promise<ResultLine[]> {
  const lines: ResultLine[] = [];
  for await (const row of storedResultLines(engagement).lines()) lines.push(row.line);
  return lines;
}

function calcRecord(row: Record<string, unknown>): CalcRecord {
  return {
    id: row.id as number, site: row.site as string | null, periodStart: row.period_start as string, periodEnd: row.period_end as string, activity: row.activity as string,
    meaning: row.meaning as CalcRecord['meaning'], quantity: row.quantity as number, unit: row.unit as string, unitBasis: row.unit_basis as CalcRecord['unitBasis'],
    scope3Category: row.scope3_category as number | null, region: row.region as string | null, instrument: row.instrument as string | null,
  };
}
