/**
 * Activity rows of system exports: placeholders as blanks, 'Year Ending' periods, the system's
 * reported figures as claims for the row's site and period, and twin columns checked.
 */
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../../../shared/import/cell';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { DEFAULT_PLACEHOLDERS, placeholderTest, withPlaceholdersBlank } from '../../../../shared/import/placeholders';
import { createActivityRowMapper } from '../../../../shared/import/records';
import { createTwinChecker, lastDigitPlace } from '../../../../shared/import/twins';
import { date } from '../../../helpers/suggest';

const EXPORT: Mapping = mappingSchema.parse({
  version: 1,
  kind: 'activity',
  sheet: 'Properties',
  table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 },
  layout: 'wide',
  columns: [
    { column: 0, header: 'Property Name', role: 'site' },
    { column: 1, header: 'Year Ending', role: 'period' },
    { column: 2, header: 'Electricity Use (kWh)', role: 'value', activity: 'electricity', meaning: 'consumption', unitText: 'kWh' },
    { column: 3, header: 'Electricity Use (GJ)', role: 'twin', twinOf: 2, unitText: 'GJ' },
    { column: 4, header: 'Total (Location-Based) GHG Emissions (Metric Tons CO2e)', role: 'claim_value', unitText: 'Metric Tons CO2e' },
  ],
  decimalSeparator: '.',
  periodGranularity: 'twelve-months-ending',
  placeholders: DEFAULT_PLACEHOLDERS,
});

const isPlaceholder = placeholderTest(EXPORT.placeholders);
const row = (rowNumber: number, ...cells: RawRow['cells']): RawRow => withPlaceholdersBlank({ rowNumber, cells }, isPlaceholder);

describe('an export row', () => {
  const calendar = createActivityRowMapper(EXPORT, { fiscal: { startMonth: 1, labelRule: 'end-year' }, earliestPeriodStart: null });

  it('covers the twelve months ending on its date, and carries the reported total as a claim for its site and year', () => {
    const mapped = calendar(row(2, 'Alpha Tower', date('2023-12-31'), 2_500_000, 9000, 1210.5));
    expect(mapped.rejections).toEqual([]);
    expect(mapped.records).toMatchObject([{ site: 'Alpha Tower', periodStart: '2023-01-01', periodEnd: '2023-12-31', activity: 'electricity', quantity: 2_500_000, unit: 'kWh' }]);
    expect(mapped.claims).toEqual([
      { metric: 'Total (Location-Based) GHG Emissions', period: 'FY2023', value: 1210.5, unit: 'tCO2e', percent: null, decimals: null, site: 'Alpha Tower', notes: "reported by the source system: column E 'Total (Location-Based) GHG Emissions (Metric Tons CO2e)' of sheet 'Properties'" },
    ]);
    expect(mapped.twinChecks).toMatchObject([{ outcome: 'agrees', checkedValue: 9000, checkedConverted: 2_500_000 }]);
  });

  it('writes a year that is not a fiscal year as its dates, and one ending on 29 February from 1 March', () => {
    const april = createActivityRowMapper(EXPORT, { fiscal: { startMonth: 4, labelRule: 'end-year' }, earliestPeriodStart: null });
    expect(april(row(2, 'Alpha Tower', date('2023-12-31'), 10, null, 5)).claims[0]!.period).toBe('2023-01-01..2023-12-31');
    expect(april(row(3, 'Alpha Tower', date('2024-03-31'), 10, null, 5)).claims[0]!.period).toBe('FY2024');
    expect(calendar(row(4, 'Alpha Tower', date('2024-02-29'), 10, null, null)).records[0]).toMatchObject({ periodStart: '2023-03-01', periodEnd: '2024-02-29' });
  });

  it('reads placeholders as blanks: a row with only its reported figure gives the claim alone; a row with nothing is rejected as blank', () => {
    const claimOnly = calendar(row(5, 'Beta House', date('2023-12-31'), 'Not Available', 'Not Available', 480));
    expect(claimOnly).toMatchObject({ records: [], rejections: [], twinChecks: [] });
    expect(claimOnly.claims).toHaveLength(1);
    const nothing = calendar(row(6, 'Gamma Works', date('2023-12-31'), 'N/A', '-', 'not available'));
    expect(nothing.rejections).toEqual([{ column: null, reason: 'every mapped quantity and reported figure is blank (blank is missing, not zero)' }]);
  });

  it('finds a twin that disagrees beyond rounding, and one given where the imported column is blank', () => {
    const disagrees = calendar(row(7, 'Delta', date('2023-12-31'), 2_500_000, 9900, null));
    expect(disagrees.records).toHaveLength(1);
    expect(disagrees.twinChecks).toEqual([
      {
        column: 3,
        comparedColumn: 2,
        outcome: 'twin-disagrees',
        importedValue: 2_500_000,
        importedUnit: 'kWh',
        checkedValue: 9900,
        checkedUnit: 'GJ',
        checkedConverted: 2_750_000,
        difference: 250_000,
        // Half a kWh, half a GJ, and the float slack of the conversion (1e-12 of the larger value).
        tolerance: expect.closeTo(0.5 + 500 / 3.6 + 2.75e-6, 9),
        message:
          'column D (Electricity Use (GJ)) gives 9900 GJ = 2750000 kWh, but column C (Electricity Use (kWh)) gives 2500000 kWh: a difference of 250000 kWh, beyond the 139.388892 kWh that rounding explains',
      },
    ]);
    const only = calendar(row(8, 'Epsilon', date('2023-12-31'), 'Not Available', 4500, 300));
    expect(only.twinChecks).toMatchObject([{ outcome: 'twin-only', importedValue: null, checkedValue: 4500 }]);
    expect(only.twinChecks[0]!.message).toBe('4500 GJ is given only in column D (Electricity Use (GJ)): column C (Electricity Use (kWh)) is blank, so this quantity is not imported');
  });
});

describe('twin checks', () => {
  it('allow half the last shown digit of each value, and nothing more', () => {
    expect([444.4, 123456, 1_230_000, 0.05, 2.5e-7, 0].map(lastDigitPlace)).toEqual([0.1, 1, 1, 0.01, 1e-8, 1]);
    const check = createTwinChecker(EXPORT);
    // 123,456 kWh is 444.4416 GJ: shown as 444.4 it agrees; 444.6 is off by 0.1584 GJ, beyond 0.05 GJ + 0.5 kWh.
    expect(check([null, null, 123_456, 444.4])[0]!.outcome).toBe('agrees');
    expect(check([null, null, 123_456, 444.6])[0]!.outcome).toBe('twin-disagrees');
    expect(check([null, null, 123_456, 'lots'])[0]).toMatchObject({ outcome: 'twin-unreadable', message: "column D (Electricity Use (GJ)) cannot be checked: 'lots' is not a number with decimal separator '.'" });
    expect(check([null, null, 123_456, null])).toEqual([]);
  });
});

describe('placeholders', () => {
  it('match whole cells, whatever the case and spacing, and leave Excel error values alone', () => {
    const test = placeholderTest(DEFAULT_PLACEHOLDERS);
    expect(['Not Available', ' not  available ', 'N/A', 'NULL', '—', '#N/A', '(blank)'].every(test)).toBe(true);
    expect(['Not Available yet', 'NA', 0, null, { t: 'error', code: '#N/A' } as const].some(test)).toBe(false);
    const unchanged: RawRow = { rowNumber: 3, cells: ['A', 1, null] };
    expect(withPlaceholdersBlank(unchanged, test)).toBe(unchanged);
    expect(placeholderTest([])('N/A')).toBe(false);
  });
});
