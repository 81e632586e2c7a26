// What the suggested mapping tells the auditor, word for word: every column's role, confidence and
// reason, and the reasons of the whole mapping, for each way a column can be placed. A reason is
// what the auditor reviews before importing, so a wrong word in it is a wrong suggestion.
import { describe, expect, it } from 'vitest';
import { mappingSchema } from '../../../../shared/import/mapping';
import type { Cell } from '../../../../shared/import/cell';
import { column, date, rows, suggest } from '../../../helpers/suggest';

const DECIMAL_DEFAULT = "decimal separator: no number written as text depends on the separator; '.' is the default";
const NO_DAY_ORDER = 'day order: no text dates written as day, month and year, so none is needed';
const PLACEHOLDER_LIST = "'Not Available', 'N/A', 'n/a', '-', '–', '—', '..', '(blank)', 'null', '#N/A'";
const PLACEHOLDERS = `placeholders read as blank: ${PLACEHOLDER_LIST}; edit the list in the mapping`;

const SITE = { column: 0, header: 'Site', role: 'site', confidence: 'high', reason: "header 'Site' suggests site; its values are mostly text" };
const MONTH = { column: 1, header: 'Month', role: 'period', confidence: 'high', reason: "header 'Month' suggests period; its values are mostly dates" };
const electricity = (index: number) => ({
  column: index,
  header: 'Electricity (kWh)',
  role: 'value',
  activity: 'electricity',
  meaning: 'consumption',
  unitText: 'kWh',
  confidence: 'high',
  reason: "header 'Electricity (kWh)' names Electricity ('electricity') in kWh; values are numbers",
});

/** A sheet of sites and months ('2023-01'…) with the given columns after them, one row per list of values. */
function monthly(headers: readonly string[], ...values: ReadonlyArray<readonly Cell[]>) {
  return rows(['Site', 'Month', ...headers], ...values.map((cells, index) => [`S${index + 1}`, `2023-${String(index + 1).padStart(2, '0')}`, ...cells]));
}

describe('the reasons of a whole mapping', () => {
  it('says a wide layout, the default separator, no day order and the placeholders it reads as blank', () => {
    const suggestion = suggest(monthly(['Electricity (kWh)', 'Diesel (L)'], [5, 1], [6, 2]));
    expect(suggestion.reasons).toEqual(['wide layout: columns C, D hold numbers under headers naming activities', DECIMAL_DEFAULT, NO_DAY_ORDER, PLACEHOLDERS]);
    expect(suggestion.confidence).toBe('high');
    expect(suggestion.mapping).toEqual({
      version: 1,
      kind: 'activity',
      table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 },
      layout: 'wide',
      columns: suggestion.columns.map(({ column: index, header, role, activity, meaning, unitText }) => ({ column: index, header, role, ...(activity ? { activity, meaning, unitText } : {}) })),
      decimalSeparator: '.',
      placeholders: ['Not Available', 'N/A', 'n/a', '-', '–', '—', '..', '(blank)', 'null', '#N/A'],
    });
  });

  it('counts the placeholder cells of the sample, over every column', () => {
    const suggestion = suggest(monthly(['Electricity (kWh)', 'Notes'], [5, 'N/A'], ['Not Available', 'n/a'], [7, null]));
    expect(suggestion.reasons.at(-1)).toBe(`placeholders read as blank: ${PLACEHOLDER_LIST} (3 cells of the sample); edit the list in the mapping`);
    expect(column(suggestion.columns, 'Notes')).toEqual({ column: 3, header: 'Notes', role: 'notes', confidence: 'medium', reason: "header 'Notes' suggests notes; the sample holds only placeholders" });
  });

  it('is medium with one activity column beside no quantity, and low when nothing can be the quantity', () => {
    const one = suggest(monthly(['Electricity (kWh)'], [5], [6]));
    expect(one.reasons[0]).toBe('wide layout: column C holds numbers under headers naming activities');
    expect(one.confidence).toBe('medium');
    const none = suggest(monthly(['Something'], ['x'], ['y']));
    expect(none.mapping.layout).toBe('long');
    expect(none.reasons[0]).toBe('no quantity column and no numeric column named after an activity: map the quantity yourself');
    expect(none.confidence).toBe('low');
    expect(none.columns[2]).toEqual({
      column: 2,
      header: 'Something',
      role: 'ignore',
      confidence: 'medium',
      reason: "header 'Something' names no known role, and its values are mostly text: not imported unless you map it",
    });
  });

  it('takes a wide layout over a quantity word when a header names an activity, at medium confidence', () => {
    const suggestion = suggest(monthly(['Electricity (kWh)', 'Quantity'], [5, 3], [6, 4]));
    expect(suggestion.mapping.layout).toBe('wide');
    expect(suggestion.confidence).toBe('medium');
    expect(suggestion.columns).toEqual([
      SITE,
      MONTH,
      electricity(2),
      {
        column: 3,
        header: 'Quantity',
        role: 'ignore',
        confidence: 'medium',
        reason: "header 'Quantity' suggests quantity; its values are mostly numbers; but a wide layout takes activity and unit from each value column's header",
      },
    ]);
  });

  it('asks for defaults when a long layout has a quantity but no activity or unit column', () => {
    const suggestion = suggest(monthly(['Quantity'], [5], [6]));
    expect(suggestion.reasons).toEqual([
      'long layout: the quantity is in column C, but no activity or unit column: set defaults',
      DECIMAL_DEFAULT,
      NO_DAY_ORDER,
      PLACEHOLDERS,
      'no unit column and no unit in the quantity header: set a default unit',
    ]);
    expect(suggestion.confidence).toBe('medium');
  });

  it('needs both ends of a period when there is no period column', () => {
    const start = date('2023-01-01');
    const end = date('2023-01-31');
    const startOnly = suggest(rows(['Site', 'Start date', 'Quantity', 'Unit', 'Activity'], ['A', start, 5, 'kWh', 'Electricity'], ['B', start, 6, 'kWh', 'Electricity']));
    expect(startOnly.reasons.slice(-1)).toEqual(['no period column: map one or set the period']);
    expect(startOnly.reasons[0]).toBe('long layout: the quantity is in column C, with activity or unit in columns D, E');
    expect(startOnly.confidence).toBe('medium');
    expect(column(startOnly.columns, 'Activity').reason).toBe("header 'Activity' suggests activity; its values are mostly text; its one distinct value names a catalogue activity");
    const endOnly = suggest(rows(['Site', 'End date', 'Quantity', 'Unit'], ['A', end, 5, 'kWh'], ['B', end, 6, 'kWh']));
    expect(endOnly.reasons.at(-1)).toBe('no period column: map one or set the period');
    const both = suggest(rows(['Site', 'Start date', 'End date', 'Quantity', 'Unit'], ['A', start, end, 5, 'kWh'], ['B', start, end, 6, 'kWh']));
    expect(both.reasons).toEqual(['long layout: the quantity is in column D, with activity or unit in column E', DECIMAL_DEFAULT, NO_DAY_ORDER, PLACEHOLDERS]);
    expect(both.confidence).toBe('high');
  });

  it('does not ask for a unit that the quantity header gives, nor in a wide layout', () => {
    const inHeader = suggest(rows(['Site', 'Month', 'Activity', 'Quantity (kWh)'], ['A', '2023-01', 'Electricity', 5], ['B', '2023-02', 'Electricity', 6]));
    expect(inHeader.reasons).not.toContain('no unit column and no unit in the quantity header: set a default unit');
    expect(column(inHeader.columns, 'Quantity (kWh)')).toMatchObject({ role: 'quantity', unitText: 'kWh' });
  });

  it('rates a separator it cannot choose low, and says so', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit'], ['A', '2023-01', 'Diesel', '1,234.5', 'L'], ['A', '2023-02', 'Diesel', '1.234,5', 'L']));
    expect(suggestion.reasons[1]).toBe("decimal separator: the column mixes decimal points ('1,234.5') and decimal commas ('1.234,5'); '.' assumed until you choose");
    expect(suggestion.mapping.decimalSeparator).toBe('.');
    expect(suggestion.confidence).toBe('low');
  });

  it('takes the decimal comma and the day order it proves', () => {
    const suggestion = suggest(rows(['Site', 'Date', 'Activity', 'Quantity', 'Unit'], ['A', '15/04/2022', 'Diesel', '1.234,5', 'L'], ['A', '16/04/2022', 'Diesel', '250,75', 'L']));
    expect(suggestion.mapping).toMatchObject({ decimalSeparator: ',', dayOrder: 'DMY' });
    expect(suggestion.reasons[1]).toMatch(/^decimal separator: .*[^d]$/);
    expect(suggestion.reasons[1]).not.toContain('assumed');
    expect(suggestion.reasons[2]).toMatch(/^day order: /);
  });
});

