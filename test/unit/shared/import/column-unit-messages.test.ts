// What the mapping wizard says of each numeric column's unit, word for word: a factor unit typed
// or read per row, a twin that cannot be compared, a quantity whose unit is missing, unreadable,
// of the wrong kind or on a stated calorific basis.
import { describe, expect, it } from 'vitest';
import { basisWarnings, checkUnits } from '../../../../shared/import/column-checks';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';

function mapping(kind: 'activity' | 'factors' | 'claims', layout: 'long' | 'wide', columns: unknown[], extra: Record<string, unknown> = {}): Mapping {
  return mappingSchema.parse({ version: 1, kind, layout, decimalSeparator: '.', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, columns, ...extra });
}

describe("a factor value column's unit", () => {
  const factors = (factorColumn: Record<string, unknown>, others: unknown[] = []) =>
    mapping('factors', 'long', [{ column: 0, header: 'Activity', role: 'activity' }, { column: 1, header: 'Factor', role: 'factor_value', ...factorColumn }, ...others]);

  it('is read per row from a factor-unit column, or must be typed', () => {
    expect(checkUnits(factors({}, [{ column: 2, header: 'Unit', role: 'factor_unit' }]))).toEqual([
      { column: 1, unitText: null, ok: true, message: 'factor unit read from the factor-unit column per row' },
    ]);
    expect(checkUnits(factors({}))).toEqual([{ column: 1, unitText: null, ok: false, message: 'no factor unit: type one (kg CO2e/kWh, or kg CO2e per unit with a unit column)' }]);
  });

  it('names the gas a factor is of', () => {
    expect(checkUnits(factors({ unitText: 'kg CH4/kWh' }))).toEqual([{ column: 1, unitText: 'kg CH4/kWh', ok: true, message: 'kg CH4 per kWh' }]);
    expect(checkUnits(factors({ unitText: 'kg/kWh' }))).toEqual([{ column: 1, unitText: 'kg/kWh', ok: true, message: 'kg per kWh' }]);
  });
});

describe("a twin column's unit", () => {
  const twins = (twinUnit: string | undefined, mainUnit: string | undefined, extra: Record<string, unknown> = {}) =>
    mapping('activity', 'wide', [
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: 'Use', role: 'value', activity: 'natural_gas', ...(mainUnit === undefined ? {} : { unitText: mainUnit }) },
      { column: 2, header: 'Use (twin)', role: 'twin', twinOf: 1, ...(twinUnit === undefined ? {} : { unitText: twinUnit }) },
    ], extra);

  it('needs both units to compare them', () => {
    const message = "give this column's unit and column B's, to compare them";
    expect(checkUnits(twins(undefined, 'kWh'))[1]).toEqual({ column: 2, unitText: null, ok: false, message });
    expect(checkUnits(twins('MWh', undefined))[1]).toEqual({ column: 2, unitText: 'MWh', ok: false, message });
  });

  it('says which of the two units cannot be read', () => {
    expect(checkUnits(twins('furlongs', 'kWh'))[1]).toMatchObject({ ok: false, message: expect.stringContaining('furlongs') });
    expect(checkUnits(twins('furlongs', 'kWh'))[1]!.message).not.toMatch(/^column B/);
    expect(checkUnits(twins('MWh', 'furlongs'))[1]).toMatchObject({ ok: false, message: expect.stringMatching(/^column B: .*furlongs/) });
  });

  it('gives the conversion to nine significant digits', () => {
    expect(checkUnits(twins('GJ', 'kWh'))[1]).toEqual({ column: 2, unitText: 'GJ', ok: true, message: 'checked against column B: 1 GJ = 277.777778 kWh' });
  });

  it("reads either column's ambiguous unit as the mapping resolves it", () => {
    const resolved = { unitResolutions: { gallons: 'US_gal' } };
    expect(checkUnits(twins('gallons', 'litres', resolved))[1]).toMatchObject({ ok: true, message: 'checked against column B: 1 US_gal = 3.78541178 L' });
    expect(checkUnits(twins('litres', 'gallons', resolved))[1]).toMatchObject({ ok: true, message: 'checked against column B: 1 L = 0.264172052 US_gal' });
  });
});

