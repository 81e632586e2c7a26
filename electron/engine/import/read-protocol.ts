import type { Cell, RawRow } from '../../../shared/import/cell';
import type { ReadProgress, RefusalCode, SourceFormat } from './readers';

export const ROWS_PER_BATCH = 2000;
/**
 * A batch is also handed over once it holds this many cells, so that wide rows cannot make its
 * packed array approach V8's largest array (a process-killing error, not a catchable one) and a
 * message stays bounded. A row wider than this travels alone, whole.
 */
export const CELLS_PER_BATCH = 1_000_000;
export const MAX_BATCHES_IN_FLIGHT = 4;

/**
 * A batch of rows as one flat array: each row's number, its cell count, then its cells. Posting
 * an object and an array per row makes the structured clone track and rebuild two objects per
 * row on both threads; one array of mostly primitives costs each side well under half that
 * (measured on the benchmark's rows), and the reader thread of a workbook is the busier one.
 */
export type PackedRows = Array<number | Cell>;

export function packRows(rows: readonly RawRow[]): PackedRows {
  const packed: PackedRows = [];
  for (const { rowNumber, cells } of rows) {
    packed.push(rowNumber, cells.length);
    for (const cell of cells) packed.push(cell);
  }
  return packed;
}

export function unpackRows(packed: PackedRows): RawRow[] {
  const rows: RawRow[] = [];
  for (let at = 0; at < packed.length; ) {
    const rowNumber = packed[at] as number;
    const end = at + 2 + (packed[at + 1] as number);
    rows.push({ rowNumber, cells: packed.slice(at + 2, end) as Cell[] });
    at = end;
  }
  return rows;
}

export type ReadWorkerMessage =
  | { readonly type: 'opened'; readonly format: SourceFormat; readonly hasMacros: boolean; readonly encoding?: string; readonly delimiter?: string }
  | { readonly type: 'rows'; readonly sheet: string; readonly rows: PackedRows; readonly cellsJson?: string[]; readonly progress: ReadProgress }
  | { readonly type: 'end'; readonly progress: ReadProgress }
  | { readonly type: 'failed'; readonly cancelled: boolean; readonly refusal?: RefusalCode; readonly message: string };

export type ReadWorkerCommand =
  | { readonly type: 'read'; readonly sheet: string | undefined }
  | { readonly type: 'ack' }
  | { readonly type: 'cancel' };
