/**
 * The Overview's glance at the reconciliation: the same statuses as the full report on the figures
 * as imported, read from the stored figures without calculating or writing anything.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventoryResults, setSite } from '../../../electron/engine/inventory/service';
import { reconciliationGlance } from '../../../electron/engine/reconcile/service';
import { buildSampleEngagement } from '../../../electron/engine/sample/service';
import { WRONG_CLAIM } from '../../../scripts/build-sample';
import { TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

describe('the reconciliation at a glance', () => {
  const tempDir = useTempDir();

  it('counts claims and targets as the full report does, and calculates and writes nothing, even when the figures are out of date', async () => {
    const { engagement, reconciliation } = await buildSampleEngagement(path.join(tempDir(), 'sample.carbonaudit'), TEST_ACTOR);
    try {
      const glance = reconciliationGlance(engagement);
      const count = (status: string) => reconciliation.claims.filter((claim) => claim.statusUncorrected === status).length;
      expect(glance.claims).toBe(14);
      expect(glance.claimsByStatus).toEqual({ agreed: count('agreed'), 'within-tolerance': count('within-tolerance'), exception: 1, unmatched: 0 });
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
