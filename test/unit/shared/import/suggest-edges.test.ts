// The suggested mapping at its edges: which rows and columns its evidence comes from, the
// checks that only apply to one kind of sheet, and a mapping that carries no empty keys.
import { describe, expect, it } from 'vitest';
import { rows, suggest } from '../../../helpers/suggest';

const PLACEHOLDERS = "placeholders read as blank: 'Not Available', 'N/A', 'n/a', '-', '–', '—', '..', '(blank)', 'null', '#N/A'; edit the list in the mapping";

describe('the evidence a suggestion is drawn from', () => {
  it('leaves a totals row out of the values it judges', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Electricity (kWh)'], ['A', '2023-01', 5], ['B', '2023-02', 6], ['Total', null, { t: 'formula', formula: 'SUM(C2:C3)' }]));
    expect(suggestion.columns[2]!.reason).toBe("header 'Electricity (kWh)' names Electricity ('electricity') in kWh; values are numbers");
  });

  it('reads the decimal separator from numeric columns only, not from notes', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Electricity (kWh)', 'Notes'], ['A', '2023-01', '1,234.5', '1.234,5'], ['B', '2023-02', '2,000.5', 'x']));
    expect(suggestion.reasons[1]).toBe("decimal separator: '1,234.5', '2,000.5' can only be read with a decimal point");
    expect(suggestion.mapping.decimalSeparator).toBe('.');
  });

  it('reads a Scope 3 category written with spaces around it', () => {
    const suggestion = suggest(rows(['Supplier', 'Category', 'Month', 'Spend (GBP)'], ['A', ' 6 ', '2023-01', 5], ['B', ' 7 ', '2023-02', 6]));
    expect(suggestion.columns[1]).toMatchObject({ role: 'scope3_category', confidence: 'high' });
  });

  it('judges a scope column by its filled cells, not its blanks', () => {
    const suggestion = suggest(rows(['Activity', 'Factor', 'Scope'], ['Electricity', 0.2, 2], ['Diesel', 2.5, null], ['Gas', 2.5, null], ['Coal', 2.5, 'wide']), 'factors');
    expect(suggestion.columns[2]).toStrictEqual({ column: 2, header: 'Scope', role: 'scope', confidence: 'low', reason: "header 'Scope' suggests scope, but its values are mostly numbers" });
  });
});

describe('activity values', () => {
  it('names the values that match no catalogue activity, the first three of them', () => {
    const suggestion = suggest(
      rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit'], ['A', '2023-01', 'Diesel', 5, 'L'], ['A', '2023-02', 'Biogas', 6, 'm3'], ['A', '2023-03', 'Foo', 6, 'm3'], ['A', '2023-04', 'Bar', 6, 'm3'], ['A', '2023-05', 'Baz', 6, 'm3']),
    );
    expect(suggestion.columns[2]!.reason).toBe(
      "header 'Activity' suggests activity; its values are mostly text; 4 of 5 distinct values name no single catalogue activity ('Biogas', 'Foo', 'Bar')",
    );
  });

  it('says in number whether one value or several match no catalogue activity', () => {
    const one = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit'], ['A', '2023-01', 'Diesel', 5, 'L'], ['A', '2023-02', 'Biogas', 6, 'm3'], ['A', '2023-03', 'Diesel', 6, 'L']));
    expect(one.columns[2]!.reason).toBe("header 'Activity' suggests activity; its values are mostly text; 1 of 2 distinct values names no single catalogue activity ('Biogas')");
    const only = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit'], ['A', '2023-01', 'Biogas', 5, 'm3'], ['A', '2023-02', 'Biogas', 6, 'm3']));
    expect(only.columns[2]!.reason).toBe("header 'Activity' suggests activity; its values are mostly text; its one distinct value names no single catalogue activity ('Biogas')");
  });

  it('says nothing of activities under an activity header over numbers', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit'], ['A', '2023-01', 1, 5, 'L'], ['A', '2023-02', 2, 6, 'L']));
    expect(suggestion.columns[2]).toStrictEqual({ column: 2, header: 'Activity', role: 'activity', confidence: 'low', reason: "header 'Activity' suggests activity, but its values are mostly numbers" });
  });

  it('keeps a column of refrigerants under an activity header as the activity', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit'], ['A', '2023-01', 'R-410A', 5, 'kg'], ['A', '2023-02', 'R-32', 6, 'kg']));
    expect(suggestion.columns[2]).toStrictEqual({
      column: 2,
      header: 'Activity',
      role: 'activity',
      confidence: 'high',
      reason: "header 'Activity' suggests activity; its values are mostly text; all 2 distinct values name a catalogue activity",
    });
  });

  it('lists the activities of an activity column only in an activity sheet', () => {
    const factors = suggest(rows(['Activity', 'Factor'], ['Electricity', 0.2], ['Foo', 0.18]), 'factors');
    expect(factors.columns[0]!.reason).toBe("header 'Activity' suggests activity; its values are mostly text");
  });

  it('reads a refrigerant gas in the header of a refrigerant column only', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Diesel R-404A (L)'], ['A', '2023-01', 5], ['B', '2023-02', 6]));
    expect(suggestion.columns[2]).toStrictEqual({
      column: 2,
      header: 'Diesel R-404A (L)',
      role: 'value',
      activity: 'diesel',
      meaning: 'consumption',
      unitText: 'L',
      confidence: 'high',
      reason: "header 'Diesel R-404A (L)' names Diesel (average biofuel blend) ('diesel') in L; values are numbers",
    });
  });

  it("keeps an activity sheet's unit column a unit column, whatever units it holds", () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit'], ['A', '2023-01', 'Diesel', 5, 'kg CO2e/kWh'], ['A', '2023-02', 'Diesel', 6, 'kg CO2e/kWh']));
    expect(suggestion.columns[4]).toMatchObject({ role: 'unit' });
  });
});