describe('the period granularity', () => {
  it('reads dates on the 1st of each month as months, a blank among them or not', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Electricity (kWh)'], ['A', date('2023-01-01'), 5], ['B', null, 6], ['C', date('2023-03-01'), 7]));
    expect(suggestion.mapping.periodGranularity).toBe('month');
    expect(suggestion.reasons).toContain('period: every date in the period column is the 1st of a month, so each stands for its whole month');
  });

  it('leaves days as days, text months unmarked, and a period column without dates unmarked', () => {
    expect(suggest(rows(['Site', 'Month', 'Electricity (kWh)'], ['A', date('2023-01-01'), 5], ['B', date('2023-02-15'), 6])).mapping.periodGranularity).toBeUndefined();
    expect(suggest(rows(['Site', 'Month', 'Electricity (kWh)'], ['A', date('2023-01-10'), 5], ['B', date('2023-02-01'), 6])).mapping.periodGranularity).toBeUndefined();
    expect(suggest(monthly(['Electricity (kWh)'], [5], [6])).mapping.periodGranularity).toBeUndefined();
    const blank = suggest(rows(['Site', 'Month', 'Electricity (kWh)'], ['A', null, 5], ['B', null, 6]));
    expect(blank.mapping.periodGranularity).toBeUndefined();
    expect(blank.reasons).toHaveLength(4);
  });

  it("says a 'Year ending' header's text values do not fit, and keeps its granularity", () => {
    const text = suggest(rows(['Site', 'Year ending', 'Electricity (kWh)'], ['A', 'soon', 5], ['B', 'later', 6]));
    expect(text.columns[1]).toEqual({
      column: 1,
      header: 'Year ending',
      role: 'period',
      confidence: 'low',
      reason: "header 'Year ending' names the end of a twelve-month period: each date is the last day of the twelve months it covers, but its values are mostly text",
    });
    expect(text.mapping.periodGranularity).toBe('twelve-months-ending');
    const dates = suggest(rows(['Site', 'FY ending', 'Electricity (kWh)'], ['A', date('2023-03-31'), 5], ['B', date('2023-03-31'), 6]));
    expect(dates.columns[1]).toEqual({
      column: 1,
      header: 'FY ending',
      role: 'period',
      confidence: 'high',
      reason: "header 'FY ending' names the end of a twelve-month period: each date is the last day of the twelve months it covers",
    });
  });

  it("reads 'Year ending' in a factor table, which has no period column, as its year", () => {
    const factors = suggest(rows(['Activity', 'Year ending', 'Factor'], ['Electricity', 2023, 0.2], ['Diesel', 2023, 2.5]), 'factors');
    expect(factors.columns[1]).toEqual({ column: 1, header: 'Year ending', role: 'year', confidence: 'high', reason: "header 'Year ending' suggests year; its values are mostly numbers" });
    expect(factors.mapping.periodGranularity).toBeUndefined();
  });
});

