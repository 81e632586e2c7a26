import { describe, expect, it } from 'vitest';
import { fiscalYearByLabel } from '../../../../shared/calc/fiscal';
import { FIGURES } from '../../../../shared/figures';
import { kindKeyOf, type CalcRecord } from '../../../../shared/calc/inventory';
import { adjustmentsByClaim, applyAdjustments, describeAdjustment, type Adjustment, type AdjustmentDetails } from '../../../../shared/reconcile/adjustments';
import { reconcileClaims } from '../../../../shared/reconcile/reconcile';
import { DEFAULT_METRIC_TOLERANCES } from '../../../../shared/settings';
import { calculate, DIESEL, FISCAL, fixtureRecords, GRID, IRISH_GRID, SITES } from './inventory-fixture';

let nextId = 1;
function adjustment(details: AdjustmentDetails, fields: Partial<Adjustment> = {}): Adjustment {
  return { id: nextId++, details, reason: 'found in testing', proposedBy: 'auditor', proposedAt: '2026-01-02T10:00:00.000Z', claimIds: [], withdrawn: null, ...fields };
}

const FACTORS = new Map([DIESEL, GRID, IRISH_GRID].map((factor) => [factor.id, factor]));
// Records 1–5 are FY2022, 6–10 FY2023: diesel, office electricity, facility energy, IT energy, clean instruments.
const FY2023_DIESEL = 6;
const FY2023_OFFICE = 7;

function apply(adjustments: Adjustment[]) {
  const records = fixtureRecords();
  const uncorrected = calculate(records);
  const applied = applyAdjustments({ records, adjustments, factorsById: FACTORS, uncorrectedLines: uncorrected.lines });
  return { records, uncorrected, applied, corrected: calculate(applied.records, applied.factorReplacements) };
}

const fy2023 = (result: ReturnType<typeof calculate>) => result.periods.find((period) => period.label === 'FY2023')!;

