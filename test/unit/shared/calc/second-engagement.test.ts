/**
 * A second two-year engagement, as an auditor would build it: a July fiscal year, two countries
 * with their own grid and residual-mix factors (two editions each, by stated validity), partial
 * renewable instruments bought per year, refrigerant top-ups of three gases (one priced by GWP),
 * Scope 3 categories 1 (spend by category), 4 and 6 (short- and long-haul), avoided emissions,
 * biogenic CO2, a 40% joint venture, and quarterly bills straddling the year end. Every figure is
 * recomputed here by plain arithmetic (days counted with Date, factors looked up by hand), not
 * by the engine's code, under equity share and under operational control (with the joint
 * venture as category 15).
 */
import { describe, expect, it } from 'vitest';
import { calculateInventory, type CalcFactor, type CalcRecord, type CalcSettings, type PeriodResult, type SiteInfo } from '../../../../shared/calc/inventory';

const UNDATED = { validFrom: '0001-01-01', validTo: '9999-12-31' } as const;
const SET = { factorSetId: 1, setKey: 'user-group-factors', setYear: 0, setRegion: '', gwpBasis: 'AR5', scope: null, biogenic: false, gases: [], variant: null, region: null } as const;

function factor(id: number, fields: Partial<CalcFactor> & Pick<CalcFactor, 'activityKey' | 'unitText' | 'co2ePerUnitKg'>): CalcFactor {
  return { id, ...SET, ...UNDATED, label: `factor ${id}`, ...fields };
}

const FY2024 = { validFrom: '2023-07-01', validTo: '2024-06-30', validityStated: true } as const;
const FY2025 = { validFrom: '2024-07-01', validTo: '2025-06-30', validityStated: true } as const;

// kg CO2e per unit.
const F = {
  ukGrid2024: 0.20707, ukGrid2025: 0.19338, frGrid2024: 0.052, frGrid2025: 0.049, ukResidual: 0.35, frResidual: 0.06,
  diesel: 2.51279, dieselBiogenic: 0.17, r410a: 2088, itSpend: 0.35, officeSpend: 0.2, freight: 0.107, shortHaul: 0.151, longHaul: 0.19,
};
/** AR5 GWPs of the gases without a factor of their own (IPCC AR5 WG1 Table 8.A.1). */
const GWP_AR5 = { 'HFC-134a': 1300, 'HFC-32': 677 };

const FACTORS: CalcFactor[] = [
  factor(1, { activityKey: 'electricity', unitText: 'kWh', region: 'UK', scope: 'Scope 2', co2ePerUnitKg: F.ukGrid2024, ...FY2024 }),
  factor(2, { activityKey: 'electricity', unitText: 'kWh', region: 'UK', scope: 'Scope 2', co2ePerUnitKg: F.ukGrid2025, ...FY2025 }),
  factor(3, { activityKey: 'electricity', unitText: 'kWh', region: 'FR', scope: 'Scope 2', co2ePerUnitKg: F.frGrid2024, ...FY2024 }),
  factor(4, { activityKey: 'electricity', unitText: 'kWh', region: 'FR', scope: 'Scope 2', co2ePerUnitKg: F.frGrid2025, ...FY2025 }),
  factor(5, { activityKey: 'electricity', unitText: 'kWh', region: 'UK', scope: 'Scope 2', co2ePerUnitKg: F.ukResidual, residualMix: true }),
  factor(6, { activityKey: 'electricity', unitText: 'kWh', region: 'FR', scope: 'Scope 2', co2ePerUnitKg: F.frResidual, residualMix: true }),
  factor(7, { activityKey: 'diesel', unitText: 'litres', scope: 'Scope 1', co2ePerUnitKg: F.diesel }),
  factor(8, { activityKey: 'diesel', unitText: 'litres', scope: 'Outside of scopes', biogenic: true, co2ePerUnitKg: F.dieselBiogenic }),
  factor(9, { activityKey: 'refrigerant', unitText: 'kg', scope: 'Scope 1', co2ePerUnitKg: F.r410a, attributes: { gas: 'R-410A' } }),
  factor(10, { activityKey: 'purchased_goods', unitText: 'GBP', scope: 'Scope 3', co2ePerUnitKg: F.itSpend, attributes: { spend_category: 'IT equipment' } }),
  factor(11, { activityKey: 'purchased_goods', unitText: 'GBP', scope: 'Scope 3', co2ePerUnitKg: F.officeSpend, attributes: { spend_category: 'Office supplies' } }),
  factor(12, { activityKey: 'upstream_transport', unitText: 'tonne.km', scope: 'Scope 3', co2ePerUnitKg: F.freight }),
  factor(13, { activityKey: 'business_travel_air', unitText: 'passenger.km', scope: 'Scope 3', co2ePerUnitKg: F.shortHaul, attributes: { haul: 'Short-haul' } }),
  factor(14, { activityKey: 'business_travel_air', unitText: 'passenger.km', scope: 'Scope 3', co2ePerUnitKg: F.longHaul, attributes: { haul: 'Long-haul' } }),
];

