/**
 * The row mapper's reading of each part of a row, one rule at a time: periods, activities,
 * meanings, units, Scope 3 categories, the engagement's base year, the system's reported figures,
 * and the exact reason a refused row is given. (Each mapper is made inside its test: code run
 * while the file is collected is not the test's.)
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { createActivityRowMapper, type RecordContext } from '../../../../shared/import/records';

const TABLE = { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 };
const APRIL_YEARS: RecordContext = { fiscal: { startMonth: 4, labelRule: 'end-year' }, earliestPeriodStart: null };

type ColumnInput = Record<string, unknown> & { readonly header: string; readonly role: string };

/** A mapping of the given columns, A onwards. */
function mappingOf(layout: 'long' | 'wide', columns: readonly ColumnInput[], extra: Record<string, unknown> = {}): Mapping {
  return mappingSchema.parse({ version: 1, kind: 'activity', table: TABLE, layout, decimalSeparator: '.', ...extra, columns: columns.map((column, index) => ({ column: index, ...column })) });
}

const SITE = { header: 'Site', role: 'site' };
const MONTH = { header: 'Month', role: 'period' };
const ACTIVITY = { header: 'Activity', role: 'activity' };
const QUANTITY = { header: 'Quantity', role: 'quantity' };
const UNIT = { header: 'Unit', role: 'unit' };

/** Site | Month | Activity | Quantity | Unit, plus any further columns. */
const long = (more: readonly ColumnInput[] = [], extra: Record<string, unknown> = {}) => mappingOf('long', [SITE, MONTH, ACTIVITY, QUANTITY, UNIT, ...more], extra);

const mapRow = (mapping: Mapping, cells: readonly Cell[], context: RecordContext = APRIL_YEARS) => createActivityRowMapper(mapping, context)({ rowNumber: 9, cells });
const reasons = (mapping: Mapping, cells: readonly Cell[], context?: RecordContext) => mapRow(mapping, cells, context).rejections.map((rejection) => rejection.reason);
const day = (iso: string): Cell => ({ t: 'date', iso: `${iso}T00:00:00.000Z` });

describe('the text of a cell', () => {
  it('is trimmed, and a cell of spaces is no value: the mapping default stands in', () => {
    const mapping = long([{ header: 'Entity', role: 'entity' }], { defaults: { site: 'Head office' } });
    const padded = mapRow(mapping, ['  Leeds  ', '2023-05', 'Electricity', 10, 'kWh', '  Acme Ltd ']);
    expect(padded.records[0]).toMatchObject({ site: 'Leeds', entity: 'Acme Ltd' });
    const blank = mapRow(mapping, ['   ', '2023-05', 'Electricity', 10, 'kWh', '']);
    expect(blank.records[0]).toMatchObject({ site: 'Head office', entity: null });
  });

  it('names a column without a header as having none', () => {
    const mapping = mappingOf('long', [SITE, MONTH, ACTIVITY, { header: '', role: 'quantity' }, UNIT]);
    expect(reasons(mapping, ['Leeds', '2023-05', 'Electricity', -4, 'kWh'])).toEqual(['column D (no header): negative quantity -4: corrections belong in adjustments, not source data']);
  });
});

