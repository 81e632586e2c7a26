// The engagement file at its edges: the audit log's known head at the genesis, migrations that have nothing to do or must refuse,
// and the checks an engagement passes before it opens (integrity, the native binding it is given, the handles it lets go of).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, compareWithKnownHead, describeMissingEntries, GENESIS_HASH } from '../../../electron/engine/db/audit-log';
import { connectToCheckedDatabase, createDatabase, migrate, openDatabase } from '../../../electron/engine/db/connection';
import { writableHandle } from '../../../electron/engine/db/handles';
import { LATEST_SCHEMA_VERSION } from '../../../electron/engine/db/migrations';
import { EngineError } from '../../../electron/engine/errors';
import { useTempDir } from '../../helpers/temp';

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
}

function engineErrorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof EngineError ? error.code : `not an EngineError: ${(error as Error).message}`;
  }
  return undefined;
}

describe('known heads of an empty log', () => {
  it('finds the genesis head, with or without its entry count, in a log with entries', () => {
    const db = new Database(':memory:');
    migrate(db, 0);
    appendAudit(writableHandle(db), { actor: 'tester', operation: 'test.step', params: { step: 1 } });
    expect(compareWithKnownHead(db, { headHash: GENESIS_HASH })).toEqual({ kind: 'contains', entries: 1, knownAt: 0 });
    expect(compareWithKnownHead(db, { headHash: GENESIS_HASH, entries: 0 })).toEqual({ kind: 'contains', entries: 1, knownAt: 0 });
    db.close();
  });

  it('names one missing entry in the singular and a range in the plural', () => {
    expect(describeMissingEntries(4, 4)).toBe('entry 4 is missing');
    expect(describeMissingEntries(3, 4)).toBe('entries 3–4 are missing');
  });
});

describe('migrate', () => {
  it('does nothing when there is nothing to apply, and never moves a schema version down', () => {
    const db = new Database(':memory:');
    migrate(db, 2, 2);
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
    db.pragma('user_version = 3');
    migrate(db, 3, 1);
    expect(userVersion(db)).toBe(3);
    db.close();
  });

  it('refuses a version it has no migration for and leaves the old schema', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, 0, LATEST_SCHEMA_VERSION + 1)).toThrow(`No migration for schema version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
    db.close();
  });

  it('refuses to commit when rows point at nothing, and leaves the old schema', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE parent_thing (id INTEGER PRIMARY KEY); CREATE TABLE child_thing (parent_id INTEGER REFERENCES parent_thing(id));');
    db.pragma('foreign_keys = OFF');
    db.exec('INSERT INTO child_thing (parent_id) VALUES (7)');
    expect(() => migrate(db, 0)).toThrow('Migration left 1 rows pointing at nothing (first: child_thing → parent_thing)');
    expect(userVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual(['child_thing', 'parent_thing']);
    db.close();
  });

  it('puts foreign-key enforcement back as it found it', () => {
    const off = new Database(':memory:');
    off.pragma('foreign_keys = OFF');
    migrate(off, 0);
    expect(off.pragma('foreign_keys', { simple: true })).toBe(0);
    off.close();
    const on = new Database(':memory:');
    on.pragma('foreign_keys = ON');
    migrate(on, 0);
    expect(on.pragma('foreign_keys', { simple: true })).toBe(1);
    on.close();
  });
});

describe('connections', () => {
  const tempDir = useTempDir();
  const NO_BINDING = '/nonexistent/better_sqlite3.node';

  it('loads the native binding it is given when creating and reconnecting', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    expect(() => createDatabase(file, { nativeBinding: NO_BINDING })).toThrow();
    createDatabase(file).close();
    expect(() => connectToCheckedDatabase(file, { nativeBinding: NO_BINDING })).toThrow();
  });

  it('checks the engagement on a read-only handle, then opens it for writing, both through the binding it is given and never creating the file', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    createDatabase(file).close();
    // A binding that records each database it opens, then hands over to the real one.
    const real = createRequire(import.meta.url)('better-sqlite3/build/Release/better_sqlite3.node') as { Database: new (...args: unknown[]) => object };
    const opened: { file: unknown; readonly: unknown; fileMustExist: unknown }[] = [];
    const recording = {
      ...real,
      isInitialized: true,
      Database: function RecordingDatabase(...args: unknown[]): object {
        opened.push({ file: args[0], readonly: args[3], fileMustExist: args[4] });
        return new real.Database(...args);
      },
    };
    openDatabase(file, { nativeBinding: recording as unknown as string }).close();
    const ofTheFile = opened.filter((open) => open.file === file);
    expect(ofTheFile[0]).toEqual({ file, readonly: true, fileMustExist: true });
    expect(ofTheFile.at(-1)).toEqual({ file, readonly: false, fileMustExist: true });
  });

  it('does not create a file when reconnecting to one that is gone', () => {
    const file = path.join(tempDir(), 'gone.carbonaudit');
    expect(() => connectToCheckedDatabase(file)).toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a file that fails its integrity check, naming its first three problems, and leaves it as it was', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    createDatabase(file).close();
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE x (a); CREATE INDEX xi ON x (a); CREATE TABLE y (a); CREATE INDEX yi ON y (a);');
    for (let i = 0; i < 5; i++) db.prepare('INSERT INTO x VALUES (?), (?)').run(i, 100 + i);
    for (let i = 0; i < 5; i++) db.prepare('INSERT INTO y VALUES (?)').run(200 + i);
    const [xi, yi] = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name IN ('xi', 'yi') ORDER BY name").all() as { rootpage: number }[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    // Swapping the two indexes' pages leaves every row missing from its index.
    const bytes = fs.readFileSync(file);
    const page = (n: number): Buffer => Buffer.from(bytes.subarray((n - 1) * pageSize, n * pageSize));
    const [xiPage, yiPage] = [page(xi!.rootpage), page(yi!.rootpage)];
    xiPage.copy(bytes, (yi!.rootpage - 1) * pageSize);
    yiPage.copy(bytes, (xi!.rootpage - 1) * pageSize);
    fs.writeFileSync(file, bytes);
    let refusal: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(EngineError);
    expect((refusal as EngineError).code).toBe('corrupt');
    expect((refusal as EngineError).message).toBe(
      `${file} failed its integrity check: wrong # of entries in index yi; wrong # of entries in index xi; row 1 missing from index yi`,
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('lets go of the file once its checks are done, so closing the engagement folds its journal back in', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    createDatabase(file).close();
    openDatabase(file).close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('keeps no handle on the file once it is closed, the header check included (on Linux, by the open files of the process)', () => {
    const file = path.join(tempDir(), 'handles.carbonaudit');
    createDatabase(file).close();
    for (let i = 0; i < 5; i++) openDatabase(file).close();
    const openOnFile = fs.readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false; // closed between the listing and the read
      }
    });
    expect(openOnFile).toEqual([]);
  });

  it('calls a path it cannot read (a folder) not an engagement, not missing, and says why', () => {
    const folder = tempDir();
    expect(engineErrorCode(() => openDatabase(folder))).toBe('not-an-engagement');
    expect(() => openDatabase(folder)).toThrow(`${folder} could not be read: EISDIR`);
  });

  it('calls a file with only a SQLite header corrupt, and says why', () => {
    const file = path.join(tempDir(), 'header-only.carbonaudit');
    fs.writeFileSync(file, Buffer.from('SQLite format 3\0', 'latin1'));
    expect(engineErrorCode(() => openDatabase(file))).toBe('corrupt');
    expect(() => openDatabase(file)).toThrow(`${file} could not be read as a database: `);
  });
});
