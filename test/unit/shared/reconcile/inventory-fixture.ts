/**
 * A small two-year inventory for the reconciliation rules, calculated by the real calculation: an
 * office (diesel, grid electricity) and a data centre (facility energy as consumption, IT energy,
 * clean-electricity instruments), April fiscal years FY2022 and FY2023.
 */
import { calculateInventory, type CalcFactor, type CalcRecord, type InventoryResult, type SiteInfo } from '../../../../shared/calc/inventory';

export const FISCAL = { startMonth: 4, labelRule: 'end-year' } as const;
export const SETTINGS = { fiscal: FISCAL, gwpBasis: 'AR5', consolidationApproach: 'operational-control', defaultRegion: 'UK' } as const;

const SET = { factorSetId: 1, setKey: 'test-set', setYear: 2022, validFrom: '2021-01-01', validTo: '2030-12-31', setRegion: 'UK', gwpBasis: 'AR5', region: null, biogenic: false, gases: [], variant: null } as const;
export const DIESEL: CalcFactor = { id: 10, ...SET, activityKey: 'diesel', unitText: 'litres', scope: 'Scope 1', co2ePerUnitKg: 2.5, label: 'Diesel' };
export const GRID: CalcFactor = { id: 20, ...SET, activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: 0.2, label: 'UK grid' };
export const IRISH_GRID: CalcFactor = { id: 21, ...SET, activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', region: 'IE', co2ePerUnitKg: 0.3, label: 'Irish grid' };

export const SITES: SiteInfo[] = [
  { name: 'London', ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: 'UK' },
  { name: 'DC North', ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: true, region: 'UK' },
];

const YEARS = { FY2022: ['2021-04-01', '2022-03-31'], FY2023: ['2022-04-01', '2023-03-31'] } as const;

export interface YearPlan {
  readonly dieselL: number;
  readonly officeKwh: number;
  readonly facilityKwh: number;
  readonly itKwh: number;
  readonly cleanKwh: number;
}

export const PLAN: Readonly<Record<keyof typeof YEARS, YearPlan>> = {
  FY2022: { dieselL: 100_000, officeKwh: 1_000_000, facilityKwh: 5_000_000, itKwh: 4_000_000, cleanKwh: 1_000_000 },
  FY2023: { dieselL: 90_000, officeKwh: 1_100_000, facilityKwh: 4_800_000, itKwh: 4_000_000, cleanKwh: 2_000_000 },
};

export function fixtureRecords(): CalcRecord[] {
  const records: CalcRecord[] = [];
  let id = 1;
  const add = (site: string, activity: string, meaning: CalcRecord['meaning'], quantity: number, unit: string, [periodStart, periodEnd]: readonly [string, string]) =>
    records.push({ id: id++, site, periodStart, periodEnd, activity, meaning, quantity, unit, unitBasis: null, scope3Category: null, region: null, instrument: null });
  for (const year of ['FY2022', 'FY2023'] as const) {
    const plan = PLAN[year];
    add('London', 'diesel', 'consumption', plan.dieselL, 'L', YEARS[year]);
    add('London', 'electricity', 'consumption', plan.officeKwh, 'kWh', YEARS[year]);
    add('DC North', 'facility_energy', 'consumption', plan.facilityKwh, 'kWh', YEARS[year]);
    add('DC North', 'it_energy', 'metric', plan.itKwh, 'kWh', YEARS[year]);
    add('DC North', 'clean_electricity', 'instrument', plan.cleanKwh, 'kWh', YEARS[year]);
  }
  return records;
}

export function calculate(records: readonly CalcRecord[] = fixtureRecords(), factorReplacements: Parameters<typeof calculateInventory>[0]['factorReplacements'] = []): InventoryResult {
  return calculateInventory({ records, factors: [DIESEL, GRID, IRISH_GRID], sites: SITES, settings: SETTINGS, factorReplacements });
}

/** The figures by plain arithmetic from the plan, independently of the calculation. */
export function expected(year: keyof typeof YEARS) {
  const plan = PLAN[year];
  const scope1 = (plan.dieselL * 2.5) / 1000;
  const location = ((plan.officeKwh + plan.facilityKwh) * 0.2) / 1000;
  const market = ((plan.officeKwh + plan.facilityKwh - plan.cleanKwh) * 0.2) / 1000;
  return {
    scope1,
    location,
    market,
    net: scope1 + market,
    pue: plan.facilityKwh / plan.itKwh,
    dataCentreCleanShare: plan.cleanKwh / plan.facilityKwh,
    cleanShare: plan.cleanKwh / (plan.officeKwh + plan.facilityKwh),
  };
}
