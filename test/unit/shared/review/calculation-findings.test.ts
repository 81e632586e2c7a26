/**
 * The calculation's findings as the review lists them: a record left out is one finding each, at
 * high severity; facility energy the calculation declined to count beside the site's electricity
 * is one finding per site and fiscal year, with what the site's electricity does not cover at stake.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/calc/inventory-types';
import { calculationFindingDrafts } from '../../../../shared/review/calculation-findings';
import type { ReviewRecord } from '../../../../shared/review/rules';

const CAUSE = "facility energy left out of Scope 2 at site DC North, not counted twice: the site's electricity consumption in the same fiscal months counts for Scope 2 and clean share, and this facility energy for PUE only; confirm the electricity records cover the whole facility";

const FISCAL = { startMonth: 4, labelRule: 'end-year' } as const;

const record = (id: number, month: string, activity = 'facility_energy', quantity = 1000): ReviewRecord => ({
  id, sourceFileId: 1, rawRowId: 100 + id, site: 'DC North', periodStart: `${month}-01`, periodEnd: `${month}-28`, activity, meaning: 'consumption', quantity, unit: 'kWh', unitBasis: null, tco2e: null,
});
const doubleCount = (id: number, month: string): Finding => ({ recordId: id, kind: 'double-count', cause: CAUSE, detail: `in FY2023 ${month}`, atStake: { low: 0.25, high: 0.25 } });

describe('calculation findings in the review', () => {
  it('lists a site’s facility energy covered by its electricity once, low, with nothing at stake, every record and the tCO2e left out', () => {
    const records = [record(1, '2022-04'), record(2, '2022-05'), record(3, '2022-06'), record(4, '2022-04'), ...['2022-04', '2022-05', '2022-06'].map((month, index) => record(10 + index, month, 'electricity', 1200))];
    const unpriced: Finding = { recordId: 4, kind: 'no-factor', cause: 'the factor library has no factor for this activity', detail: null, atStake: null };
    const drafts = calculationFindingDrafts([doubleCount(1, 'M01'), doubleCount(2, 'M02'), unpriced, doubleCount(3, 'M03')], { records, fiscal: FISCAL });
    expect(drafts.map((draft) => [draft.rule, draft.subject, draft.severity, draft.period])).toEqual([
      ['no-factor', 'record 4', 'high', '2022-04'],
      ['double-count', 'site DC North|FY2023', 'low', 'FY2023'],
    ]);
    expect(drafts[1]).toMatchObject({
      message: `${CAUSE}; 3 records (FY2023 M01, FY2023 M02, FY2023 M03), 0.75 tCO2e left out; the site's electricity in those months (3600 kWh) covers the 3000 kWh of facility energy`,
      figures: { records: 3, tco2eLeftOut: 0.75, facilityKwh: 3000, electricityKwh: 3600, uncoveredKwh: 0 },
      tco2eAtStake: 0,
      recordIds: [1, 2, 3],
      rawRowIds: [101, 102, 103],
    });
  });

  it('puts the facility energy the electricity does not cover at stake, priced as the facility energy, one finding per fiscal year', () => {
    // 1000 kWh of facility energy a month beside 250 kWh of electricity: three quarters counted nowhere.
    const records = [record(1, '2022-04'), record(2, '2022-05'), record(3, '2023-04'), record(10, '2022-04', 'electricity', 250), record(11, '2022-05', 'electricity', 250), record(12, '2023-04', 'electricity', 250)];
    const drafts = calculationFindingDrafts([doubleCount(1, 'M01'), doubleCount(2, 'M02'), doubleCount(3, 'M01')], { records, fiscal: FISCAL });
    expect(drafts.map((draft) => [draft.subject, draft.period, draft.tco2eAtStake, draft.figures])).toEqual([
      ['site DC North|FY2023', 'FY2023', 0.375, { records: 2, tco2eLeftOut: 0.5, facilityKwh: 2000, electricityKwh: 500, uncoveredKwh: 1500 }],
      ['site DC North|FY2024', 'FY2024', 0.1875, { records: 1, tco2eLeftOut: 0.25, facilityKwh: 1000, electricityKwh: 250, uncoveredKwh: 750 }],
    ]);
    expect(drafts[0]!.message).toContain('covers 500 of 2000 kWh of facility energy, so 1500 kWh (0.375 tCO2e) is counted nowhere');
  });
});