describe('the period of a row', () => {
  it('is refused when blank beside a filled quantity', () => {
    expect(reasons(long(), ['Leeds', null, 'Electricity', 10, 'kWh'])).toEqual(['column B (Month): the period is blank']);
  });

  it('is one day for a date, unless the mapping reads dates as whole months', () => {
    expect(mapRow(long(), ['Leeds', day('2023-05-15'), 'Electricity', 10, 'kWh']).records[0]).toMatchObject({ periodStart: '2023-05-15', periodEnd: '2023-05-15' });
    const monthly = long([], { periodGranularity: 'month' });
    expect(mapRow(monthly, ['Leeds', day('2023-05-15'), 'Electricity', 10, 'kWh']).records[0]).toMatchObject({ periodStart: '2023-05-01', periodEnd: '2023-05-31' });
    // A quarter written as such stays a quarter under a monthly mapping: only a day is widened.
    expect(mapRow(monthly, ['Leeds', '2023 Q2', 'Electricity', 10, 'kWh']).records[0]).toMatchObject({ periodStart: '2023-04-01', periodEnd: '2023-06-30' });
  });

  it('needs a period column, or a start and an end', () => {
    const mapping = mappingOf('long', [SITE, ACTIVITY, QUANTITY, UNIT]);
    expect(mapRow(mapping, ['Leeds', 'Electricity', 10, 'kWh']).rejections).toEqual([{ column: null, reason: 'the mapping has no period column (a period, or a start and an end)' }]);
  });

  describe('from a start and an end column', () => {
    const mapping = () => mappingOf('long', [SITE, { header: 'From', role: 'period_start' }, { header: 'To', role: 'period_end' }, ACTIVITY, QUANTITY, UNIT]);

    it('runs from the start to the end, a single day included', () => {
      expect(mapRow(mapping(), ['Leeds', day('2023-05-01'), day('2023-06-15'), 'Electricity', 10, 'kWh']).records[0]).toMatchObject({ periodStart: '2023-05-01', periodEnd: '2023-06-15' });
      expect(mapRow(mapping(), ['Leeds', day('2023-05-01'), day('2023-05-01'), 'Electricity', 10, 'kWh']).records[0]).toMatchObject({ periodStart: '2023-05-01', periodEnd: '2023-05-01' });
    });

    it('is refused when either end is blank, naming the blank one, or when it ends before it starts', () => {
      expect(reasons(mapping(), ['Leeds', day('2023-05-01'), null, 'Electricity', 10, 'kWh'])).toEqual(['column C (To): the period is blank']);
      expect(reasons(mapping(), ['Leeds', null, day('2023-05-01'), 'Electricity', 10, 'kWh'])).toEqual(['column B (From): the period is blank']);
      expect(reasons(mapping(), ['Leeds', day('2023-05-02'), day('2023-05-01'), 'Electricity', 10, 'kWh'])).toEqual(['column C (To): the period ends (2023-05-01) before it starts (2023-05-02)']);
    });
  });

  it("is refused before the engagement's base year, and kept from its first day", () => {
    const context = { ...APRIL_YEARS, earliestPeriodStart: '2023-04-01' };
    expect(mapRow(long(), ['Leeds', '2023-04', 'Electricity', 10, 'kWh'], context).records).toHaveLength(1);
    expect(mapRow(long(), ['Leeds', '2023-03', 'Electricity', 10, 'kWh'], context).rejections).toEqual([
      { column: 1, reason: "period 2023-03-01–2023-03-31 is before the engagement's base year (starts 2023-04-01)" },
    ]);
  });
});

describe('the activity of a row', () => {
  it('is refused when unknown or ambiguous, with the activities it could be', () => {
    expect(reasons(long(), ['Leeds', '2023-05', 'Widgets', 10, 'kWh'])).toEqual(["column C (Activity): unknown activity 'Widgets'"]);
    expect(reasons(long(), ['Leeds', '2023-05', 'Gas and electricity', 10, 'kWh'])).toEqual([
      "column C (Activity): activity 'Gas and electricity' is ambiguous (electricity, natural_gas): name it in the mapping",
    ]);
  });

  it("is the mapping's default when the cell is blank, and refused without one", () => {
    expect(mapRow(long([], { defaults: { activity: 'diesel' } }), ['Leeds', '2023-05', null, 10, 'L']).records[0]).toMatchObject({ activity: 'diesel' });
    expect(reasons(long(), ['Leeds', '2023-05', null, 10, 'L'])).toEqual(['column C (Activity): no activity: the cell is blank and the mapping has no default activity']);
  });

  it('of a wide value column is refused when the catalogue no longer has it (a template saved before a change)', () => {
    const saved = mappingOf('wide', [SITE, MONTH, { header: 'Usage (kWh)', role: 'value', activity: 'electricity', unitText: 'kWh' }]);
    const stale: Mapping = { ...saved, columns: saved.columns.map((column) => (column.role === 'value' ? { ...column, activity: 'grid_power' } : column)) };
    expect(reasons(stale, ['Leeds', '2023-05', 10])).toEqual(['column C (Usage (kWh)): the value column names no known activity']);
  });
});