describe('checks for one kind of sheet only', () => {
  it('ignores descriptive columns quietly, with what they are', () => {
    const suggestion = suggest(rows(['Site', 'Address', 'Operating Hours', 'Month', 'Electricity (kWh)'], ['A', '1 Main St', 60, '2023-01', 5], ['B', '2 Main St', 50, '2023-02', 6]));
    expect(suggestion.columns.slice(1, 3)).toStrictEqual([
      { column: 1, header: 'Address', role: 'ignore', confidence: 'high', reason: "header 'Address' is part of an address: not imported" },
      { column: 2, header: 'Operating Hours', role: 'ignore', confidence: 'high', reason: "header 'Operating Hours' is an operating attribute: not imported" },
    ]);
  });

  it('ignores derived figures named by their words in an activity sheet', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Electricity (kWh)', 'Weather normalised electricity (kWh)', 'Share of renewables'], ['A', '2023-01', 5, 4, 0.5], ['B', '2023-02', 6, 5, 0.4]));
    expect(suggestion.columns.slice(3)).toStrictEqual([
      {
        column: 3,
        header: 'Weather normalised electricity (kWh)',
        role: 'ignore',
        confidence: 'high',
        reason: "header 'Weather normalised electricity (kWh)' is a weather-normalised figure, derived from other figures: never a quantity, not imported",
      },
      {
        column: 4,
        header: 'Share of renewables',
        role: 'ignore',
        confidence: 'high',
        reason: "header 'Share of renewables' is a percentage or share, derived from other figures: never a quantity, not imported",
      },
    ]);
  });

  it('reads a factor unit in a header only in a factor table', () => {
    const claims = suggest(rows(['Metric', 'Year', 'Intensity (kg CO2e/m2)'], ['Scope 1', 2023, 5], ['Scope 2', 2023, 6]), 'claims');
    expect(claims.columns[2]).toMatchObject({ role: 'ignore', reason: "header 'Intensity (kg CO2e/m2)' names no known role, and its values are mostly numbers: not imported unless you map it" });
  });

  it('reads activities in headers only in an activity sheet', () => {
    const factors = suggest(rows(['Activity', 'Factor', 'Diesel'], ['Electricity', 0.2, 3], ['Natural gas', 0.18, 4]), 'factors');
    expect(factors.columns[2]).toStrictEqual({ column: 2, header: 'Diesel', role: 'ignore', confidence: 'medium', reason: "header 'Diesel' names no known role, and its values are mostly numbers: not imported unless you map it" });
    expect(factors.reasons).toStrictEqual([
      'factors mappings are always long: one row per item',
      "decimal separator: no number written as text depends on the separator; '.' is the default",
      'day order: no text dates written as day, month and year, so none is needed',
      PLACEHOLDERS,
    ]);
    expect(factors.confidence).toBe('high');
  });

  it("takes a data centre's facility energy as its electricity beside other fuels", () => {
    const suggestion = suggest(rows(['Data centre', 'Month', 'Total facility energy (MWh)', 'Diesel (L)'], ['DC1', 'Jan-23', 900, 50], ['DC1', 'Feb-23', 880, 40]));
    expect(suggestion.columns[2]).toMatchObject({ activity: 'facility_energy', meaning: 'consumption' });
  });
});