describe('value columns named after an activity', () => {
  it('accepts up to a fifth of text under a header with a unit, and says how much', () => {
    const suggestion = suggest(monthly(['Diesel (L)'], [3], ['see note'], [1], [1], [1]));
    expect(suggestion.columns[2]).toEqual({
      column: 2,
      header: 'Diesel (L)',
      role: 'value',
      activity: 'diesel',
      meaning: 'consumption',
      unitText: 'L',
      confidence: 'high',
      reason: "header 'Diesel (L)' names Diesel (average biofuel blend) ('diesel') in L; 1 of 5 values are text",
    });
    const moreText = suggest(monthly(['Diesel (L)', 'Electricity (kWh)'], [3, 1], ['see note', 1], ['tbc', 1], [1, 1], [1, 1]));
    expect(column(moreText.columns, 'Diesel (L)').role).not.toBe('value');
  });

  it('needs mostly numbers under a header without a unit, and asks for the unit', () => {
    const suggestion = suggest(monthly(['Electricity', 'Diesel (L)'], [5, 1], [6, 2], [7, 3], ['x', 4], [8, 5]));
    expect(suggestion.columns[2]).toEqual({
      column: 2,
      header: 'Electricity',
      role: 'value',
      activity: 'electricity',
      meaning: 'consumption',
      confidence: 'medium',
      reason: "header 'Electricity' names Electricity ('electricity'); the header has no unit, so set one; 1 of 5 values are text",
    });
    const mostlyText = suggest(monthly(['Electricity', 'Diesel (L)'], [5, 1], ['y', 2], [7, 3], ['x', 4], [8, 5]));
    expect(column(mostlyText.columns, 'Electricity').role).not.toBe('value');
  });

  it('says when the sample has only placeholders under it, and counts the unreadable cells', () => {
    const placeholders = suggest(monthly(['Diesel (L)', 'Electricity (kWh)'], [null, 4], ['N/A', 5]));
    expect(placeholders.columns[2]).toMatchObject({
      role: 'value',
      confidence: 'high',
      reason: "header 'Diesel (L)' names Diesel (average biofuel blend) ('diesel') in L; the sample holds only placeholders; 1 of 2 cells are placeholders, read as blank",
    });
    const unreadable = suggest(monthly(['Electricity (kWh)'], [{ t: 'formula', formula: 'X' }], [{ t: 'formula', formula: 'Y' }], [5]));
    expect(unreadable.columns[2]!.reason).toBe(
      "header 'Electricity (kWh)' names Electricity ('electricity') in kWh; 0 of 3 values are text; 2 cells cannot be read (a formula without a cached value or an error): those rows are refused with the reason",
    );
  });

  it('lists the activities a header names only when numbers sit under it', () => {
    const numbers = suggest(monthly(['Gas and electricity (kWh)', 'Diesel (L)'], [5, 1], [6, 2]));
    expect(numbers.columns[2]).toEqual({
      column: 2,
      header: 'Gas and electricity (kWh)',
      role: 'ignore',
      confidence: 'low',
      reason: "header 'Gas and electricity (kWh)' names several activities (electricity, natural_gas): choose one",
      candidates: ['electricity', 'natural_gas'],
    });
    expect(numbers.mapping.columns[2]).toEqual({ column: 2, header: 'Gas and electricity (kWh)', role: 'ignore' });
    expect(numbers.reasons[0]).toBe('wide layout: columns C, D hold numbers under headers naming activities');
    const text = suggest(monthly(['Gas and electricity', 'Diesel (L)'], ['both', 1], ['either', 2]));
    expect(column(text.columns, 'Gas and electricity').candidates).toBeUndefined();
  });

  it('names the refrigerant gas of a refrigerant header, and no gas for other activities', () => {
    const suggestion = suggest(monthly(['R-410A top-up (kg)', 'Natural gas (kWh)'], [2, 5], [3, 6]));
    expect(suggestion.columns[2]).toEqual({
      column: 2,
      header: 'R-410A top-up (kg)',
      role: 'value',
      activity: 'refrigerant',
      meaning: 'consumption',
      unitText: 'kg',
      attributes: { gas: 'R-410A' },
      confidence: 'high',
      reason: "header 'R-410A top-up (kg)' names Refrigerant leakage ('r-410a') in kg; the refrigerant gas is R-410A; values are numbers",
    });
    expect(suggestion.mapping.columns[2]).toEqual({ column: 2, header: 'R-410A top-up (kg)', role: 'value', activity: 'refrigerant', meaning: 'consumption', unitText: 'kg', attributes: { gas: 'R-410A' } });
    expect(suggestion.columns[3]).not.toHaveProperty('attributes');
  });
});

