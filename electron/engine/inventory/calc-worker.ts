/**
 * Calculates an engagement's inventory off the engine host's thread (a large engagement takes
 * minutes), on its own database connections. Only what the caller asked for crosses back.
 */
import { Engagement } from '../engagement/handle';
import { frozenSetNames } from '../factors/service';
import { serveWorker } from '../workers/serve';
import type { CalcWorkerData, CalcWorkerResult } from './calc-job';
import { calculate, recalculate } from './calculate';
import { traceFigure } from './trace';

serveWorker<CalcWorkerData, CalcWorkerResult, never>(async (data) => {
  const engagement = Engagement.connect(data.engagementPath, { actor: data.actor, nativeBinding: data.nativeBinding });
  try {
    switch (data.op) {
      case 'calculate': {
        const result = calculate(engagement);
        return { op: 'calculate', summary: { periods: result.periods, findings: result.findings, factorSets: frozenSetNames(engagement) } };
      }
      case 'recalculate':
        return { op: 'recalculate', changes: recalculate(engagement).changes };
      case 'trace':
        return { op: 'trace', trace: traceFigure(engagement, data.figure, data.site) };
    }
  } finally {
    engagement.close();
  }
});
