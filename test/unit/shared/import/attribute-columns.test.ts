// Attribute columns: which header names which attribute, which texts name a refrigerant, and a
// row's attributes read over its value column's header, a contradiction refused.
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { attributeOfHeader, createAttributeReader, gasInHeader, namesRefrigerant } from '../../../../shared/import/attribute-columns';
import type { ColumnMapping } from '../../../../shared/import/mapping';

describe('an attribute header', () => {
  it.each([
    ['refrigerant type', 'gas'],
    ['f-gas', 'gas'],
    ['flight type', 'haul'],
    ['cabin class', 'cabin_class'],
    ['class', 'cabin_class'],
    ['vehicle size', 'vehicle_size'],
    ['fuel blend', 'fuel_blend'],
    ['spend category', 'spend_category'],
  ])('%s names the attribute %s', (label, attribute) => {
    expect(attributeOfHeader(label)).toBe(attribute);
  });

  it('is none for a header that names no attribute', () => {
    expect(attributeOfHeader('site')).toBeNull();
    expect(attributeOfHeader('classification code')).toBeNull();
  });
});

describe('a refrigerant', () => {
  it('is a gas that is not one of the fuels’ own gases', () => {
    expect(['R-410A', 'HFC-134a', 'R32', 'SF6'].map(namesRefrigerant)).toEqual([true, true, true, true]);
    expect(['CO2', 'CH4', 'N2O', 'methane', 'diesel', ''].map(namesRefrigerant)).toEqual([false, false, false, false, false, false]);
  });

  it('is found among the words of a header, the first one named', () => {
    expect(gasInHeader('R-410A top-up (kg)')).toBe('R-410A');
    expect(gasInHeader('Top-up, R-32; R-410A')).toBe('R-32');
    expect(gasInHeader('CO2 (kg)')).toBeNull();
    expect(gasInHeader('  ')).toBeNull();
  });
});

describe("a row's attributes", () => {
  const columns: ColumnMapping[] = [
    { column: 0, header: 'Site', role: 'site' },
    { column: 1, header: 'Haul', role: 'attribute', attribute: 'haul' },
    { column: 2, header: 'Class', role: 'attribute', attribute: 'cabin_class' },
    { column: 3, header: 'Long-haul flights (km)', role: 'value', activity: 'business_travel_air', unitText: 'km', attributes: { haul: 'Long-haul' } },
  ];
  const valueColumn = columns[3]!;
  const read = (cells: Cell[], value: ColumnMapping | null = valueColumn) => createAttributeReader(columns)({ rowNumber: 6, cells }, value);

  it("are the attribute columns' over the value column header's, blanks left out", () => {
    expect(read(['Leeds', null, ' Business '])).toEqual({ ok: true, attributes: { haul: 'Long-haul', cabin_class: 'Business' } });
    expect(read(['Leeds', 'long haul', 'Economy'])).toEqual({ ok: true, attributes: { haul: 'long haul', cabin_class: 'Economy' } });
    expect(read(['Leeds', '', '  '], null)).toEqual({ ok: true, attributes: null });
  });

  it("refuse a row naming another value than its column's header, naming both columns", () => {
    expect(read(['Leeds', 'Short-haul', 'Economy'])).toEqual({
      ok: false,
      rejection: { column: 1, reason: "column B: haul 'Short-haul' contradicts 'Long-haul' in the header of column D" },
    });
  });

  it('ignore columns of other roles', () => {
    const reader = createAttributeReader([{ column: 0, header: 'Haul note', role: 'notes' }]);
    expect(reader({ rowNumber: 6, cells: ['long haul'] }, null)).toEqual({ ok: true, attributes: null });
  });
});
