// Suggested mappings that tell apart the last mutants of `suggest.ts`'s second run: two floor areas
// in units that convert, and a quantity given three times, once in another unit.
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { rows, suggest } from '../../../helpers/suggest';

function monthly(headers: readonly string[], ...values: ReadonlyArray<readonly Cell[]>) {
  return rows(['Site', 'Month', ...headers], ...values.map((cells, index) => [`S${index + 1}`, `2023-${String(index + 1).padStart(2, '0')}`, ...cells]));
}

describe('one quantity per column', () => {
  it('asks which floor area to import even when the second is in a unit that converts: a site has one floor area, not a twin to check', () => {
    const floors = suggest(monthly(['Floor area (m2)', 'Floor area (ft2)', 'Electricity (kWh)'], [100, 1076, 1], [100, 1076, 1]));
    expect(floors.columns[3]).toMatchObject({ role: 'ignore', confidence: 'low' });
    expect(floors.columns[3]!.reason).toMatch(/but column C already gives Floor area \(intensity denominator\) in m2: one of them is imported, choose which$/);
  });

  it('names only the twins checked against the column imported, not a duplicate left to choose', () => {
    const three = suggest(monthly(['Electricity (kWh)', 'Electricity (MWh)', 'Electricity (kWh)'], [1000, 1, 1000], [2000, 2, 2000]));
    expect(three.columns.slice(2).map((column) => column.role)).toEqual(['value', 'twin', 'ignore']);
    expect(three.columns[2]!.reason).toBe("header 'Electricity (kWh)' names Electricity ('electricity') in kWh; values are numbers; imported in the unit a meter reads, its twin in MWh checked against it");
  });
});
