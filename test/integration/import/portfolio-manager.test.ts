/**
 * Issue 17: a property export in the shape of ENERGY STAR Portfolio Manager's, through the
 * suggestion, the import and the calculation. Expected records, claims, findings and emissions
 * come from the workbook's plan and the factor table's values by plain arithmetic here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { listAuditEntries } from '../../../electron/engine/engagement/service';
import { runImport } from '../../../electron/engine/import/pipeline';
import { previewImport } from '../../../electron/engine/import/preview';
import { listImportFindings } from '../../../electron/engine/import/service';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { inventoryResults, storedResultLines } from '../../../electron/engine/inventory/results';
import { columnLetter } from '../../../shared/import/cell';
import { mappingSchema, type Mapping } from '../../../shared/import/mapping';
import type { ColumnSuggestion } from '../../../shared/import/suggest';
import { cli } from '../../helpers/cli';
import { TEST_ACTOR } from '../../helpers/engagement';
import { writeCompanyFactorTable } from '../../helpers/factor-table';
import {
  columnIndex,
  GJ_PER_KWH,
  PM_COLUMNS,
  PM_SHEET,
  portfolioPlan,
  US_FACTORS,
  writePortfolioWorkbook,
  US_COMPANY_FACTORS,
  type PortfolioPlan,
  type Property,
} from '../../helpers/portfolio-manager-workbook';
import { useTempDir } from '../../helpers/temp';

const LOCATION_TOTAL = 'Total (Location-Based) GHG Emissions';

/** The factor table for the region, as the company sends it. */
async function writeUsFactors(file: string): Promise<void> {
  await writeCompanyFactorTable(file, US_COMPANY_FACTORS, 'US factors');
}

interface RecordRow { site: string; activity: string; quantity: number; unit: string; period: string }

/** What the import must create from the plan: one record per filled energy and floor area, each for the twelve months ending on its date. */
function expectedRecords(plan: PortfolioPlan): RecordRow[] {
  const period = (p: Property) => (p.yearEnding === '2023-12-31' ? '2023-01-01..2023-12-31' : '2022-07-01..2023-06-30');
  return plan.properties
    .flatMap((p) => [
      ['floor_area', p.gfaM2, 'm2'],
      ['electricity', p.electricityKwh, 'kWh'],
      ['natural_gas', p.gasTherms, 'therm'],
      ['heat_steam', p.steamGj, 'GJ'],
      ['district_cooling', p.chilledWaterGj, 'GJ'],
      ['wood', p.woodGj, 'GJ'],
    ].flatMap(([activity, quantity, unit]) => (quantity === null ? [] : [{ site: p.name, activity: activity as string, quantity: quantity as number, unit: unit as string, period: period(p) }])))
    .sort((a, b) => a.site.localeCompare(b.site) || a.activity.localeCompare(b.activity));
}

/** Scope 1 and location-based Scope 2 of one property's year, from the plan and the factor table. */
function recomputedLocationTotal(p: Property): number {
  const scope1 = ((p.gasTherms ?? 0) * US_FACTORS.naturalGasPerTherm + (p.woodGj ?? 0) * US_FACTORS.woodScope1PerGj) / 1000;
  const scope2 = ((p.electricityKwh ?? 0) * US_FACTORS.electricity + (p.steamGj ?? 0) * US_FACTORS.steamPerGj + (p.chilledWaterGj ?? 0) * US_FACTORS.chilledWaterPerGj) / 1000;
  return scope1 + scope2;
}

