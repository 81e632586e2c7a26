import { describe, expect, it } from 'vitest';
import type { Cell, RawRow } from '../../../../shared/import/cell';
import { parseEpaHub } from '../../../../shared/factors/epa-hub';
import { FactorFileFormatError, type EmissionFactor } from '../../../../shared/factors/types';

function rowsFrom(firstRow: number, ...cells: Cell[][]): RawRow[] {
  return cells.map((rowCells, index) => ({ rowNumber: firstRow + index, cells: rowCells }));
}

const PREAMBLE: Cell[][] = [
  [],
  [null, 'Emission Factors for Greenhouse Gas Inventories'],
  [null, null, null, null, null, 'Last Modified: January 15, 2025'],
  [null, null, 'Gas', '100-Year GWP'],
  [null, null, 'CH4', 28],
  [null, null, 'N2O', 265],
  [null, null, 'Source: Intergovernmental Panel on Climate Change (IPCC), \nFifth Assessment Report (AR5), 2013.'],
];

const STATIONARY: Cell[][] = [
  [null, 'Table 1', '   Stationary Combustion'],
  [null, null, 'Fuel Type', 'Heat Content (HHV)', 'CO2 Factor', 'CH4 Factor', 'N2O Factor', 'CO2 Factor', 'CH4 Factor', 'N2O Factor'],
  [null, null, null, 'mmBtu per scf', 'kg CO2 per mmBtu', 'g CH4 per mmBtu', 'g N2O per mmBtu', 'kg CO2 per scf', 'g CH4 per scf', 'g N2O per scf'],
  [null, null, 'Natural Gas'],
  [null, null, 'Natural Gas', 0.001026, 53.06, 1, 0.1, 0.05444, 0.00103, 0.0001],
  [null, null, null, 'mmBtu per gallon', 'kg CO2 per mmBtu', 'g CH4 per mmBtu', 'g N2O per mmBtu', 'kg CO2 per gallon', 'g CH4 per gallon', 'g N2O per gallon'],
  [null, null, 'Biomass Fuels - Liquid'],
  [null, null, 'Biodiesel (100%)', 0.128, 73.84, 1.1, 0.11, 9.45, 0.14, 0.01],
  [null, null, 'Straw', null, 95.1, 1.9, 0.42],
  [null, null, 'Source:'],
  [null, null, 'Federal Register EPA; 40 CFR Part 98'],
];

const MOBILE: Cell[][] = [
  [null, 'Table 2', '   Mobile Combustion CO2'],
  [null, null, 'Fuel Type', 'kg CO2 per unit', 'Unit'],
  [null, null, 'Biodiesel (100%)', 9.45, 'gallon'],
  [null, null, 'Diesel Fuel', 10.21, 'gallon'],
  [null, null, 'Source:'],
  [null, 'Table 3', '   Mobile Combustion CH4 and N2O for On-Road Gasoline Vehicles'],
  [null, null, 'Vehicle Type', 'Model Year', 'CH4 Factor \n(g CH4 / vehicle-mile)', 'N2O Factor \n(g N2O / vehicle-mile)'],
  [null, null, 'Gasoline Light-Duty Trucks', '1973-1974', 0.1908, 0.0218],
  [null, null, '(Vans, Pickup Trucks, SUVs)', 1975, 0.1634, 0.0513],
  [null, null, null, 1976, 0.1594, 0.0555],
  [null, null, 'Source: EPA (2024) Inventory'],
  [null, 'Table 4', '    Mobile Combustion CH4 and N2O for On-Road Diesel and Alternative Fuel Vehicles'],
  [null, null, 'Vehicle Type', 'Fuel Type', 'Model Year', 'CH4 Factor \n(g CH4 / vehicle-mile)', 'N2O Factor \n(g N2O / vehicle-mile)'],
  [null, null, 'Passenger Cars', 'Diesel', '1960-1982', 0.0006, 0.0012],
  [null, null, null, null, '1983-2006', 0.0005, 0.001],
  [null, null, 'Light-Duty Cars', 'Methanol', null, 0.012, 0.004],
  [null, null, null, 'Ethanol', null, 0.012, 0.004],
  [null, null, 'Source: EPA (2024) Inventory'],
];

