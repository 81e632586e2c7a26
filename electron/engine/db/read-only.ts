/**
 * Read-only connections to an engagement already opened and checked. Apart from connection.ts
 * (which creates, checks and migrates), so a worker that only reads, such as a calculation's
 * stream worker, starts without loading the migrations and what they import.
 */
import Database from 'better-sqlite3';
import { readableHandle, type ReadableDb } from './handles';

export interface ConnectionOptions {
  /** Path to a better-sqlite3 binary built for this runtime (the Electron build); Node uses the default. */
  readonly nativeBinding?: string;
}

/** A read-only connection to a checked engagement, for the reads of its ReadableDb. */
export function connectReadOnly(path: string, options: ConnectionOptions = {}): ReadableDb {
  const db = readableHandle(new Database(path, { nativeBinding: options.nativeBinding, fileMustExist: true, readonly: true }));
  db.pragma('trusted_schema = OFF');
  db.pragma('busy_timeout = 5000');
  return db;
}