describe('a Portfolio Manager property export', () => {
  const tempDir = useTempDir();
  let workbook: string;
  let plan: PortfolioPlan;
  let suggestion: Mapping;
  let columns: readonly ColumnSuggestion[];

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-pm-'));
    workbook = path.join(dir, 'portfolio-manager-export.xlsx');
    plan = await writePortfolioWorkbook(workbook);
    const preview = await previewImport(null, workbook, 'activity');
    suggestion = mappingSchema.parse(preview.mapping);
    columns = preview.columns;
  });

  const roleOf = (header: string) => columns.find((column) => column.header === header)!;

  function calendarEngagement(): Engagement {
    return Engagement.create(path.join(tempDir(), 'portfolio.carbonaudit'), { entityName: 'Harbor Properties', fiscalYearStartMonth: 1 }, TEST_ACTOR);
  }

  it('suggests each energy once in its metered unit with its GJ twin checked, ignores derived and descriptive columns, and offers the GHG totals as claims', () => {
    expect(PM_COLUMNS.length).toBeGreaterThanOrEqual(40);
    expect(suggestion.table).toMatchObject({ headerRowNumber: 5, firstDataRowNumber: 6 });
    expect(suggestion.layout).toBe('wide');
    const values = suggestion.columns.filter((column) => column.role === 'value').map((column) => [column.header, column.activity, column.meaning, column.unitText]);
    expect(values).toEqual([
      ['Property GFA - Self-Reported (m²)', 'floor_area', 'denominator', 'm²'],
      ['Electricity Use - Grid Purchase (kWh)', 'electricity', 'consumption', 'kWh'],
      ['Natural Gas Use (therms)', 'natural_gas', 'consumption', 'therms'],
      ['District Steam Use (GJ)', 'heat_steam', 'consumption', 'GJ'],
      ['District Chilled Water Use (GJ)', 'district_cooling', 'consumption', 'GJ'],
      ['Wood Use (GJ)', 'wood', 'consumption', 'GJ'],
      ['Fuel Oil #2 Use (GJ)', 'fuel_oil', 'consumption', 'GJ'],
      ['Green Power - Onsite and Offsite (kWh)', 'clean_electricity', 'instrument', 'kWh'],
    ]);
    expect(roleOf('Electricity Use - Grid Purchase (GJ)')).toMatchObject({ role: 'twin', twinOf: columnIndex('Electricity Use - Grid Purchase (kWh)') });
    expect(roleOf('Natural Gas Use (GJ)')).toMatchObject({ role: 'twin', twinOf: columnIndex('Natural Gas Use (therms)') });
    expect(roleOf('Natural Gas Use (GJ)').reason).toContain('same quantity as column AA (Natural Gas Use (therms)) in another unit: not imported, checked');
    for (const header of ['Site EUI (GJ/m²)', 'Weather Normalized Site EUI (GJ/m²)', 'Site Energy Use (GJ)', 'Source Energy Use (GJ)', 'Weather Normalized Site Energy Use (GJ)', 'Total GHG Emissions Intensity (kgCO2e/m²)', 'Percent of Electricity that is Green Power']) {
      expect(roleOf(header)).toMatchObject({ role: 'ignore', confidence: 'high' });
      expect(roleOf(header).reason).toContain('never a quantity');
    }
    for (const header of ['Property Id', 'Address 1', 'Postal Code', 'Operating Hours', 'ENERGY STAR Score', 'Alert - Property has no uses', 'Data Quality Checker Run?', 'Year Built', 'Last Modified Date - Property']) {
      expect(roleOf(header)).toMatchObject({ role: 'ignore', confidence: 'high' });
    }
    expect(roleOf('Property Name').role).toBe('site');
    expect(roleOf('Year Ending').role).toBe('period');
    expect(suggestion.periodGranularity).toBe('twelve-months-ending');
    expect(suggestion.columns.filter((column) => column.role === 'claim_value').map((column) => [column.header, column.metric, column.unitText])).toEqual([
      ['Total (Location-Based) GHG Emissions (Metric Tons CO2e)', LOCATION_TOTAL, 'Metric Tons CO2e'],
      ['Direct GHG Emissions (Metric Tons CO2e)', 'Direct GHG Emissions', 'Metric Tons CO2e'],
    ]);
    expect(suggestion.placeholders).toContain('Not Available');
  });

  it('imports exactly the expected records and claims, and stores a GJ twin that disagrees as a finding', async () => {
    const engagement = calendarEngagement();
    const outcome = await runImport(engagement.db, { filePath: workbook, mapping: suggestion, ...TEST_ACTOR, settings: engagement.settings() });
    expect(outcome).toMatchObject({ committed: true, shortfall: null });

    const records = engagement.db
      .prepare("SELECT site, activity, quantity, unit, period_start || '..' || period_end AS period FROM activity_record ORDER BY site, activity")
      .all() as RecordRow[];
    expect(records).toEqual(expectedRecords(plan));
    expect(outcome.recordsCreated).toBe(records.length);

    const claims = engagement.db.prepare('SELECT site, metric, period, value, unit FROM claim ORDER BY site, metric').all();
    const period = (p: Property) => (p.yearEnding === '2023-12-31' ? 'FY2023' : '2022-07-01..2023-06-30');
    expect(claims).toEqual(
      plan.properties
        .flatMap((p) => [
          ...(p.directTco2e === null ? [] : [{ site: p.name, metric: 'Direct GHG Emissions', period: period(p), value: p.directTco2e, unit: 'tCO2e' }]),
          ...(p.locationTotalTco2e === null ? [] : [{ site: p.name, metric: LOCATION_TOTAL, period: period(p), value: p.locationTotalTco2e, unit: 'tCO2e' }]),
        ])
        .sort((a, b) => a.site.localeCompare(b.site) || a.metric.localeCompare(b.metric)),
    );
    expect(outcome.claimsCreated).toBe(claims.length);

    // The row with nothing but placeholders is rejected as blank; every other row is imported.
    expect(outcome.rejected).toEqual([{ sheet: PM_SHEET, rowNumber: plan.rowOf.get(plan.empty), column: null, reason: 'every mapped quantity and reported figure is blank (blank is missing, not zero)' }]);

    const birch = plan.properties.find((p) => p.name === plan.twinDisagrees)!;
    const cedar = plan.properties.find((p) => p.name === plan.twinOnly)!;
    const findings = listImportFindings(engagement);
    expect(findings.map((finding) => [finding.kind, finding.sheet, finding.rowNumber, columnLetter(finding.column), columnLetter(finding.comparedColumn)])).toEqual([
      ['twin-disagrees', PM_SHEET, plan.rowOf.get(plan.twinDisagrees), 'Z', 'Y'],
      ['twin-only', PM_SHEET, plan.rowOf.get(plan.twinOnly), 'Z', 'Y'],
    ]);
    const [disagrees, only] = findings;
    expect(disagrees).toMatchObject({ fileName: path.basename(workbook), importedValue: birch.electricityKwh, importedUnit: 'kWh', checkedValue: birch.electricityGj, checkedUnit: 'GJ' });
    expect(disagrees!.checkedConverted).toBeCloseTo(birch.electricityGj! / GJ_PER_KWH, 6);
    expect(disagrees!.difference).toBeCloseTo(birch.electricityGj! / GJ_PER_KWH - birch.electricityKwh!, 6);
    expect(Math.abs(disagrees!.difference!)).toBeGreaterThan(disagrees!.tolerance!);
    expect(only).toMatchObject({ importedValue: null, checkedValue: cedar.electricityGj });
    expect(outcome.findings).toHaveLength(2);

    const notImported = new Map(outcome.columnsNotImported.map((column) => [column.header, column.reason]));
    const withBoth = plan.properties.filter((p) => p.electricityKwh !== null && p.electricityGj !== null).length;
    expect(notImported.get('Electricity Use - Grid Purchase (GJ)')).toBe(`same quantity as column Y in another unit: not imported, checked (${withBoth - 1} agree, 1 differ beyond rounding, 1 given only here)`);
    expect(notImported.get('Natural Gas Use (GJ)')).toContain('(5 agree, 0 differ beyond rounding, 0 given only here)');
    expect(notImported.get('Site Energy Use (GJ)')).toBe('its header names a unit (GJ), but the mapping ignores it: not imported');
    expect(notImported.has('Occupancy (%)')).toBe(true);
    engagement.close();
  });

  it("recomputes each site's location-based emissions beside the system's figure, with the differences listed", async () => {
    const engagement = calendarEngagement();
    const factors = path.join(tempDir(), 'us-factors.xlsx');
    await writeUsFactors(factors);
    const factorMapping = mappingSchema.parse((await previewImport(engagement.db, factors, 'factors')).mapping);
    expect(await runImport(engagement.db, { filePath: factors, mapping: factorMapping, ...TEST_ACTOR, settings: engagement.settings() })).toMatchObject({ recordsCreated: 7, rejectedTotal: 0 });
    await runImport(engagement.db, { filePath: workbook, mapping: suggestion, ...TEST_ACTOR, settings: engagement.settings() });

    await calculate(engagement);
    const fy2023 = inventoryResults(engagement).periods.find((period) => period.label === 'FY2023')!;
    const claims = engagement.db.prepare('SELECT site, value FROM claim WHERE metric = ? AND period = ? ORDER BY site').all(LOCATION_TOTAL, 'FY2023') as { site: string; value: number }[];
    // The reconciliation lines up the two: the system's figure, the recomputed Scope 1 + location-based Scope 2, the difference.
    const beside = claims.map((claim) => {
      const site = fy2023.sites.find((candidate) => candidate.site === claim.site)!;
      const recomputed = (site.scope1 ?? 0) + (site.scope2Location ?? 0);
      return { site: claim.site, reported: claim.value, recomputed, difference: recomputed - claim.value };
    });
    expect(beside.map((line) => line.site)).toEqual(plan.properties.filter((p) => p.locationTotalTco2e !== null && p.yearEnding === '2023-12-31').map((p) => p.name).sort());
    for (const line of beside) {
      const property = plan.properties.find((p) => p.name === line.site)!;
      expect(line.recomputed).toBeCloseTo(recomputedLocationTotal(property), 9);
    }
    // The system rounds to 0.1 t: every site agrees within that, but the misstated one and the one whose electricity is only in GJ.
    const differences = beside.filter((line) => Math.abs(line.difference) > 0.05 + 1e-9).map((line) => line.site);
    expect(differences).toEqual([plan.twinOnly, plan.misstated]);
    const ivy = beside.find((line) => line.site === plan.misstated)!;
    expect(ivy.difference / ivy.recomputed).toBeCloseTo(-0.08, 3);

    // A year ending 30 June is split across the calendar fiscal years by days: 184 in 2022, 181 in 2023.
    const elm = plan.properties.find((p) => p.yearEnding === '2023-06-30')!;
    const lines = [];
    for await (const row of storedResultLines(engagement).lines()) lines.push(row.line);
    const elmLines = lines.filter((line) => line.site === elm.name && line.activity === 'electricity' && line.basis === 'location');
    expect(elmLines.map((line) => [line.fiscalYear, line.quantity])).toEqual([
      ['FY2022', expect.closeTo((elm.electricityKwh! * 184) / 365, 6)],
      ['FY2023', expect.closeTo((elm.electricityKwh! * 181) / 365, 6)],
    ]);
    // Wood's CO2 is biogenic, reported apart; its CH4 and N2O are Scope 1. Floor area gives an intensity.
    const hazel = plan.properties.find((p) => p.woodGj !== null)!;
    expect(fy2023.sites.find((site) => site.site === hazel.name)!.biogenic).toBeCloseTo((hazel.woodGj! * US_FACTORS.woodBiogenicPerGj) / 1000, 9);
    expect(fy2023.intensities.map((intensity) => [intensity.denominator, intensity.unit])).toEqual([['floor_area', 'm2']]);
    engagement.close();
  });

  it('imports through the CLI on its suggested mapping, listing the twins checked, the columns not imported and the findings', async () => {
    const engagement = path.join(tempDir(), 'cli.carbonaudit');
    expect((await cli('init', engagement, '--entity', 'Harbor Properties', '--fy-start', '1')).code).toBe(0);
    const imported = await cli('import', engagement, workbook);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain(`${expectedRecords(plan).length} records, ${plan.properties.filter((p) => p.directTco2e !== null).length * 2} claims created`);
    expect(imported.out).toMatch(/Columns not imported\n(.*\n)* {2}Z Electricity Use - Grid Purchase \(GJ\): same quantity as column Y in another unit: not imported, checked/);
    expect(imported.out).toContain('Findings (2; kept in the engagement: carbon-audit import-findings)');
    const findings = await cli('import-findings', engagement);
    expect(findings.out.split('\n').filter(Boolean)).toHaveLength(2);
    expect(findings.out).toContain(`portfolio-manager-export.xlsx › ${PM_SHEET} › row ${plan.rowOf.get(plan.twinDisagrees)}, column Z against Y: twin-disagrees: column Z (Electricity Use - Grid Purchase (GJ)) gives`);
  });

  it('is not a success when nothing is imported: exit 1 with the warning, nothing committed; --allow-empty commits and says so', async () => {
    const empty = path.join(tempDir(), 'nothing-available.xlsx');
    const emptyPlan = await writePortfolioWorkbook(empty, portfolioPlan({ nothingAvailable: true }));
    const engagement = path.join(tempDir(), 'empty.carbonaudit');
    expect((await cli('init', engagement, '--entity', 'Harbor Properties', '--fy-start', '1')).code).toBe(0);

    // A dry run predicts it, and fails the same way.
    expect((await cli('import', engagement, empty, '--dry-run')).code).toBe(1);
    const refused = await cli('import', engagement, empty);
    expect(refused.code).toBe(1);
    const rows = emptyPlan.properties.length;
    expect(refused.out).toContain(`NOT imported (nothing committed): nothing-available.xlsx (activity)\n`);
    expect(refused.out).toContain(`Warning: nothing would be imported: no record was created from ${rows} data rows, of which ${rows} were rejected.`);
    expect(refused.err).toMatch(new RegExp(`\\nError: not imported: ${PM_SHEET}: nothing would be imported: no record was created from ${rows} data rows, of which ${rows} were rejected\\. Nothing was committed; check the mapping, or pass --allow-empty to import anyway\\.\\n$`));
    // Fuels in therms and GJ whose calorific basis the export does not state: warned before, named with their own unit.
    expect(refused.err).toContain(`Warning: ${PM_SHEET} › Natural Gas Use (therms): state gross or net calorific value; DESNZ publishes both and they differ by ~10% (set "calorificBasis": "gross" or "net" on column AA in the mapping JSON, or write the unit as 'therms gross')`);
    expect(refused.err.match(/^Warning: .*: state gross or net calorific value/gm)).toHaveLength(3);
    const registered = () => {
      const open = Engagement.open(engagement, TEST_ACTOR);
      try {
        // The check that follows a committed import logs its own entry after the import's.
        return { sources: (open.db.prepare('SELECT count(*) AS n FROM source_file').get() as { n: number }).n, last: listAuditEntries(open, 0, 1000).findLast((entry) => entry.operation !== 'review.check')! };
      } finally {
        open.close();
      }
    };
    expect(registered().sources).toBe(0);

    const allowed = await cli('import', engagement, empty, '--allow-empty');
    expect(allowed.code, allowed.err).toBe(0);
    expect(allowed.out).toContain('Imported as source file #1');
    expect(allowed.out).toContain('; imported anyway (--allow-empty)');
    const after = registered();
    expect(after.sources).toBe(1);
    expect(after.last).toMatchObject({ operation: 'import', params: { allowedShortfall: expect.stringContaining('nothing would be imported') } });
  });
});
