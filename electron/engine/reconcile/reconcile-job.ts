/** Reconciliation on its own worker thread (reconcile-worker.ts): only the report or the bridge crosses back. */
import type { ReconciliationReport } from '../../../shared/reconcile/report';
import type { EngagementContext } from '../engagement/handle';
import { startWorker, type WorkerJob } from '../workers/spawn';
import type { FigureBridge } from '../../../shared/reconcile/bridge';
import type { BridgeRequest, ReconcilePhase } from './run';

export interface ReconcileConnection extends EngagementContext {
  readonly engagementPath: string;
}

export type ReconcileWorkerData =
  | (ReconcileConnection & { readonly op: 'report' })
  | (ReconcileConnection & { readonly op: 'bridge'; readonly request: BridgeRequest });

export type ReconcileWorkerResult =
  | { readonly op: 'report'; readonly report: ReconciliationReport }
  | { readonly op: 'bridge'; readonly bridge: FigureBridge };

export function startReconcileJob<Op extends ReconcileWorkerData['op']>(
  data: Extract<ReconcileWorkerData, { op: Op }>,
  onProgress?: (phase: ReconcilePhase) => void,
): WorkerJob<Extract<ReconcileWorkerResult, { op: Op }>> {
  return startWorker('reconcile-worker', data, onProgress ? { onProgress } : {});
}
