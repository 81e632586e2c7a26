/** Messages between the engine and its worker threads. */
export type WorkerMessage<Result, Progress> =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'done'; readonly result: Result }
  | { readonly type: 'failed'; readonly code: string; readonly message: string; readonly details?: unknown };

/** The parent asks a worker to stop with this message; the work then rolls back. */
export const CANCEL_MESSAGE = 'cancel';

/** A request to a pooled worker (serveRequests): its data, posted as a message. */
export interface WorkerRequest<Data> {
  readonly type: 'request';
  readonly data: Data;
}
