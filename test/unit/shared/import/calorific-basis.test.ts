/**
 * A mapping states the calorific basis of a fuel's energy columns: the records carry it, so factor
 * selection takes the factor on that basis; left unstated, the mapping step warns before import.
 */
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../../../shared/import/cell';
import { basisWarnings, checkUnits } from '../../../../shared/import/column-checks';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { createActivityRowMapper } from '../../../../shared/import/records';
import { date } from '../../../helpers/suggest';

const base = { version: 1, kind: 'activity', table: { headerRowNumber: 3, firstDataRowNumber: 4, stopAtBlankRun: 3 }, decimalSeparator: '.', periodGranularity: 'month' } as const;

/** The tester's sheet: electricity and natural gas, both in kWh, one column each. */
function siteEnergy(gasBasis?: 'gross' | 'net', gasUnit = 'kWh'): Mapping {
  return mappingSchema.parse({
    ...base,
    layout: 'wide',
    columns: [
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: 'Month', role: 'period' },
      { column: 2, header: 'Electricity (kWh)', role: 'value', activity: 'electricity', meaning: 'consumption', unitText: 'kWh' },
      { column: 3, header: 'Natural gas (kWh)', role: 'value', activity: 'natural_gas', meaning: 'consumption', unitText: gasUnit, ...(gasBasis ? { calorificBasis: gasBasis } : {}) },
    ],
  });
}

/** A long sheet: activity and unit per row, the basis stated once for the quantity column. */
function readings(basis?: 'gross' | 'net'): Mapping {
  return mappingSchema.parse({
    ...base,
    layout: 'long',
    columns: [
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: 'Month', role: 'period' },
      { column: 2, header: 'Activity', role: 'activity' },
      { column: 3, header: 'Quantity', role: 'quantity', ...(basis ? { calorificBasis: basis } : {}) },
      { column: 4, header: 'Unit', role: 'unit' },
    ],
  });
}

const context = { fiscal: { startMonth: 4, labelRule: 'end-year' }, earliestPeriodStart: null } as const;
const row = (...cells: RawRow['cells']): RawRow => ({ rowNumber: 4, cells });

describe('a calorific basis stated in the mapping', () => {
  it("puts a fuel's energy records on that basis, and leaves electricity beside it as delivered", () => {
    const mapped = createActivityRowMapper(siteEnergy('gross'), context)(row('London HQ', date('2022-04-01'), 20000, 15000));
    expect(mapped.rejections).toEqual([]);
    expect(mapped.records.map(({ activity, unit, unitBasis, unitText }) => ({ activity, unit, unitBasis, unitText }))).toEqual([
      { activity: 'electricity', unit: 'kWh', unitBasis: 'unspecified', unitText: 'kWh' },
      { activity: 'natural_gas', unit: 'kWh', unitBasis: 'gross', unitText: 'kWh' },
    ]);
    expect(createActivityRowMapper(siteEnergy('net'), context)(row('London HQ', date('2022-04-01'), 20000, 15000)).records[1]).toMatchObject({ unitBasis: 'net' });
  });

  it('leaves the basis unspecified when the mapping says nothing (as before), and takes one the unit text states', () => {
    expect(createActivityRowMapper(siteEnergy(), context)(row('London HQ', date('2022-04-01'), 1, 2)).records[1]).toMatchObject({ unitBasis: 'unspecified' });
    expect(createActivityRowMapper(siteEnergy(undefined, 'kWh (net CV)'), context)(row('London HQ', date('2022-04-01'), 1, 2)).records[1]).toMatchObject({ unitBasis: 'net' });
  });

  it('rejects a row whose unit says the other basis, naming both', () => {
    const mapped = createActivityRowMapper(siteEnergy('gross', 'kWh net'), context)(row('London HQ', date('2022-04-01'), 1, 2));
    expect(mapped.records).toEqual([]);
    expect(mapped.rejections).toEqual([{ column: 3, reason: "column D (Natural gas (kWh)): unit 'kWh net': the unit says net CV, but the mapping states gross CV for this column" }]);
  });

  it('applies in a long layout to fuel rows in energy units only: litres and electricity keep their own', () => {
    const mapper = createActivityRowMapper(readings('gross'), context);
    const at = (activity: string, unit: string) => mapper(row('Depot', date('2022-04-01'), activity, 100, unit)).records[0];
    expect(at('Natural gas', 'kWh')).toMatchObject({ unit: 'kWh', unitBasis: 'gross' });
    expect(at('Natural gas', 'GJ')).toMatchObject({ unit: 'GJ', unitBasis: 'gross' });
    expect(at('Electricity', 'kWh')).toMatchObject({ unit: 'kWh', unitBasis: 'unspecified' });
    expect(at('Diesel', 'litres')).toMatchObject({ unit: 'L', unitBasis: null });
  });

  it('is refused on a column that holds no fuel quantity', () => {
    const onElectricity = mappingSchema.safeParse({ ...siteEnergy(), columns: siteEnergy().columns.map((column) => (column.column === 2 ? { ...column, calorificBasis: 'gross' } : column)) });
    expect(onElectricity.success).toBe(false);
    expect(onElectricity.error?.issues.map((issue) => issue.message)).toEqual(['a calorific basis applies to fuels burned, not to Electricity']);
    const onSite = mappingSchema.safeParse({ ...siteEnergy(), columns: siteEnergy().columns.map((column) => (column.column === 0 ? { ...column, calorificBasis: 'net' } : column)) });
    expect(onSite.error?.issues.map((issue) => issue.message)).toEqual(['a site column holds no fuel quantity to state a calorific basis for']);
  });
});

describe('the warning while mapping', () => {
  it("names a fuel's energy column with no basis and what to choose; electricity and a stated basis raise none", () => {
    expect(basisWarnings(siteEnergy())).toEqual([
      { column: 3, header: 'Natural gas (kWh)', unitText: 'kWh', message: 'Natural gas (kWh): state gross or net calorific value; DESNZ publishes both and they differ by ~10%' },
    ]);
    expect(basisWarnings(siteEnergy('net'))).toEqual([]);
    expect(basisWarnings(siteEnergy(undefined, 'kWh gross'))).toEqual([]);
    expect(basisWarnings(siteEnergy(undefined, 'm3'))).toEqual([]);
    expect(basisWarnings(siteEnergy(undefined, 'therms'))).toMatchObject([{ column: 3, unitText: 'therms' }]);
  });

  it("shows the stated basis in the column's unit check, and a unit that says the other basis as a problem", () => {
    expect(checkUnits(siteEnergy('gross')).map((check) => check.message)).toEqual(['kWh: energy', 'kWh: energy, gross CV']);
    expect(checkUnits(siteEnergy('net', 'GJ gross'))[1]).toMatchObject({ ok: false, message: 'the unit says gross CV, but the mapping states net CV for this column' });
  });

  it('says in a long layout when it applies, since each row names its activity and unit', () => {
    expect(basisWarnings(readings())).toEqual([
      { column: 3, header: 'Quantity', unitText: null, message: 'Quantity: for rows of a fuel in an energy unit that does not say gross or net (kWh, GJ), state gross or net calorific value; DESNZ publishes both and they differ by ~10%' },
    ]);
    expect(basisWarnings(readings('gross'))).toEqual([]);
    const electricityOnly = mappingSchema.parse({ ...readings(), columns: readings().columns.filter((column) => column.role !== 'activity'), defaults: { activity: 'electricity' } });
    expect(basisWarnings(electricityOnly)).toEqual([]);
  });
});