describe('columns that are not activity data', () => {
  it('offers emissions as claims, spend as a quantity, and passes over water and costs, with why', () => {
    const suggestion = suggest(monthly(['Carbon emissions (tCO2e)', 'Water use (m3)', 'Energy cost (GBP)'], [4, 6, 7], [4, 6, 7]));
    expect(suggestion.columns.slice(2)).toEqual([
      {
        column: 2,
        header: 'Carbon emissions (tCO2e)',
        role: 'claim_value',
        unitText: 'tCO2e',
        metric: 'Carbon emissions',
        confidence: 'medium',
        reason:
          "header 'Carbon emissions (tCO2e)' is the source system's own emissions figure in tCO2e: offered as a claim for each row's site and period, to reconcile with the recomputed figure; not activity data",
      },
      { column: 3, header: 'Water use (m3)', role: 'ignore', confidence: 'medium', reason: "header 'Water use (m3)' is water, which is not an activity of the catalogue: not imported unless you map it" },
      { column: 4, header: 'Energy cost (GBP)', role: 'ignore', confidence: 'medium', reason: "header 'Energy cost (GBP)' is a cost, not a quantity: not imported unless you map it" },
    ]);
    expect(suggestion.mapping.columns[2]).toEqual({ column: 2, header: 'Carbon emissions (tCO2e)', role: 'claim_value', unitText: 'tCO2e', metric: 'Carbon emissions' });
    const spend = suggest(rows(['Supplier', 'Month', 'Spend (GBP)'], ['Acme', '2023-01', 5], ['Bolt', '2023-02', 6]));
    expect(spend.columns[2]).toEqual({
      column: 2,
      header: 'Spend (GBP)',
      role: 'quantity',
      unitText: 'GBP',
      confidence: 'medium',
      reason: "header 'Spend (GBP)' is spend in GBP: a quantity in its currency, for spend-based Scope 3 factors; set its activity",
    });
  });

  it('needs both the word and the unit: emissions in kWh, spend in kWh and carbon in pounds are none of these', () => {
    const suggestion = suggest(monthly(['Electricity (kWh)', 'Emissions (kWh)', 'Spend (kWh)', 'Carbon (GBP)'], [3, 4, 5, 6], [3, 4, 5, 6]));
    expect(suggestion.columns.slice(3).map(({ role, reason }) => [role, reason])).toEqual([
      ['ignore', "header 'Emissions (kWh)' names no known role, and its values are mostly numbers: not imported unless you map it"],
      ['ignore', "header 'Spend (kWh)' names no known role, and its values are mostly numbers: not imported unless you map it"],
      ['ignore', "header 'Carbon (GBP)' names no known role, and its values are mostly numbers: not imported unless you map it"],
    ]);
  });

  it('reads emissions, spend and water only in activity sheets', () => {
    const claims = suggest(monthly(['Carbon emissions (tCO2e)', 'Travel spend (GBP)', 'Water (m3)'], [4, 5, 6], [4, 5, 6]), 'claims');
    expect(claims.columns.slice(2).map(({ role, confidence }) => [role, confidence])).toEqual([
      ['ignore', 'medium'],
      ['ignore', 'medium'],
      ['ignore', 'medium'],
    ]);
    expect(claims.columns[4]!.reason).toBe("header 'Water (m3)' names no known role, and its values are mostly numbers: not imported unless you map it");
  });

  it('ignores an intensity named by its unit in activity sheets only', () => {
    const activity = suggest(monthly(['Electricity (kWh)', 'Energy (kWh/m2)', 'Energy (kWh per m2)'], [5, 1, 1], [6, 2, 2]));
    expect(activity.columns.slice(3)).toEqual([
      { column: 3, header: 'Energy (kWh/m2)', role: 'ignore', confidence: 'high', reason: "header 'Energy (kWh/m2)' is an intensity (kWh/m2), derived from other figures: never a quantity, not imported" },
      {
        column: 4,
        header: 'Energy (kWh per m2)',
        role: 'ignore',
        confidence: 'high',
        reason: "header 'Energy (kWh per m2)' is an intensity (kWh per m2), derived from other figures: never a quantity, not imported",
      },
    ]);
    const factors = suggest(rows(['Activity', 'Intensity', 'Factor'], ['Electricity', 3, 0.2], ['Diesel', 4, 2.5]), 'factors');
    expect(factors.columns[1]!.reason).toBe("header 'Intensity' names no known role, and its values are mostly numbers: not imported unless you map it");
  });

  it('ignores a column with neither header nor values, and places one with values but no header by them', () => {
    const empty = suggest(rows(['Site', 'Month', '', 'Electricity (kWh)'], ['A', '2023-01', null, 5], ['B', '2023-02', null, 6]));
    expect(empty.columns[2]).toEqual({ column: 2, header: '', role: 'ignore', confidence: 'high', reason: 'the column has no header and no values' });
    const numbers = suggest(rows(['Site', 'Month', '', 'Electricity (kWh)'], ['A', '2023-01', 9, 5], ['B', '2023-02', 8, 6]));
    expect(numbers.columns[2]).toEqual({ column: 2, header: '', role: 'ignore', confidence: 'medium', reason: 'the column has no header, and its values are mostly numbers: not imported unless you map it' });
    const placeholders = suggest(rows(['Site', 'Month', '', 'Electricity (kWh)'], ['A', '2023-01', 'N/A', 5], ['B', '2023-02', null, 6]));
    expect(placeholders.columns[2]).toMatchObject({ role: 'ignore', confidence: 'high', reason: 'the column has no header and no values; 1 of 2 cells are placeholders, read as blank' });
  });

  it('tells the kind of most values, the first kind on a tie', () => {
    const tie = suggest(monthly(['Mixed'], [5], ['x']));
    expect(tie.columns[2]!.reason).toBe("header 'Mixed' names no known role, and its values are mostly numbers: not imported unless you map it");
    const units = suggest(monthly(['Mixed'], ['kWh'], ['L'], [3]));
    expect(units.columns[2]).toMatchObject({ role: 'ignore', reason: "header 'Mixed' names no known role, and its values are mostly units: not imported unless you map it" });
    const moreText = suggest(monthly(['Mixed', 'Electricity (kWh)'], ['kWh', 1], ['hello', 1], ['world', 1]));
    expect(moreText.columns[2]!.reason).toBe("header 'Mixed' names no known role, and its values are mostly text: not imported unless you map it");
  });
});