const SITES: SiteInfo[] = [
  { name: 'London', ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: 'UK' },
  { name: 'Paris', ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: 'FR' },
  { name: 'Lyon JV', ownershipPercent: 40, operationalControl: false, financialControl: false, isDataCentre: false, region: 'FR' },
];

type Row = [site: string, start: string, end: string, activity: string, quantity: number, unit: string, extra?: Partial<CalcRecord>];
const instrument = (name: string): Partial<CalcRecord> => ({ meaning: 'instrument', instrument: name });

const ROWS: Row[] = [
  // London electricity: quarterly bills, one straddling the June year end.
  ['London', '2023-07-01', '2023-09-30', 'electricity', 30000, 'kWh'],
  ['London', '2023-10-01', '2023-12-31', 'electricity', 32000, 'kWh'],
  ['London', '2024-01-01', '2024-04-30', 'electricity', 44000, 'kWh'],
  ['London', '2024-05-01', '2024-07-31', 'electricity', 33000, 'kWh'],
  ['London', '2024-08-01', '2024-10-31', 'electricity', 31000, 'kWh'],
  ['London', '2024-11-01', '2025-01-31', 'electricity', 36000, 'kWh'],
  ['London', '2025-02-01', '2025-04-30', 'electricity', 30000, 'kWh'],
  ['London', '2025-05-01', '2025-06-30', 'electricity', 20000, 'kWh'],
  // Paris: half-yearly and nine-monthly bills, one straddling.
  ['Paris', '2023-07-01', '2023-12-31', 'electricity', 50000, 'kWh'],
  ['Paris', '2024-01-01', '2024-09-30', 'electricity', 70000, 'kWh'],
  ['Paris', '2024-10-01', '2025-06-30', 'electricity', 69000, 'kWh'],
  // The joint venture.
  ['Lyon JV', '2023-07-01', '2024-06-30', 'electricity', 20000, 'kWh'],
  ['Lyon JV', '2024-07-01', '2025-06-30', 'electricity', 21000, 'kWh'],
  ['Lyon JV', '2023-07-01', '2024-06-30', 'diesel', 3000, 'L'],
  ['Lyon JV', '2024-07-01', '2025-06-30', 'diesel', 3200, 'L'],
  // Partial renewable instruments, bought per fiscal year.
  ['London', '2023-07-01', '2024-06-30', 'clean_electricity', 60000, 'kWh', instrument('REGO FY2024')],
  ['London', '2024-07-01', '2025-06-30', 'clean_electricity', 80000, 'kWh', instrument('REGO FY2025')],
  ['Paris', '2023-07-01', '2024-06-30', 'clean_electricity', 30000, 'kWh', instrument('GO FY2024')],
  // Generator diesel (its biogenic part outside the scopes), one delivery straddling.
  ['London', '2023-07-01', '2024-05-31', 'diesel', 1200, 'L'],
  ['London', '2024-06-01', '2024-08-31', 'diesel', 900, 'L'],
  // Refrigerant top-ups.
  ['London', '2023-09-15', '2023-09-15', 'refrigerant', 4, 'kg', { attributes: { gas: 'R-410A' } }],
  ['London', '2024-03-10', '2024-03-10', 'refrigerant', 3, 'kg', { attributes: { gas: 'HFC-134a' } }],
  ['Paris', '2024-11-20', '2024-11-20', 'refrigerant', 2.5, 'kg', { attributes: { gas: 'R410A' } }],
  ['Paris', '2025-02-02', '2025-02-02', 'refrigerant', 1.2, 'kg', { attributes: { gas: 'R-32' } }],
  // Scope 3: spend by category (1), freight (4), flights by haul (6).
  ['London', '2023-07-01', '2024-06-30', 'purchased_goods', 120000, 'currency:GBP', { attributes: { spend_category: 'IT equipment' } }],
  ['London', '2023-07-01', '2024-06-30', 'purchased_goods', 30000, 'currency:GBP', { attributes: { spend_category: 'Office supplies' } }],
  ['London', '2024-07-01', '2025-06-30', 'purchased_goods', 90000, 'currency:GBP', { attributes: { spend_category: 'IT equipment' } }],
  ['London', '2024-07-01', '2025-06-30', 'purchased_goods', 25000, 'currency:GBP', { attributes: { spend_category: 'Office supplies' } }],
  ['Paris', '2023-07-01', '2024-06-30', 'upstream_transport', 50000, 'tkm'],
  ['Paris', '2024-04-01', '2024-09-30', 'upstream_transport', 45000, 'tkm'],
  ['London', '2023-10-01', '2023-10-31', 'business_travel_air', 12000, 'pkm', { attributes: { haul: 'short haul' } }],
  ['London', '2024-02-01', '2024-02-29', 'business_travel_air', 40000, 'pkm', { attributes: { haul: 'long-haul' } }],
  ['Paris', '2024-09-01', '2024-09-30', 'business_travel_air', 9000, 'pkm', { attributes: { haul: 'Short-haul' } }],
  ['Paris', '2025-03-01', '2025-03-31', 'business_travel_air', 55000, 'pkm', { attributes: { haul: 'Long-haul' } }],
  // Avoided emissions, reported apart.
  ['London', '2023-07-01', '2024-06-30', 'avoided_emissions', 15, 'tCO2e', { meaning: 'avoided' }],
  ['London', '2024-07-01', '2025-06-30', 'avoided_emissions', 18, 'tCO2e', { meaning: 'avoided' }],
];

