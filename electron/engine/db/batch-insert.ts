import type { Statement } from 'better-sqlite3';

/**
 * A value one column takes. Only these: spread as arguments, better-sqlite3 would expand an array
 * over the next columns and read an object as named parameters, shifting every column after it.
 */
type SqlValue = number | bigint | string | Buffer | null;

/** What `add` takes: a value, or a typed array's element (read in range, so never undefined at run time). */
type ColumnValue = SqlValue | undefined;
import type { DeferredIndexes } from './deferred-indexes';
import type { WritableDb } from './handles';

export interface BatchInsertOptions {
  /** Rows per INSERT statement. */
  readonly batchSize?: number;
  /** Runs ahead of every flush (e.g. flushing the rows these rows reference). */
  readonly before?: () => void;
  /** An upsert clause appended to the INSERT ('ON CONFLICT (...) DO UPDATE SET ...'). */
  readonly onConflict?: string;
  /** The table's indexes, told of every row written so they can come down during a bulk insert. */
  readonly indexes?: DeferredIndexes;
}

/**
 * Inserts rows many at a time with one multi-row INSERT: a million-row import makes millions of
 * inserts, and the per-call cost of a single-row statement is what dominates them.
 */
export class BatchInsert {
  private readonly full: Statement;
  private readonly single: Statement;
  private readonly batchSize: number;
  private readonly before?: () => void;
  private readonly indexes?: DeferredIndexes;
  /** The values of the rows not yet written, in one array reused for every batch. */
  private readonly pending: ColumnValue[];
  private count = 0;

  constructor(
    db: WritableDb,
    table: string,
    private readonly columns: readonly string[],
    options: BatchInsertOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 64;
    this.before = options.before;
    this.indexes = options.indexes;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    const tail = options.onConflict === undefined ? '' : ` ${options.onConflict}`;
    this.full = db.prepare(head + Array.from({ length: this.batchSize }, () => tuple).join(', ') + tail);
    this.single = db.prepare(head + tuple + tail);
    this.pending = new Array<ColumnValue>(this.batchSize * columns.length);
  }

  add(...values: ColumnValue[]): void {
    const width = this.columns.length;
    if (values.length !== width) throw new Error(`expected ${width} values, got ${values.length}`);
    const offset = this.count * width;
    for (let index = 0; index < width; index++) this.pending[offset + index] = values[index];
    if (++this.count === this.batchSize) this.flush();
  }

  flush(): void {
    if (this.count === 0) return;
    this.before?.();
    // Values as arguments, not one array: better-sqlite3 reads an array's elements one by one
    // through V8's API, its arguments directly.
    if (this.count === this.batchSize) {
      this.full.run(...this.pending);
    } else {
      const width = this.columns.length;
      for (let row = 0; row < this.count; row++) this.single.run(...this.pending.slice(row * width, (row + 1) * width));
    }
    this.indexes?.wrote(this.count);
    this.count = 0;
  }
}