describe('columns placed by their values', () => {
  it('finds dates, activities and units under headers that say nothing', () => {
    const suggestion = suggest(rows(['Site', 'X', 'Y', 'Z', 'Q', 'Amount'], ['A', date('2023-01-15'), 'Diesel', 'L', 'hello', 3], ['B', date('2023-02-15'), 'Electricity', 'kWh', 'world', 4]));
    expect(suggestion.columns.slice(1)).toEqual([
      { column: 1, header: 'X', role: 'period', confidence: 'medium', reason: "header 'X' names no known role, but its values are dates" },
      { column: 2, header: 'Y', role: 'activity', confidence: 'medium', reason: "header 'Y' names no known role, but its values name activities; all 2 distinct values name a catalogue activity" },
      { column: 3, header: 'Z', role: 'unit', confidence: 'medium', reason: "header 'Z' names no known role, but its values are units" },
      { column: 4, header: 'Q', role: 'ignore', confidence: 'medium', reason: "header 'Q' names no known role, and its values are mostly text: not imported unless you map it" },
      { column: 5, header: 'Amount', role: 'quantity', confidence: 'high', reason: "header 'Amount' suggests quantity; its values are mostly numbers" },
    ]);
    expect(suggestion.reasons[0]).toBe('long layout: the quantity is in column F, with activity or unit in columns C, D');
  });

  it('finds factor units and Scope 2 bases in a factor table, and no activities there', () => {
    const suggestion = suggest(
      rows(['Activity', 'Factor', 'P', 'Q', 'R'], ['Electricity', 0.2, 'kg CO2e/kWh', 'location', 'Diesel'], ['Diesel', 2.5, 'kg CO2e/litre', 'market', 'Electricity']),
      'factors',
    );
    expect(suggestion.columns.slice(2)).toEqual([
      { column: 2, header: 'P', role: 'factor_unit', confidence: 'medium', reason: "header 'P' names no known role, but its values are factor units" },
      { column: 3, header: 'Q', role: 'basis', confidence: 'medium', reason: "header 'Q' names no known role, but its values are Scope 2 bases" },
      { column: 4, header: 'R', role: 'ignore', confidence: 'medium', reason: "header 'R' names no known role, and its values are mostly text: not imported unless you map it" },
    ]);
  });

  it('takes dates in a claims table, which has a period, and not in a targets table, which has none', () => {
    const claims = suggest(rows(['Metric', 'X', 'Reported value'], ['Scope 1', date('2023-12-31'), 5], ['Scope 2', date('2023-12-31'), 6]), 'claims');
    expect(claims.columns[1]).toMatchObject({ role: 'period', confidence: 'medium' });
    const targets = suggest(rows(['Metric', 'X', 'Target value'], ['Scope 1', date('2030-12-31'), 5], ['Scope 2', date('2030-12-31'), 6]), 'targets');
    expect(targets.columns[1]).toMatchObject({ role: 'ignore', reason: "header 'X' names no known role, and its values are mostly dates: not imported unless you map it" });
  });

  it('needs most values to name an activity', () => {
    const suggestion = suggest(rows(['Site', 'Y', 'Amount', 'Unit'], ['A', 'Diesel', 3, 'L'], ['B', 'Lorem', 4, 'L'], ['C', 'Ipsum', 5, 'L']));
    expect(suggestion.columns[1]).toMatchObject({ role: 'ignore' });
  });
});

