/**
 * An engagement whose fiscal years are labelled by the year they start in (April 2023 – March
 * 2024 is FY2023): the label rule the auditor set must reach the import (a period written 'FY2023',
 * the base year), the calculation and the trace, not only the settings screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFactorLibrary } from '../../../electron/engine/factors/library';
import { runImport } from '../../../electron/engine/import/pipeline';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { inventoryResults, storedResultLines } from '../../../electron/engine/inventory/results';
import { traceBreakdown, traceFigure } from '../../../electron/engine/inventory/trace';
import { fsum } from '../../../shared/calc/sum';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { longActivityMapping } from '../../helpers/mappings';
import { useTempDir } from '../../helpers/temp';

// DESNZ 2020 (kg CO2e per unit), as published.
const DIESEL_PER_LITRE = 2.54603;
const NATURAL_GAS_PER_M3 = 2.02266;

describe('fiscal years labelled by the year they start in', () => {
  const tempDir = useTempDir();

  it('labels, bounds and traces every figure by the start-year rule', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fuels.csv');
    fs.writeFileSync(file, [
      'Site,Period,Activity,Quantity,Unit',
      'London,2023-05,Diesel,1000,L',
      // The whole fiscal year FY2023: April 2023 to March 2024 under this engagement's rule.
      'London,FY2023,Natural gas,500,m3',
      // March 2022 is in FY2021, before the base year FY2022 (which starts in April 2022).
      'London,2022-03,Diesel,10,L',
    ].join('\n'));
    const engagement = newEngagement(dir, { fiscalYearLabelRule: 'start-year', baseYear: 'FY2022', defaultRegion: 'UK' });
    loadFactorLibrary(engagement);
    const mapping = longActivityMapping('Period');
    const outcome = await runImport(engagement.db, { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(outcome.rejected.map((rejection) => [rejection.rowNumber, rejection.reason])).toEqual([
      [4, "period 2022-03-01–2022-03-31 is before the engagement's base year (starts 2022-04-01)"],
    ]);
    expect(engagement.db.prepare('SELECT activity, period_start, period_end FROM activity_record ORDER BY id').all()).toEqual([
      { activity: 'diesel', period_start: '2023-05-01', period_end: '2023-05-31' },
      { activity: 'natural_gas', period_start: '2023-04-01', period_end: '2024-03-31' },
    ]);

    await calculate(engagement);
    const result = inventoryResults(engagement);
    expect(result.periods.map((period) => [period.label, period.start, period.end])).toEqual([['FY2023', '2023-04-01', '2024-03-31']]);
    const scope1 = (1000 * DIESEL_PER_LITRE + 500 * NATURAL_GAS_PER_M3) / 1000;
    expect(result.periods[0]!.scope1).toBeCloseTo(scope1, 12);
    const fiscalYears = new Set<string>();
    for await (const row of storedResultLines(engagement).lines()) fiscalYears.add(row.line.fiscalYear);
    expect(fiscalYears).toEqual(new Set(['FY2023']));

    const trace = traceFigure(engagement, { figure: 'FY2023.scope1', page: 0, pageSize: 100, sort: 'record', descending: false });
    const breakdown = traceBreakdown(engagement, { figure: 'FY2023.scope1' });
    expect(trace.tco2e).toBe(result.periods[0]!.scope1);
    expect(trace.lines.map((line) => line.activity).sort()).toEqual(['diesel', 'natural_gas']);
    expect(breakdown.quarters.map((quarter) => [quarter.label, quarter.start, quarter.end])).toEqual([
      ['FY2023 Q1', '2023-04-01', '2023-06-30'],
      ['FY2023 Q2', '2023-07-01', '2023-09-30'],
      ['FY2023 Q3', '2023-10-01', '2023-12-31'],
      ['FY2023 Q4', '2024-01-01', '2024-03-31'],
    ]);
    expect(breakdown.months[0]).toMatchObject({ label: 'FY2023 M01', start: '2023-04-01', end: '2023-04-30' });
    expect(fsum(breakdown.quarters.map((quarter) => quarter.tco2e))).toBe(trace.tco2e);
    // The same records under the other rule's label name nothing here.
    expect(traceFigure(engagement, { figure: 'FY2024.scope1', page: 0, pageSize: 100, sort: 'record', descending: false })).toMatchObject({ tco2e: null, lines: [] });
    engagement.close();
  });
});
