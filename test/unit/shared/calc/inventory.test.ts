import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../helpers/random';
import {
  calculateInventory,
  InventoryCalculation,
  type CalcFactor,
  type CalcRecord,
  type CalcSettings,
  type InventoryInput,
  type InventoryResult,
  type PeriodResult,
  type ResultLine,
  type SiteInfo,
} from '../../../../shared/calc/inventory';

// April fiscal years labelled by the year they end in: FY2024 = 2023-04-01 … 2024-03-31.
const SETTINGS: CalcSettings = {
  fiscal: { startMonth: 4, labelRule: 'end-year' },
  gwpBasis: 'AR5',
  consolidationApproach: 'operational-control',
  defaultRegion: 'UK',
};

const DESNZ = { factorSetId: 1, setKey: 'desnz-2023', setYear: 2023, validFrom: '2023-01-01', validTo: '2023-12-31', setRegion: 'UK', gwpBasis: 'AR5' } as const;
const EPA = { factorSetId: 2, setKey: 'epa-2023', setYear: 2023, validFrom: '2023-01-01', validTo: '2023-12-31', setRegion: 'US', gwpBasis: 'AR5' } as const;

function factor(id: number, fields: Partial<CalcFactor> & Pick<CalcFactor, 'activityKey' | 'unitText'>): CalcFactor {
  return { id, ...DESNZ, region: null, scope: null, biogenic: false, co2ePerUnitKg: null, gases: [], label: `factor ${id}`, variant: null, ...fields };
}

function record(id: number, fields: Partial<CalcRecord> & Pick<CalcRecord, 'activity' | 'quantity' | 'unit'>): CalcRecord {
  return {
    id,
    site: 'London',
    periodStart: '2023-05-01',
    periodEnd: '2023-05-31',
    meaning: 'consumption',
    unitBasis: null,
    scope3Category: null,
    region: null,
    instrument: null,
    ...fields,
  };
}

function calculate(records: CalcRecord[], factors: CalcFactor[], options: { sites?: SiteInfo[]; settings?: Partial<CalcSettings> } = {}): InventoryResult {
  return calculateInventory({ records, factors, sites: options.sites ?? [], settings: { ...SETTINGS, ...options.settings } });
}

