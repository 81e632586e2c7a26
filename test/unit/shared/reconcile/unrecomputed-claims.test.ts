/**
 * Reported emissions with nothing recomputed behind them (no records for the figure, e.g. its only
 * source file withdrawn): their misstatement is unknown, so the year is not concluded on as if
 * they agreed, unless the claims recomputed already make it materially misstated.
 */
import { describe, expect, it } from 'vitest';
import { calculateInventory } from '../../../../shared/calc/inventory';
import type { ClaimInput } from '../../../../shared/reconcile/claims';
import { reconcileClaims } from '../../../../shared/reconcile/reconcile';
import { DEFAULT_METRIC_TOLERANCES } from '../../../../shared/settings';
import { FISCAL, fixtureRecords, GRID, IRISH_GRID, SETTINGS as CALC_SETTINGS, SITES } from './inventory-fixture';

const SETTINGS = { materialityPercent: 5, performanceMaterialityPercent: 3.75, clearlyTrivialPercent: 0.25, metricTolerances: DEFAULT_METRIC_TOLERANCES };
const SOURCE = { fileName: 'reported.xlsx', sheet: 'ESG report', rowNumber: 2 };

let nextId = 1;
const claim = (metric: string, value: number): ClaimInput => ({ id: nextId++, metric, period: 'FY2023', value, unit: 'tCO2e', percent: null, site: null, notes: null, source: SOURCE });

/** The fixture without its diesel: Scope 1 has no records at all, Scope 2 has its electricity. */
function reconcileWithoutScope1(claims: ClaimInput[]) {
  const records = fixtureRecords().filter((record) => record.activity !== 'diesel');
  const result = calculateInventory({ records, factors: [GRID, IRISH_GRID], sites: SITES, settings: CALC_SETTINGS });
  return reconcileClaims({
    claims, decisions: new Map(), templateFigures: new Map(), uncorrected: result.periods, corrected: result.periods,
    settings: SETTINGS, fiscal: FISCAL, adjustmentsByClaim: new Map(),
  });
}

describe('reported emissions with nothing recomputed', () => {
  it('leave the year without a conclusion, naming the claim, where the claims recomputed agree', () => {
    const scope1 = claim('Scope 1 emissions', 183.9);
    const { claims, materiality } = reconcileWithoutScope1([scope1, claim('Location-based Scope 2', 1180)]);
    expect(claims[0]).toMatchObject({ figure: 'scope1', status: 'exception', recomputed: null });
    expect(claims[1]).toMatchObject({ figure: 'scope2_location', status: 'agreed' });
    expect(materiality[0]!.conclusion).toBe('incomplete');
    expect(materiality[0]!.conclusionText).toMatch(new RegExp(`^No conclusion on FY2023\\. Claim #${scope1.id} \\(Scope 1\\) reports emissions with nothing recomputed behind it: the misstatement is unknown\\. On the claims recomputed: `));
  });

  it('do not change a year the claims recomputed already make materially misstated', () => {
    const { materiality } = reconcileWithoutScope1([claim('Scope 1 emissions', 183.9), claim('Location-based Scope 2', 1400)]);
    expect(materiality[0]!.conclusion).toBe('material');
  });

  it('are not the case when every claim is recomputed: the year is concluded on as before', () => {
    const { materiality } = reconcileWithoutScope1([claim('Location-based Scope 2', 1180)]);
    expect(materiality[0]!.conclusion).toBe('not-material');
  });
});