describe('one quantity in two units', () => {
  it('tells quantities apart by their labels in lower case', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Natural gas Straße (kWh)', 'Natural gas Strasse (MWh)'], ['A', '2023-01', 5, 6], ['B', '2023-02', 6, 7]));
    expect(suggestion.columns.map(({ role }) => role)).toStrictEqual(['site', 'period', 'value', 'value']);
  });
});

describe('the confidence of a layout', () => {
  it('doubts a long layout with no activity or unit column, even with the unit in the quantity header', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Quantity (kWh)'], ['A', '2023-01', 5], ['B', '2023-02', 6]));
    expect(suggestion.reasons[0]).toBe('long layout: the quantity is in column C, but no activity or unit column: set defaults');
    expect(suggestion.reasons).toHaveLength(4);
    expect(suggestion.confidence).toBe('medium');
  });

  it('doubts a wide layout beside a quantity column, however many activity columns it has', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Electricity (kWh)', 'Diesel (L)', 'Quantity'], ['A', '2023-01', 5, 1, 3], ['B', '2023-02', 6, 2, 4]));
    expect(suggestion.mapping.layout).toBe('wide');
    expect(suggestion.confidence).toBe('medium');
  });
});

describe('one column per role', () => {
  it('prefers a named column to an identifier just as sure of it and further left', () => {
    const suggestion = suggest(rows(['Site ID', 'Site', 'Month', 'Electricity (kWh)'], ['S-1', 'A', '2023-01', 3], ['S-2', 'B', '2023-02', 3]));
    expect(suggestion.columns.slice(0, 2).map(({ role, confidence }) => [role, confidence])).toStrictEqual([
      ['ignore', 'high'],
      ['site', 'high'],
    ]);
  });

  it('doubts a named column that a named rival could replace, beside an identifier too', () => {
    const suggestion = suggest(rows(['Site', 'Site ID', 'Location', 'Month', 'Electricity (kWh)'], ['A', 'S-1', 'X', '2023-01', 3], ['B', 'S-2', 'Y', '2023-02', 3]));
    expect(suggestion.columns[0]).toStrictEqual({
      column: 0,
      header: 'Site',
      role: 'site',
      confidence: 'low',
      reason: "header 'Site' suggests site; its values are mostly text; columns B, C could also be the site",
    });
  });
});

describe('the mapping it proposes', () => {
  it('carries only the keys a column has, no empty ones', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Electricity (kWh)', 'Electricity (MWh)', 'Carbon emissions (tCO2e)'], ['A', '2023-01', 5, 0.005, 1], ['B', '2023-02', 6, 0.006, 1]));
    expect(suggestion.mapping).toStrictEqual({
      version: 1,
      kind: 'activity',
      table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 },
      layout: 'wide',
      columns: [
        { column: 0, header: 'Site', role: 'site' },
        { column: 1, header: 'Month', role: 'period' },
        { column: 2, header: 'Electricity (kWh)', role: 'value', activity: 'electricity', meaning: 'consumption', unitText: 'kWh' },
        { column: 3, header: 'Electricity (MWh)', role: 'twin', unitText: 'MWh', twinOf: 2 },
        { column: 4, header: 'Carbon emissions (tCO2e)', role: 'claim_value', unitText: 'tCO2e', metric: 'Carbon emissions' },
      ],
      decimalSeparator: '.',
      placeholders: ['Not Available', 'N/A', 'n/a', '-', '–', '—', '..', '(blank)', 'null', '#N/A'],
    });
    expect(suggestion.columns[0]).toStrictEqual({ column: 0, header: 'Site', role: 'site', confidence: 'high', reason: "header 'Site' suggests site; its values are mostly text" });
    const refrigerant = suggest(rows(['Site', 'Month', 'R-410A top-up (kg)'], ['A', '2023-01', 2], ['B', '2023-02', 3]));
    expect(refrigerant.mapping.columns[2]).toStrictEqual({ column: 2, header: 'R-410A top-up (kg)', role: 'value', activity: 'refrigerant', meaning: 'consumption', unitText: 'kg', attributes: { gas: 'R-410A' } });
    const attribute = suggest(rows(['Site', 'Month', 'Activity', 'Refrigerant', 'Quantity', 'Unit'], ['A', '2023-01', 'Refrigerant', 'R-32', 2, 'kg'], ['B', '2023-02', 'Refrigerant', 'R-32', 3, 'kg']));
    expect(attribute.mapping.columns[3]).toStrictEqual({ column: 3, header: 'Refrigerant', role: 'attribute', attribute: 'gas' });
  });
});
