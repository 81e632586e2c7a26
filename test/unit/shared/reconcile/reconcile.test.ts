import { describe, expect, it } from 'vitest';
import type { PeriodResult } from '../../../../shared/calc/inventory-types';
import type { ClaimInput, MatchDecision } from '../../../../shared/reconcile/claims';
import { reconcileClaims, type ClaimResult } from '../../../../shared/reconcile/reconcile';
import { DEFAULT_METRIC_TOLERANCES } from '../../../../shared/settings';
import { calculate, FISCAL } from './inventory-fixture';

const SETTINGS = { materialityPercent: 5, performanceMaterialityPercent: 3.75, clearlyTrivialPercent: 0.25, metricTolerances: DEFAULT_METRIC_TOLERANCES };
const SOURCE = { fileName: 'reported.xlsx', sheet: 'ESG report', rowNumber: 2 };

let nextId = 1;
function claim(metric: string, value: number, unit: string | null, fields: Partial<ClaimInput> = {}): ClaimInput {
  return { id: nextId++, metric, period: 'FY2023', value, unit, percent: null, site: null, notes: null, source: SOURCE, ...fields };
}

function reconcile(claims: ClaimInput[], options: { corrected?: readonly PeriodResult[]; decisions?: Map<number, MatchDecision>; settings?: Partial<typeof SETTINGS> } = {}) {
  const uncorrected = calculate().periods;
  return reconcileClaims({
    claims,
    decisions: options.decisions ?? new Map(),
    templateFigures: new Map(),
    uncorrected,
    corrected: options.corrected ?? uncorrected,
    settings: { ...SETTINGS, ...options.settings },
    fiscal: FISCAL,
    adjustmentsByClaim: new Map(),
  });
}

const byMetric = (claims: readonly ClaimResult[], metric: string) => claims.find((result) => result.metric === metric)!;

