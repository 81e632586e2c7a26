/**
 * Claims against figures that miss records the calculation could not price: the comparison says
 * so in its status and reason, and a verdict stands only when it holds whichever way the missing
 * records are priced.
 */
import { describe, expect, it } from 'vitest';
import type { CalcFactor, CalcRecord, InventoryResult } from '../../../../shared/calc/inventory-types';
import { calculateInventory } from '../../../../shared/calc/inventory';
import type { ClaimInput } from '../../../../shared/reconcile/claims';
import { reconcileClaims } from '../../../../shared/reconcile/reconcile';
import { FIGURES } from '../../../../shared/figures';
import { ratioInputIndex, ratioInputsMissing, unpricedFor, unpricedIndex } from '../../../../shared/reconcile/missing-inputs';
import { DEFAULT_METRIC_TOLERANCES } from '../../../../shared/settings';
import { DIESEL, FISCAL, fixtureRecords, GRID, IRISH_GRID, SETTINGS as CALC_SETTINGS, SITES } from './inventory-fixture';

const SETTINGS = { materialityPercent: 5, performanceMaterialityPercent: 3.75, clearlyTrivialPercent: 0.25, metricTolerances: DEFAULT_METRIC_TOLERANCES };
const SOURCE = { fileName: 'reported.xlsx', sheet: 'ESG report', rowNumber: 2 };
const GAS = { factorSetId: 1, setKey: 'test-set', setYear: 2022, validFrom: '2021-01-01', validTo: '2030-12-31', setRegion: 'UK', gwpBasis: 'AR5', region: null, biogenic: false, gases: [], variant: null, activityKey: 'natural_gas', scope: 'Scope 1' } as const;
// The same gas on both calorific bases, as DESNZ publishes it: a kWh that states neither fits both.
const GAS_GROSS: CalcFactor = { id: 30, ...GAS, unitText: 'kWh (Gross CV)', co2ePerUnitKg: 0.18, label: 'Natural gas, gross CV' };
const GAS_NET: CalcFactor = { id: 31, ...GAS, unitText: 'kWh (Net CV)', co2ePerUnitKg: 0.2, label: 'Natural gas, net CV' };

/** The fixture (FY2023: Scope 1 225 t, net 1,005 t) plus 100,000 kWh of gas in London in May 2022, its basis not stated. */
function withGas(extra: Partial<CalcRecord> = {}): { result: InventoryResult; records: CalcRecord[] } {
  const gas: CalcRecord = { id: 100, site: 'London', periodStart: '2022-05-01', periodEnd: '2022-05-31', activity: 'natural_gas', meaning: 'consumption', quantity: 100_000, unit: 'kWh', unitBasis: null, scope3Category: null, region: null, instrument: null, ...extra };
  const records = [...fixtureRecords(), gas];
  return { records, result: calculateInventory({ records, factors: [DIESEL, GRID, IRISH_GRID, GAS_GROSS, GAS_NET], sites: SITES, settings: CALC_SETTINGS }) };
}

let nextId = 1;
const claim = (metric: string, value: number, fields: Partial<ClaimInput> = {}): ClaimInput => ({ id: nextId++, metric, period: 'FY2023', value, unit: 'tCO2e', percent: null, site: null, notes: null, source: SOURCE, ...fields });

function reconcile(claims: ClaimInput[], calculated = withGas()) {
  const index = unpricedIndex(calculated.result, calculated.records, FISCAL);
  return reconcileClaims({
    claims, decisions: new Map(), templateFigures: new Map(), uncorrected: calculated.result.periods, corrected: calculated.result.periods,
    settings: SETTINGS, fiscal: FISCAL, adjustmentsByClaim: new Map(), unpriced: { uncorrected: index, corrected: index },
  });
}