describe('header rules and the values under them', () => {
  it('rates a header by its values: high when they fit, medium with none, low when they do not', () => {
    const suggestion = suggest(monthly(['Activity', 'Quantity', 'Unit', 'Notes'], ['Diesel', 5, 'L', null], ['Diesel', 'tbc', 'L', null]));
    expect(suggestion.columns.slice(2)).toEqual([
      { column: 2, header: 'Activity', role: 'activity', confidence: 'high', reason: "header 'Activity' suggests activity; its values are mostly text; its one distinct value names a catalogue activity" },
      { column: 3, header: 'Quantity', role: 'quantity', confidence: 'low', reason: "header 'Quantity' suggests quantity, but its values are mostly numbers" },
      { column: 4, header: 'Unit', role: 'unit', confidence: 'high', reason: "header 'Unit' suggests unit; its values are mostly units" },
      { column: 5, header: 'Notes', role: 'notes', confidence: 'medium', reason: "header 'Notes' suggests notes; the sample has no values in it" },
    ]);
  });

  it('counts four numbers in five as mostly numbers, and three in five as not', () => {
    const four = suggest(monthly(['Activity', 'Quantity', 'Unit'], ['Diesel', 5, 'L'], ['Diesel', 6, 'L'], ['Diesel', 7, 'L'], ['Diesel', 'tbc', 'L'], ['Diesel', 8, 'L']));
    expect(column(four.columns, 'Quantity').confidence).toBe('high');
    const three = suggest(monthly(['Activity', 'Quantity', 'Unit'], ['Diesel', 5, 'L'], ['Diesel', 'n/k', 'L'], ['Diesel', 7, 'L'], ['Diesel', 'tbc', 'L'], ['Diesel', 8, 'L']));
    expect(column(three.columns, 'Quantity').confidence).toBe('low');
  });

  it('judges each kind of column by its own values', () => {
    const factors = suggest(
      rows(
        ['Activity', 'Region', 'Valid from', 'Valid to', 'Factor', 'Unit', 'Basis', 'Scope', 'Gas', 'Source', 'Year', 'Notes'],
        ['Electricity', 'UK', date('2023-01-01'), date('2023-12-31'), 0.2, 'kg CO2e/kWh', 'location', 2, 'CO2e', 'DESNZ', 2023, null],
        ['Natural gas', 'UK', date('2023-01-01'), date('2023-12-31'), 0.18, 'kg CO2e/kWh', 'market', 1, 'CO2e', 'DESNZ', 2023, 'x'],
      ),
      'factors',
    );
    expect(factors.columns.map(({ role, confidence }) => `${role} ${confidence}`)).toEqual([
      'activity high', 'region high', 'period_start high', 'period_end high', 'factor_value high', 'factor_unit high',
      'basis high', 'scope high', 'gas high', 'source high', 'year high', 'notes high',
    ]);
    expect(factors.columns[5]!.reason).toBe("header 'Unit' suggests factor unit; its values are mostly units");
    expect(factors.columns[6]!.reason).toBe("header 'Basis' suggests basis; its values are mostly text");
    const wrong = suggest(
      rows(['Activity', 'Valid from', 'Factor', 'Unit', 'Basis', 'Scope', 'Factor unit'], ['Electricity', 'soon', 'high', 'many', 'some', 'wide', 'kWh'], ['Natural gas', 'later', 'low', 'few', 'any', 'narrow', 'L']),
      'factors',
    );
    expect(wrong.columns.map(({ role, confidence }) => `${role} ${confidence}`)).toEqual([
      'activity high', 'period_start low', 'factor_value low', 'unit low', 'basis low', 'scope low', 'factor_unit low',
    ]);
    expect(wrong.columns[1]!.reason).toBe("header 'Valid from' suggests period start, but its values are mostly text");
  });

  it('reads a factor unit column by what it holds: whole factor units, or the unit of activity', () => {
    const perUnit = suggest(rows(['Activity', 'Factor', 'Unit', 'Scope'], ['Electricity', 0.2, 'kWh', 'Scope 2'], ['Diesel', 2.5, 'litres', 'Scope 1']), 'factors');
    expect(perUnit.columns[2]).toEqual({ column: 2, header: 'Unit', role: 'unit', confidence: 'high', reason: "header 'Unit' suggests unit; its values are mostly units" });
    expect(perUnit.columns[3]).toMatchObject({ role: 'scope', confidence: 'high' });
    const whole = suggest(rows(['Activity', 'Factor', 'Unit'], ['Electricity', 0.2, 'kg CO2e/kWh'], ['Diesel', 2.5, 'kg CO2e/litre']), 'factors');
    expect(whole.columns[2]).toEqual({ column: 2, header: 'Unit', role: 'factor_unit', confidence: 'high', reason: "header 'Unit' suggests factor unit; its values are mostly units" });
    const mixed = suggest(rows(['Activity', 'Factor', 'Unit'], ['Electricity', 0.2, 'kg CO2e/kWh'], ['Diesel', 2.5, 'litres']), 'factors');
    expect(mixed.columns[2]!.role).toBe('unit');
  });

  it('reads a factor unit in a value header, per unit or not, and doubts it over text', () => {
    const named = suggest(rows(['Activity', 'kg CO2e/kWh', 'Region'], ['Electricity', 0.2, 'UK'], ['Diesel', 2.5, 'UK']), 'factors');
    expect(named.columns[1]).toEqual({
      column: 1,
      header: 'kg CO2e/kWh',
      role: 'factor_value',
      unitText: 'kg CO2e/kWh',
      confidence: 'high',
      reason: "header 'kg CO2e/kWh' is a factor unit (kg CO2e/kWh); its values are mostly numbers",
    });
    const text = suggest(rows(['Activity', 'kg CO2e/kWh'], ['Electricity', 'abc'], ['Natural gas', 'def']), 'factors');
    expect(text.columns[1]).toMatchObject({ confidence: 'low', reason: "header 'kg CO2e/kWh' is a factor unit (kg CO2e/kWh), but its values are mostly text" });
    const perUnit = suggest(rows(['Activity', 'Unit', 'kg CO2e per unit'], ['Electricity', 'kWh', 'abc'], ['Diesel', 'L', 'def']), 'factors');
    expect(perUnit.columns[2]!.reason).toBe(
      "header 'kg CO2e per unit' is a factor unit (kg CO2e per unit); 'per unit': each row's unit column gives the unit of activity, but its values are mostly text",
    );
  });

  it('names the attribute a column gives, for a record or for a factor', () => {
    const refrigerants = suggest(rows(['Activity', 'Gas', 'Factor', 'Factor unit'], ['Refrigerant', 'R-410A', 2088, 'kg CO2e/kg'], ['Refrigerant', 'HFC-134a', 1430, 'kg CO2e/kg']), 'factors');
    expect(refrigerants.columns[1]).toEqual({
      column: 1,
      header: 'Gas',
      role: 'attribute',
      attribute: 'gas',
      confidence: 'high',
      reason: "header 'Gas' suggests the refrigerant gas each row's factor is for; its values are mostly text",
    });
    expect(refrigerants.mapping.columns[1]).toEqual({ column: 1, header: 'Gas', role: 'attribute', attribute: 'gas' });
    const mostly = suggest(rows(['Activity', 'Gas', 'Factor'], ['Refrigerant', 'R-410A', 2088], ['Refrigerant', 'HFC-134a', 1430], ['Refrigerant', 'R-32', 675], ['Refrigerant', 'R-404A', 3922], ['Refrigerant', 'CO2', 1]), 'factors');
    expect(mostly.columns[1]).toMatchObject({ role: 'attribute', attribute: 'gas' });
    const records = suggest(monthly(['Activity', 'Refrigerant', 'Quantity', 'Unit'], ['Refrigerant', 'R-410A', 2, 'kg'], ['Refrigerant', 'R-32', 3, 'kg']));
    expect(records.columns[3]).toEqual({
      column: 3,
      header: 'Refrigerant',
      role: 'attribute',
      attribute: 'gas',
      confidence: 'high',
      reason: "header 'Refrigerant' suggests the refrigerant gas each row's record is; its values are mostly text",
    });
  });

  it('keeps the unit of a numeric column in its header, and of no other', () => {
    const suggestion = suggest(rows(['Site (UK)', 'Month', 'Activity', 'Quantity (kWh)'], ['A', '2023-01', 'Electricity', 5], ['B', '2023-02', 'Electricity', 6]));
    expect(suggestion.mapping.columns[0]).toEqual({ column: 0, header: 'Site (UK)', role: 'site' });
    expect(suggestion.mapping.columns[3]).toEqual({ column: 3, header: 'Quantity (kWh)', role: 'quantity', unitText: 'kWh' });
    expect(mappingSchema.safeParse(suggestion.mapping).success).toBe(true);
  });

  it('takes a Scope 3 category column of numbers 1 to 15 only', () => {
    const inRange = suggest(rows(['Supplier', 'Category', 'Month', 'Spend (GBP)'], ['A', 1, '2023-01', 5], ['B', 15, '2023-02', 6], ['C', 'Category 15', '2023-02', 6], ['D', 'cat. 1', '2023-02', 6]));
    expect(inRange.columns[1]).toEqual({ column: 1, header: 'Category', role: 'scope3_category', confidence: 'high', reason: "header 'Category' suggests scope3 category; its values are mostly numbers" });
    for (const outside of [0, 16]) {
      const suggestion = suggest(rows(['Supplier', 'Category', 'Month', 'Spend (GBP)'], ['A', outside, '2023-01', 5], ['B', outside, '2023-02', 6], ['C', 2, '2023-02', 6]));
      expect(suggestion.columns[1]).toEqual({
        column: 1,
        header: 'Category',
        role: 'ignore',
        confidence: 'medium',
        reason: "header 'Category' names a category, but its values are text, not Scope 3 categories 1–15: not imported unless you map it",
      });
    }
    const dates = suggest(rows(['Supplier', 'Category', 'Month', 'Spend (GBP)'], ['A', date('2023-01-01'), '2023-01', 5], ['B', date('2023-01-02'), '2023-02', 6]));
    expect(dates.columns[1]!.role).not.toBe('scope3_category');
  });
});