describe('the meaning of a row', () => {
  const withMeaning = () => long([{ header: 'Meaning', role: 'meaning' }]);

  it('is read from its column in a long layout, in any case', () => {
    expect(mapRow(withMeaning(), ['Leeds', '2023-05', 'Electricity', 10, 'kWh', 'Instrument']).records[0]).toMatchObject({ meaning: 'instrument' });
  });

  it('is refused when the activity does not allow it, with the meanings it allows', () => {
    expect(reasons(withMeaning(), ['Leeds', '2023-05', 'Electricity', 10, 'kWh', 'avoided'])).toEqual(["column F (Meaning): Electricity cannot be 'avoided' (allowed: consumption, instrument)"]);
  });
});

describe('the unit of a row', () => {
  it('is refused when blank with no unit in the header, or of a dimension the activity is not measured in', () => {
    expect(reasons(long(), ['Leeds', '2023-05', 'Electricity', 10, null])).toEqual(['column E (Unit): no unit: the cell is blank and the column header names none']);
    expect(reasons(long(), ['Leeds', '2023-05', 'Electricity', 10, 'L'])).toEqual(["column E (Unit): unit 'L' is volume, but Electricity is measured in energy"]);
    expect(reasons(long(), ['Leeds', '2023-05', 'Waste', 10, 'kWh'])).toEqual(["column E (Unit): unit 'kWh' is energy, but Waste generated in operations is measured in mass or emissions"]);
  });

  it("is the column header's in a wide layout, never the mapping's default", () => {
    const mapping = mappingOf('wide', [SITE, MONTH, { header: 'Electricity', role: 'value', activity: 'electricity' }], { defaults: { unit: 'kWh' } });
    expect(reasons(mapping, ['Leeds', '2023-05', 10])).toEqual(['column C (Electricity): no unit: the cell is blank and the column header names none']);
  });

  it("reads an ambiguous spelling as the mapping resolves it", () => {
    const mapping = long([], { unitResolutions: { gallons: 'US_gal' } });
    expect(mapRow(mapping, ['Leeds', '2023-05', 'Diesel', 10, 'gallons']).records[0]).toMatchObject({ unit: 'US_gal', unitText: 'gallons' });
  });

  it("keeps a fuel's gross energy unit under a mapping that states gross", () => {
    const mapping = long([], {}).columns.map((column) => (column.role === 'quantity' ? { ...column, calorificBasis: 'gross' as const } : column));
    const stated = mappingSchema.parse({ ...long(), columns: mapping });
    expect(mapRow(stated, ['Leeds', '2023-05', 'Natural gas', 10, 'kWh gross']).records[0]).toMatchObject({ unit: 'kWh', unitBasis: 'gross' });
  });
});

