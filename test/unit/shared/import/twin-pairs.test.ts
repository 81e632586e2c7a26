// Twin columns beside several value columns: each twin is compared with the column it names, in
// that column's unit as the mapping resolves it, and a difference of exactly the rounding agrees.
import { describe, expect, it } from 'vitest';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { createTwinChecker } from '../../../../shared/import/twins';

function mapping(columns: unknown[], extra: Record<string, unknown> = {}): Mapping {
  return mappingSchema.parse({
    version: 1, kind: 'activity', layout: 'wide', decimalSeparator: '.', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, ...extra,
    columns: [{ column: 0, header: 'Site', role: 'site' }, ...columns],
  });
}

describe('a twin beside several value columns', () => {
  it('is compared with the value column it names, not the first one', () => {
    const check = createTwinChecker(
      mapping([
        { column: 1, header: 'Gas (kWh)', role: 'value', activity: 'natural_gas', unitText: 'kWh' },
        { column: 2, header: 'Electricity (kWh)', role: 'value', activity: 'electricity', unitText: 'kWh' },
        { column: 3, header: 'Electricity (MWh)', role: 'twin', twinOf: 2, unitText: 'MWh' },
      ]),
    );
    expect(check(['Leeds', 9000, 2000, 2])).toMatchObject([{ outcome: 'agrees', column: 3, comparedColumn: 2, importedValue: 2000 }]);
    expect(check(['Leeds', 2000, 9000, 2])).toMatchObject([{ outcome: 'twin-disagrees', comparedColumn: 2, importedValue: 9000, difference: -7000 }]);
  });
});

describe("the imported column's unit", () => {
  it('is read as the mapping resolves an ambiguous one', () => {
    const check = createTwinChecker(
      mapping(
        [
          { column: 1, header: 'Diesel (gallons)', role: 'value', activity: 'diesel', unitText: 'gallons' },
          { column: 2, header: 'Diesel (litres)', role: 'twin', twinOf: 1, unitText: 'litres' },
        ],
        { unitResolutions: { gallons: 'US_gal' } },
      ),
    );
    expect(check(['Leeds', 10, 37.85411784])).toMatchObject([{ outcome: 'agrees', importedUnit: 'US_gal', checkedUnit: 'L' }]);
    expect(check(['Leeds', 10, 45.4609])).toMatchObject([{ outcome: 'twin-disagrees', importedUnit: 'US_gal' }]);
  });
});

describe('a difference of exactly the rounding both values allow', () => {
  it('agrees', () => {
    const check = createTwinChecker(
      mapping([
        { column: 1, header: 'Electricity (kWh)', role: 'value', activity: 'electricity', unitText: 'kWh' },
        { column: 2, header: 'Electricity, second meter (kWh)', role: 'twin', twinOf: 1, unitText: 'kWh' },
      ]),
    );
    // 60 kWh allows 0.5; 60.500000000061 allows half its last digit; the slack for the conversion's
    // rounding is 1e-12 of 60.500000000061. In doubles the sum of the three is the difference itself.
    const [tie] = check(['Leeds', 60, 60.500000000061]);
    expect(tie!.difference).toBe(tie!.tolerance);
    expect(tie!.outcome).toBe('agrees');
  });
});