const ELECTRICITY: Cell[][] = [
  [null, 'Table 6', '   Electricity'],
  [],
  [null, null, null, null, 'Total Output Emission Factors', null, null, 'Non-Baseload Emission Factors'],
  [null, null, 'eGRID Subregion Acronym', 'eGRID Subregion Name', 'CO2 Factor', 'CH4 Factor', 'N2O Factor', 'CO2 Factor', 'CH4 Factor', 'N2O Factor', 'Grid Gross Loss (%)'],
  [null, null, null, null, '(lb CO2 / MWh)', '(lb CH4 / MWh)', '(lb N2O / MWh)', '(lb CO2 / MWh)', '(lb CH4 / MWh)', '(lb N2O / MWh)'],
  [null, null, 'CAMX', 'WECC California', 436.655, 0.025, 0.003, 1033.985, 0.051, 0.007, 0.041],
  [null, null, 'US Average', 'US Average', 771.523, 0.057, 0.008, 1393.7, 0.104, 0.015, 0.042],
  [null, null, 'Source: EPA eGRID2023'],
];

const WASTE_AND_GWP: Cell[][] = [
  [null, 'Table 9', 'Scope 3 Category 5: Waste Generated in Operations and Category 12: End-of-Life Treatment of Sold Products'],
  [null, null, null, 'Metric Tons CO2e / Short Ton Material'],
  [null, null, 'Material', 'RecycledA', 'LandfilledB'],
  [null, null, 'LDPE', 'NA', 0.02],
  [null, null, 'Notes:\nAR4 GWP values are used to convert all waste emission factors into CO2e.'],
  [null, 'Table 11', '   Global Warming Potential (GWP)'],
  [null, null, 'Industrial Designation or \nCommon Name ', 'Chemical Formula ', '100-Year GWP'],
  [null, null, 'Methane', 'CH4', 28],
];

const SECTIONS = [PREAMBLE, STATIONARY, MOBILE, ELECTRICITY, WASTE_AND_GWP];
const HUB = rowsFrom(1, ...SECTIONS.flat());
/** Row number of a section's first row in HUB. */
const firstRowOf = (section: Cell[][]) => 1 + SECTIONS.slice(0, SECTIONS.indexOf(section)).reduce((sum, rows) => sum + rows.length, 0);

function factorsAt(factors: readonly EmissionFactor[], path: readonly string[]): EmissionFactor[] {
  return factors.filter((factor) => factor.path.join('/') === path.join('/'));
}

