/** A calculation on its own worker thread (calc-worker.ts): only what the caller asked for crosses back. */
import type { FigureTrace } from '../../../shared/calc/trace';
import type { FigureChangeView, InventorySummary } from '../../../shared/contract';
import type { EngagementContext } from '../engagement/handle';
import { startWorker, type WorkerJob } from '../workers/spawn';

export interface CalcConnection extends EngagementContext {
  readonly engagementPath: string;
}

export type CalcWorkerData =
  | (CalcConnection & { readonly op: 'calculate' })
  | (CalcConnection & { readonly op: 'recalculate' })
  | (CalcConnection & { readonly op: 'trace'; readonly figure: string; readonly site?: string });

export type CalcWorkerResult =
  | { readonly op: 'calculate'; readonly summary: InventorySummary }
  | { readonly op: 'recalculate'; readonly changes: readonly FigureChangeView[] }
  | { readonly op: 'trace'; readonly trace: FigureTrace };

export function startCalcJob<Op extends CalcWorkerData['op']>(data: Extract<CalcWorkerData, { op: Op }>): WorkerJob<Extract<CalcWorkerResult, { op: Op }>> {
  return startWorker('calc-worker', data);
}
