/** What a mapping does with its numeric columns, said before anything is read. */
import { describe, expect, it } from 'vitest';
import { checkUnits, columnsNotImported } from '../../../../shared/import/column-checks';
import type { Mapping } from '../../../../shared/import/mapping';

const base = { version: 1, table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, decimalSeparator: '.' } as const;

describe('unit checks', () => {
  it("read a factor value column's unit whole, or per the row's unit column", () => {
    const factors = (unitText: string | undefined, withUnitColumn: boolean): Mapping => ({
      ...base,
      kind: 'factors',
      layout: 'long',
      columns: [
        { column: 0, header: 'Activity', role: 'activity' },
        { column: 1, header: 'Factor', role: 'factor_value', ...(unitText === undefined ? {} : { unitText }) },
        ...(withUnitColumn ? [{ column: 2, header: 'Unit', role: 'unit' as const }] : []),
      ],
    });
    expect(checkUnits(factors('kg CO2e/kWh', false))).toEqual([{ column: 1, unitText: 'kg CO2e/kWh', ok: true, message: 'kg CO2e per kWh' }]);
    expect(checkUnits(factors('kg CO2e per unit', true))[0]).toMatchObject({ ok: true, message: "kg CO2e per the unit in each row's unit column" });
    expect(checkUnits(factors('kg CO2e per unit', false))[0]).toMatchObject({ ok: false, message: "kg CO2e per unit: map the column that holds each row's unit" });
    expect(checkUnits(factors('kWh', true))[0]).toMatchObject({ ok: false, message: "'kWh' is not a mass of a gas per unit of activity, such as kg CO2e/kWh" });
    expect(checkUnits(factors(undefined, true))[0]).toMatchObject({ ok: false });
  });

  it('say whether a twin converts to the column it repeats', () => {
    const twins: Mapping = {
      ...base,
      kind: 'activity',
      layout: 'wide',
      columns: [
        { column: 0, header: 'Gas (m3)', role: 'value', activity: 'natural_gas', unitText: 'm3' },
        { column: 1, header: 'Gas (GJ)', role: 'twin', twinOf: 0, unitText: 'GJ' },
        { column: 2, header: 'Electricity (kWh)', role: 'value', activity: 'electricity', unitText: 'kWh' },
        { column: 3, header: 'Electricity (MWh)', role: 'twin', twinOf: 2, unitText: 'MWh' },
        { column: 4, header: 'Site EUI (GJ/m²)', role: 'ignore' },
        { column: 5, header: 'Notes', role: 'ignore' },
      ],
    };
    const [gas, gasTwin, power, powerTwin] = checkUnits(twins);
    expect([gas!.ok, power!.ok]).toEqual([true, true]);
    expect(gasTwin).toMatchObject({ ok: false, message: 'not checked against column A: cannot convert energy (GJ) to volume (m3)' });
    expect(powerTwin).toMatchObject({ ok: true, message: 'checked against column C: 1 MWh = 1000 kWh' });
    expect(columnsNotImported(twins)).toEqual([
      { column: 1, header: 'Gas (GJ)', reason: 'same quantity as column A in another unit: not imported, checked where both are filled' },
      { column: 3, header: 'Electricity (MWh)', reason: 'same quantity as column C in another unit: not imported, checked where both are filled' },
      { column: 4, header: 'Site EUI (GJ/m²)', reason: 'its header names a unit (GJ/m²), but the mapping ignores it: not imported' },
    ]);
  });
});