describe('one column per role', () => {
  it('prefers a named column to an identifier, quietly', () => {
    const suggestion = suggest(rows(['Site', 'Site ID', 'Month', 'Electricity (kWh)'], ['A', 1, '2023-01', 3], ['B', 2, '2023-02', 3]));
    expect(suggestion.columns.slice(0, 2)).toEqual([SITE, { column: 1, header: 'Site ID', role: 'ignore', confidence: 'high', reason: "header 'Site ID' is an identifier, and column A gives the site by name" }]);
    const after = suggest(rows(['Site ID', 'Site', 'Month', 'Electricity (kWh)'], [1, 'A', '2023-01', 3], [2, 'B', '2023-02', 3]));
    expect(after.columns[0]).toMatchObject({ role: 'ignore', reason: "header 'Site ID' is an identifier, and column B gives the site by name" });
    expect(after.columns[1]).toEqual({ ...SITE, column: 1 });
  });

  it('takes an identifier as its role where no named column has it', () => {
    const suggestion = suggest(rows(['Site ID', 'Month', 'Electricity (kWh)'], ['A1', '2023-01', 3], ['B2', '2023-02', 3]));
    expect(suggestion.columns[0]).toEqual({ column: 0, header: 'Site ID', role: 'site', confidence: 'high', reason: "header 'Site ID' suggests site; its values are mostly text" });
    expect(suggestion.mapping.columns[0]).toEqual({ column: 0, header: 'Site ID', role: 'site' });
  });

  it('between two named columns or two identifiers, keeps the more confident, then the leftmost, and lowers its confidence', () => {
    const named = suggest(rows(['Site', 'Location', 'Month', 'Electricity (kWh)'], ['A', 5, '2023-01', 3], ['B', 6, '2023-02', 3]));
    expect(named.columns.slice(0, 2)).toEqual([
      { ...SITE, confidence: 'low', reason: "header 'Site' suggests site; its values are mostly text; column B could also be the site" },
      { column: 1, header: 'Location', role: 'ignore', confidence: 'low', reason: "header 'Location' suggests site, but its values are mostly numbers; but column A was preferred as site" },
    ]);
    const confident = suggest(rows(['Location', 'Site', 'Month', 'Electricity (kWh)'], [5, 'A', '2023-01', 3], [6, 'B', '2023-02', 3]));
    expect(confident.columns[0]).toMatchObject({ role: 'ignore', reason: "header 'Location' suggests site, but its values are mostly numbers; but column B was preferred as site" });
    expect(confident.columns[1]).toMatchObject({ role: 'site', confidence: 'low' });
    const identifiers = suggest(rows(['Site ID', 'Location ID', 'Month', 'Electricity (kWh)'], ['A', 'X', '2023-01', 3], ['B', 'Y', '2023-02', 3]));
    expect(identifiers.columns.slice(0, 2)).toEqual([
      { column: 0, header: 'Site ID', role: 'site', confidence: 'low', reason: "header 'Site ID' suggests site; its values are mostly text; column B could also be the site" },
      { column: 1, header: 'Location ID', role: 'ignore', confidence: 'low', reason: "header 'Location ID' suggests site; its values are mostly text; but column A was preferred as site" },
    ]);
  });

  it('names every rival it kept the role from', () => {
    const suggestion = suggest(rows(['Site', 'Location', 'Premises', 'Month', 'Electricity (kWh)'], ['A', 'B', 'C', '2023-01', 3], ['D', 'E', 'F', '2023-02', 3]));
    expect(suggestion.columns[0]!.reason).toBe("header 'Site' suggests site; its values are mostly text; columns B, C could also be the site");
  });
});