describe('records the calculation could not price', () => {
  it('are what the figures their activity feeds miss, in their fiscal year, with the tCO2e at stake between the fitting factors', () => {
    const { result, records } = withGas();
    expect(result.findings.map((finding) => finding.kind)).toEqual(['calorific-basis-ambiguous']);
    expect(result.periods.find((period) => period.label === 'FY2023')!.scope1).toBe(225);
    const index = unpricedIndex(result, records, FISCAL);
    expect(unpricedFor(index, FIGURES.scope1, 'FY2023', null)).toEqual({ records: 1, fiscalYear: 'FY2023', kinds: ['calorific-basis-ambiguous'], low: 18, high: 20 });
    expect(unpricedFor(index, FIGURES.net, 'FY2023', 'London')).toMatchObject({ records: 1, low: 18, high: 20 });
    expect(unpricedFor(index, FIGURES.scope2_location, 'FY2023', null)).toBeNull();
    expect(unpricedFor(index, FIGURES.scope1, 'FY2022', null)).toBeNull();
    expect(unpricedFor(index, FIGURES.scope1, 'FY2023', 'DC North')).toBeNull();
    expect(unpricedFor(index, FIGURES.pue, 'FY2023', null)).toBeNull();
  });

  it('count in each fiscal year their period touches, the tCO2e at stake pro rata by days', () => {
    const { result, records } = withGas({ periodStart: '2022-03-01', periodEnd: '2022-04-30' });
    const index = unpricedIndex(result, records, FISCAL);
    expect(unpricedFor(index, FIGURES.scope1, 'FY2022', null)).toMatchObject({ records: 1, low: (18 * 31) / 61, high: (20 * 31) / 61 });
    expect(unpricedFor(index, FIGURES.scope1, 'FY2023', null)).toMatchObject({ records: 1, low: (18 * 30) / 61, high: (20 * 30) / 61 });
  });

  it('make a claim that would agree, or differ by less than materiality at either end, incomplete, never agreed', () => {
    const { claims } = reconcile([claim('Scope 1 emissions', 225), claim('Scope 1 & 2 net, market-based', 1065.3), claim('Location-based Scope 2', 1180)]);
    const [scope1, net, location] = claims;
    expect(scope1).toMatchObject({ figure: 'scope1', status: 'incomplete', statusUncorrected: 'incomplete', recomputed: 225, unpriced: { records: 1, low: 18, high: 20 } });
    expect(scope1!.reason).toBe('incomplete: 1 record in FY2023 could not be priced (calorific-basis-ambiguous: see the calculation findings), at stake 18 to 20 tCO2e; agrees at the precision reported (±0.5) on the records priced, -18 to -20 tCO2e with them (recomputed 243 to 245)');
    // 60.3 t over on the records priced; 42.3 to 40.3 t with them: below materiality (53.265 t) either way.
    expect(net).toMatchObject({ figure: 'net', status: 'incomplete' });
    expect(net!.reason).toContain('+42.3 to +40.3 tCO2e with them (recomputed 1,023 to 1,025)');
    expect(location).toMatchObject({ figure: 'scope2_location', status: 'agreed', unpriced: null });
  });

  it('leave a difference material at both ends of the range an exception, saying so', () => {
    const { claims, materiality } = reconcile([claim('Scope 1 & 2 net, market-based', 1100)]);
    expect(claims[0]).toMatchObject({ status: 'exception', varianceAbs: 95 });
    expect(claims[0]!.reason).toBe('reported over by 95 tCO2e (9.453%), at or above materiality (55 tCO2e) on the records priced; 1 record in FY2023 could not be priced (calorific-basis-ambiguous: see the calculation findings), at stake 18 to 20 tCO2e: +77 to +75 tCO2e with them, at or above materiality (55 tCO2e) either way');
    expect(materiality[0]).toMatchObject({ conclusion: 'material' });
    expect(materiality[0]!.conclusionText).toContain('The recomputation for FY2023 is incomplete: 1 record in FY2023 could not be priced');
  });

  it('leave the year without a conclusion when the claims concluded on do not make it material', () => {
    const { materiality } = reconcile([claim('Scope 1 emissions', 225), claim('Scope 1 & 2 net, market-based', 1065.3)]);
    expect(materiality[0]!.conclusion).toBe('incomplete');
    expect(materiality[0]!.conclusionText).toMatch(/^No conclusion on FY2023\. The recomputation for FY2023 is incomplete: .* Claims #\d+, #\d+ cannot be concluded on until they are priced\. On the records priced: /);
  });

  it('say so when nothing could be priced, instead of saying the figure has no inputs', () => {
    const records = withGas().records.filter((record) => record.activity !== 'diesel');
    const noDiesel = { records, result: calculateInventory({ records, factors: [GRID, GAS_GROSS, GAS_NET], sites: SITES, settings: CALC_SETTINGS }) };
    const { claims } = reconcile([claim('Scope 1 emissions', 64)], noDiesel);
    expect(claims[0]).toMatchObject({ status: 'incomplete', recomputed: null });
    expect(claims[0]!.reason).toBe('incomplete: nothing recomputed: 1 record in FY2023 could not be priced (calorific-basis-ambiguous: see the calculation findings), at stake 18 to 20 tCO2e');
  });

  it('are none where the inputs are complete: the claims are judged exactly as before', () => {
    const complete = { records: fixtureRecords(), result: calculateInventory({ records: fixtureRecords(), factors: [DIESEL, GRID, IRISH_GRID], sites: SITES, settings: CALC_SETTINGS }) };
    const { claims } = reconcile([claim('Scope 1 emissions', 225)], complete);
    expect(claims[0]).toMatchObject({ status: 'agreed', reason: 'agrees at the precision reported (±0.5)', unpriced: null, unpricedUncorrected: null });
  });
});

describe('a ratio without one of its inputs', () => {
  it('says which site has IT energy but no total facility energy', () => {
    const records = fixtureRecords().filter((record) => record.activity !== 'facility_energy');
    const index = ratioInputIndex(records, FISCAL);
    expect(ratioInputsMissing(index, FIGURES.pue, 'FY2023', null, (site) => site === 'DC North')).toBe('PUE (data centres) cannot be computed in FY2023: IT energy is recorded for DC North but no total facility energy');
    expect(ratioInputsMissing(index, FIGURES.pue, 'FY2023', null, () => false)).toBe('PUE (data centres) cannot be computed in FY2023: IT energy is recorded for DC North, which is not marked a data centre (carbon-audit site)');
    expect(ratioInputsMissing(ratioInputIndex(fixtureRecords(), FISCAL), FIGURES.pue, 'FY2023', null, () => true)).toBeNull();
    expect(ratioInputsMissing(ratioInputIndex([], FISCAL), FIGURES.pue, 'FY2023', null, () => true)).toBeNull();
  });
});
