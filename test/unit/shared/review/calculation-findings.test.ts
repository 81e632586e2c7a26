/**
 * The calculation's findings as the review lists them: a record left out is one finding each, at
 * high severity; facility energy the calculation declined to count beside the site's electricity
 * is one low finding per site, whatever the months, since nothing is missing or doubled.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/calc/inventory-types';
import { calculationFindingDrafts } from '../../../../shared/review/calculation-findings';
import type { ReviewRecord } from '../../../../shared/review/rules';

const CAUSE = "facility energy left out of Scope 2 at site DC North, not counted twice: the site's electricity consumption in the same fiscal months counts for Scope 2 and clean share, and this facility energy for PUE only; confirm the electricity records cover the whole facility";

const record = (id: number, month: string): ReviewRecord => ({
  id, sourceFileId: 1, rawRowId: 100 + id, site: 'DC North', periodStart: `${month}-01`, periodEnd: `${month}-28`, activity: 'facility_energy', meaning: 'consumption', quantity: 1000, unit: 'kWh', unitBasis: null, tco2e: null,
});

describe('calculation findings in the review', () => {
  it('lists a site’s facility energy left out beside its electricity once, low, with every record and the tCO2e left out', () => {
    const records = [record(1, '2022-04'), record(2, '2022-05'), record(3, '2022-06')];
    const doubleCount = (id: number, month: string): Finding => ({ recordId: id, kind: 'double-count', cause: CAUSE, detail: `in FY2023 ${month}`, atStake: { low: 0.25, high: 0.25 } });
    const unpriced: Finding = { recordId: 4, kind: 'no-factor', cause: 'the factor library has no factor for this activity', detail: null, atStake: null };
    const byId = new Map([...records, record(4, '2022-04')].map((one) => [one.id, one]));
    const drafts = calculationFindingDrafts([doubleCount(1, 'M01'), doubleCount(2, 'M02'), unpriced, doubleCount(3, 'M03')], (id) => byId.get(id));
    expect(drafts.map((draft) => [draft.rule, draft.subject, draft.severity])).toEqual([
      ['no-factor', 'record 4', 'high'],
      ['double-count', 'site DC North', 'low'],
    ]);
    expect(drafts[1]).toMatchObject({
      message: `${CAUSE}; 3 records (FY2023 M01, FY2023 M02, FY2023 M03), 0.75 tCO2e left out`,
      figures: { records: 3, tco2eLeftOut: 0.75 },
      tco2eAtStake: null,
      recordIds: [1, 2, 3],
      rawRowIds: [101, 102, 103],
    });
  });
});
