/** A calculation on its own worker thread (calc-worker.ts): only what the caller asked for crosses back. */
import type { FigureChangeView, InventoryResults } from '../../../shared/contract';
import type { EngagementContext } from '../engagement/handle';
import { startWorker, type WorkerJob } from '../workers/spawn';

export interface CalcConnection extends EngagementContext {
  readonly engagementPath: string;
  /** The calculation variant's name (see CalculationVariant). */
  readonly variant: string;
}

export type CalcWorkerData = (CalcConnection & { readonly op: 'calculate' }) | (CalcConnection & { readonly op: 'recalculate' });

export type CalcWorkerResult =
  | { readonly op: 'calculate'; readonly results: InventoryResults }
  | { readonly op: 'recalculate'; readonly changes: readonly FigureChangeView[] };

export function startCalcJob<Op extends CalcWorkerData['op']>(data: Extract<CalcWorkerData, { op: Op }>): WorkerJob<Extract<CalcWorkerResult, { op: Op }>> {
  return startWorker('calc-worker', data);
}
