import { describe, expect, it } from 'vitest';
import type { Cell, RawRow } from '../../../../shared/import/cell';
import { desnzGwpBasis, parseDesnzFlatFile } from '../../../../shared/factors/desnz';
import { FactorFileFormatError, type ParsedFactorSet } from '../../../../shared/factors/types';

/** Rows numbered from `firstRow`, as a reader yields them. */
function rowsFrom(firstRow: number, ...cells: Cell[][]): RawRow[] {
  return cells.map((rowCells, index) => ({ rowNumber: firstRow + index, cells: rowCells }));
}

function usedRowCount(set: ParsedFactorSet): number {
  return set.factors.reduce((sum, factor) => sum + factor.source.rowNumbers.length, 0);
}

const HEADER_2020 = ['Scope', 'Level 1', 'Level 2', 'Level 3', 'Level 4', 'Column Text', 'UOM (simple)', 'UOM', 'GHG', 'Lookup', 'GHG Conversion Factor 2020'];
const DIESEL_2020 = ['Scope 1', 'Fuels', 'Liquid fuels', 'Diesel (average biofuel blend)', null, 'Volume', 'litres', 'litres'];

/** The 2020 layout: title rows, header on row 5, data, END on row 16, a stray row after it. */
const FLAT_FILE_2020 = [
  ...rowsFrom(1, ['UK Government GHG Conversion Factors for Company Reporting'], [{ t: 'formula', formula: 'MID(CELL("filename"))', result: 'Factors by Category' }]),
  ...rowsFrom(4, [null, 'Category', null, null, null, null, 'HIDE'], HEADER_2020),
  ...rowsFrom(
    6,
    [...DIESEL_2020, 'kg CO2e', null, 2.54603],
    [...DIESEL_2020, 'kg CH4', null, 0.00025],
    [...DIESEL_2020, { t: 'formula', formula: '', result: 'kg CO2' }, null, 2.51072],
    [...DIESEL_2020, 'kg N2O', null, 0.03506],
    ['Scope 1', 'Refrigerant & other', 'Other refrigerants', 'R1234yf ', null, null, 'kg', 'kg', 'kg CO2e', null, '< 1'],
    ['Scope 1', 'Fuels', 'Liquid fuels', 'Lubricants', null, 'Volume', 'litres', 'litres', 'kg CO2e', null, null],
    [],
    ['Scope 1', 'SECR kWh pass & delivery vehs', 'Vans', 'Average (up to 3.5 tonnes)', null, 'Diesel', 'km', 'km', 'kWh (Net CV)', null, 0.9],
    ['Outside of Scopes', 'Outside of scopes', 'Biofuel', 'Biodiesel', null, null, 'litres', 'litres', 'kg CO2', null, 2.36],
    ['Scope 3', 'Hotel stay', 'Hotel stay', 'Oman', null, null, 'Room per night', 'Room per night', 'kg CO2e', null, 92.6],
    [null, 'END', null, null, null, null, null, null, null, 'END'],
    ['Scope 3', 'Hotel stay', 'Hotel stay', 'After END', null, null, 'Room per night', 'Room per night', 'kg CO2e', null, 1],
  ),
];

describe('parseDesnzFlatFile, 2020 layout', () => {
  const set = parseDesnzFlatFile(FLAT_FILE_2020);

  it('reads the edition from the factor header and takes AR4 for 2020', () => {
    expect(set.meta).toMatchObject({ id: 'desnz-2020', year: 2020, edition: '2020', gwpBasis: 'AR4', region: 'UK' });
    expect(set.meta.publisher).toContain('BEIS');
  });

  it('groups the total and the per-gas rows, which are already CO2e', () => {
    const diesel = set.factors.find((factor) => factor.activityKey === 'diesel');
    expect(diesel).toMatchObject({
      path: ['Fuels', 'Liquid fuels', 'Diesel (average biofuel blend)'],
      variant: 'Volume',
      unitText: 'litres',
      scope: 'Scope 1',
      co2ePerUnitKg: 2.54603,
      gases: [
        { gas: 'CH4', value: 0.00025, valueUnit: 'kg', alreadyCo2e: true },
        { gas: 'CO2', value: 2.51072, valueUnit: 'kg', alreadyCo2e: true },
        { gas: 'N2O', value: 0.03506, valueUnit: 'kg', alreadyCo2e: true },
      ],
      source: { sheet: 'Factors by Category', rowNumbers: [6, 7, 8, 9], year: 2020 },
    });
  });

  it('flags Outside of scopes rows as biogenic', () => {
    const biodiesel = set.factors.find((factor) => factor.scope === 'Outside of scopes');
    expect(biodiesel).toMatchObject({ biogenic: true, gases: [{ gas: 'CO2', value: 2.36 }], source: { rowNumbers: [14] } });
    expect(biodiesel?.co2ePerUnitKg).toBeUndefined();
  });

  it('reports every row it does not use, with its reason, and never reads text or blanks as zero', () => {
    expect(set.skipped).toEqual([
      { rowNumber: 10, reason: "the value is text ('< 1'), not a number" },
      { rowNumber: 11, reason: 'no value (blank)' },
      { rowNumber: 12, reason: 'blank row' },
      { rowNumber: 13, reason: "energy use per unit ('kWh (Net CV)'), not an emission factor" },
    ]);
    expect(set.factors.some((factor) => factor.path.includes('R1234yf') || factor.path.includes('Lubricants'))).toBe(false);
  });

  it('counts the rows between header and END, each used once or skipped, and stops at END', () => {
    expect(set.rowsRead).toBe(10);
    expect(usedRowCount(set) + set.skipped.length).toBe(set.rowsRead);
    expect(set.factors.flatMap((factor) => factor.path)).not.toContain('After END');
    expect(set.factors).toHaveLength(3);
  });
});

