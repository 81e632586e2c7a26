/**
 * Suggestions that would have gone wrong silently (issues 8, 15 and 17): factor tables as
 * companies lay them out, headers that decide over placeholders and unreadable cells, period
 * pairs, plurals, calorific bases and spend in headers, one quantity in two units, derived and
 * descriptive columns, reported totals offered as claims, and 'Year Ending' periods.
 */
import { describe, expect, it } from 'vitest';
import { mappingSchema } from '../../../../shared/import/mapping';
import { DEFAULT_PLACEHOLDERS } from '../../../../shared/import/placeholders';
import { column, date, rows, suggest } from '../../../helpers/suggest';

describe('factor tables', () => {
  it("proposes the company layout by itself: the header's numerator, the row's unit, the basis and the scope", () => {
    const suggestion = suggest(
      rows(
        ['Activity', 'Scope', 'Basis', 'Unit', 'kg CO2e per unit', 'Source'],
        ['Grid electricity', 2, 'location', 'kWh', 0.207, 'DESNZ 2024'],
        ['Grid electricity', 2, 'market', 'kWh', 0.302, 'AIB residual mix 2023'],
        ['Renewable electricity', 2, 'market', 'kWh', 0, 'Supplier REGOs'],
        ['Natural gas', 1, null, 'm3', 2.02, 'DESNZ 2024'],
        ['Diesel', 1, null, 'litre', 2.51, 'DESNZ 2024'],
      ),
      'factors',
    );
    expect(suggestion.mapping.columns).toEqual([
      { column: 0, header: 'Activity', role: 'activity' },
      { column: 1, header: 'Scope', role: 'scope' },
      { column: 2, header: 'Basis', role: 'basis' },
      { column: 3, header: 'Unit', role: 'unit' },
      { column: 4, header: 'kg CO2e per unit', role: 'factor_value', unitText: 'kg CO2e per unit' },
      { column: 5, header: 'Source', role: 'source' },
    ]);
    expect(mappingSchema.safeParse(suggestion.mapping).success).toBe(true);
    expect(column(suggestion.columns, 'kg CO2e per unit').reason).toContain("'per unit': each row's unit column gives the unit of activity");
    expect(suggestion.columns.every((candidate) => candidate.confidence === 'high')).toBe(true);
  });

  it.each(['tCO2e/MWh', 'g CO2 per kWh', 'lb CO2e/MWh', 'Emission factor (kg CO2e/kWh)'])('reads the factor unit in the header %j', (header) => {
    const suggestion = suggest(rows(['Activity', header], ['Electricity', 0.2], ['Natural gas', 0.18]), 'factors');
    expect(column(suggestion.columns, header)).toMatchObject({ role: 'factor_value', unitText: header.replace(/^Emission factor \((.*)\)$/, '$1') });
  });

  it('suggests a column of factor units as the factor unit, whatever the value column is called', () => {
    const suggestion = suggest(
      rows(['Activity', 'Factor', 'Factor unit', 'Source'], ['Electricity', 0.207, 'kg CO2e/kWh', 'DESNZ'], ['Natural gas', 0.183, 'kg CO2e/kWh', 'DESNZ']),
      'factors',
    );
    expect(suggestion.mapping.columns.map((candidate) => candidate.role)).toEqual(['activity', 'factor_value', 'factor_unit', 'source']);
    const unnamed = suggest(rows(['Activity', 'Factor', 'Per', 'Source'], ['Electricity', 0.207, 'kg CO2e/kWh', 'DESNZ'], ['Diesel', 2.5, 'kg CO2e/litre', 'DESNZ']), 'factors');
    expect(column(unnamed.columns, 'Per')).toMatchObject({ role: 'factor_unit', reason: "header 'Per' names no known role, but its values are factor units" });
  });
});