describe('claims against the recomputed inventory (FY2023: Scope 1 225 t, market-based Scope 2 780 t, net 1,005 t, PUE 1.2)', () => {
  const claims = [
    claim('Total Scope 1 (tCO2e)', 225.0, 'tCO2e'),
    // 6 % over the recomputed net: above materiality (5 % of the reported 1,065.3 t = 53.265 t).
    claim('Scope 1 & 2 net, market-based', 1065.3, 'tCO2e'),
    claim('Location-based Scope 2', 1.181, 'ktCO2e'),
    claim('Average PUE of our data centres', 1.2, null),
    claim('Share of clean energy in data centres', 0.417, '%', { percent: 'percent-text' }),
    claim('Renewable electricity share', 0.35, null),
    claim('Number of employees', 412, null),
    claim('Scope 1 (London)', 225, 'tCO2e', { site: 'London' }),
    claim('Scope 1, by dates', 225, 't CO2e', { period: '2022-04-01..2023-03-31' }),
    claim('Scope 1, calendar year', 225, 'tCO2e', { period: '2022-01-01..2022-12-31' }),
    claim('Scope 1 as a share', 0.5, '%', { percent: 'unit-column' }),
    claim('PUE in kWh', 1.2, 'kWh'),
    claim('Scope 1, next year', 200, 'tCO2e', { period: 'FY2024' }),
    claim('Scope 1 (kg)', 235_000, 'kgCO2e'),
  ];
  const { claims: results, materiality } = reconcile(claims);

  it('agrees a figure equal at the precision reported, in any unit and scale', () => {
    expect(byMetric(results, 'Total Scope 1 (tCO2e)')).toMatchObject({ figure: 'scope1', status: 'agreed', reported: 225, recomputed: 225, varianceAbs: 0, unit: 'tCO2e' });
    expect(byMetric(results, 'Average PUE of our data centres')).toMatchObject({ figure: 'pue', status: 'agreed', recomputed: 1.2, unit: 'ratio' });
    // 41.7 % reported to a tenth of a point; recomputed 2 / 4.8 = 41.666…%.
    expect(byMetric(results, 'Share of clean energy in data centres')).toMatchObject({ figure: 'data_centre_clean_share', status: 'agreed', reported: 0.417, unit: 'fraction' });
    expect(byMetric(results, 'Share of clean energy in data centres').recomputed).toBeCloseTo(2 / 4.8, 15);
  });

  it('marks a difference within the clearly-trivial threshold within tolerance', () => {
    // 1.181 kt = 1,181 t against 1,180 t: 1 t, more than the 0.5 t the reported precision allows, less than 2.66 t.
    const location = byMetric(results, 'Location-based Scope 2');
    expect(location).toMatchObject({ figure: 'scope2_location', status: 'within-tolerance', reported: 1181, recomputed: 1180, varianceAbs: 1 });
    expect(location.variancePct).toBeCloseTo(100 / 1180, 12);
    expect(location.reason).toContain('within the clearly-trivial threshold of 2.663 tCO2e');
  });

  it('marks a material misstatement, a share beyond its tolerance and a smaller difference as exceptions, saying how large each is', () => {
    const net = byMetric(results, 'Scope 1 & 2 net, market-based');
    expect(net).toMatchObject({ figure: 'net', status: 'exception', reported: 1065.3, recomputed: 1005 });
    expect(net.varianceAbs).toBeCloseTo(60.3, 9);
    expect(net.variancePct).toBeCloseTo(6, 9);
    expect(net.reason).toBe('reported over by 60.3 tCO2e (6%), at or above materiality (53.265 tCO2e)');
    const share = byMetric(results, 'Renewable electricity share');
    expect(share).toMatchObject({ figure: 'clean_share', status: 'exception' });
    expect(share.reason).toContain('beyond the tolerance of ±0.5 percentage points');
    const kilograms = byMetric(results, 'Scope 1 (kg)');
    expect(kilograms).toMatchObject({ status: 'exception', reported: 235, varianceAbs: 10 });
    expect(kilograms.reason).toContain('above the clearly-trivial threshold (2.663 tCO2e), below performance materiality (39.949 tCO2e)');
  });

  it('lists a claim that matches nothing as unmatched, with why', () => {
    expect(byMetric(results, 'Number of employees')).toMatchObject({ figure: null, status: 'unmatched', match: { origin: 'none' }, reason: expect.stringContaining('names no figure') });
  });

  it('compares a site’s claim with that site’s figure, and a span of days that is a fiscal year with that year', () => {
    expect(byMetric(results, 'Scope 1 (London)')).toMatchObject({ site: 'London', status: 'agreed', recomputed: 225 });
    expect(byMetric(results, 'Scope 1, by dates')).toMatchObject({ fiscalYear: 'FY2023', status: 'agreed' });
  });

  it('makes an exception, never a guess, of what cannot be compared', () => {
    expect(byMetric(results, 'Scope 1, calendar year').reason).toBe('2022-01-01 to 2022-12-31 is not a fiscal year (FY2022 runs 2021-04-01 to 2022-03-31): the figures are recomputed per fiscal year');
    expect(byMetric(results, 'Scope 1 as a share').reason).toBe('a percentage cannot be Scope 1, which is in tCO2e');
    expect(byMetric(results, 'PUE in kWh').reason).toBe("unit 'kWh' does not fit PUE (data centres), a plain ratio");
    expect(byMetric(results, 'Scope 1, next year').reason).toBe('nothing recomputed: the engagement has no records in FY2024');
    for (const metric of ['Scope 1, calendar year', 'Scope 1 as a share', 'PUE in kWh', 'Scope 1, next year']) expect(byMetric(results, metric).status).toBe('exception');
  });

  it('sets materiality from the reported net and concludes the year materially misstated', () => {
    const year = materiality.find((summary) => summary.period === 'FY2023')!;
    expect(year).toMatchObject({ base: 1065.3, baseSource: 'reported Net (Scope 1 + market-based Scope 2)', conclusion: 'material' });
    expect(year.amounts!.overall).toBeCloseTo(53.265, 12);
    expect(year.amounts!.performance).toBeCloseTo(39.94875, 12);
    expect(year.amounts!.clearlyTrivial).toBeCloseTo(2.66325, 12);
    // Net stands for Scope 1 + 2: the Scope 1 claims are not added again.
    expect(year.items.map((item) => item.figure)).toEqual(['net']);
    expect(year.uncorrectedTotal).toBeCloseTo(60.3, 9);
    expect(year.conclusionText).toContain('materially misstated');
  });

  it('follows the auditor’s confirmed match over the suggestion', () => {
    const scope2 = claim('Scope 2 emissions', 780, 'tCO2e');
    const unmatched = reconcile([scope2]).claims[0]!;
    expect(unmatched).toMatchObject({ status: 'unmatched', reason: expect.stringContaining('without saying location-based or market-based') });
    const decisions = new Map([[scope2.id, { figure: 'scope2_market', note: 'ESG report p.12 says market-based', decidedBy: 'auditor', decidedAt: '2026-01-01' }]]);
    expect(reconcile([scope2], { decisions }).claims[0]).toMatchObject({ figure: 'scope2_market', status: 'agreed', match: { origin: 'confirmed', reason: 'confirmed by auditor: ESG report p.12 says market-based' } });
  });
});