describe('parseEpaHub', () => {
  const set = parseEpaHub(HUB);

  it('reads the edition and the GWP basis from the preamble', () => {
    expect(set.meta).toMatchObject({ id: 'epa-hub-2025', edition: 'January 2025', year: 2025, gwpBasis: 'AR5', region: 'US' });
    expect(set.meta.attribution).toContain('January 15, 2025');
    expect(set.rowsRead).toBe(HUB.length);
  });

  it('gives stationary fuels per mmBtu and per physical unit, as gas masses needing GWPs', () => {
    const naturalGas = factorsAt(set.factors, ['Stationary Combustion', 'Natural Gas', 'Natural Gas']);
    expect(naturalGas.map((factor) => factor.unitText)).toEqual(['mmBtu', 'scf']);
    expect(naturalGas[0]).toMatchObject({
      activityKey: 'natural_gas',
      scope: 'Scope 1',
      gases: [
        { gas: 'CO2', value: 53.06, valueUnit: 'kg', alreadyCo2e: false },
        { gas: 'CH4', value: 1, valueUnit: 'g', alreadyCo2e: false },
        { gas: 'N2O', value: 0.1, valueUnit: 'g', alreadyCo2e: false },
      ],
      source: { sheet: 'Emission Factors Hub', rowNumbers: [firstRowOf(STATIONARY) + 4] },
    });
    expect(naturalGas[0]?.co2ePerUnitKg).toBeUndefined();
  });

  it('marks fuels under a Biomass heading biogenic, here and in later tables', () => {
    const biodiesel = set.factors.filter((factor) => factor.label === 'Biodiesel (100%)');
    expect(biodiesel.map((factor) => [factor.path[0], factor.unitText, factor.biogenic])).toEqual([
      ['Stationary Combustion', 'mmBtu', true],
      ['Stationary Combustion', 'gallon', true],
      ['Mobile Combustion CO2', 'gallon', true],
    ]);
    const diesel = factorsAt(set.factors, ['Mobile Combustion CO2', 'Diesel Fuel']);
    expect(diesel).toMatchObject([{ activityKey: 'diesel', unitText: 'gallon', gases: [{ gas: 'CO2', value: 10.21, valueUnit: 'kg' }] }]);
    expect(diesel[0]?.biogenic).toBeUndefined();
  });

  it('reports a fuel without per-unit values instead of inventing them', () => {
    const straw = set.factors.filter((factor) => factor.label === 'Straw');
    expect(straw.map((factor) => factor.unitText)).toEqual(['mmBtu']);
    expect(set.skipped).toContainEqual({
      rowNumber: firstRowOf(STATIONARY) + 8,
      reason: "Table 1 Stationary Combustion: 'Straw' per gallon: no values (CO2: no value (blank); CH4: no value (blank); N2O: no value (blank))",
    });
  });

  it('carries vehicle and fuel types down, keeping wrapped label text out of the name', () => {
    const trucks = set.factors.filter((factor) => factor.path[1] === 'Gasoline Light-Duty Trucks');
    expect(trucks.map((factor) => factor.variant)).toEqual(['1973-1974', '1975', '1976']);
    expect(trucks[1]).toMatchObject({ unitText: 'vehicle-mile', gases: [{ gas: 'CH4', value: 0.1634, valueUnit: 'g' }, { gas: 'N2O', value: 0.0513, valueUnit: 'g' }] });
    const table4 = 'Mobile Combustion CH4 and N2O for On-Road Diesel and Alternative Fuel Vehicles';
    expect(factorsAt(set.factors, [table4, 'Passenger Cars', 'Diesel']).map((factor) => factor.variant)).toEqual(['1960-1982', '1983-2006']);
    const lightDutyCars = set.factors.filter((factor) => factor.path[1] === 'Light-Duty Cars');
    expect(lightDutyCars.map((factor) => [factor.label, factor.variant])).toEqual([['Methanol', undefined], ['Ethanol', undefined]]);
  });

  it('takes only the total-output eGRID rates, in lb per MWh, with the subregion as region', () => {
    const electricity = set.factors.filter((factor) => factor.path[0] === 'Electricity');
    expect(electricity.map((factor) => [factor.region, factor.activityKey, factor.scope])).toEqual([
      ['CAMX', 'electricity', 'Scope 2'],
      ['US', 'electricity', 'Scope 2'],
    ]);
    expect(electricity[0]).toMatchObject({
      label: 'WECC California — Total Output Emission Factors',
      unitText: 'MWh',
      gases: [
        { gas: 'CO2', value: 436.655, valueUnit: 'lb', alreadyCo2e: false },
        { gas: 'CH4', value: 0.025, valueUnit: 'lb' },
        { gas: 'N2O', value: 0.003, valueUnit: 'lb' },
      ],
    });
    const values = electricity.flatMap((factor) => factor.gases.map((gas) => gas.value));
    expect(values).not.toContain(1033.985);
    expect(values).not.toContain(0.041);
  });

  it('reads waste factors as CO2e in tonnes per short ton with their own AR4 basis, reporting NA cells', () => {
    const ldpe = set.factors.filter((factor) => factor.path[1] === 'LDPE');
    expect(ldpe).toMatchObject([
      {
        activityKey: 'waste',
        label: 'LDPE — Landfilled',
        variant: 'Landfilled',
        unitText: 'short ton',
        scope: 'Scope 3',
        gwpBasis: 'AR4',
        gases: [{ gas: 'CO2e', value: 0.02, valueUnit: 't', alreadyCo2e: true }],
      },
    ]);
    expect(set.skipped.filter((skip) => skip.rowNumber === firstRowOf(WASTE_AND_GWP) + 3)).toHaveLength(1);
  });

  it('lists a table it does not extract at its title row', () => {
    expect(set.skipped).toContainEqual({
      rowNumber: firstRowOf(WASTE_AND_GWP) + 5,
      reason: 'Table 11 Global Warming Potential (GWP) not extracted: GWP values, not emission factors',
    });
  });

  it('refuses a workbook without the electricity table or the edition date', () => {
    expect(() => parseEpaHub(rowsFrom(1, ...PREAMBLE, ...STATIONARY))).toThrow(FactorFileFormatError);
    expect(() => parseEpaHub(rowsFrom(1, ...PREAMBLE.slice(3), ...STATIONARY, ...ELECTRICITY))).toThrow(/Last Modified/);
  });
});