describe('the header decides', () => {
  it('keeps a value column whose one formula has no cached result, for that row alone to be refused', () => {
    const suggestion = suggest(
      rows(
        ['Site', 'Month', 'Electricity (kWh)'],
        ['A', '2023-01', 100],
        ['A', '2023-02', { t: 'formula', formula: 'C2*1.1' }],
        ['A', '2023-03', 120],
      ),
    );
    expect(mappingSchema.safeParse(suggestion.mapping).success).toBe(true);
    expect(column(suggestion.columns, 'Electricity (kWh)')).toMatchObject({ role: 'value', activity: 'electricity', unitText: 'kWh' });
    expect(column(suggestion.columns, 'Electricity (kWh)').reason).toContain('1 cell cannot be read (a formula without a cached value or an error): that row is refused with the reason');
  });

  it('reads placeholders as blanks, so a column of mostly "Not Available" is still a value column', () => {
    const suggestion = suggest(
      rows(
        ['Property Name', 'Year Ending', 'Natural Gas Use (therms)', 'Wood Use (GJ)'],
        ['Alpha', date('2023-12-31'), 'Not Available', 'Not Available'],
        ['Beta', date('2023-12-31'), 1200.5, 'N/A'],
        ['Gamma', date('2023-12-31'), 'Not Available', '-'],
        ['Delta', date('2023-12-31'), 'not available', '—'],
      ),
    );
    expect(column(suggestion.columns, 'Natural Gas Use (therms)')).toMatchObject({ role: 'value', activity: 'natural_gas', unitText: 'therms', confidence: 'high' });
    expect(column(suggestion.columns, 'Natural Gas Use (therms)').reason).toContain('3 of 4 cells are placeholders, read as blank');
    expect(column(suggestion.columns, 'Wood Use (GJ)')).toMatchObject({ role: 'value', activity: 'wood', unitText: 'GJ' });
    expect(suggestion.mapping.placeholders).toEqual(DEFAULT_PLACEHOLDERS);
    expect(suggestion.mapping.periodGranularity).toBe('twelve-months-ending');
    expect(suggestion.reasons).toContain("period: each date ends a twelve-month period ('Year Ending'), which is split across fiscal years by days");
  });
});

describe('suggestions that would have gone silently wrong (issue 15)', () => {
  it.each([
    ['Valid from', 'Valid to'],
    ['Bill from', 'Bill to'],
    ['Period start', 'Period end'],
    ['From', 'To'],
    ['Start date', 'End date'],
  ])('maps %j and %j to the start and end of the period', (start, end) => {
    const suggestion = suggest(rows(['Site', start, end, 'Guarantees of origin (kWh)'], ['A', date('2023-01-01'), date('2023-12-31'), 5000], ['B', date('2023-01-01'), date('2023-06-30'), 800]));
    expect(suggestion.mapping.columns.map((candidate) => candidate.role)).toEqual(['site', 'period_start', 'period_end', 'value']);
    expect(column(suggestion.columns, 'Guarantees of origin (kWh)')).toMatchObject({ activity: 'clean_electricity', meaning: 'instrument', unitText: 'kWh' });
    expect(mappingSchema.safeParse(suggestion.mapping).success).toBe(true);
  });

  it('reads the calorific basis in a header', () => {
    const suggestion = suggest(rows(['Site', 'Month', 'Natural gas (kWh, gross CV)'], ['A', '2023-01', 5000], ['A', '2023-02', 4800]));
    expect(column(suggestion.columns, 'Natural gas (kWh, gross CV)')).toMatchObject({ role: 'value', activity: 'natural_gas', unitText: 'kWh, gross CV' });
  });

  it('takes spend as a quantity in its currency, and never a text column as a Scope 3 category', () => {
    const suggestion = suggest(
      rows(['Supplier', 'Spend category', 'Month', 'Spend (GBP)'], ['Acme', 'Office supplies', '2023-01', 1200], ['Bolt', 'IT services', '2023-02', 800]),
    );
    expect(column(suggestion.columns, 'Spend (GBP)')).toMatchObject({ role: 'quantity', unitText: 'GBP' });
    expect(column(suggestion.columns, 'Spend category')).toMatchObject({
      role: 'ignore',
      reason: "header 'Spend category' names a category, but its values are text, not Scope 3 categories 1–15: not imported unless you map it",
    });
    const numbered = suggest(rows(['Supplier', 'Category', 'Month', 'Spend (GBP)'], ['Acme', 'Cat 1', '2023-01', 1200], ['Bolt', 4, '2023-02', 800]));
    expect(column(numbered.columns, 'Category')).toMatchObject({ role: 'scope3_category', confidence: 'high' });
  });
});

