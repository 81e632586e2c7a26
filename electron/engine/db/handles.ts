/**
 * The two kinds of database handle every store takes (after Signal Desktop's ReadableDB and
 * WritableDB): a function that only reads takes a ReadableDb, one that writes a WritableDb, so
 * the compiler keeps writes off read paths. An engagement's ReadableDb is a separate read-only
 * connection, so SQLite refuses a write through it too; a WritableDb also reads (inside its own
 * transactions a change must read what it is about to change).
 *
 * Every statement run through either handle is timed; one slower than the threshold is logged
 * with its SQL, so slow queries show up where they run (the engine host, a worker, the CLI).
 */
import type Database from 'better-sqlite3';

export type Db = Database.Database;
declare const ACCESS: unique symbol;
/**
 * The brand is an optional property whose type says what the handle may do: a ReadableDb ('read')
 * cannot be passed where a WritableDb ('write') is expected, a WritableDb goes anywhere a
 * ReadableDb does, and a bare connection (a migration test's) goes anywhere.
 */
export type ReadableDb = Db & { readonly [ACCESS]?: 'read' | 'write' };
export type WritableDb = Db & { readonly [ACCESS]?: 'write' };

export interface SlowStatement {
  readonly sql: string;
  readonly ms: number;
}

export interface SlowStatementLog {
  /** Statements at least this slow are reported. */
  readonly thresholdMs: number;
  readonly write: (statement: SlowStatement) => void;
}

/** The longest SQL text a log line quotes: a batch insert's is kilobytes of placeholders. */
const MAX_LOGGED_SQL = 240;

let slowStatementLog: SlowStatementLog = {
  thresholdMs: 100,
  write: ({ sql, ms }) => process.stderr.write(`carbon-audit: slow SQL (${Math.round(ms)} ms): ${sql}\n`),
};

/** Replaces how slow statements are reported (per thread); returns the previous setting. */
export function setSlowStatementLog(log: SlowStatementLog): SlowStatementLog {
  const previous = slowStatementLog;
  slowStatementLog = log;
  return previous;
}

function timed<T>(sql: string, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    const ms = performance.now() - started;
    if (ms >= slowStatementLog.thresholdMs) {
      const text = sql.replace(/\s+/g, ' ').trim();
      slowStatementLog.write({ sql: text.length > MAX_LOGGED_SQL ? `${text.slice(0, MAX_LOGGED_SQL)}…` : text, ms });
    }
  }
}

/** Times run, get and all of a prepared statement (iterate runs interleaved with its caller, so it is not timed). */
function timeStatement<S extends Database.Statement>(statement: S, sql: string): S {
  for (const method of ['run', 'get', 'all'] as const) {
    const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
    (statement as Record<string, unknown>)[method] = (...args: unknown[]) => timed(sql, () => original(...args));
  }
  return statement;
}

/** Makes every statement the connection prepares, execs or pragmas timed. */
function instrument(db: Db): Db {
  const prepare = db.prepare.bind(db);
  const exec = db.exec.bind(db);
  const pragma = db.pragma.bind(db);
  db.prepare = ((sql: string) => timeStatement(prepare(sql), sql)) as Db['prepare'];
  db.exec = (sql: string) => timed(sql, () => exec(sql));
  db.pragma = ((source: string, options?: Database.PragmaOptions) => timed(`PRAGMA ${source}`, () => pragma(source, options))) as Db['pragma'];
  return db;
}

export function writableHandle(db: Db): WritableDb {
  return instrument(db) as WritableDb;
}

export function readableHandle(db: Db): ReadableDb {
  if (!db.readonly) throw new Error('a ReadableDb is a read-only connection');
  return instrument(db) as ReadableDb;
}
