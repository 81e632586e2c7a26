/**
 * Reconciles an engagement off the engine host's thread (two calculations of a large engagement
 * take minutes), on its own database connections, reporting each phase as it starts.
 */
import { Engagement } from '../engagement/handle';
import { serveWorker } from '../workers/serve';
import type { ReconcileWorkerData, ReconcileWorkerResult } from './reconcile-job';
import { buildBridge, buildReport, type ReconcilePhase } from './run';

serveWorker<ReconcileWorkerData, ReconcileWorkerResult, ReconcilePhase>(async (data, _signal, progress) => {
  const engagement = Engagement.connect(data.engagementPath, { actor: data.actor, nativeBinding: data.nativeBinding });
  try {
    switch (data.op) {
      case 'report':
        return { op: 'report', report: await buildReport(engagement, progress) };
      case 'bridge':
        return { op: 'bridge', bridge: await buildBridge(engagement, data.request) };
    }
  } finally {
    engagement.close();
  }
});