describe('exports from systems (issue 17)', () => {
  const EXPORT = rows(
    ['Property Id', 'Property Name', 'Address 1', 'Year Ending', 'Property GFA - Self-Reported (m²)', 'Site EUI (GJ/m²)', 'Site Energy Use (GJ)',
      'Electricity Use - Grid Purchase (kWh)', 'Electricity Use - Grid Purchase (GJ)', 'Natural Gas Use (therms)', 'Natural Gas Use (GJ)',
      'Operating Hours', 'Alert - Property has no uses', 'Percent of Electricity that is Green Power', 'Total (Location-Based) GHG Emissions (Metric Tons CO2e)'],
    [1001, 'Alpha Tower', '1 Main St', date('2023-12-31'), 12000, 1.2, 14400, 2_500_000, 9000, 20_000, 2110.2, 60, 'Ok', 0, 1210.5],
    [1002, 'Beta House', '2 Main St', date('2023-12-31'), 8000, 'Not Available', 'Not Available', 1_000_000, 3600, 'Not Available', 'Not Available', 50, 'Ok', 25, 'Not Available'],
    [1003, 'Gamma Works', '3 Main St', date('2023-12-31'), 5000, 0.9, 4500, 1_250_000, 4500, 'Not Available', 'Not Available', 'Not Available', 'Possible issue', 0, 480],
  );
  const suggestion = suggest(EXPORT);
  const role = (header: string) => column(suggestion.columns, header);

  it('imports each energy once, in the metered unit, and checks its twin in another unit', () => {
    expect(suggestion.mapping.layout).toBe('wide');
    expect(role('Electricity Use - Grid Purchase (kWh)')).toMatchObject({ role: 'value', activity: 'electricity', unitText: 'kWh' });
    expect(role('Electricity Use - Grid Purchase (GJ)')).toMatchObject({ role: 'twin', twinOf: 7, unitText: 'GJ' });
    expect(role('Electricity Use - Grid Purchase (GJ)').reason).toContain('same quantity as column H (Electricity Use - Grid Purchase (kWh)) in another unit: not imported, checked');
    expect(role('Natural Gas Use (therms)')).toMatchObject({ role: 'value', activity: 'natural_gas', unitText: 'therms' });
    expect(role('Natural Gas Use (GJ)')).toMatchObject({ role: 'twin', twinOf: 9 });
    expect(mappingSchema.safeParse(suggestion.mapping).success).toBe(true);
  });

  it('ignores derived and descriptive columns, quietly for the descriptive ones', () => {
    for (const header of ['Site EUI (GJ/m²)', 'Site Energy Use (GJ)', 'Percent of Electricity that is Green Power']) {
      expect(role(header)).toMatchObject({ role: 'ignore', confidence: 'high' });
      expect(role(header).reason).toContain('never a quantity');
    }
    for (const header of ['Property Id', 'Address 1', 'Operating Hours', 'Alert - Property has no uses']) {
      expect(role(header)).toMatchObject({ role: 'ignore', confidence: 'high' });
    }
    expect(role('Property Name').role).toBe('site');
  });

  it('takes floor area as an intensity denominator, the year ending as a twelve-month period, and offers the reported total as claims', () => {
    expect(role('Property GFA - Self-Reported (m²)')).toMatchObject({ role: 'value', activity: 'floor_area', meaning: 'denominator', unitText: 'm²' });
    expect(role('Year Ending').role).toBe('period');
    expect(suggestion.mapping.periodGranularity).toBe('twelve-months-ending');
    expect(role('Total (Location-Based) GHG Emissions (Metric Tons CO2e)')).toMatchObject({
      role: 'claim_value',
      metric: 'Total (Location-Based) GHG Emissions',
      unitText: 'Metric Tons CO2e',
    });
  });
});
