import type { Statement } from 'better-sqlite3';
import type { WritableDb } from './handles';

/**
 * Inserts rows many at a time with one multi-row INSERT: a million-row import makes millions of
 * inserts, and the per-call cost of a single-row statement is what dominates them.
 * `before` runs ahead of every flush (e.g. flushing the rows these rows reference).
 */
export class BatchInsert {
  private readonly full: Statement;
  private readonly single: Statement;
  private pending: unknown[] = [];
  private count = 0;

  constructor(
    db: WritableDb,
    table: string,
    private readonly columns: readonly string[],
    private readonly batchSize = 64,
    private readonly before?: () => void,
  ) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.full = db.prepare(head + Array.from({ length: batchSize }, () => tuple).join(', '));
    this.single = db.prepare(head + tuple);
  }

  add(...values: unknown[]): void {
    if (values.length !== this.columns.length) throw new Error(`expected ${this.columns.length} values, got ${values.length}`);
    for (const value of values) this.pending.push(value);
    if (++this.count === this.batchSize) this.flush();
  }

  flush(): void {
    if (this.count === 0) return;
    this.before?.();
    if (this.count === this.batchSize) {
      this.full.run(this.pending);
    } else {
      const width = this.columns.length;
      for (let row = 0; row < this.count; row++) this.single.run(this.pending.slice(row * width, (row + 1) * width));
    }
    this.pending = [];
    this.count = 0;
  }
}
