import {
  confirmClaimMatch,
  confirmTargetReading,
  listAdjustments,
  proposeAdjustment,
  reconcile,
  reconciliationGlance,
  saveClaimMatchesAsTemplate,
  varianceBridge,
  withdrawAdjustment,
} from '../../reconcile/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

/** Reconciliation: the report (with its phases as events), the bridge, the auditor's decisions and adjustments. */
export function reconcileHandlers(session: Session): HandlersOf<'reconcile' | 'adjustments'> {
  const { host } = session;
  /** A decision moves the audit log's head: the UI hears of it. */
  const logged = <T>(result: T): T => {
    session.changed();
    return result;
  };
  return {
    'reconcile.report': () => reconcile(session.require(), (phase) => host.emit('reconcile.progress', { phase })),

    'reconcile.glance': () => reconciliationGlance(session.require()),

    'reconcile.bridge': ({ site, ...request }) => varianceBridge(session.require(), site === undefined ? request : { ...request, site }),

    'reconcile.confirmMatch': ({ claimId, figure, note }) => logged(confirmClaimMatch(session.require(), claimId, figure, note)),

    'reconcile.confirmTarget': ({ targetId, figure, kind }) => logged(confirmTargetReading(session.require(), targetId, figure, kind)),

    'reconcile.saveMatchTemplate': ({ sourceFileId, name }) => logged(saveClaimMatchesAsTemplate(session.require(), sourceFileId, name)),

    'adjustments.list': () => listAdjustments(session.require()),

    'adjustments.propose': ({ details, reason, claimIds }) => logged(proposeAdjustment(session.require(), { details, reason, claimIds })),

    'adjustments.withdraw': ({ adjustmentId, reason }) => logged(withdrawAdjustment(session.require(), adjustmentId, reason)),
  };
}