describe('the Scope 3 category of a row', () => {
  const withCategory = () => long([{ header: 'Category', role: 'scope3_category' }]);
  const category = (text: Cell) => mapRow(withCategory(), ['Leeds', '2023-05', 'Scope 3', 10, 'tCO2e', text]);

  it.each<[string, number]>([['6', 6], ['1', 1], ['15', 15], ['Cat 6', 6], ['Cat. 6', 6], ['Cat.6', 6], ['Cat6', 6], ['Category 6', 6], ['category 12', 12]])('reads %s as category %i', (text, expected) => {
    const mapped = category(text);
    expect(mapped.rejections).toEqual([]);
    expect(mapped.records[0]!.scope3Category).toBe(expected);
  });

  it.each(['0', '16', '6.5', '6 cat', 'Subcat 6', 'six'])("refuses '%s'", (text) => {
    expect(category(text).rejections).toEqual([{ column: 5, reason: `column F (Category): '${text}' is not a Scope 3 category (1–15)` }]);
  });

  it("is the activity's own, or the mapping's default, without a category column", () => {
    expect(mapRow(long(), ['Leeds', '2023-05', 'Purchased goods', 10, 'GBP']).records[0]).toMatchObject({ scope3Category: 1 });
    expect(mapRow(long([], { defaults: { scope3Category: 3 } }), ['Leeds', '2023-05', 'Scope 3', 10, 'tCO2e']).records[0]).toMatchObject({ scope3Category: 3 });
    expect(mapRow(long(), ['Leeds', '2023-05', 'Electricity', 10, 'kWh']).records[0]).toMatchObject({ scope3Category: null });
  });

  it('is required of an activity without one of its own, and not asked of a row whose unit is refused', () => {
    expect(mapRow(long(), ['Leeds', '2023-05', 'Scope 3', 10, 'tCO2e']).rejections).toEqual([
      { column: null, reason: 'Scope 3 (category given by the mapping) needs a Scope 3 category: map a category column or set a default' },
    ]);
    expect(reasons(long(), ['Leeds', '2023-05', 'Scope 3', 10, 'widgets'])).toHaveLength(1);
  });
});

describe('the quantity of a row', () => {
  it('is refused when negative, and an unreadable one is refused for that alone, not also as blank', () => {
    expect(reasons(long(), ['Leeds', '2023-05', 'Electricity', -10, 'kWh'])).toEqual(['column D (Quantity): negative quantity -10: corrections belong in adjustments, not source data']);
    expect(reasons(long(), ['Leeds', '2023-05', 'Electricity', 'lots', 'kWh'])).toHaveLength(1);
  });
});

describe("a wide value column's header attributes", () => {
  it("are the record's attributes", () => {
    const mapping = mappingOf('wide', [SITE, MONTH, { header: 'Long-haul flights (km)', role: 'value', activity: 'business_travel_air', unitText: 'passenger-km', attributes: { haul: 'long haul' } }]);
    expect(mapRow(mapping, ['Leeds', '2023-05', 5000]).records[0]!.attributes).toEqual({ haul: 'long haul' });
  });
});

describe("the system's reported figures in an activity row", () => {
  const claimMapping = (extra: Record<string, unknown> = {}, unitText = 'tCO2e') =>
    mappingOf('long', [SITE, { header: 'From', role: 'period_start' }, { header: 'To', role: 'period_end' }, ACTIVITY, QUANTITY, UNIT, { header: 'Reported emissions', role: 'claim_value', unitText }], extra);
  const claimOf = (mapping: Mapping, start: string, end: string) => mapRow(mapping, ['Leeds', day(start), day(end), 'Electricity', 10, 'kWh', 4.5]).claims[0]!;

  it('name the fiscal year only for a period that is exactly one, else its dates', () => {
    expect(claimOf(claimMapping(), '2023-04-01', '2024-03-31').period).toBe('FY2024');
    expect(claimOf(claimMapping(), '2023-07-01', '2024-03-31').period).toBe('2023-07-01..2024-03-31');
    expect(claimOf(claimMapping(), '2023-04-01', '2023-09-30').period).toBe('2023-04-01..2023-09-30');
  });

  it('say where they came from, with the sheet only when the mapping names one', () => {
    expect(claimOf(claimMapping(), '2023-04-01', '2024-03-31').notes).toBe("reported by the source system: column G 'Reported emissions'");
    expect(claimOf(claimMapping({ sheet: 'Energy' }), '2023-04-01', '2024-03-31').notes).toBe("reported by the source system: column G 'Reported emissions' of sheet 'Energy'");
  });

  it("read an ambiguous unit as the mapping resolves it", () => {
    expect(claimOf(claimMapping({ unitResolutions: { mtco2e: 'tCO2e' } }, 'MTCO2e'), '2023-04-01', '2024-03-31').unit).toBe('tCO2e');
    expect(claimOf(claimMapping({}, 'MTCO2e'), '2023-04-01', '2024-03-31').unit).toBe('MTCO2e');
  });
});