describe('one quantity in two units', () => {
  it('imports the metered unit and checks the accounting units against it', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Electricity (GJ)', 'Electricity (kWh)', 'Electricity (MJ)'], ['A', date('2023-01-01'), 3, 4, 5], ['B', date('2023-02-01'), 3, 4, 5]));
    const twin = (index: number, unitText: string) => ({
      column: index,
      header: `Electricity (${unitText})`,
      role: 'twin',
      unitText,
      twinOf: 3,
      confidence: 'high',
      reason: 'same quantity as column D (Electricity (kWh)) in another unit: not imported, checked against it where both are filled (they must agree after conversion, within rounding)',
    });
    expect(suggestion.columns.slice(2)).toEqual([
      twin(2, 'GJ'),
      { ...electricity(3), reason: "header 'Electricity (kWh)' names Electricity ('electricity') in kWh; values are numbers; imported in the unit a meter reads, its twins in GJ, MJ checked against it" },
      twin(4, 'MJ'),
    ]);
    expect(suggestion.mapping.columns[2]).toEqual({ column: 2, header: 'Electricity (GJ)', role: 'twin', unitText: 'GJ', twinOf: 3 });
  });

  it('imports the first column when every unit is an accounting one', () => {
    const suggestion = suggest(monthly(['Electricity (GJ)', 'Electricity (MJ)'], [3, 3000], [4, 4000]));
    expect(suggestion.columns[2]).toMatchObject({ role: 'value', reason: "header 'Electricity (GJ)' names Electricity ('electricity') in GJ; values are numbers; imported in the unit a meter reads, its twin in MJ checked against it" });
    expect(suggestion.columns[3]).toMatchObject({ role: 'twin', twinOf: 2 });
  });

  it('keeps a twin it cannot convert, saying it is not checked', () => {
    const mass = suggest(monthly(['Diesel (L)', 'Diesel (kg)'], [3, 4], [3, 4]));
    expect(mass.columns[3]).toEqual({
      column: 3,
      header: 'Diesel (kg)',
      role: 'twin',
      unitText: 'kg',
      twinOf: 2,
      confidence: 'high',
      reason: 'same quantity as column C (Diesel (L)) in another unit: not imported, not checked: cannot convert mass (kg) to volume (L)',
    });
    expect(mass.columns[2]!.reason).toBe("header 'Diesel (L)' names Diesel (average biofuel blend) ('diesel') in L; values are numbers; imported in the unit a meter reads, its twin in kg checked against it");
    const bases = suggest(monthly(['Natural gas (kWh, gross CV)', 'Natural gas (kWh, net CV)'], [3, 3], [4, 4]));
    expect(bases.columns[3]).toMatchObject({ role: 'twin', twinOf: 2, unitText: 'kWh, net CV' });
    expect(bases.columns[3]!.reason).toContain('not checked: cannot convert kWh (net CV) to kWh (gross CV)');
  });

  it('asks which to import of two columns in the same unit, or of two floor areas', () => {
    const same = suggest(monthly(['Electricity (kWh)', 'Electricity (kWh)'], [3, 4], [3, 4]));
    expect(same.columns.slice(2)).toEqual([
      electricity(2),
      {
        column: 3,
        header: 'Electricity (kWh)',
        role: 'ignore',
        confidence: 'low',
        reason: "header 'Electricity (kWh)' names Electricity ('electricity') in kWh; values are numbers; but column C already gives Electricity in kWh: one of them is imported, choose which",
      },
    ]);
    const floors = suggest(monthly(['Floor area (m²)', 'Net floor area (m2)', 'Electricity (kWh)'], [3, 4, 1], [3, 4, 1]));
    expect(floors.columns[3]).toMatchObject({
      role: 'ignore',
      confidence: 'low',
      reason: "header 'Net floor area (m2)' names Floor area (intensity denominator) ('floor area') in m2; values are numbers; but column C already gives Floor area (intensity denominator) in m²: one of them is imported, choose which",
    });
    const noUnit = suggest(monthly(['Electricity', 'Electricity (kWh)', 'Diesel (L)'], [3, 4, 1], [3, 4, 1]));
    expect(column(noUnit.columns, 'Electricity')).toMatchObject({ role: 'value' });
    expect(column(noUnit.columns, 'Electricity (kWh)')).toMatchObject({
      role: 'ignore',
      confidence: 'low',
      reason: "header 'Electricity (kWh)' names Electricity ('electricity') in kWh; values are numbers; but column C already gives Electricity: one of them is imported, choose which",
    });
    const unitLater = suggest(monthly(['Electricity (kWh)', 'Electricity', 'Diesel (L)'], [3, 4, 1], [3, 4, 1]));
    expect(column(unitLater.columns, 'Electricity').reason).toBe(
      "header 'Electricity' names Electricity ('electricity'); the header has no unit, so set one; values are numbers; but column C already gives Electricity in kWh: one of them is imported, choose which",
    );
    const unitless = suggest(monthly(['Electricity', 'Electricity', 'Diesel (L)'], [3, 4, 1], [3, 4, 1]));
    expect(unitless.columns[3]!.reason).toBe(
      "header 'Electricity' names Electricity ('electricity'); the header has no unit, so set one; values are numbers; but column C already gives Electricity: one of them is imported, choose which",
    );
  });

  it('keeps columns of different quantities apart, whatever their units', () => {
    const suggestion = suggest(monthly(['Electricity (kWh)', 'Natural gas (MWh)'], [3, 4], [3, 4]));
    expect(suggestion.columns.map(({ role }) => role)).toEqual(['site', 'period', 'value', 'value']);
    expect(suggestion.columns[2]!.reason).not.toContain('twin');
  });
});

describe('a data centre without an electricity column', () => {
  it("takes the facility's total energy as its electricity, saying so", () => {
    const suggestion = suggest(rows(['Data centre', 'Month', 'Total facility energy (MWh)', 'IT energy (MWh)'], ['DC1', 'Jan-23', 900, 600], ['DC1', 'Feb-23', 880, 590]));
    expect(suggestion.columns[2]).toMatchObject({ activity: 'facility_energy', meaning: 'consumption' });
    expect(suggestion.columns[2]!.reason).toMatch(
      /; no electricity column here, so the facility's total energy is taken as its electricity consumption \(Scope 2\) as well as the PUE numerator$/,
    );
    expect(suggestion.columns[3]).toMatchObject({ activity: 'it_energy', meaning: 'metric' });
    expect(suggestion.columns[3]!.reason).not.toContain('no electricity column here');
  });

  it('leaves it a metric beside electricity, even electricity bought as instruments', () => {
    const instruments = suggest(rows(['Data centre', 'Month', 'Total facility energy (MWh)', 'REGO (MWh)'], ['DC1', 'Jan-23', 900, 500], ['DC1', 'Feb-23', 880, 500]));
    expect(instruments.columns[2]).toMatchObject({ meaning: 'consumption' });
    const consumed = suggest(rows(['Data centre', 'Month', 'Electricity (MWh)', 'Total facility energy (MWh)'], ['DC1', 'Jan-23', 900, 900], ['DC1', 'Feb-23', 880, 880]));
    expect(consumed.columns[3]).toMatchObject({ meaning: 'metric' });
    expect(consumed.columns[3]!.reason).not.toContain('no electricity column here');
  });
});
