import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARBON_AUDIT_APPLICATION_ID } from '../../../electron/engine/db/connection';
import { LATEST_SCHEMA_VERSION } from '../../../electron/engine/db/migrations';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { EngineError } from '../../../electron/engine/errors';
import { useTempDir } from '../../helpers/temp';

const CONTEXT = { actor: 'tester' };
const SETTINGS = { entityName: 'Example Group', fiscalYearStartMonth: 4 };

function expectRefused(file: string, code: string, message: RegExp): void {
  const before = fs.readFileSync(file);
  let caught: unknown;
  try {
    Engagement.open(file, CONTEXT).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EngineError);
  expect((caught as EngineError).code).toBe(code);
  expect((caught as EngineError).message).toMatch(message);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
}

describe('engagement file', () => {
  const tempDir = useTempDir();

  it('creates a WAL, foreign-key-enforcing, STRICT, fully migrated file with default settings', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    const engagement = Engagement.create(file, SETTINGS, CONTEXT);
    const { db } = engagement;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(CARBON_AUDIT_APPLICATION_ID);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT\s*$/);
    expect(engagement.settings()).toEqual({
      entityName: 'Example Group',
      fiscalYearStartMonth: 4,
      fiscalYearLabelRule: 'end-year',
      baseYear: null,
      consolidationApproach: 'operational-control',
      gwpBasis: 'AR5',
      materialityPercent: 5,
      performanceMaterialityPercent: 3.75,
      clearlyTrivialPercent: 0.25,
      assuranceLevel: 'limited',
      defaultRegion: null,
      evidenceCapMiB: 50,
    });
    engagement.close();
  });

  it('reopens with the same settings and logs every change', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    Engagement.create(file, SETTINGS, CONTEXT).close();
    const engagement = Engagement.open(file, CONTEXT);
    engagement.updateSettings({ ...engagement.settings(), materialityPercent: 2, performanceMaterialityPercent: 1.5, clearlyTrivialPercent: 0.1 });
    engagement.close();
    const reopened = Engagement.open(file, CONTEXT);
    expect(reopened.settings().materialityPercent).toBe(2);
    const summary = reopened.summary();
    expect(summary.auditEntries).toBe(2);
    expect(reopened.verifyAuditLog()).toMatchObject({ intact: true, entries: 2 });
    reopened.close();
  });

  it('refuses invalid settings without creating a file', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    expect(() => Engagement.create(file, { entityName: '  ', fiscalYearStartMonth: 13 }, CONTEXT)).toThrow(/Entity name is required/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses to overwrite an existing file', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    fs.writeFileSync(file, 'precious');
    expect(() => Engagement.create(file, SETTINGS, CONTEXT)).toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('precious');
  });

  it('refuses a text file renamed to .carbonaudit and leaves it byte-identical', () => {
    const file = path.join(tempDir(), 'notes.carbonaudit');
    fs.writeFileSync(file, 'Scope 1 notes\nnot a database\n');
    expectRefused(file, 'not-an-engagement', /not a SQLite database/);
  });

  it('refuses an empty file and a SQLite database that is not an engagement', () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.carbonaudit');
    fs.writeFileSync(empty, '');
    expectRefused(empty, 'not-an-engagement', /not a SQLite database/);
    const foreign = path.join(dir, 'foreign.carbonaudit');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expectRefused(foreign, 'not-an-engagement', /SQLite database but not a Carbon Audit engagement/);
  });

  it('refuses a file from a newer app version and leaves it byte-identical', () => {
    const file = path.join(tempDir(), 'future.carbonaudit');
    Engagement.create(file, SETTINGS, CONTEXT).close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefused(file, 'newer-schema', /newer version of Carbon Audit.*Update the app/);
  });

  it('refuses a corrupt database and leaves it byte-identical', () => {
    const file = path.join(tempDir(), 'corrupt.carbonaudit');
    const engagement = Engagement.create(file, SETTINGS, CONTEXT);
    engagement.db.pragma('wal_checkpoint(TRUNCATE)');
    engagement.db.pragma('journal_mode = DELETE');
    engagement.close();
    const bytes = fs.readFileSync(file);
    // Overwrite the second page (a table's b-tree page) with garbage, keeping the header valid.
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, pageSize, pageSize * 2);
    fs.writeFileSync(file, bytes);
    expectRefused(file, 'corrupt', /integrity check|could not be read|malformed/);
  });

  it('refuses a missing file with a clear error', () => {
    expect(() => Engagement.open(path.join(tempDir(), 'nope.carbonaudit'), CONTEXT)).toThrow(/does not exist/);
  });
});