describe('adjustments', () => {
  it('change the corrected figures and never the figures as imported', () => {
    const before = JSON.stringify(calculate());
    const { uncorrected, corrected, applied, records } = apply([
      adjustment({ kind: 'exclude-record', recordId: FY2023_DIESEL }),
      adjustment({ kind: 'correct-record', recordId: FY2023_OFFICE, quantity: 1000, unit: 'MWh' }),
      adjustment({ kind: 'add-record', record: { site: 'Leeds', periodStart: '2022-04-01', periodEnd: '2023-03-31', activity: 'diesel', meaning: 'consumption', quantity: 10_000, unit: 'L', unitBasis: null, scope3Category: null, region: null, instrument: null } }),
    ]);
    expect(JSON.stringify(uncorrected)).toBe(before);
    expect(records).toEqual(fixtureRecords());
    // Scope 1: the 90,000 L excluded, 10,000 L added at Leeds (id −3): 25 t. Location-based: 1,000 MWh + 4,800 MWh at 0.2.
    expect(fy2023(uncorrected)).toMatchObject({ scope1: 225, scope2Location: 1180 });
    expect(fy2023(corrected)).toMatchObject({ scope1: 25, scope2Location: 1160 });
    expect(applied.records.find((record) => record.id === -3)).toMatchObject({ site: 'Leeds', quantity: 10_000 });
    expect(applied.effects.map((effect) => [effect.recordIds, effect.problem])).toEqual([[[6], null], [[7], null], [[-3], null]]);
  });

  it('price a corrected record as corrected when the reader gave each record its kind key, and leave its kind as it was', () => {
    const keyed = fixtureRecords().map((record) => ({ ...record, kindKey: kindKeyOf(record) }));
    // Record 2 is FY2022's office electricity, record 7 FY2023's: one kind until 7 is corrected.
    expect(keyed[1]!.kindKey).toBe(keyed[6]!.kindKey);
    const corrections = [adjustment({ kind: 'correct-record', recordId: 2, unit: 'MWh' })];
    const corrected = (records: CalcRecord[]) => calculate(applyAdjustments({ records, adjustments: corrections, factorsById: FACTORS, uncorrectedLines: calculate(records).lines }).records);
    expect(corrected(keyed)).toEqual(corrected(fixtureRecords()));
  });

  it('say a restated calorific basis in their description', () => {
    expect(describeAdjustment({ details: { kind: 'correct-record', recordId: 2, unit: 'kWh', unitBasis: 'gross' } })).toBe('Correct record 2: unit kWh (gross CV)');
    expect(describeAdjustment({ details: { kind: 'correct-record', recordId: 2, unit: 'MWh', unitBasis: null } })).toBe('Correct record 2: unit MWh');
  });

  it('replace a factor wherever it was used, naming both on the lines', () => {
    const replace = adjustment({ kind: 'replace-factor', factorId: GRID.id, replacementFactorId: IRISH_GRID.id }, { reason: 'the sites are in Ireland' });
    const { corrected, applied } = apply([replace]);
    expect(fy2023(corrected).scope2Location).toBe(1770);
    expect(applied.effects[0]!.recordIds).toEqual([2, 3, 7, 8]);
    expect(corrected.lines.find((line) => line.recordId === 7 && line.basis === 'location')!.note).toContain(`adjustment #${replace.id}: the sites are in Ireland`);
  });

  it('skip withdrawn ones, and say why one changed nothing', () => {
    const { corrected, applied } = apply([
      adjustment({ kind: 'exclude-record', recordId: FY2023_DIESEL }, { withdrawn: { at: '2026-01-03', by: 'auditor', reason: 'the invoice was found' } }),
      adjustment({ kind: 'exclude-record', recordId: 4242 }),
    ]);
    expect(fy2023(corrected).scope1).toBe(225);
    expect(applied.effects).toEqual([{ adjustmentId: expect.any(Number), recordIds: [], problem: 'record 4242 is not in the engagement' }]);
  });

  it('link to the claims whose figures they touch, and to the claims they were proposed from', () => {
    const records = fixtureRecords();
    const uncorrected = calculate(records);
    const exclude = adjustment({ kind: 'exclude-record', recordId: FY2023_DIESEL });
    const fromClaim = adjustment({ kind: 'correct-record', recordId: 8, quantity: 4_700_000 }, { claimIds: [104] });
    const applied = applyAdjustments({ records, adjustments: [exclude, fromClaim], factorsById: FACTORS, uncorrectedLines: uncorrected.lines });
    const corrected = calculate(applied.records);
    const year = fiscalYearByLabel('FY2023', FISCAL);
    const fy = year.ok ? year.value : null;
    const claims = [
      { id: 101, figure: FIGURES.scope1, fiscalYear: fy, site: null },
      { id: 102, figure: FIGURES.scope1, fiscalYear: fy, site: 'DC North' },
      { id: 103, figure: FIGURES.pue, fiscalYear: fy, site: null },
      { id: 104, figure: FIGURES.scope2_location, fiscalYear: fy, site: null },
      { id: 105, figure: FIGURES.clean_share, fiscalYear: fy, site: null },
    ];
    const dataCentres = new Set(SITES.filter((site) => site.isDataCentre).map((site) => site.name));
    const links = adjustmentsByClaim([exclude, fromClaim], applied.effects, claims, {
      lines: [...uncorrected.lines, ...corrected.lines],
      records: new Map([...records, ...applied.records].map((record) => [record.id, record])),
      isDataCentre: (site) => site !== null && dataCentres.has(site),
    });
    expect(links).toEqual(new Map([[101, [exclude.id]], [103, [fromClaim.id]], [104, [fromClaim.id]], [105, [fromClaim.id]]]));
  });

  it('move a claim’s status on the corrected figures only', () => {
    const { uncorrected, corrected } = apply([adjustment({ kind: 'exclude-record', recordId: FY2023_DIESEL })]);
    const claim = { id: 1, metric: 'Scope 1', period: 'FY2023', value: 225, unit: 'tCO2e', percent: null, site: null, notes: null, source: { fileName: 'r.csv', sheet: 'r', rowNumber: 2 } };
    const settings = { materialityPercent: 5, performanceMaterialityPercent: 3.75, clearlyTrivialPercent: 0.25, metricTolerances: DEFAULT_METRIC_TOLERANCES };
    const [result] = reconcileClaims({ claims: [claim], decisions: new Map(), templateFigures: new Map(), uncorrected: uncorrected.periods, corrected: corrected.periods, settings, fiscal: FISCAL, adjustmentsByClaim: new Map([[1, [9]]]) }).claims;
    expect(result).toMatchObject({ statusUncorrected: 'agreed', recomputedUncorrected: 225, status: 'exception', recomputed: null, adjustments: [9] });
    expect(result!.reason).toBe('nothing recomputed: Scope 1 has no inputs in FY2023');
  });
});
