import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/engine/db/audit-log';
import { CARBON_AUDIT_APPLICATION_ID, migrate } from '../../../electron/engine/db/connection';
import { expectedSchema, readSchema } from '../../../electron/engine/db/schema-guard';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/engine/db/migrations';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { engagementSummary, openEngagement } from '../../../electron/engine/engagement/service';
import { listSites } from '../../../electron/engine/inventory/service';
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
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT(?:,\s*WITHOUT ROWID)?\s*$/);
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
      metricTolerances: { pue: 0.005, clean_share: 0.5, data_centre_clean_share: 0.5 },
      assuranceLevel: 'limited',
      defaultRegion: null,
      evidenceCapMiB: 50,
      instrumentMatching: 'fiscal-year',
      category15Investments: false,
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

/** Makes an engagement, then changes its file the way someone else's tool could before sending it on. */
function tamperedEngagement(file: string, tamper: (db: Database.Database) => void): void {
  Engagement.create(file, SETTINGS, CONTEXT).close();
  const db = new Database(file);
  tamper(db);
  db.pragma('journal_mode = DELETE');
  db.close();
}

describe('engagement files from others: the schema must be exactly what the migrations create', () => {
  const tempDir = useTempDir();

  it('refuses a planted trigger (one that would change imported rows) and leaves the file byte-identical', () => {
    const file = path.join(tempDir(), 'trigger.carbonaudit');
    tamperedEngagement(file, (db) =>
      db.exec('CREATE TRIGGER shave_quantities AFTER INSERT ON activity_record BEGIN UPDATE activity_record SET quantity = quantity * 0.9 WHERE id = NEW.id; END'),
    );
    expectRefused(file, 'unexpected-schema', /trigger 'shave_quantities' on table 'activity_record' is not part of Carbon Audit's schema.*left unchanged/);
  });

  it('refuses a planted view and leaves the file byte-identical', () => {
    const file = path.join(tempDir(), 'view.carbonaudit');
    tamperedEngagement(file, (db) => db.exec('CREATE VIEW adjusted_records AS SELECT id, quantity * 0.9 AS quantity FROM activity_record'));
    expectRefused(file, 'unexpected-schema', /view 'adjusted_records' is not part of Carbon Audit's schema/);
  });

  it('refuses an altered table, even one whose data still passes the integrity check, and leaves the file byte-identical', () => {
    const file = path.join(tempDir(), 'altered.carbonaudit');
    tamperedEngagement(file, (db) => {
      // New sites would default to 50% ownership instead of 100%: the stored rows are unchanged.
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = replace(sql, 'DEFAULT 100', 'DEFAULT 50') WHERE type = 'table' AND name = 'site'").run();
      db.pragma('writable_schema = OFF');
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
    expectRefused(file, 'unexpected-schema', /table 'site' differs from the one Carbon Audit creates/);

    const widened = path.join(tempDir(), 'widened.carbonaudit');
    tamperedEngagement(widened, (db) => db.exec('ALTER TABLE raw_row ADD COLUMN note TEXT'));
    expectRefused(widened, 'unexpected-schema', /table 'raw_row' differs/);
  });

  it('refuses a file whose audit-log protection was removed, or with an extra index', () => {
    const dir = tempDir();
    const unprotected = path.join(dir, 'unprotected.carbonaudit');
    tamperedEngagement(unprotected, (db) => db.exec('DROP TRIGGER audit_log_is_append_only_delete'));
    expectRefused(unprotected, 'unexpected-schema', /trigger 'audit_log_is_append_only_delete' on table 'audit_log' is missing/);
    const indexed = path.join(dir, 'indexed.carbonaudit');
    tamperedEngagement(indexed, (db) => db.exec('CREATE INDEX raw_row_by_sheet ON raw_row (sheet)'));
    expectRefused(indexed, 'unexpected-schema', /index 'raw_row_by_sheet' on table 'raw_row' is not part/);
  });

  it('opens a file from an older version and migrates it: its schema is checked against its own version', () => {
    const dir = tempDir();
    const olderVersion = LATEST_SCHEMA_VERSION - 1;
    const makeOlderFile = (file: string, extra?: (db: Database.Database) => void) => {
      const db = new Database(file);
      db.pragma(`application_id = ${CARBON_AUDIT_APPLICATION_ID}`);
      // The engagement row exists before the later migrations run, as in a file made by that version (one derives the engagement's id from it).
      migrate(db, 0, 1);
      db.prepare("INSERT INTO engagement (id, created_at, created_by_app, settings_json) VALUES (1, '2025-05-01T09:00:00.000Z', '0.0.9', ?)").run(
        JSON.stringify({ entityName: 'Example Group', fiscalYearStartMonth: 4 }),
      );
      migrate(db, 1, olderVersion);
      appendAudit(db, { actor: 'colleague', operation: 'engagement.create', params: {}, at: '2025-05-01T09:00:00.000Z' });
      extra?.(db);
      db.close();
    };

    const older = path.join(dir, 'older.carbonaudit');
    makeOlderFile(older);
    const engagement = Engagement.open(older, CONTEXT);
    expect(engagement.summary().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(readSchema(engagement.db)).toEqual(expectedSchema(LATEST_SCHEMA_VERSION));
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true, entries: 1 });
    engagement.close();
    Engagement.open(older, CONTEXT).close();

    // What the next migration does (a table, a column), planted early, is not that version's schema.
    const planted = path.join(dir, 'planted.carbonaudit');
    makeOlderFile(planted, (db) => MIGRATIONS[LATEST_SCHEMA_VERSION - 1]!.up(db));
    expectRefused(planted, 'unexpected-schema', new RegExp(`\\(schema ${olderVersion}\\): (table|index) '\\w+' (on table '\\w+' )?(is not part of Carbon Audit's schema|differs)`));
  });

  it('brings a schema-2 file through the normal open path to the current schema, keeping every row and its audit log', async () => {
    const file = path.join(tempDir(), 'v2.carbonaudit');
    const v2 = new Database(file);
    v2.pragma(`application_id = ${CARBON_AUDIT_APPLICATION_ID}`);
    migrate(v2, 0, 2);
    v2.prepare("INSERT INTO engagement (id, created_at, created_by_app, settings_json) VALUES (1, '2025-05-01T09:00:00.000Z', '0.0.9', ?)").run(JSON.stringify(SETTINGS));
    appendAudit(v2, { actor: 'colleague', operation: 'engagement.create', params: { settings: SETTINGS }, at: '2025-05-01T09:00:00.000Z' });
    v2.prepare(
      "INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected) VALUES ('energy.csv', '/data/energy.csv', 120, 'ab', 'csv', 0, 'activity', '2025-05-01T09:05:00.000Z', 'colleague', '{}', '{}', 3, 2, 1)",
    ).run();
    const insertRaw = v2.prepare("INSERT INTO raw_row (source_file_id, sheet, row_number, cells_json) VALUES (1, 'energy', ?, ?)");
    const insertRecord = v2.prepare(
      "INSERT INTO activity_record (source_file_id, raw_row_id, column_index, site, period_start, period_end, activity, meaning, quantity, unit, unit_text) VALUES (1, ?, 2, ?, '2024-05-01', '2024-05-31', 'electricity', 'consumption', ?, 'kWh', 'kWh')",
    );
    insertRecord.run(insertRaw.run(2, '["London","2024-05",1200.5]').lastInsertRowid, 'London', 1200.5);
    insertRecord.run(insertRaw.run(3, '["Leeds","2024-05",830]').lastInsertRowid, 'Leeds', 830);
    v2.prepare("INSERT INTO rejected_row (source_file_id, sheet, row_number, column_index, reason) VALUES (1, 'energy', 4, 2, 'negative quantity -5')").run();
    appendAudit(v2, { actor: 'colleague', operation: 'import', params: { file: 'energy.csv', rows: 3 }, at: '2025-05-01T09:05:00.000Z' });
    const tables = ['engagement', 'audit_log', 'source_file', 'raw_row', 'rejected_row', 'activity_record'];
    const rowsOf = (db: Database.Database) => Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]));
    const before = rowsOf(v2);
    v2.close();

    const engagement = await openEngagement(file, CONTEXT);
    const summary = engagementSummary(engagement);
    expect(summary).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, auditEntries: 2, settings: { entityName: 'Example Group' } });
    expect(readSchema(engagement.reader)).toEqual(expectedSchema(LATEST_SCHEMA_VERSION));
    // Every row kept; the columns later migrations add are empty on it (no attributes: what it meant before).
    expect(rowsOf(engagement.reader as unknown as Database.Database)).toEqual({
      ...before,
      activity_record: (before.activity_record as object[]).map((row) => ({ ...row, attributes_json: null })),
    });
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true, entries: 2, headHash: (before.audit_log as { hash: string }[])[1]!.hash });
    // What later migrations added works on the old data: the sites come from its records.
    expect(listSites(engagement).map((site) => [site.name, site.records])).toEqual([['Leeds', 1], ['London', 1]]);
    engagement.close();
  });

  it('distrusts the schema on every connection it opens', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    const engagement = Engagement.create(file, SETTINGS, CONTEXT);
    expect(engagement.db.pragma('trusted_schema', { simple: true })).toBe(0);
    engagement.close();
    const reopened = Engagement.open(file, CONTEXT);
    expect(reopened.db.pragma('trusted_schema', { simple: true })).toBe(0);
    reopened.close();
  });
});