const RECORDS: CalcRecord[] = ROWS.map(([site, periodStart, periodEnd, activity, quantity, unit, extra], index) => ({
  id: index + 1, site, periodStart, periodEnd, activity, quantity, unit,
  meaning: 'consumption', unitBasis: null, scope3Category: null, region: null, instrument: null, ...extra,
}));

// ---------------------------------------------------------------------------------------------
// The independent calculation

const YEARS = { FY2024: ['2023-07-01', '2024-06-30'], FY2025: ['2024-07-01', '2025-06-30'] } as const;
type Year = keyof typeof YEARS;

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
/** The part of a record's quantity falling in a fiscal year, by days. */
function partIn(row: Row, year: Year): number {
  const [, start, end, , quantity] = row;
  const [from, to] = YEARS[year];
  const overlap = Math.min(day(end), day(to)) - Math.max(day(start), day(from)) + 1;
  return overlap <= 0 ? 0 : (quantity * overlap) / (day(end) - day(start) + 1);
}

const regionOf = (site: string) => (site === 'London' ? 'UK' : 'FR');
/** The grid edition in force when the record starts (the one factor for every part of it). */
function gridFactor(row: Row): number {
  const startsInFy2024 = row[1] <= '2024-06-30';
  if (regionOf(row[0]) === 'UK') return startsInFy2024 ? F.ukGrid2024 : F.ukGrid2025;
  return startsInFy2024 ? F.frGrid2024 : F.frGrid2025;
}
const residualOf = (site: string) => (regionOf(site) === 'UK' ? F.ukResidual : F.frResidual);

function refrigerantFactor(row: Row): number {
  const gas = row[6]?.attributes?.gas;
  if (gas === 'R-410A' || gas === 'R410A') return F.r410a;
  if (gas === 'HFC-134a') return GWP_AR5['HFC-134a'];
  if (gas === 'R-32') return GWP_AR5['HFC-32'];
  throw new Error(`no price for ${gas}`);
}

function scope3Of(row: Row): { category: string; factor: number } | null {
  const attributes = row[6]?.attributes;
  switch (row[3]) {
    case 'purchased_goods': return { category: '1', factor: attributes?.spend_category === 'IT equipment' ? F.itSpend : F.officeSpend };
    case 'upstream_transport': return { category: '4', factor: F.freight };
    case 'business_travel_air': return { category: '6', factor: /short/i.test(attributes?.haul ?? '') ? F.shortHaul : F.longHaul };
    default: return null;
  }
}

interface Expected {
  scope1: number; scope2Location: number; scope2Market: number; scope3: number; scope3ByCategory: Record<string, number>; net: number; biogenic: number; avoided: number;
}

