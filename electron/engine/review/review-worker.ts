/** Runs a check or draws a sample off the engine host's thread, on its own database connections. */
import { Engagement } from '../engagement/handle';
import { serveWorker } from '../workers/serve';
import { runCheck } from './check';
import type { ReviewWorkerData, ReviewWorkerResult } from './review-job';
import { drawEngagementSample } from './sampling';

serveWorker<ReviewWorkerData, ReviewWorkerResult, never>(async (data) => {
  const engagement = Engagement.connect(data.engagementPath, { actor: data.actor, nativeBinding: data.nativeBinding });
  try {
    switch (data.op) {
      case 'check':
        return { op: 'check', summary: runCheck(engagement, data.options) };
      case 'sample':
        return { op: 'sample', sample: drawEngagementSample(engagement, data.input) };
    }
  } finally {
    engagement.close();
  }
});
