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
import { calculate, recalculate, resultDigest } from '../../../electron/engine/inventory/calculate';
import { defaultLibraryDir, libraryFolder, loadFactorLibrary } from '../../../electron/engine/factors/library';
import { listSites, setSite } from '../../../electron/engine/inventory/boundary';
import { traceFigure } from '../../../electron/engine/inventory/trace';
import { toCalculateJson } from '../../../shared/calc/inventory-json';
import { fsum } from '../../../shared/calc/sum';
import { mappingSchema } from '../../../shared/import/mapping';
import { DATA_CENTRES_SHEET, OFFICES_SHEET, writeCompanyWorkbook, type CompanyWorkbookPlan } from '../../helpers/company-workbook';
import { TEST_ACTOR } from '../../helpers/engagement';
import { buildTwoYearEngagement, DIESEL_PER_LITRE, fiscalYearOf, independentRecalculation, NATURAL_GAS_PER_M3, UK_GRID_PER_KWH } from '../../helpers/two-year-engagement';

describe('a two-year engagement built from the company workbook', () => {
  let engagement: Engagement;
  let plan: CompanyWorkbookPlan;

  beforeAll(async () => {
    ({ engagement, plan } = await buildTwoYearEngagement(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-inventory-'))));
  });

  it('matches an independent recalculation of every figure, per fiscal year', () => {
    const result = calculate(engagement);
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
    expect(result.findings.filter((finding) => finding.kind === 'no-factor')).toEqual([]);
  });

  it('gives bit-identical results on every run', () => {
    const first = calculate(engagement);
    const second = calculate(engagement);
    expect(resultDigest(second)).toBe(resultDigest(first));
    expect(JSON.stringify(toCalculateJson(second, { bySite: true }))).toBe(JSON.stringify(toCalculateJson(first, { bySite: true })));
  });

  it('traces a figure down to its source rows and factor, summing to the figure', () => {
    const result = calculate(engagement);
    const trace = traceFigure(engagement, 'FY2023.scope1');
    expect(trace.tco2e).toBe(result.periods[1]!.scope1);
    const diesel = trace.lines.find((line) => line.activity === 'diesel')!;
    expect(diesel.source.sheet).toBe(OFFICES_SHEET);
    expect(diesel.factor).toMatchObject({ setKey: 'desnz-2020' });
    expect(diesel.co2ePerUnitKg).toBe(DIESEL_PER_LITRE);
    const reading = plan.offices.find((r) => r.rowNumber === diesel.source.rowNumber)!;
    expect(diesel.quantity).toBe(reading.dieselL);

    // Drill-down by fiscal quarter: monthly records land in their quarter, and the quarters add up to the figure.
    expect(trace.quarters.map((quarter) => quarter.label)).toEqual(['FY2023 Q1', 'FY2023 Q2', 'FY2023 Q3', 'FY2023 Q4']);
    const q1 = plan.offices.filter((r) => r.month >= '2022-04' && r.month <= '2022-06' && !plan.rejectedOfficeRows.has(r.rowNumber));
    const q1Expected = q1.reduce((sum, r) => sum + ((r.gasM3 ?? 0) * NATURAL_GAS_PER_M3 + (r.dieselL ?? 0) * DIESEL_PER_LITRE) / 1000, 0);
    expect(trace.quarters[0]!.tco2e).toBeCloseTo(q1Expected, 9);
    expect(fsum(trace.quarters.map((quarter) => quarter.tco2e))).toBe(trace.tco2e);
    expect(trace.months).toHaveLength(12);
    expect(fsum(trace.months.map((month) => month.tco2e))).toBe(trace.tco2e);
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
    fs.writeFileSync(factorTable, `Activity,Region,Factor,Unit,Source\nUK residual mix electricity,UK,${RESIDUAL_MIX_PER_KWH},kg CO2e/kWh,AIB European Residual Mixes\n`);
    const engagement = Engagement.create(path.join(dir, 'r.carbonaudit'), { entityName: 'Example Group', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, TEST_ACTOR);
    loadFactorLibrary(engagement);
    const offices = mappingSchema.parse((await previewImport(engagement.db, workbook, 'activity', { sheet: OFFICES_SHEET })).mapping);
    await runImport(engagement.db, { filePath: workbook, mapping: offices, ...TEST_ACTOR, settings: engagement.settings() });
    const factors = mappingSchema.parse({
      version: 1, kind: 'factors', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, layout: 'long', decimalSeparator: '.',
      columns: [
        { column: 0, header: 'Activity', role: 'activity' },
        { column: 1, header: 'Region', role: 'region' },
        { column: 2, header: 'Factor', role: 'factor_value' },
        { column: 3, header: 'Unit', role: 'factor_unit' },
        { column: 4, header: 'Source', role: 'source' },
      ],
    });
    await runImport(engagement.db, { filePath: factorTable, mapping: factors, ...TEST_ACTOR, settings: engagement.settings() });

    const result = calculate(engagement);
    for (const period of result.periods) {
      const readings = plan.offices.filter((r) => fiscalYearOf(r.month) === period.label && !plan.rejectedOfficeRows.has(r.rowNumber));
      const uncovered = readings.reduce((sum, r) => sum + (r.electricityKwh ?? 0) - Math.min(r.renewableKwh ?? 0, r.electricityKwh ?? 0), 0);
      const consumed = readings.reduce((sum, r) => sum + (r.electricityKwh ?? 0), 0);
      expect(period.scope2Market).toBeCloseTo((uncovered * RESIDUAL_MIX_PER_KWH) / 1000, 9);
      expect(period.scope2Location).toBeCloseTo((consumed * UK_GRID_PER_KWH) / 1000, 9);
    }
    const marketLine = result.lines.find((line) => line.basis === 'market' && line.activity === 'electricity')!;
    expect(marketLine.co2ePerUnitKg).toBe(RESIDUAL_MIX_PER_KWH);
    expect(result.findings).toEqual([]);
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
    const before = calculate(engagement);

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

    // Nothing moves until the auditor recalculates.
    expect(resultDigest(calculate(engagement))).toBe(resultDigest(before));

    const { changes } = recalculate(engagement);
    const fy2023Location = changes.find((change) => change.period === 'FY2023' && change.figure === 'scope2_location')!;
    expect(fy2023Location.before).toBe(before.periods[1]!.scope2Location);
    expect(fy2023Location.after).toBeCloseTo(before.periods[1]!.scope2Location! * (0.256454 / UK_GRID_PER_KWH), 9);
    expect(changes.some((change) => change.figure === 'scope1')).toBe(false);
    const logged = engagement.db.prepare("SELECT params_json FROM audit_log WHERE operation = 'recalculate'").get() as { params_json: string };
    expect(JSON.parse(logged.params_json).changes).toEqual(changes);
    expect(calculate(engagement).periods[1]!.scope2Location).toBe(fy2023Location.after);
    engagement.close();
  });
});