function expectedYear(year: Year, approach: 'equity-share' | 'operational-control'): Expected {
  const share = (site: string) => (site !== 'Lyon JV' ? 1 : approach === 'equity-share' ? 0.4 : 0);
  const out: Expected = { scope1: 0, scope2Location: 0, scope2Market: 0, scope3: 0, scope3ByCategory: {}, net: 0, biogenic: 0, avoided: 0 };
  const addScope3 = (category: string, tonnes: number) => {
    out.scope3ByCategory[category] = (out.scope3ByCategory[category] ?? 0) + tonnes;
    out.scope3 += tonnes;
  };
  // Market-based: per site, the year's instruments cover the year's consumption; the rest at the residual mix.
  for (const site of ['London', 'Paris', 'Lyon JV']) {
    const consumed = ROWS.filter((row) => row[0] === site && row[3] === 'electricity').reduce((sum, row) => sum + partIn(row, year), 0);
    const certified = ROWS.filter((row) => row[0] === site && row[3] === 'clean_electricity').reduce((sum, row) => sum + partIn(row, year), 0);
    const market = ((consumed - Math.min(consumed, certified)) * residualOf(site)) / 1000;
    out.scope2Market += market * share(site);
    if (site === 'Lyon JV' && approach === 'operational-control') addScope3('15', market * 0.4);
  }
  for (const row of ROWS) {
    const [site, , , activity] = row;
    const part = partIn(row, year);
    if (part === 0) continue;
    const s = share(site);
    if (activity === 'electricity') out.scope2Location += ((part * gridFactor(row)) / 1000) * s;
    if (activity === 'diesel') {
      out.scope1 += ((part * F.diesel) / 1000) * s;
      out.biogenic += ((part * F.dieselBiogenic) / 1000) * s;
      if (site === 'Lyon JV' && approach === 'operational-control') addScope3('15', ((part * F.diesel) / 1000) * 0.4);
    }
    if (activity === 'refrigerant') out.scope1 += (part * refrigerantFactor(row)) / 1000;
    if (activity === 'avoided_emissions') out.avoided += part;
    const scope3 = scope3Of(row);
    if (scope3) addScope3(scope3.category, (part * scope3.factor) / 1000);
  }
  out.net = out.scope1 + out.scope2Market;
  return out;
}

// ---------------------------------------------------------------------------------------------

const BASE_SETTINGS: CalcSettings = { fiscal: { startMonth: 7, labelRule: 'end-year' }, gwpBasis: 'AR5', consolidationApproach: 'equity-share', defaultRegion: null };

function expectMatches(period: PeriodResult | undefined, expected: Expected): void {
  expect(period).toBeDefined();
  const close = (actual: number | null, wanted: number) => expect(actual ?? 0).toBeCloseTo(wanted, 9);
  close(period!.scope1, expected.scope1);
  close(period!.scope2Location, expected.scope2Location);
  close(period!.scope2Market, expected.scope2Market);
  close(period!.scope3, expected.scope3);
  close(period!.net, expected.net);
  close(period!.biogenic, expected.biogenic);
  close(period!.avoided, expected.avoided);
  expect(Object.keys(period!.scope3ByCategory).sort()).toEqual(Object.keys(expected.scope3ByCategory).sort());
  for (const [category, tonnes] of Object.entries(expected.scope3ByCategory)) close(period!.scope3ByCategory[category] ?? null, tonnes);
}

describe('a second two-year engagement, recomputed independently', () => {
  for (const approach of ['equity-share', 'operational-control'] as const) {
    it(`matches every figure under ${approach}${approach === 'operational-control' ? ' (the joint venture as category 15)' : ''}`, () => {
      const settings: CalcSettings = { ...BASE_SETTINGS, consolidationApproach: approach, category15Investments: true };
      const result = calculateInventory({ records: RECORDS, factors: FACTORS, sites: SITES, settings });
      expect(result.findings).toEqual([]);
      expect(result.periods.map((period) => period.label)).toEqual(['FY2024', 'FY2025']);
      for (const year of ['FY2024', 'FY2025'] as const) expectMatches(result.periods.find((period) => period.label === year), expectedYear(year, approach));
    });
  }

  it('prices the straddling bill at the edition in force when it starts, for both of its years', () => {
    const result = calculateInventory({ records: RECORDS, factors: FACTORS, sites: SITES, settings: BASE_SETTINGS });
    const straddling = result.lines.filter((line) => line.recordId === 4 && line.basis === 'location');
    expect(straddling.map((line) => [line.fiscalYear, line.factorId])).toEqual([['FY2024', 1], ['FY2025', 1]]);
  });
});
