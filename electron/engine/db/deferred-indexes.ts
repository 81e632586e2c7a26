import type { WritableDb } from './handles';

/**
 * A table's indexes taken down during a bulk insert and built again before the transaction
 * commits. Adding rows one by one to an index costs several times what CREATE INDEX pays per row
 * (it sorts once, then writes each page once), but building means indexing the rows already in
 * the table as well: so the indexes come down only once this insert has written at least as many
 * rows as the table held before it, and at least `minRows`; or at once, when the insert is expected
 * to write that many (`expect`), so its first rows do not pay for the indexes either. Everything
 * happens inside the caller's transaction: a rollback (an error, a cancel, a killed process) leaves
 * the indexes as they were, and no other connection ever sees the table without them. They are
 * made again from their own CREATE statements, so the schema is exactly what it was.
 *
 * An index on `sequential` columns alone stays up: each new row's entry lands next to the last
 * one, which costs less than building the index again (measured on a million rows: about half).
 */
export class DeferredIndexes {
  private readonly rowsBefore: number;
  private rowsWritten = 0;
  private dropped: readonly string[] | null = null;
  /** Once built again, the indexes stay: a late count or estimate must not take them down for the COMMIT. */
  private restored = false;
  private readonly sequential: ReadonlySet<string>;

  /**
   * `sequential`: the columns this insert fills in sequence, each holding one value, or values
   * that ascend, over long runs of rows (an id it assigns, the file it reads, a row number).
   */
  constructor(
    private readonly db: WritableDb,
    private readonly table: string,
    private readonly minRows: number,
    sequential: readonly string[] = [],
  ) {
    this.sequential = new Set(sequential);
    // max(rowid) is a lookup where count(*) reads the table: ids only grow, so it bounds the count from above.
    this.rowsBefore = db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${table}`).pluck().get() as number;
  }

  /** Counts rows just written; drops the indexes once that makes building them again cheaper. */
  wrote(rows: number): void {
    this.rowsWritten += rows;
    this.dropIfWorthIt(this.rowsWritten);
  }

  /**
   * The number of rows the insert expects to write in all (an estimate): drops the indexes now if
   * that many would. A wrong guess costs time only: the indexes are built again whatever happens.
   */
  expect(rows: number): void {
    this.dropIfWorthIt(rows);
  }

  private dropIfWorthIt(rows: number): void {
    if (this.restored) throw new Error(`the indexes of ${this.table} were already built again: no rows may be counted after restore()`);
    if (this.dropped !== null || rows < Math.max(this.minRows, this.rowsBefore)) return;
    // A unique index stays: without it a duplicate would surface only as a failed CREATE at the end, naming no row.
    const indexes = (
      this.db
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name")
        .all(this.table) as { name: string; sql: string }[]
    ).filter((index) => !this.onSequentialColumns(index.name));
    for (const index of indexes) this.db.exec(`DROP INDEX "${index.name}"`);
    this.dropped = indexes.map((index) => index.sql);
  }

  /** An expression's column has no name, so an index on one is never taken for sequential. */
  private onSequentialColumns(index: string): boolean {
    const columns = this.db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(index) as (string | null)[];
    return this.sequential.size > 0 && columns.every((column) => column !== null && this.sequential.has(column));
  }

  /** Builds the dropped indexes again (before COMMIT: the transaction must not end without them). */
  restore(): void {
    for (const sql of this.dropped ?? []) this.db.exec(sql);
    this.dropped = null;
    this.restored = true;
  }
}