describe('parseDesnzFlatFile, 2024 layout', () => {
  const header = ['ID', 'Scope', 'Level 1', 'Level 2', 'Level 3', 'Level 4', 'Column Text', 'UOM', 'GHG/Unit', 'GHG Conversion Factor 2024'];
  const naturalGas = ['Scope 1', 'Fuels', 'Gaseous fuels', 'Natural gas', null, 'Energy - Gross CV', 'kWh (Gross CV)'];
  // Synthetic values in the 2024 shape: an ID column, 'GHG/Unit' labels, the header on row 6.
  const rows = rowsFrom(
    1,
    ['UK Government GHG Conversion Factors for Company Reporting'],
    [],
    [],
    [],
    [],
    header,
    ['NG-1', ...naturalGas, 'kg CO2e', 0.1829],
    ['NG-2', ...naturalGas, 'kg CO2e of CO2 per unit', 0.18253],
    ['NG-3', ...naturalGas, 'kg CO2e of CH4 per unit', 0.00027],
    ['NG-4', ...naturalGas, 'kg CO2e of N2O per unit', 0.0001],
    ['END'],
  );
  const set = parseDesnzFlatFile(rows);

  it('finds the header on row 6 by its names and takes AR5 for 2024', () => {
    expect(set.meta).toMatchObject({ id: 'desnz-2024', year: 2024, gwpBasis: 'AR5' });
    expect(set.meta.publisher).toContain('DESNZ');
    expect(set.rowsRead).toBe(4);
  });

  it("reads 'kg CO2e of <gas> per unit' rows as CO2e contributions to the total", () => {
    expect(set.factors).toHaveLength(1);
    expect(set.factors[0]).toMatchObject({
      activityKey: 'natural_gas',
      path: ['Fuels', 'Gaseous fuels', 'Natural gas'],
      unitText: 'kWh (Gross CV)',
      co2ePerUnitKg: 0.1829,
      gases: [
        { gas: 'CO2', value: 0.18253, alreadyCo2e: true },
        { gas: 'CH4', value: 0.00027, alreadyCo2e: true },
        { gas: 'N2O', value: 0.0001, alreadyCo2e: true },
      ],
      source: { rowNumbers: [7, 8, 9, 10] },
    });
  });
});

describe('parseDesnzFlatFile, awkward cells', () => {
  const managedCar = (level4: Cell, ghg: string, value: number): Cell[] => [
    'Scope 3', 'Managed assets- vehicles', 'Managed cars (by size)', 'Small car', level4, 'Diesel', 'km', 'km', ghg, null, value,
  ];

  it('treats a label formula showing 0 (a reference to an empty cell) as no label', () => {
    const set = parseDesnzFlatFile(
      rowsFrom(
        5,
        HEADER_2020,
        managedCar(null, 'kg CO2e', 0.13721),
        managedCar({ t: 'formula', formula: 'E3980' }, 'kg CH4', 0.00000349),
        managedCar({ t: 'formula', formula: 'E3980', result: 0 }, 'kg CO2', 0.13537),
      ),
    );
    expect(set.factors).toHaveLength(1);
    expect(set.factors[0]).toMatchObject({ path: ['Managed assets- vehicles', 'Managed cars (by size)', 'Small car'], source: { rowNumbers: [6, 7, 8] } });
  });

  it('refuses a second value for the same gas of the same factor', () => {
    const set = parseDesnzFlatFile(rowsFrom(5, HEADER_2020, [...DIESEL_2020, 'kg CO2e', null, 2.54603], [...DIESEL_2020, 'kg CO2e', null, 2.6]));
    expect(set.factors[0]?.co2ePerUnitKg).toBe(2.54603);
    expect(set.skipped).toEqual([{ rowNumber: 7, reason: 'a second kg CO2e total for the same factor' }]);
  });

  it('reports error values and unknown scopes', () => {
    const set = parseDesnzFlatFile(
      rowsFrom(5, HEADER_2020, [...DIESEL_2020, 'kg CO2e', null, { t: 'error', code: '#N/A' }], ['Scope 9', ...DIESEL_2020.slice(1), 'kg CO2e', null, 1]),
    );
    expect(set.factors).toEqual([]);
    expect(set.skipped).toEqual([
      { rowNumber: 6, reason: 'the value is an error (#N/A)' },
      { rowNumber: 7, reason: "unrecognised Scope 'Scope 9'" },
    ]);
  });

  it('throws a format error when no header row is found', () => {
    expect(() => parseDesnzFlatFile(rowsFrom(1, ['Scope', 'Level 1'], [...DIESEL_2020, 'kg CO2e', null, 1]))).toThrow(FactorFileFormatError);
  });
});

describe('desnzGwpBasis', () => {
  it('is AR4 up to the 2022 edition and AR5 from 2023', () => {
    expect([2019, 2020, 2022, 2023, 2024].map(desnzGwpBasis)).toEqual(['AR4', 'AR4', 'AR4', 'AR5', 'AR5']);
  });
});
