import Database from 'better-sqlite3';
import fs from 'node:fs';
import { EngineError } from '../errors';
import { readableHandle, writableHandle, type ReadableDb, type WritableDb } from './handles';
import { migrate } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import type { ConnectionOptions } from './read-only';
import { assertExpectedSchema } from './schema-guard';

export { migrate };

export type { Db, ReadableDb, WritableDb } from './handles';

/** Marks a SQLite file as ours (PRAGMA application_id): 'CAud'. */
export const CARBON_AUDIT_APPLICATION_ID = 0x43417564;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Creates a new engagement database at `path`, fully migrated. Refuses to overwrite. */
export function createDatabase(path: string, options: ConnectionOptions = {}): WritableDb {
  if (fs.existsSync(path)) {
    throw new EngineError('already-exists', `${path} already exists: choose a new file name for the engagement`);
  }
  const db = writableHandle(new Database(path, { nativeBinding: options.nativeBinding }));
  try {
    db.pragma(`application_id = ${CARBON_AUDIT_APPLICATION_ID}`);
    configure(db);
    migrate(db, 0);
    return db;
  } catch (error) {
    db.close();
    fs.rmSync(path, { force: true });
    throw error;
  }
}

/**
 * Opens an existing engagement. Every check runs on a read-only handle first, so a file
 * that is refused (not SQLite, not ours, corrupt, from a newer app, a schema that is not
 * ours) is left byte-identical.
 */
export function openDatabase(path: string, options: ConnectionOptions = {}): WritableDb {
  const schemaVersion = inspectReadOnly(path, options);
  const db = writableHandle(new Database(path, { nativeBinding: options.nativeBinding, fileMustExist: true }));
  try {
    configure(db);
    migrate(db, schemaVersion);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A further connection to an engagement this process already opened and checked (a worker's
 * own connection, or the engine host's after the checks ran in a worker): no checks again, just
 * the same connection settings.
 */
export function connectToCheckedDatabase(path: string, options: ConnectionOptions = {}): WritableDb {
  const db = writableHandle(new Database(path, { nativeBinding: options.nativeBinding, fileMustExist: true }));
  configure(db);
  return db;
}

function inspectReadOnly(path: string, options: ConnectionOptions): number {
  assertSqliteHeader(path);
  let db: ReadableDb;
  try {
    db = readableHandle(new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding }));
  } catch (error) {
    throw new EngineError('corrupt', `${path} could not be opened as a database: ${(error as Error).message}`);
  }
  try {
    db.pragma('trusted_schema = OFF');
    const applicationId = readPragmaNumber(db, 'application_id', path);
    if (applicationId !== CARBON_AUDIT_APPLICATION_ID) {
      throw new EngineError('not-an-engagement', `${path} is a SQLite database but not a Carbon Audit engagement file`);
    }
    const version = readPragmaNumber(db, 'user_version', path);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new EngineError(
        'newer-schema',
        `${path} was saved by a newer version of Carbon Audit (schema ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update the app to open it.`,
      );
    }
    const problems = integrityProblems(db, path);
    if (problems.length > 0) {
      throw new EngineError('corrupt', `${path} failed its integrity check: ${problems.slice(0, 3).join('; ')}`);
    }
    assertExpectedSchema(db, version, path, options.nativeBinding);
    return version;
  } finally {
    db.close();
  }
}

function assertSqliteHeader(path: string): void {
  let header: Buffer;
  try {
    const fd = fs.openSync(path, 'r');
    try {
      header = Buffer.alloc(SQLITE_MAGIC.length);
      const bytes = fs.readSync(fd, header, 0, header.length, 0);
      header = header.subarray(0, bytes);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EngineError('not-found', `${path} does not exist`);
    throw new EngineError('not-an-engagement', `${path} could not be read: ${(error as Error).message}`);
  }
  if (!header.equals(SQLITE_MAGIC)) {
    throw new EngineError('not-an-engagement', `${path} is not a Carbon Audit engagement file (it is not a SQLite database)`);
  }
}

function integrityProblems(db: ReadableDb, path: string): string[] {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
  } catch (error) {
    throw new EngineError('corrupt', `${path} failed its integrity check: ${(error as Error).message}`);
  }
}

function readPragmaNumber(db: ReadableDb, pragma: string, path: string): number {
  try {
    return db.pragma(pragma, { simple: true }) as number;
  } catch (error) {
    throw new EngineError('corrupt', `${path} could not be read as a database: ${(error as Error).message}`);
  }
}

function configure(db: WritableDb): void {
  // Functions and virtual tables named in a file's schema must be harmless ones (see schema-guard).
  db.pragma('trusted_schema = OFF');
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

export function schemaVersion(db: ReadableDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}