describe("a quantity column's unit", () => {
  it('is read per row in a long layout and a claims sheet, but must be in a value column’s header', () => {
    const long = mapping('activity', 'long', [
      { column: 0, header: 'Activity', role: 'activity' },
      { column: 1, header: 'Quantity', role: 'quantity' },
      { column: 2, header: 'Unit', role: 'unit' },
    ]);
    expect(checkUnits(long)).toEqual([{ column: 1, unitText: null, ok: true, message: 'unit read from the unit column per row' }]);
    const wide = mapping('activity', 'wide', [{ column: 0, header: 'Electricity', role: 'value', activity: 'electricity' }]);
    expect(checkUnits(wide)).toEqual([{ column: 0, unitText: null, ok: false, message: 'no unit in the header: type one' }]);
  });

  it('is refused when it cannot be read or is of the wrong kind for the activity', () => {
    const wide = (unitText: string) => mapping('activity', 'wide', [{ column: 0, header: 'Electricity', role: 'value', activity: 'electricity', unitText }]);
    expect(checkUnits(wide('furlongs'))[0]).toMatchObject({ ok: false, message: expect.stringContaining('furlongs') });
    expect(checkUnits(wide('L'))).toEqual([{ column: 0, unitText: 'L', ok: false, message: 'L is volume; Electricity takes energy' }]);
    expect(checkUnits(wide('kWh'))).toEqual([{ column: 0, unitText: 'kWh', ok: true, message: 'kWh: energy' }]);
    const gas = mapping('activity', 'wide', [{ column: 0, header: 'Gas', role: 'value', activity: 'natural_gas', unitText: 'km' }]);
    expect(checkUnits(gas)[0]!.message).toBe('km is distance; Natural gas takes energy or volume or mass');
  });

  it("is read as the mapping resolves an ambiguous one, and per row in a claims sheet's value column", () => {
    const diesel = mapping('activity', 'wide', [{ column: 0, header: 'Diesel', role: 'value', activity: 'diesel', unitText: 'gallons' }], { unitResolutions: { gallons: 'US_gal' } });
    expect(checkUnits(diesel)).toEqual([{ column: 0, unitText: 'gallons', ok: true, message: 'gallons: volume' }]);
    const claims = mapping('claims', 'long', [
      { column: 0, header: 'Metric', role: 'metric' },
      { column: 1, header: 'Reported', role: 'claim_value' },
      { column: 2, header: 'Unit', role: 'unit' },
    ]);
    expect(checkUnits(claims)).toEqual([{ column: 1, unitText: null, ok: true, message: 'unit read from the unit column per row' }]);
  });

  it('says the calorific basis a fuel column states, and refuses one its unit contradicts', () => {
    const gas = (unitText: string, calorificBasis?: string) =>
      mapping('activity', 'wide', [{ column: 0, header: 'Gas', role: 'value', activity: 'natural_gas', unitText, ...(calorificBasis === undefined ? {} : { calorificBasis }) }]);
    expect(checkUnits(gas('kWh', 'gross'))).toEqual([{ column: 0, unitText: 'kWh', ok: true, message: 'kWh: energy, gross CV' }]);
    expect(checkUnits(gas('kWh (net CV)'))).toEqual([{ column: 0, unitText: 'kWh (net CV)', ok: true, message: 'kWh (net CV): energy, net CV' }]);
    expect(checkUnits(gas('kWh'))).toEqual([{ column: 0, unitText: 'kWh', ok: true, message: 'kWh: energy' }]);
    expect(checkUnits(gas('kWh (net CV)', 'gross'))).toEqual([
      { column: 0, unitText: 'kWh (net CV)', ok: false, message: 'the unit says net CV, but the mapping states gross CV for this column' },
    ]);
  });
});

describe('the calorific-basis warning', () => {
  const CHOOSE = 'state gross or net calorific value; DESNZ publishes both and they differ by ~10%';
  const wideGas = (unitText: string, header = 'Gas', extra: Record<string, unknown> = {}) =>
    mapping('activity', 'wide', [{ column: 0, header, role: 'value', activity: 'natural_gas', unitText }], extra);
  const long = (columns: unknown[], defaults?: Record<string, unknown>) =>
    mapping('activity', 'long', [{ column: 0, header: 'Quantity', role: 'quantity' }, ...columns], defaults === undefined ? {} : { defaults });
  const APPLIES = `Quantity: for rows of a fuel in an energy unit that does not say gross or net (kWh, GJ), ${CHOOSE}`;

  it("reads a wide column's unit as the mapping resolves it, names a column without a header by its letter, and says nothing of a unit it cannot read", () => {
    expect(basisWarnings(wideGas('thm', 'Gas', { unitResolutions: { thm: 'therm' } }))).toEqual([{ column: 0, header: 'Gas', unitText: 'thm', message: `Gas: ${CHOOSE}` }]);
    expect(basisWarnings(wideGas('kWh', ''))).toEqual([{ column: 0, header: '', unitText: 'kWh', message: `column A: ${CHOOSE}` }]);
    expect(basisWarnings(wideGas('furlongs'))).toEqual([]);
  });

  it('applies in a long layout whose default activity is a fuel', () => {
    expect(basisWarnings(long([{ column: 1, header: 'Unit', role: 'unit' }], { activity: 'natural_gas' }))).toEqual([{ column: 0, header: 'Quantity', unitText: null, message: APPLIES }]);
  });

  it("gives a long layout's one unit when no column holds each row's, and says nothing without a unit it can read", () => {
    const activity = { column: 1, header: 'Activity', role: 'activity' };
    expect(basisWarnings(long([activity], { unit: 'kWh' }))).toEqual([{ column: 0, header: 'Quantity', unitText: 'kWh', message: APPLIES }]);
    expect(basisWarnings(long([activity]))).toEqual([]);
    expect(basisWarnings(long([activity], { unit: 'furlongs' }))).toEqual([]);
  });
});
