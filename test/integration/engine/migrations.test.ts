import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../../electron/engine/db/connection';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/engine/db/migrations';
import { useTempDir } from '../../helpers/temp';

/**
 * Per migration: what to put in a database at version N−1 and what must hold after N.
 * Every migration must have an entry (checked below), so none ships untested.
 */
const MIGRATION_CHECKS: Readonly<Record<number, { seed: (db: Db) => void; verify: (db: Db) => void }>> = {
  1: {
    seed: () => undefined,
    verify: (db) => {
      const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['engagement', 'audit_log']));
      const triggers = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string }[]).map((t) => t.name);
      expect(triggers).toEqual(expect.arrayContaining(['audit_log_is_append_only_update', 'audit_log_is_append_only_delete']));
    },
  },
};

describe('migrations', () => {
  const tempDir = useTempDir();

  it('has a check for every migration', () => {
    expect(Object.keys(MIGRATION_CHECKS).map(Number)).toEqual(MIGRATIONS.map((_m, index) => index + 1));
  });

  for (let version = 1; version <= LATEST_SCHEMA_VERSION; version++) {
    it(`migrates ${version - 1} → ${version} (${MIGRATIONS[version - 1]!.name})`, () => {
      const db = new Database(path.join(tempDir(), 'm.sqlite'));
      db.pragma('foreign_keys = ON');
      migrate(db, 0, version - 1);
      expect(db.pragma('user_version', { simple: true })).toBe(version - 1);
      MIGRATION_CHECKS[version]!.seed(db);
      migrate(db, version - 1, version);
      expect(db.pragma('user_version', { simple: true })).toBe(version);
      MIGRATION_CHECKS[version]!.verify(db);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    });
  }

  it('runs all pending migrations in one transaction: a failing one leaves the old version', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    db.exec('CREATE TABLE engagement (x INTEGER) STRICT'); // makes migration 1 fail part-way
    expect(() => migrate(db, 0)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'audit_log'").get()).toEqual({ n: 0 });
    db.close();
  });
});
