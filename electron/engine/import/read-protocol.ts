import type { RawRow } from '../../../shared/import/cell';
import type { ReadProgress, RefusalCode, SourceFormat } from './readers';

export const ROWS_PER_BATCH = 2000;
export const MAX_BATCHES_IN_FLIGHT = 4;

export type ReadWorkerMessage =
  | { readonly type: 'opened'; readonly format: SourceFormat; readonly hasMacros: boolean; readonly encoding?: string; readonly delimiter?: string }
  | { readonly type: 'rows'; readonly sheet: string; readonly rows: RawRow[]; readonly cellsJson?: string[]; readonly progress: ReadProgress }
  | { readonly type: 'end'; readonly progress: ReadProgress }
  | { readonly type: 'failed'; readonly cancelled: boolean; readonly refusal?: RefusalCode; readonly message: string };

export type ReadWorkerCommand =
  | { readonly type: 'read'; readonly sheet: string | undefined }
  | { readonly type: 'ack' }
  | { readonly type: 'cancel' };
