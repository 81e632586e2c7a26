// Attribute readings at their edges: a cell of spaces beside a header that names the value is
// blank, not a contradiction; methane named with its origin is a fuel's gas, not a refrigerant.
import { describe, expect, it } from 'vitest';
import { createAttributeReader, namesRefrigerant } from '../../../../shared/import/attribute-columns';
import type { ColumnMapping } from '../../../../shared/import/mapping';

describe('an attribute cell of spaces only', () => {
  it("is blank: the value column header's attribute stands, and nothing contradicts it", () => {
    const columns: ColumnMapping[] = [
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: 'Haul', role: 'attribute', attribute: 'haul' },
      { column: 2, header: 'Long-haul flights (km)', role: 'value', activity: 'business_travel_air', unitText: 'km', attributes: { haul: 'Long-haul' } },
    ];
    const read = createAttributeReader(columns);
    expect(read({ rowNumber: 4, cells: ['Leeds', '   ', 1200] }, columns[2]!)).toEqual({ ok: true, attributes: { haul: 'Long-haul' } });
  });
});

describe('methane named with its origin', () => {
  it('is not a refrigerant', () => {
    expect(['fossil methane', 'CH4 fossil', 'biogenic methane', 'non-fossil CH4'].map(namesRefrigerant)).toEqual([false, false, false, false]);
  });
});