function period(result: InventoryResult, label: string): PeriodResult {
  const found = result.periods.find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no period ${label} in ${result.periods.map((p) => p.label).join(', ')}`);
  return found;
}

function linesOf(result: InventoryResult, recordId: number, basis?: ResultLine['basis']): ResultLine[] {
  return result.lines.filter((line) => line.recordId === recordId && (basis === undefined || line.basis === basis));
}

function onlyLine(result: InventoryResult, recordId: number, basis: ResultLine['basis']): ResultLine {
  const [line, ...others] = linesOf(result, recordId, basis);
  if (!line || others.length > 0) throw new Error(`expected one ${basis} line for record ${recordId}`);
  return line;
}

// DESNZ 2020 diesel (average biofuel blend) per litre: per-gas rows are already CO2e.
const DIESEL = factor(10, {
  activityKey: 'diesel',
  unitText: 'litres',
  scope: 'Scope 1',
  co2ePerUnitKg: 2.54603,
  gwpBasis: 'AR4',
  gases: [
    { gas: 'CO2', value: 2.51072, valueUnit: 'kg', alreadyCo2e: true },
    { gas: 'CH4', value: 0.00025, valueUnit: 'kg', alreadyCo2e: true },
    { gas: 'N2O', value: 0.03506, valueUnit: 'kg', alreadyCo2e: true },
  ],
});

/** The EPA Hub natural gas factor per mmBtu, as gas masses: 53.06 kg CO2, 1 g CH4, 0.1 g N2O. */
function epaGas({ valueUnit = 'g', ch4 = 1, n2o = 0.1, label = 'Natural Gas' }: { valueUnit?: 'kg' | 'g'; ch4?: number; n2o?: number; label?: string } = {}): CalcFactor {
  return factor(30, {
    ...EPA,
    activityKey: 'natural_gas',
    label,
    unitText: 'mmBtu',
    scope: 'Scope 1',
    gases: [
      { gas: 'CO2', value: 53.06, valueUnit: 'kg', alreadyCo2e: false },
      { gas: 'CH4', value: ch4, valueUnit, alreadyCo2e: false },
      { gas: 'N2O', value: n2o, valueUnit, alreadyCo2e: false },
    ],
  });
}

const GRID = factor(20, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', region: 'UK', co2ePerUnitKg: 0.2 });
const RESIDUAL_MIX = factor(21, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', region: 'UK', co2ePerUnitKg: 0.4, residualMix: true });

describe('emissions of a record', () => {
  it('uses the printed DESNZ CO2e and never weights its per-gas CO2e again', () => {
    const result = calculate([record(1, { activity: 'diesel', quantity: 1000, unit: 'L' })], [DIESEL]);
    const line = onlyLine(result, 1, 'scope1');
    // 1000 L × 2.54603 kg CO2e/L = 2546.03 kg = 2.54603 t.
    expect(line.tco2e).toBe(2.54603);
    expect(line.gases).toEqual([
      { gas: 'CO2', tco2e: 2.51072 },
      { gas: 'CH4', tco2e: 0.00025 },
      { gas: 'N2O', tco2e: 0.03506 },
    ]);
    expect(period(result, 'FY2024').scope1).toBe(2.54603);
    expect(line.note).toContain('published on AR4 GWPs and is not re-weighted');
  });

  it('weights EPA gas masses with the engagement GWPs (AR5)', () => {
    // Natural gas per mmBtu: 53.06 kg CO2 + 1 g CH4 × 28 + 0.1 g N2O × 265 = 53.1145 kg CO2e.
    // 200 therms = 20 mmBtu → 20 × 53.1145 = 1062.29 kg.
    const gasRecord = record(1, { activity: 'natural_gas', quantity: 200, unit: 'therm', region: 'US' });
    for (const gasFactor of [epaGas({ valueUnit: 'kg', ch4: 0.001, n2o: 0.0001 }), epaGas()]) {
      const line = onlyLine(calculate([gasRecord], [gasFactor]), 1, 'scope1');
      expect(line.convertedQuantity).toBe(20);
      expect(line.co2ePerUnitKg).toBe(53.1145);
      expect(line.tco2e).toBe(1.06229);
      expect(line.gases).toEqual([
        { gas: 'CO2', tco2e: 1.0612 },
        { gas: 'CH4', tco2e: 0.00056 },
        { gas: 'N2O', tco2e: 0.00053 },
      ]);
    }
  });

  it('weights AR6 methane by the fuel’s origin: fossil natural gas 29.8, landfill gas 27.0', () => {
    const ar6 = { settings: { gwpBasis: 'AR6' as const } };
    // 10 mmBtu of natural gas: 10 × (53.06 + 0.001 × 29.8 + 0.0001 × 273) kg = 531.171 kg.
    const fossil = calculate([record(1, { activity: 'natural_gas', quantity: 10, unit: 'mmBtu', region: 'US' })], [epaGas({ label: 'Natural Gas' })], ar6);
    const fossilLine = onlyLine(fossil, 1, 'scope1');
    expect(fossilLine.co2ePerUnitKg).toBe(53.1171);
    expect(fossilLine.gases).toContainEqual({ gas: 'CH4', tco2e: 0.000298 });
    expect(fossilLine.note).toBe('gas masses weighted with AR6 GWPs (fossil methane, 29.8)');
    // The same per-gas values for landfill gas, whose methane is non-fossil: 0.001 × 27.0.
    const landfill = calculate([record(1, { activity: 'natural_gas', quantity: 10, unit: 'mmBtu', region: 'US' })], [epaGas({ label: 'Landfill Gas' })], ar6);
    expect(onlyLine(landfill, 1, 'scope1').co2ePerUnitKg).toBe(53.1143);
    expect(onlyLine(landfill, 1, 'scope1').gases).toContainEqual({ gas: 'CH4', tco2e: 0.00027 });
    // Under AR5 the origin makes no difference.
    expect(onlyLine(calculate([record(1, { activity: 'natural_gas', quantity: 10, unit: 'mmBtu', region: 'US' })], [epaGas({ label: 'Landfill Gas' })]), 1, 'scope1').co2ePerUnitKg).toBe(53.1145);
    // Spend-based purchased goods say nothing of the methane's origin: refused under AR6, not guessed.
    const unknown = calculate([record(1, { activity: 'purchased_goods', quantity: 10, unit: 'kg', region: 'US' })], [factor(33, { ...EPA, activityKey: 'purchased_goods', unitText: 'kg', gases: [{ gas: 'CH4', value: 1, valueUnit: 'g', alreadyCo2e: false }] })], ar6);
    expect(unknown.lines).toEqual([]);
    expect(unknown.findings).toEqual([
      expect.objectContaining({ recordId: 1, kind: 'factor-value', cause: expect.stringMatching(/fossil methane 29\.8 and non-fossil methane 27\.0, and this factor's fuel origin is not known/) }),
    ]);
  });

  it('converts the record to the factor unit (MWh → kWh)', () => {
    const result = calculate([record(1, { activity: 'electricity', quantity: 2, unit: 'MWh' })], [GRID]);
    const line = onlyLine(result, 1, 'location');
    expect(line.conversionFactor).toBe(1000);
    expect(line.convertedQuantity).toBe(2000);
    // 2000 kWh × 0.2 kg/kWh = 400 kg.
    expect(line.tco2e).toBe(0.4);
    expect(period(result, 'FY2024').metrics.electricityKwh).toBe(2000);
  });

  it('uses only the factor rows of the activity scope (not WTT or T&D)', () => {
    const wellToTank = factor(11, { activityKey: 'diesel', unitText: 'litres', scope: 'Scope 3', co2ePerUnitKg: 0.6 });
    const transmissionLosses = factor(22, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 3', region: 'UK', co2ePerUnitKg: 0.02 });
    const result = calculate(
      [record(1, { activity: 'diesel', quantity: 1000, unit: 'L' }), record(2, { activity: 'electricity', quantity: 1000, unit: 'kWh' })],
      [DIESEL, wellToTank, GRID, transmissionLosses],
    );
    expect(result.findings).toEqual([]);
    expect(onlyLine(result, 1, 'scope1').factorId).toBe(10);
    expect(onlyLine(result, 2, 'location').factorId).toBe(20);
  });

  it('reports a record without a factor as a finding, never as zero', () => {
    const result = calculate([record(1, { activity: 'petrol', quantity: 50, unit: 'L' })], [DIESEL]);
    expect(linesOf(result, 1)).toEqual([]);
    expect(result.findings).toEqual([{ recordId: 1, kind: 'no-factor', cause: expect.stringContaining('emission factor'), detail: null, atStake: null }]);
    expect(period(result, 'FY2024').scope1).toBeNull();
  });

  it('reports ambiguous factors with their ids', () => {
    const twin = factor(12, { activityKey: 'diesel', unitText: 'litres', scope: 'Scope 1', co2ePerUnitKg: 2.6 });
    const result = calculate([record(1, { activity: 'diesel', quantity: 10, unit: 'L' })], [DIESEL, twin]);
    // 10 L at 2.54603 or 2.6 kg CO2e/L: between 0.0254603 and 0.026 t.
    expect(result.findings).toEqual([{ recordId: 1, kind: 'ambiguous-factor', cause: expect.stringMatching(/#10 .*#12 /), detail: null, atStake: { low: 0.0254603, high: 0.026 } }]);
  });
});

describe('Scope 2, location- and market-based', () => {
  const consumption = record(1, { activity: 'electricity', quantity: 1000, unit: 'kWh' });
  const rego = record(2, { activity: 'clean_electricity', meaning: 'instrument', quantity: 600, unit: 'kWh', instrument: 'REGO' });

  it('covers consumption with instruments first, the rest at the residual mix', () => {
    const result = calculate([consumption, rego], [GRID, RESIDUAL_MIX]);
    const year = period(result, 'FY2024');
    // Location: 1000 kWh × 0.2 = 200 kg. Market: (1000 − 600) kWh × 0.4 = 160 kg; the REGO at 0.
    expect(year.scope2Location).toBe(0.2);
    expect(year.scope2Market).toBe(0.16);
    expect(onlyLine(result, 1, 'market')).toMatchObject({ factorId: 21, convertedQuantity: 1000, chargedQuantity: 400, tco2e: 0.16 });
    expect(onlyLine(result, 2, 'market')).toMatchObject({ factorId: null, tco2e: 0, note: 'zero-emission contractual instrument' });
    expect(linesOf(result, 2, 'location')).toEqual([]);
    expect(year.metrics).toMatchObject({ electricityKwh: 1000, cleanKwh: 600, cleanShare: 0.6 });
    expect(result.findings).toEqual([]);
  });

  it('charges the uncovered rest at the grid average when there is no residual mix, and says so', () => {
    const result = calculate([consumption, rego], [GRID]);
    // 400 kWh × 0.2 = 80 kg.
    expect(period(result, 'FY2024').scope2Market).toBe(0.08);
    expect(onlyLine(result, 1, 'market').note).toBe('no residual mix factor: grid average used');
  });

  it('prices a supplier-specific instrument at its own factor', () => {
    const tariff = factor(23, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', region: 'UK', co2ePerUnitKg: 0.05, variant: 'Acme tariff' });
    const supplied = record(3, { activity: 'electricity', meaning: 'instrument', quantity: 300, unit: 'kWh', instrument: 'Acme tariff' });
    const result = calculate([consumption, supplied], [GRID, RESIDUAL_MIX, tariff]);
    // 300 kWh × 0.05 = 15 kg and 700 kWh × 0.4 = 280 kg; the total is the exact sum of the two lines' doubles.
    expect(onlyLine(result, 3, 'market').tco2e).toBe(0.015);
    expect(onlyLine(result, 1, 'market').tco2e).toBe(0.28);
    expect(period(result, 'FY2024').scope2Market).toBeCloseTo(0.295, 15);
    // Instruments never add to consumption.
    expect(period(result, 'FY2024').metrics.electricityKwh).toBe(1000);
    expect(period(result, 'FY2024').metrics.cleanKwh).toBeNull();
  });

  it('caps instruments exceeding consumption, never going negative', () => {
    const big = record(2, { activity: 'clean_electricity', meaning: 'instrument', quantity: 1600, unit: 'kWh', instrument: 'REGO' });
    const result = calculate([consumption, big], [GRID, RESIDUAL_MIX]);
    const year = period(result, 'FY2024');
    expect(year.scope2Market).toBe(0);
    expect(result.lines.every((line) => line.tco2e >= 0)).toBe(true);
    expect(onlyLine(result, 2, 'market').chargedQuantity).toBe(1000);
    expect(year.metrics).toMatchObject({ cleanKwh: 1000, cleanShare: 1 });
    expect(result.findings).toEqual([
      { recordId: 2, kind: 'instrument-exceeds-consumption', cause: 'instruments exceed the electricity consumed at site London: capped at consumption', detail: 'in FY2024 (instruments matched per fiscal year): 1000 of 1600 kWh counted', atStake: null },
    ]);
  });

  it('matches instruments per site and month', () => {
    const elsewhere = { ...rego, site: 'Leeds' };
    const result = calculate([consumption, elsewhere], [GRID, RESIDUAL_MIX]);
    expect(period(result, 'FY2024').scope2Market).toBe(0.4);
    expect(result.findings.map((finding) => finding.kind)).toEqual(['instrument-exceeds-consumption']);
  });

  it('matches records with equal multi-month periods as matching them period by period', () => {
    const quarter = { periodStart: '2023-04-01', periodEnd: '2023-06-30' };
    const result = calculate(
      [{ ...consumption, ...quarter, quantity: 900 }, { ...rego, ...quarter, quantity: 300 }],
      [GRID, RESIDUAL_MIX],
    );
    // (900 − 300) kWh × 0.4 = 240 kg.
    expect(period(result, 'FY2024').scope2Market).toBe(0.24);
    expect(result.findings).toEqual([]);
  });
});

describe('instrument matching window', () => {
  // FY2024 (2023-04-01 … 2024-03-31, 366 days): 1000 kWh a month, except August (fiscal month 5), when the site was closed.
  const months = ['04', '05', '06', '07', '09', '10', '11', '12', '01', '02', '03'];
  const consumed = months.map((month, index) => {
    const year = Number(month) >= 4 ? 2023 : 2024;
    const last = new Date(Date.UTC(year, Number(month), 0)).getUTCDate();
    return record(index + 1, { activity: 'electricity', quantity: 1000, unit: 'kWh', periodStart: `${year}-${month}-01`, periodEnd: `${year}-${month}-${last}` });
  });
  const annual = record(100, { activity: 'clean_electricity', meaning: 'instrument', quantity: 11000, unit: 'kWh', instrument: 'REGO', periodStart: '2023-04-01', periodEnd: '2024-03-31' });

  it('matches an annual instrument over the fiscal year by default: a closed month loses nothing', () => {
    const result = calculate([...consumed, annual], [GRID, RESIDUAL_MIX]);
    expect(period(result, 'FY2024').scope2Market).toBe(0);
    expect(onlyLine(result, 100, 'market').chargedQuantity).toBe(11000);
    expect(result.findings).toEqual([]);
  });

  it('caps it in the closed month under the stricter monthly setting, and says so', () => {
    const result = calculate([...consumed, annual], [GRID, RESIDUAL_MIX], { settings: { instrumentMatching: 'fiscal-month' } });
    // August's 31/366 of the certificates (931.69… kWh) meet no consumption; the other months'
    // parts all stay below 1000 kWh, so that much consumption is charged at the residual mix 0.4.
    expect(period(result, 'FY2024').scope2Market).toBeCloseTo(((11000 * 31) / 366) * 0.4 / 1000, 12);
    expect(result.findings).toEqual([
      expect.objectContaining({ recordId: 100, kind: 'instrument-exceeds-consumption', detail: expect.stringMatching(/^in FY2024 M05 \(instruments matched per fiscal month\): /) }),
    ]);
  });
});

describe('variants of an activity', () => {
  // kg of refrigerant topped up; per-gas factors are the gas's AR5 GWP per kg, as a company table gives them.
  const r410a = factor(40, { activityKey: 'refrigerant', unitText: 'kg', scope: 'Scope 1', co2ePerUnitKg: 2088, attributes: { gas: 'R-410A' } });
  const hfc134a = factor(41, { activityKey: 'refrigerant', unitText: 'kg', scope: 'Scope 1', co2ePerUnitKg: 1300, attributes: { gas: 'HFC-134a' } });
  const topUp = (id: number, gas: string | null, quantity: number) => record(id, { activity: 'refrigerant', quantity, unit: 'kg', attributes: gas === null ? null : { gas } });

  it('prices two refrigerant gases each at its own factor', () => {
    const result = calculate([topUp(1, 'R-410A', 2), topUp(2, 'R-134a', 3)], [r410a, hfc134a]);
    expect(onlyLine(result, 1, 'scope1')).toMatchObject({ factorId: 40, tco2e: 4.176 });
    expect(onlyLine(result, 2, 'scope1')).toMatchObject({ factorId: 41, tco2e: 3.9 });
    expect(period(result, 'FY2024').scope1).toBe(8.076);
    expect(result.findings).toEqual([]);
  });

  it('never prices a gas at another gas’s factor: its GWP where the table knows it, else a finding that contributes nothing', () => {
    const result = calculate([topUp(1, 'R-410A', 2), topUp(2, 'HFC-134a', 3), topUp(3, 'R-22', 5), topUp(4, null, 1)], [r410a]);
    expect(onlyLine(result, 1, 'scope1')).toMatchObject({ factorId: 40, tco2e: 4.176 });
    // HFC-134a has no factor: 3 kg × its AR5 GWP 1300, with the GWP's source named.
    expect(onlyLine(result, 2, 'scope1')).toMatchObject({ factorId: null, co2ePerUnitKg: 1300, tco2e: 3.9, note: expect.stringContaining('priced by its GWP, 1300 under AR5 (IPCC Fifth Assessment Report') });
    expect(linesOf(result, 3)).toEqual([]);
    expect(linesOf(result, 4)).toEqual([]);
    expect(period(result, 'FY2024').scope1).toBe(8.076);
    expect(result.findings).toEqual([
      expect.objectContaining({ recordId: 3, kind: 'no-factor', cause: expect.stringMatching(/no factor for refrigerant gas R-22 .*never priced at another variant's factor; unknown gas 'R-22'/) }),
      expect.objectContaining({ recordId: 4, kind: 'no-factor', cause: expect.stringContaining('the record names no refrigerant gas') }),
    ]);
  });

  it('prices a blend by its components’ GWPs when no factor names it (R-404A under AR5)', () => {
    const result = calculate([topUp(1, 'R-404A', 1)], [r410a]);
    // 44% × 3170 + 52% × 4800 + 4% × 1300 = 3942.8.
    expect(onlyLine(result, 1, 'scope1')).toMatchObject({ co2ePerUnitKg: 3942.8, tco2e: 3.9428 });
  });

  it('prices short- and long-haul flights apart, and a class no factor names is a finding', () => {
    const flight = (id: number, fields: Partial<CalcFactor>) => factor(id, { activityKey: 'business_travel_air', unitText: 'passenger.km', scope: 'Scope 3', ...fields });
    const factors = [
      flight(50, { co2ePerUnitKg: 0.15, attributes: { haul: 'Short-haul' } }),
      flight(51, { co2ePerUnitKg: 0.1, attributes: { haul: 'Long-haul', cabin_class: 'Economy' } }),
      flight(52, { co2ePerUnitKg: 0.4, attributes: { haul: 'Long-haul', cabin_class: 'Business' } }),
    ];
    const trip = (id: number, attributes: CalcRecord['attributes']) => record(id, { activity: 'business_travel_air', quantity: 1000, unit: 'pkm', attributes });
    const result = calculate(
      [trip(1, { haul: 'short haul' }), trip(2, { haul: 'long-haul', cabin_class: 'economy' }), trip(3, { haul: 'Long haul', cabin_class: 'Business' }), trip(4, { haul: 'long-haul', cabin_class: 'First' })],
      factors,
    );
    expect(linesOf(result, 1).map((line) => [line.factorId, line.tco2e])).toEqual([[50, 0.15]]);
    expect(linesOf(result, 2).map((line) => [line.factorId, line.tco2e])).toEqual([[51, 0.1]]);
    expect(linesOf(result, 3).map((line) => [line.factorId, line.tco2e])).toEqual([[52, 0.4]]);
    expect(linesOf(result, 4)).toEqual([]);
    expect(result.findings).toEqual([expect.objectContaining({ recordId: 4, kind: 'no-factor', cause: expect.stringContaining('no factor for haul long-haul, cabin class First') })]);
    expect(period(result, 'FY2024').scope3ByCategory).toEqual({ '6': 0.65 });
  });

  it('uses a factor for every variant when none names the record’s, and says so', () => {
    const average = factor(53, { activityKey: 'business_travel_air', unitText: 'passenger.km', scope: 'Scope 3', co2ePerUnitKg: 0.2 });
    const result = calculate([record(1, { activity: 'business_travel_air', quantity: 1000, unit: 'pkm', attributes: { haul: 'Domestic' } })], [average]);
    expect(onlyLine(result, 1, 'scope3')).toMatchObject({ factorId: 53, tco2e: 0.2, note: expect.stringContaining("no factor names the record's haul (Domestic)") });
  });
});

describe('factor validity', () => {
  // One company table with two editions of its grid factor, each valid for its own dates.
  const edition = (id: number, validFrom: string, validTo: string, value: number) =>
    factor(id, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', region: 'UK', co2ePerUnitKg: value, validFrom, validTo, validityStated: true });
  const factors = [edition(60, '2023-04-01', '2024-03-31', 0.2), edition(61, '2024-04-01', '2025-03-31', 0.18)];
  const used = (periodStart: string, periodEnd: string) => record(1, { activity: 'electricity', quantity: 1000, unit: 'kWh', periodStart, periodEnd });

  it('prices each record at the edition valid at its period', () => {
    expect(onlyLine(calculate([used('2024-03-01', '2024-03-31')], factors), 1, 'location')).toMatchObject({ factorId: 60, tco2e: 0.2 });
    expect(onlyLine(calculate([used('2024-04-01', '2024-04-30')], factors), 1, 'location')).toMatchObject({ factorId: 61, tco2e: 0.18 });
  });

  it('reports a record outside every stated validity, never carrying an edition forward', () => {
    const result = calculate([used('2025-04-01', '2025-04-30')], factors);
    expect(result.lines).toEqual([]);
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'no-factor', cause: expect.stringContaining("outside every fitting factor's validity (2023-04-01 to 2024-03-31; 2024-04-01 to 2025-03-31)"), detail: 'the record starts on 2025-04-01' }),
      expect.objectContaining({ kind: 'no-factor', cause: expect.stringContaining('market-based') }),
    ]);
  });
});

describe('fiscal years', () => {
  it('splits a record spanning the April year end by days', () => {
    // 2023-03-15 … 2023-04-14 is 31 days: 17 in FY2023, 14 in FY2024.
    const result = calculate([record(1, { activity: 'diesel', quantity: 3100, unit: 'L', periodStart: '2023-03-15', periodEnd: '2023-04-14' })], [DIESEL]);
    expect(linesOf(result, 1).map((line) => [line.fiscalYear, line.quantity])).toEqual([
      ['FY2023', 1700],
      ['FY2024', 1400],
    ]);
    // 1700 L × 2.54603 = 4328.251 kg; 1400 L × 2.54603 = 3564.442 kg.
    expect(period(result, 'FY2023')).toMatchObject({ start: '2022-04-01', end: '2023-03-31', scope1: 4.328251 });
    expect(period(result, 'FY2024')).toMatchObject({ start: '2023-04-01', end: '2024-03-31', scope1: 3.564442 });
  });
});

describe('boundary', () => {
  const jointVenture: SiteInfo = { name: 'JV', ownershipPercent: 40, operationalControl: false, financialControl: false, isDataCentre: false, region: 'UK' };
  const diesel = record(1, { activity: 'diesel', quantity: 1000, unit: 'L', site: 'JV' });

  it('takes the equity share', () => {
    const result = calculate([diesel], [DIESEL], { sites: [jointVenture], settings: { consolidationApproach: 'equity-share' } });
    // 40% × 2.54603 t.
    expect(onlyLine(result, 1, 'scope1')).toMatchObject({ share: 0.4, tco2e: 1.018412 });
  });

  it('counts a site without operational control at 0%', () => {
    const result = calculate([diesel], [DIESEL], { sites: [jointVenture] });
    expect(onlyLine(result, 1, 'scope1')).toMatchObject({ share: 0, tco2e: 0 });
    expect(period(result, 'FY2024').scope1).toBe(0);
    expect(period(result, 'FY2024').scope3).toBeNull();
  });

  it('reports the group’s share of an excluded joint venture’s Scope 1 and market-based Scope 2 as category 15, as a setting', () => {
    const power = record(2, { activity: 'electricity', quantity: 1000, unit: 'kWh', site: 'JV' });
    const result = calculate([diesel, power], [DIESEL, GRID, RESIDUAL_MIX], { sites: [jointVenture], settings: { category15Investments: true } });
    const year = period(result, 'FY2024');
    // 40% × 2.54603 t of diesel and 40% × 1000 kWh × 0.4 kg at the residual mix.
    expect(onlyLine(result, 1, 'scope3')).toMatchObject({ scope3Category: 15, share: 0.4, tco2e: 1.018412 });
    expect(onlyLine(result, 2, 'scope3')).toMatchObject({ scope3Category: 15, share: 0.4, tco2e: 0.16 });
    expect(year).toMatchObject({ scope1: 0, scope2Location: 0, scope2Market: 0, scope3: 1.178412, scope3ByCategory: { '15': 1.178412 } });
    // Under equity share the site is inside the boundary at 40%: nothing is an investment.
    const equity = calculate([diesel, power], [DIESEL, GRID, RESIDUAL_MIX], { sites: [jointVenture], settings: { category15Investments: true, consolidationApproach: 'equity-share' } });
    expect(period(equity, 'FY2024')).toMatchObject({ scope1: 1.018412, scope2Market: 0.16, scope3: null });
  });
});

describe('biogenic and avoided emissions', () => {
  it('keeps them apart from the scopes and from net', () => {
    const outsideOfScopes = factor(13, { activityKey: 'diesel', unitText: 'litres', scope: 'Outside of scopes', biogenic: true, co2ePerUnitKg: 0.1 });
    const result = calculate(
      [
        record(1, { activity: 'diesel', quantity: 1000, unit: 'L' }),
        record(2, { activity: 'avoided_emissions', meaning: 'avoided', quantity: 5, unit: 'tCO2e' }),
      ],
      [DIESEL, outsideOfScopes],
    );
    const year = period(result, 'FY2024');
    expect(year).toMatchObject({ scope1: 2.54603, biogenic: 0.1, avoided: 5, net: 2.54603, scope3: null, scope2Market: null });
  });
});

describe('Scope 3', () => {
  it('totals by category, with records lacking one reported as uncategorised', () => {
    const result = calculate(
      [
        record(1, { activity: 'business_travel_air', quantity: 2, unit: 'tCO2e' }),
        record(2, { activity: 'scope3_other', quantity: 3, unit: 'tCO2e', scope3Category: 1 }),
        record(3, { activity: 'scope3_other', quantity: 500, unit: 'kgCO2e' }),
      ],
      [],
    );
    expect(period(result, 'FY2024')).toMatchObject({ scope3: 5.5, scope3ByCategory: { 1: 3, 6: 2, uncategorised: 0.5 } });
    expect(result.findings).toEqual([{ recordId: 3, kind: 'scope3-category', cause: expect.stringContaining('uncategorised'), detail: null, atStake: { low: onlyLine(result, 3, 'scope3').tco2e, high: onlyLine(result, 3, 'scope3').tco2e } }]);
  });
});

describe('metrics', () => {
  const month = (m: number) => {
    const start = `2023-0${m}-01`;
    return { periodStart: start, periodEnd: `2023-0${m}-${m === 4 ? 30 : 31}` };
  };
  const dataCentre = (id: number, activity: string, quantity: number, m: number, meaning: CalcRecord['meaning'] = 'metric') =>
    record(id, { activity, meaning, quantity, unit: 'kWh', site: 'DC1', ...month(m) });

  it('computes PUE energy-weighted, not as a mean of monthly ratios', () => {
    const result = calculate(
      [dataCentre(1, 'facility_energy', 100, 4), dataCentre(2, 'it_energy', 50, 4), dataCentre(3, 'facility_energy', 1000, 5), dataCentre(4, 'it_energy', 900, 5)],
      [],
    );
    const { metrics } = period(result, 'FY2024');
    expect(metrics).toMatchObject({ facilityKwh: 1100, itKwh: 950 });
    expect(metrics.pue).toBe(1100 / 950);
    expect(metrics.pue).not.toBeCloseTo((100 / 50 + 1000 / 900) / 2, 3);
  });

  it('gives no PUE without both inputs', () => {
    const result = calculate([dataCentre(1, 'it_energy', 50, 4)], []);
    expect(period(result, 'FY2024').metrics.pue).toBeNull();
  });

  it('counts electricity once when a site records it both as electricity and as facility energy', () => {
    const result = calculate(
      [
        dataCentre(1, 'electricity', 1000, 4, 'consumption'),
        dataCentre(2, 'facility_energy', 1000, 4, 'consumption'),
        dataCentre(3, 'it_energy', 800, 4),
      ],
      [GRID],
    );
    const year = period(result, 'FY2024');
    expect(year.metrics).toMatchObject({ electricityKwh: 1000, pue: 1.25 });
    expect(year.scope2Location).toBe(0.2);
    expect(result.findings).toEqual([
      // What is at stake: the facility energy at the grid factor, 1000 kWh × 0.2 kg.
      { recordId: 2, kind: 'double-count', cause: expect.stringContaining('facility energy left out of Scope 2 at site'), detail: 'in FY2024 M01', atStake: { low: 0.2, high: 0.2 } },
    ]);
  });

  it('computes clean share over all sites and over data centres', () => {
    const result = calculate(
      [
        record(1, { activity: 'electricity', quantity: 3000, unit: 'kWh', site: 'Office' }),
        dataCentre(2, 'electricity', 1000, 5, 'consumption'),
        dataCentre(3, 'it_energy', 800, 5),
        dataCentre(4, 'clean_electricity', 500, 5, 'instrument'),
      ],
      [GRID],
    );
    const year = period(result, 'FY2024');
    // 500 clean of 4000 consumed; 500 of the data centre's 1000.
    expect(year.metrics).toMatchObject({ cleanShare: 0.125, dataCentreCleanShare: 0.5 });
    expect(year.sites.map((site) => [site.site, site.isDataCentre, site.metrics.cleanShare])).toEqual([
      ['DC1', true, 0.5],
      ['Office', false, 0],
    ]);
  });
});

describe('determinism', () => {
  function shuffled<T>(items: readonly T[], random: () => number): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
    }
    return copy;
  }

  it('gives bit-identical results for shuffled inputs', () => {
    const sites: SiteInfo[] = [
      { name: 'London', ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: 'UK' },
      { name: 'JV', ownershipPercent: 33.3, operationalControl: false, financialControl: true, isDataCentre: true, region: 'UK' },
    ];
    const records: CalcRecord[] = [];
    for (let index = 0; index < 60; index += 1) {
      const site = index % 2 === 0 ? 'London' : 'JV';
      const month = String((index % 12) + 1).padStart(2, '0');
      const start = `2023-${month}-01`;
      // March records run into April: they span the fiscal year end.
      const end = month === '03' ? '2023-04-10' : `2023-${month}-28`;
      records.push(record(index * 4 + 1, { activity: 'diesel', quantity: 10.1 + index / 7, unit: 'L', site, periodStart: start, periodEnd: end }));
      records.push(record(index * 4 + 2, { activity: 'electricity', quantity: 1000 / 3 + index, unit: 'kWh', site, periodStart: start, periodEnd: end }));
      records.push(record(index * 4 + 3, { activity: 'clean_electricity', meaning: 'instrument', quantity: 0.0025 * index, unit: 'MWh', site, periodStart: start, periodEnd: end }));
      records.push(record(index * 4 + 4, { activity: 'petrol', quantity: 1, unit: 'L', site, periodStart: start, periodEnd: end }));
    }
    const factors = [DIESEL, GRID, RESIDUAL_MIX];
    const run = (input: InventoryInput) => JSON.stringify(calculateInventory(input));
    const base = { records, factors, sites, settings: { ...SETTINGS, consolidationApproach: 'equity-share' as const } };
    const expected = run(base);
    const random = seededRandom(20240401);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(run({ ...base, records: shuffled(records, random), factors: shuffled(factors, random), sites: shuffled(sites, random) })).toBe(expected);
    }
    expect(JSON.parse(expected).findings.length).toBe(60);
  });
});

describe('factor replacements (an auditor’s adjustment)', () => {
  const SUPPLIER = factor(30, { activityKey: 'electricity', unitText: 'MWh', scope: 'Scope 2', region: 'US', co2ePerUnitKg: 150, label: 'supplier-specific', ...EPA });

  it('prices every line that used the replaced factor with the replacement, converting units, and notes both', () => {
    const records = [record(1, { activity: 'electricity', quantity: 2000, unit: 'kWh' }), record(2, { activity: 'diesel', quantity: 100, unit: 'L' })];
    const plain = calculateInventory({ records, factors: [GRID, DIESEL], settings: SETTINGS });
    const replaced = calculateInventory({ records, factors: [GRID, DIESEL], settings: SETTINGS, factorReplacements: [{ replaces: GRID.id, factor: SUPPLIER, note: 'adjustment #4: supplier contract' }] });
    expect(onlyLine(plain, 1, 'location')).toMatchObject({ factorId: 20, tco2e: 0.4 });
    const line = onlyLine(replaced, 1, 'location');
    // 2,000 kWh = 2 MWh × 150 kg/MWh = 0.3 t, though the factor is for another region and set.
    expect(line).toMatchObject({ factorId: 30, factorSetKey: 'epa-2023', factorUnit: 'MWh', conversionFactor: 0.001, tco2e: 0.3 });
    expect(line.note).toContain("factor #20 'factor 20' (desnz-2023) replaced by #30 'supplier-specific' (epa-2023): adjustment #4: supplier contract");
    expect(onlyLine(replaced, 2, 'scope1')).toEqual(onlyLine(plain, 2, 'scope1'));
  });

  it('reports a replacement the quantity cannot convert to, instead of pricing it', () => {
    const perLitre = factor(31, { activityKey: 'electricity', unitText: 'litres', co2ePerUnitKg: 1 });
    const result = calculateInventory({ records: [record(1, { activity: 'electricity', quantity: 10, unit: 'kWh' })], factors: [GRID], settings: SETTINGS, factorReplacements: [{ replaces: GRID.id, factor: perLitre, note: 'n' }] });
    expect(linesOf(result, 1, 'location')).toEqual([]);
    expect(result.findings.find((finding) => finding.kind === 'unit')?.cause).toContain('replaced by #31');
  });
});

describe('PUE takes data centres with both inputs only', () => {
  const kwh = (id: number, site: string, activity: string, quantity: number): CalcRecord =>
    record(id, { activity, meaning: 'metric', quantity, unit: 'kWh', site, periodStart: '2023-05-01', periodEnd: '2023-05-31' });

  it('leaves out an office reporting facility energy only, and a data centre without IT energy', () => {
    const taggedDataCentre: SiteInfo = { name: 'DC South', ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: true, region: 'UK' };
    const result = calculate(
      [kwh(1, 'DC North', 'facility_energy', 1300), kwh(2, 'DC North', 'it_energy', 1000), kwh(3, 'Head office', 'facility_energy', 800), kwh(4, 'DC South', 'facility_energy', 500)],
      [],
      { sites: [taggedDataCentre] },
    );
    const year = period(result, 'FY2024');
    // 1300 / 1000: neither the office's 800 kWh nor DC South's 500 kWh has IT energy to divide by.
    expect(year.metrics).toMatchObject({ pue: 1.3, facilityKwh: 1300, itKwh: 1000 });
    expect(year.sites.map((site) => [site.site, site.isDataCentre, site.metrics.pue])).toEqual([
      ['DC North', true, 1.3],
      ['DC South', true, null],
      ['Head office', false, null],
    ]);
  });
});

describe('instrument matching window: one fiscal month of one site', () => {
  // The stricter monthly setting; the default matches over the fiscal year (see 'instrument matching window' above).
  const MONTHLY = { settings: { instrumentMatching: 'fiscal-month' as const } };
  // May 2023 is FY2024 M02 and June FY2024 M03 (April fiscal years labelled by their end).
  const may = { periodStart: '2023-05-01', periodEnd: '2023-05-31' };
  const june = { periodStart: '2023-06-01', periodEnd: '2023-06-30' };

  it('does not let a certificate for May cover June’s consumption', () => {
    const juneUse = record(1, { activity: 'electricity', quantity: 1000, unit: 'kWh', ...june });
    const mayRego = record(2, { activity: 'clean_electricity', meaning: 'instrument', quantity: 600, unit: 'kWh', instrument: 'REGO', ...may });
    const result = calculate([juneUse, mayRego], [GRID, RESIDUAL_MIX], MONTHLY);
    // June is uncovered: 1000 kWh × 0.4 = 400 kg; matched over the whole year it would be 160 kg.
    expect(period(result, 'FY2024').scope2Market).toBe(0.4);
    expect(onlyLine(result, 1, 'market')).toMatchObject({ chargedQuantity: 1000, tco2e: 0.4 });
    // The May certificate has no consumption to cover: it counts for nothing, and says so.
    expect(onlyLine(result, 2, 'market').chargedQuantity).toBe(0);
    expect(period(result, 'FY2024').metrics).toMatchObject({ electricityKwh: 1000, cleanKwh: 0, cleanShare: 0 });
    expect(result.findings).toEqual([
      { recordId: 2, kind: 'instrument-exceeds-consumption', cause: 'instruments exceed the electricity consumed at site London: capped at consumption', detail: 'in FY2024 M02 (instruments matched per fiscal month): 0 of 600 kWh counted', atStake: null },
    ]);
  });

  it('splits a quarter’s certificate over its months, each covering only its own month', () => {
    // 910 kWh over April–June (91 days: 300, 310, 300 kWh by days) against 400 kWh used in May alone.
    const quarterRego = record(2, { activity: 'clean_electricity', meaning: 'instrument', quantity: 910, unit: 'kWh', instrument: 'REGO', periodStart: '2023-04-01', periodEnd: '2023-06-30' });
    const mayUse = record(1, { activity: 'electricity', quantity: 400, unit: 'kWh', ...may });
    const result = calculate([mayUse, quarterRego], [GRID, RESIDUAL_MIX], MONTHLY);
    // May: 310 of the 400 kWh covered, 90 kWh × 0.4 = 36 kg.
    expect(onlyLine(result, 1, 'market')).toMatchObject({ chargedQuantity: 90, tco2e: 0.036 });
    expect(onlyLine(result, 2, 'market').chargedQuantity).toBe(310);
    expect(result.findings).toEqual([
      expect.objectContaining({ recordId: 2, kind: 'instrument-exceeds-consumption', detail: 'in FY2024 M01, FY2024 M03 (instruments matched per fiscal month): 310 of 910 kWh counted' }),
    ]);
  });
});

describe('the streaming calculation', () => {
  const consumption = record(1, { activity: 'electricity', quantity: 1000, unit: 'kWh' });
  const rego = record(2, { activity: 'clean_electricity', meaning: 'instrument', quantity: 600, unit: 'kWh', instrument: 'REGO' });
  const facility = record(3, { activity: 'facility_energy', quantity: 500, unit: 'kWh' });
  const input = { factors: [GRID, RESIDUAL_MIX], sites: [], settings: SETTINGS };
  const discard = { line: () => undefined, finding: () => undefined };

  it('gives what the in-memory calculation gives, records fed one at a time, with each line’s group and pricing', () => {
    const calculation = new InventoryCalculation(input);
    for (const item of [consumption, rego]) calculation.scope2Flow(item);
    calculation.scope2Flow(facility);
    const lines: ResultLine[] = [];
    const groups = new Set<unknown>();
    for (const item of [consumption, rego, facility]) {
      calculation.add(item, {
        line: (made) => {
          const line = made.resultLine();
          lines.push(line);
          groups.add(made.group);
          // What a store reads of a line without building it is what the built line says.
          expect([made.recordId, made.quantity, made.tco2e, made.chargedQuantity(), made.gasTco2e()]).toEqual([
            line.recordId, line.quantity, line.tco2e, line.chargedQuantity, line.gases.map((gas) => gas.tco2e),
          ]);
          expect(made.pricing.factorId).toBe(line.factorId);
          expect(made.group).toMatchObject({ fiscalYear: line.fiscalYear, basis: line.basis, site: line.site, activity: line.activity });
          // Only the market-based lines under the REGO are charged a matched fraction.
          expect(made.fractional).toBe(line.basis === 'market' && line.chargedQuantity !== line.convertedQuantity);
        },
        finding: () => undefined,
      });
    }
    const inMemory = calculateInventory({ ...input, records: [facility, rego, consumption] });
    expect(lines).toEqual(inMemory.lines);
    expect(calculation.finish().periods).toEqual(inMemory.periods);
    expect(groups.size).toBe(new Set(lines.map((line) => `${line.basis}|${line.site}|${line.activity}`)).size);
  });

  it('gives the same whether the reader supplies each record’s kind key or the calculation works it out', () => {
    const records = [consumption, rego, record(4, { activity: 'electricity', quantity: 250, unit: 'MWh', site: 'Leeds' })];
    const results = [false, true].map((keyed) => {
      const calculation = new InventoryCalculation(input);
      const lines: ResultLine[] = [];
      for (const item of records) calculation.scope2Flow(keyed ? { ...item, kindKey: `key of ${item.id}` } : item);
      for (const item of records) calculation.add(keyed ? { ...item, kindKey: `key of ${item.id}` } : item, { line: (line) => lines.push(line.resultLine()), finding: () => undefined });
      return { lines, periods: calculation.finish().periods };
    });
    expect(results[1]).toEqual(results[0]);
  });

  it('matches facility energy consumed only after every electricity consumption record', () => {
    const calculation = new InventoryCalculation(input);
    calculation.scope2Flow(facility);
    expect(() => calculation.scope2Flow(consumption)).toThrow(/electricity consumption must be matched before facility energy consumed/);
  });

  it('refuses to finish when instruments were added without passing instrument matching first', () => {
    const calculation = new InventoryCalculation(input);
    for (const item of [consumption, rego]) calculation.add(item, discard);
    expect(() => calculation.finish()).toThrow(/must pass scope2Flow first/);
    // Without instruments or facility energy consumed, the first pass may be left out.
    const plain = new InventoryCalculation(input);
    plain.add(consumption, discard);
    expect(plain.finish().periods[0]!.scope2Market).toBe(0.4);
  });
});
