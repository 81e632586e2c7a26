/** Checks and sample draws on their own worker thread (review-worker.ts): both calculate the inventory as it stands. */
import type { CheckSummary, SampleView } from '../../../shared/review/views';
import type { EngagementContext } from '../engagement/handle';
import { startWorker, type WorkerJob } from '../workers/spawn';
import type { CheckOptions } from './check';
import type { SampleInput } from './sampling';

export interface ReviewConnection extends EngagementContext {
  readonly engagementPath: string;
}

export type ReviewWorkerData =
  | (ReviewConnection & { readonly op: 'check'; readonly options: CheckOptions })
  | (ReviewConnection & { readonly op: 'sample'; readonly input: SampleInput });

export type ReviewWorkerResult =
  | { readonly op: 'check'; readonly summary: CheckSummary }
  | { readonly op: 'sample'; readonly sample: SampleView };

export function startReviewJob<Op extends ReviewWorkerData['op']>(data: Extract<ReviewWorkerData, { op: Op }>): WorkerJob<Extract<ReviewWorkerResult, { op: Op }>> {
  return startWorker('review-worker', data);
}
