/**
 * What the Overview reads of the sample engagement: the glance at the reconciliation (the same
 * statuses as the full report on the figures as imported, from the stored figures, calculating and
 * writing nothing) and the monthly profile (the closed month a gap, not a zero).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventoryResults, monthlyProfile, setSite } from '../../../electron/engine/inventory/service';
import { reconciliationGlance } from '../../../electron/engine/reconcile/service';
import { buildSampleEngagement } from '../../../electron/engine/sample/service';
import { CLOSED_MONTH, WRONG_CLAIM } from '../../../scripts/build-sample';
import { TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

describe('the Overview of the sample engagement', () => {
  const tempDir = useTempDir();

  it('has a monthly profile per site over the fiscal months, the closed month and the rejected row a gap', async () => {
    const { engagement } = await buildSampleEngagement(path.join(tempDir(), 'sample.carbonaudit'), TEST_ACTOR);
    try {
      const entries = engagement.db.prepare('SELECT count(*) AS n FROM audit_log').get();
      const profile = monthlyProfile(engagement, 'electricity');
      expect(profile.activities.map((activity) => activity.key)).toContain('refrigerant');
      expect(profile.months).toHaveLength(24);
      expect([profile.months[0]!.label, profile.months[23]!.label]).toEqual(['Apr-22', 'Mar-24']);
      const leeds = profile.series.find((series) => series.site === CLOSED_MONTH.site)!;
      const closed = profile.months.findIndex((month) => month.start.startsWith(CLOSED_MONTH.month));
      expect(leeds.values[closed]).toBeNull();
      expect(leeds.values[closed - 1]).toBeGreaterThan(0);
      expect(leeds.gaps).toBe(1);
      // The rejected row's month at Edinburgh is the other gap; no other site misses a month.
      expect(profile.series.map((series) => [series.site, series.gaps]).filter(([, gaps]) => gaps !== 0).sort()).toEqual([['Edinburgh office', 1], [CLOSED_MONTH.site, 1]]);
      expect(() => monthlyProfile(engagement, 'petrol')).toThrow(/No records of activity 'petrol'/);
      expect(engagement.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(entries);
    } finally {
      engagement.close();
    }
  });

  it('counts claims and targets as the full report does, and calculates and writes nothing, even when the figures are out of date', async () => {
    const { engagement, reconciliation } = await buildSampleEngagement(path.join(tempDir(), 'sample.carbonaudit'), TEST_ACTOR);
    try {
      const glance = reconciliationGlance(engagement);
      const count = (status: string) => reconciliation.claims.filter((claim) => claim.statusUncorrected === status).length;
      expect(glance.claims).toBe(14);
      expect(glance.claimsByStatus).toEqual({ agreed: count('agreed'), 'within-tolerance': count('within-tolerance'), exception: 1, incomplete: 0, unmatched: 0 });
      expect(glance.flaggedClaims).toEqual([expect.objectContaining({ name: `${WRONG_CLAIM.metric}, ${WRONG_CLAIM.fiscalYear}`, status: 'exception', reason: expect.stringContaining('at or above materiality') })]);
      expect(glance.targetsByStatus).toEqual({ met: 0, 'on-track': 2, 'off-track': 1, missed: 0, 'not-assessable': 0 });
      // The off-track target comes first, with the full report's reason.
      const offTrack = reconciliation.targets.find((target) => target.status === 'off-track')!;
      expect(glance.listedTargets[0]).toEqual({ id: offTrack.id, name: offTrack.name, status: 'off-track', reason: offTrack.reason });
      expect(glance.resultsStatus.state).toBe('current');
      expect(glance.activeAdjustments).toBe(0);

      // A boundary change makes the stored figures out of date: the glance says so, and neither calculates nor logs.
      setSite(engagement, 'London HQ', { ownershipPercent: 50 });
      const entries = engagement.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
      const stale = reconciliationGlance(engagement);
      expect(stale.resultsStatus).toMatchObject({ state: 'stale', changed: ['boundary'] });
      expect(stale.claimsByStatus).toEqual(glance.claimsByStatus);
      expect(engagement.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(entries);
      expect(inventoryResults(engagement).status).toMatchObject({ state: 'stale' });
    } finally {
      engagement.close();
    }
  });
});
