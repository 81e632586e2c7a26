/**
 * Calculates an engagement's inventory off the engine host's thread (a large engagement takes
 * a while), on its own database connections, and stores the results. Only what the caller asked
 * for crosses back.
 */
import { Engagement } from '../engagement/handle';
import { serveWorker } from '../workers/serve';
import type { CalcWorkerData, CalcWorkerResult } from './calc-job';
import { calculate, recalculate } from './calculate';
import { variantNamed } from './inputs';
import { inventoryResults } from './results';

serveWorker<CalcWorkerData, CalcWorkerResult, never>(async (data) => {
  const engagement = Engagement.connect(data.engagementPath, { actor: data.actor, nativeBinding: data.nativeBinding });
  const variant = variantNamed(data.variant);
  try {
    switch (data.op) {
      case 'calculate':
        await calculate(engagement, variant);
        return { op: 'calculate', results: inventoryResults(engagement, variant) };
      case 'recalculate':
        return { op: 'recalculate', changes: (await recalculate(engagement, variant)).changes };
    }
  } finally {
    engagement.close();
  }
});