describe('materiality individually and in aggregate', () => {
  it('concludes material when differences each below materiality add up to it', () => {
    // Scope 1 and market-based Scope 2 reported, no net: base 255 + 810 = 1,065 t, materiality 53.25 t.
    const { claims, materiality } = reconcile([claim('Scope 1', 255, 'tCO2e'), claim('Scope 2 (market-based)', 810, 'tCO2e')]);
    const year = materiality.find((summary) => summary.period === 'FY2023')!;
    expect(year.base).toBe(1065);
    expect(claims.map((result) => result.status)).toEqual(['exception', 'exception']);
    expect(claims.map((result) => result.reason)).toEqual([
      'reported over by 30 tCO2e (13.333%), above the clearly-trivial threshold (2.663 tCO2e), below performance materiality (39.938 tCO2e)',
      'reported over by 30 tCO2e (3.846%), above the clearly-trivial threshold (2.663 tCO2e), below performance materiality (39.938 tCO2e)',
    ]);
    expect(year.items.map((item) => [item.figure, item.uncorrected])).toEqual([['scope1', 30], ['scope2_market', 30]]);
    expect(year.uncorrectedTotal).toBe(60);
    expect(year.conclusion).toBe('material');
  });

  it('concludes material when one difference is, though the figure it sits in is not aggregated', () => {
    // Net agrees; Scope 1, inside it, is reported 60 t over: more than materiality (5 % of 1,005 t = 50.25 t).
    const { materiality } = reconcile([claim('Net emissions', 1005, 'tCO2e'), claim('Scope 1', 285, 'tCO2e')]);
    const year = materiality[0]!;
    expect(year.items.map((item) => item.figure)).toEqual(['net']);
    expect(year.correctedTotal).toBe(0);
    expect(year.largest).toMatchObject({ figure: 'scope1', corrected: 60 });
    expect(year.conclusion).toBe('material');
    expect(year.conclusionText).toContain('the largest single one, Scope 1 (claim #');
    expect(year.conclusionText).toContain('Individually at or above materiality of 50.25 tCO2e (performance materiality 37.688 tCO2e): the reported emissions for FY2023 are materially misstated');
  });

  it('does not offset an overstatement against an understatement, and leaves clearly trivial ones out', () => {
    const { materiality } = reconcile([claim('Scope 1', 245, 'tCO2e'), claim('Scope 2 (market-based)', 760, 'tCO2e'), claim('Scope 3 category 6', 1, 'tCO2e')]);
    const year = materiality.find((summary) => summary.period === 'FY2023')!;
    expect(year.base).toBe(1005);
    expect(year.uncorrectedTotal).toBe(40);
    expect(year.conclusion).toBe('approaching-materiality');
    // Base 226 + 783 = 1,009 t: clearly trivial up to 2.5225 t.
    const trivial = reconcile([claim('Scope 1', 226, 'tCO2e'), claim('Scope 2 (market-based)', 783, 'tCO2e')]).materiality[0]!;
    expect(trivial.items.map((item) => [item.uncorrected, item.clearlyTrivialUncorrected])).toEqual([[1, true], [3, false]]);
    expect(trivial.uncorrectedTotal).toBe(3);
    expect(trivial.conclusion).toBe('not-material');
  });

  it('takes materiality from the recomputed net when no Scope 1 + 2 was reported, and says so', () => {
    const year = reconcile([claim('Scope 1', 225, 'tCO2e')]).materiality[0]!;
    expect(year).toMatchObject({ base: 1005, baseSource: 'recomputed Net (Scope 1 + market-based Scope 2): no Scope 1 + 2 reported for FY2023' });
  });

  it('judges on the corrected figures, keeping the judgement on the figures as imported beside them', () => {
    const corrected = calculate().periods.map((period) => (period.label === 'FY2023' ? { ...period, scope1: 265, net: 1045 } : period));
    const { claims, materiality } = reconcile([claim('Scope 1', 265, 'tCO2e'), claim('Net emissions', 1045, 'tCO2e')], { corrected });
    expect(claims.map((result) => [result.status, result.statusUncorrected])).toEqual([['agreed', 'exception'], ['agreed', 'exception']]);
    expect(materiality[0]).toMatchObject({ uncorrectedTotal: 40, correctedTotal: 0, conclusion: 'not-material' });
  });

  it('compares a change on the prior year with the recomputed change, signed by its words, judged on the tonnage it is out by', () => {
    // Net 1,250 t in FY2022, 1,005 t in FY2023: −19.6 %; Scope 1 250 t → 225 t: −10 %.
    const percent = (metric: string, value: number, fields: Partial<ClaimInput> = {}) => claim(metric, value, null, { percent: 'percent-text', decimals: 1, ...fields });
    const { claims, materiality } = reconcile([
      percent('Net Scope 1+2 down 19.6%', 0.196),
      percent('Scope 1 emissions, change on prior year', -0.1),
      // 5 points under: 5 % of the prior year's 1,250 t is 62.5 t, above materiality (5 % of the recomputed 1,005 t).
      percent('Net Scope 1+2 emissions reduced on prior year', 0.246),
      percent('Scope 1 changed', 0.1),
      percent('Net Scope 1+2 down since FY2019', 0.3),
      percent('Net Scope 1+2 down', 0.15, { period: 'FY2022' }),
    ]);
    expect(byMetric(claims, 'Net Scope 1+2 down 19.6%')).toMatchObject({ figure: 'net', measure: 'change-on-prior-year', unit: 'fraction', reported: -0.196, recomputed: -0.196, status: 'agreed', reason: 'agrees at the precision reported (±0.05 pp)' });
    expect(byMetric(claims, 'Net Scope 1+2 down 19.6%').figureLabel).toBe('Change in Net (Scope 1 + market-based Scope 2) on the prior year');
    expect(byMetric(claims, 'Scope 1 emissions, change on prior year')).toMatchObject({ figure: 'scope1', measure: 'change-on-prior-year', reported: -0.1, recomputed: -0.1, status: 'agreed' });
    const wrong = byMetric(claims, 'Net Scope 1+2 emissions reduced on prior year');
    expect(wrong).toMatchObject({ status: 'exception', reported: -0.246 });
    expect(wrong.varianceAbs).toBeCloseTo(-0.05, 12);
    expect(wrong.reason).toBe("change reported under by 5 percentage points, 62.5 tCO2e on the prior year's 1,250 tCO2e, at or above materiality (50.25 tCO2e)");
    expect(byMetric(claims, 'Scope 1 changed')).toMatchObject({ status: 'exception', reason: "10 % is positive and the claim's words do not say whether it is a reduction or an increase" });
    expect(byMetric(claims, 'Net Scope 1+2 down since FY2019')).toMatchObject({ status: 'exception', reason: expect.stringContaining('states a change against another year than the prior one') });
    expect(byMetric(claims, 'Net Scope 1+2 down')).toMatchObject({ status: 'exception', reason: 'nothing recomputed: the engagement has no fiscal year before FY2022 to recompute a change from' });
    // The levels the changes speak of are what the misstatement summary adds up; a change is judged individually, as the tonnage it is out by.
    const year = materiality.find((summary) => summary.period === 'FY2023')!;
    expect(year.items).toEqual([]);
    expect(year.largest).toMatchObject({ claimId: wrong.id, label: 'Change in Net (Scope 1 + market-based Scope 2) on the prior year' });
    expect(year.largest!.corrected).toBeCloseTo(-62.5, 9);
    expect(year.conclusion).toBe('material');
  });
});
