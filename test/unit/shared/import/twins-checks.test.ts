// Twin columns (one quantity in two units): which pairs are checked, the rounding each value's
// digits allow, and what each finding says.
import { describe, expect, it } from 'vitest';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { createTwinChecker, lastDigitPlace } from '../../../../shared/import/twins';

function wide(twinUnit: string, mainUnit: string, extra: Record<string, unknown> = {}, twinHeader = 'Use (twin)'): Mapping {
  return mappingSchema.parse({
    version: 1, kind: 'activity', layout: 'wide', decimalSeparator: '.', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, ...extra,
    columns: [
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: 'Use', role: 'value', activity: 'natural_gas', unitText: mainUnit },
      { column: 2, header: twinHeader, role: 'twin', twinOf: 1, unitText: twinUnit },
    ],
  });
}

describe('the last digit a number shows', () => {
  it('is read from its shortest form, negative numbers and exponents included; a non-finite number counts to the unit', () => {
    expect([-444.4, 1.5e21, 1e-7, 12.25e-5, Number.NaN, Number.POSITIVE_INFINITY].map(lastDigitPlace)).toEqual([0.1, 1e20, 1e-7, 1e-7, 1, 1]);
  });
});

describe('a twin check', () => {
  it('compares within the rounding both values show, and says so', () => {
    const check = createTwinChecker(wide('MWh', 'kWh'));
    // 1.2 MWh is 1200 kWh; shown to 0.1 MWh it may be off by 50 kWh, and 1249 kWh by 0.5 kWh.
    const [agrees] = check(['Leeds', 1249, 1.2]);
    expect(agrees).toMatchObject({ outcome: 'agrees', importedValue: 1249, checkedValue: 1.2, checkedConverted: 1200, difference: -49, message: 'agrees: 1.2 MWh is 1200 kWh' });
    expect(agrees!.tolerance).toBeCloseTo(50.5, 6);
    const [beyond] = check(['Leeds', 1251, 1.2]);
    expect(beyond).toMatchObject({ outcome: 'twin-disagrees', difference: -51 });
    expect(beyond!.message).toBe('column C (Use (twin)) gives 1.2 MWh = 1200 kWh, but column B (Use) gives 1251 kWh: a difference of -51 kWh, beyond the 50.5 kWh that rounding explains');
  });

  it('names a column without a header by its letter alone', () => {
    const [only] = createTwinChecker(wide('MWh', 'kWh', {}, ''))(['Leeds', null, 3]);
    expect(only!.message).toBe('3 MWh is given only in column C: column B (Use) is blank, so this quantity is not imported');
  });

  it('says why a twin stands alone when the imported cell cannot be read', () => {
    const [only] = createTwinChecker(wide('MWh', 'kWh'))(['Leeds', 'n/a', 3]);
    expect(only).toMatchObject({ outcome: 'twin-only', importedValue: null, checkedValue: 3, checkedConverted: null, difference: null, tolerance: null });
    expect(only!.message).toBe("3 MWh is given only in column C (Use (twin)): column B (Use) cannot be read ('n/a' is not a number with decimal separator '.'), so this quantity is not imported");
  });

  it('checks only presence for units that do not convert, and nothing for a unit it cannot read', () => {
    const presence = createTwinChecker(wide('m3', 'kWh'));
    expect(presence(['Leeds', 100, 9])).toEqual([]);
    expect(presence(['Leeds', null, 9])).toMatchObject([{ outcome: 'twin-only', checkedValue: 9 }]);
    expect(createTwinChecker(wide('gallons', 'litres'))(['Leeds', null, 9])).toEqual([]);
  });

  it("reads an ambiguous unit as the mapping resolves it, or as the caller's resolutions say", () => {
    const resolved = createTwinChecker(wide('gallons', 'litres', { unitResolutions: { gallons: 'imp_gal' } }));
    expect(resolved(['Leeds', 4.54609, 1])).toMatchObject([{ outcome: 'agrees', checkedUnit: 'imp_gal', importedUnit: 'L' }]);
    const byCaller = createTwinChecker(wide('gallons', 'litres'), { resolve: { gallons: 'US_gal' } });
    expect(byCaller(['Leeds', 3.785411784, 1])).toMatchObject([{ outcome: 'agrees', checkedUnit: 'US_gal' }]);
  });
});
