import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSheetRows } from '../../../scripts/build-factor-library';
import { EPA_HUB_SHEET, parseEpaHub } from '../../../shared/factors/epa-hub';
import type { EmissionFactor, ParsedFactorSet } from '../../../shared/factors/types';

const HUB_2025 = fileURLToPath(new URL('../../fixtures/ghg-emission-factors-hub-2025.xlsx', import.meta.url));

let set: ParsedFactorSet;

beforeAll(async () => {
  set = parseEpaHub(await readSheetRows(HUB_2025, EPA_HUB_SHEET));
});

function gasValues(factor: EmissionFactor | undefined): Record<string, string> {
  return Object.fromEntries(factor?.gases.map((gas) => [gas.gas, `${gas.value} ${gas.valueUnit}`]) ?? []);
}

describe('EPA GHG Emission Factors Hub, January 2025 (real file)', () => {
  it('is the January 2025 edition on the AR5 basis', () => {
    expect(set.meta).toMatchObject({ id: 'epa-hub-2025', edition: 'January 2025', year: 2025, gwpBasis: 'AR5', region: 'US' });
  });

  it('pins natural gas per mmBtu: 53.06 kg CO2, 1 g CH4, 0.1 g N2O = 53.1145 kg CO2e at AR5', () => {
    const naturalGas = set.factors.find((factor) => factor.activityKey === 'natural_gas' && factor.unitText === 'mmBtu');
    expect(naturalGas).toMatchObject({ path: ['Stationary Combustion', 'Natural Gas', 'Natural Gas'], scope: 'Scope 1', source: { rowNumbers: [38] } });
    expect(gasValues(naturalGas)).toEqual({ CO2: '53.06 kg', CH4: '1 g', N2O: '0.1 g' });
    expect(naturalGas?.gases.every((gas) => !gas.alreadyCo2e)).toBe(true);
    // Independent of the calculation code: literal AR5 GWPs (CH4 28, N2O 265), grams to kilograms.
    const [co2 = 0, ch4 = 0, n2o = 0] = naturalGas?.gases.map((gas) => gas.value) ?? [];
    expect(co2 + (ch4 / 1000) * 28 + (n2o / 1000) * 265).toBeCloseTo(53.1145, 10);
  });

  it('gives natural gas per scf too', () => {
    const perScf = set.factors.find((factor) => factor.activityKey === 'natural_gas' && factor.unitText === 'scf');
    expect(gasValues(perScf)).toEqual({ CO2: '0.05444 kg', CH4: '0.00103 g', N2O: '0.0001 g' });
  });

  it('pins eGRID2023 total-output rates in lb per MWh, one factor per subregion plus the US average', () => {
    const electricity = set.factors.filter((factor) => factor.activityKey === 'electricity');
    expect(electricity).toHaveLength(28);
    const camx = electricity.find((factor) => factor.region === 'CAMX');
    expect(camx).toMatchObject({ label: 'WECC California — Total Output Emission Factors', unitText: 'MWh', scope: 'Scope 2', source: { rowNumbers: [342] } });
    expect(gasValues(camx)).toEqual({ CO2: '436.655 lb', CH4: '0.025 lb', N2O: '0.003 lb' });
    expect(gasValues(electricity.find((factor) => factor.region === 'US'))).toEqual({ CO2: '771.523 lb', CH4: '0.057 lb', N2O: '0.008 lb' });
  });

  it('pins a mobile and a Scope 3 factor', () => {
    expect(gasValues(set.factors.find((factor) => factor.activityKey === 'diesel'))).toEqual({ CO2: '10.21 kg' });
    const longHaul = set.factors.find((factor) => factor.label === 'Air Travel - Long Haul (>= 2300 miles)');
    expect(longHaul).toMatchObject({ activityKey: 'business_travel_air', unitText: 'passenger-mile', scope: 'Scope 3' });
    expect(gasValues(longHaul)).toEqual({ CO2: '0.163 kg', CH4: '0.0006 g', N2O: '0.0052 g' });
  });

  it('keeps the AR4 basis the waste table states for its CO2e factors', () => {
    const waste = set.factors.filter((factor) => factor.activityKey === 'waste');
    expect(waste).toHaveLength(183);
    expect(waste.every((factor) => factor.gwpBasis === 'AR4' && factor.gases[0]?.gas === 'CO2e' && factor.gases[0].alreadyCo2e)).toBe(true);
    expect(waste.find((factor) => factor.label === 'Mixed MSW — Landfilled')).toMatchObject({ unitText: 'short ton', gases: [{ value: 0.58, valueUnit: 't' }] });
  });

  it('reports what it leaves out and extracts nothing from the GWP tables', () => {
    expect(set.factors).toHaveLength(551);
    expect(set.factors.some((factor) => factor.path[0]?.startsWith('Global Warming Potential'))).toBe(false);
    expect(set.skipped.map((skip) => skip.rowNumber)).toEqual(expect.arrayContaining([85, 86, 87, 88, 89, 521, 558]));
    expect(set.skipped).toHaveLength(190);
  });
});
