import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditLog } from '../../../electron/engine/db/audit-log';
import { migrate, type Db } from '../../../electron/engine/db/connection';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/engine/db/migrations';
import { derivedEngagementId, m006EngagementId } from '../../../electron/engine/db/migrations/006-engagement-id';
import { m005ImportFindings } from '../../../electron/engine/db/migrations/005-import-findings';
import { m007Reconciliation } from '../../../electron/engine/db/migrations/007-reconciliation';
import { m008VariantsAndValidity } from '../../../electron/engine/db/migrations/008-variants-and-validity';
import { m009Review } from '../../../electron/engine/db/migrations/009-review';
import { m010RecordChecks } from '../../../electron/engine/db/migrations/010-record-checks';
import { m011TableIndexes } from '../../../electron/engine/db/migrations/011-table-indexes';
import { m012RecordPagingIndexes } from '../../../electron/engine/db/migrations/012-record-paging-indexes';
import { m013SourceWithdrawal } from '../../../electron/engine/db/migrations/013-source-withdrawal';
import { m014CheckTriggers } from '../../../electron/engine/db/migrations/014-check-triggers';
import { useTempDir } from '../../helpers/temp';

/** One source file, one raw row and one activity record (an electricity bill) pointing at it. */
function seedRecord(db: Db): void {
  db.prepare(
    "INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected) VALUES ('a.csv', '/a.csv', 1, 'x', 'csv', 0, 'activity', 't', 'me', '{}', '{}', 1, 1, 0)",
  ).run();
  db.prepare("INSERT INTO raw_row (source_file_id, sheet, row_number, cells_json) VALUES (1, 'S', 2, '[]')").run();
  db.prepare(
    "INSERT INTO activity_record (source_file_id, raw_row_id, column_index, period_start, period_end, activity, meaning, quantity, unit, unit_text) VALUES (1, 1, 0, '2022-04-01', '2022-04-30', 'electricity', 'consumption', 1, 'kWh', 'kWh')",
  ).run();
}

/**
 * Per migration: what to put in a database at version N−1 and what must hold after N.
 * Every migration must have an entry (checked below), so none ships untested.
 */
const ENGAGEMENT_ID_VERSION = MIGRATIONS.indexOf(m006EngagementId) + 1;

/** Every record as stored, column by column, for comparing a rebuilt table with the one before. */
const allRecords = (db: Db) => db.prepare('SELECT * FROM activity_record ORDER BY id').all();
let recordsBeforeRebuild: unknown[] = [];

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
  2: {
    seed: (db) => {
      db.prepare("INSERT INTO engagement (id, created_at, created_by_app, settings_json) VALUES (1, '2026-01-01T00:00:00.000Z', '0.1.0', '{}')").run();
      appendAudit(db, { actor: 'tester', operation: 'engagement.create', params: {}, at: '2026-01-01T00:00:00.000Z' });
    },
    verify: (db) => {
      expect(db.prepare('SELECT count(*) AS n FROM engagement').get()).toEqual({ n: 1 });
      expect(verifyAuditLog(db)).toMatchObject({ intact: true, entries: 1 });
      const source = db.prepare(
        "INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected) VALUES ('a.csv', '/a.csv', 1, 'x', 'csv', 0, 'activity', 't', 'me', '{}', '{}', 1, 1, 0)",
      ).run();
      // Records must point at a raw row that exists.
      expect(() =>
        db.prepare(
          "INSERT INTO activity_record (source_file_id, raw_row_id, column_index, period_start, period_end, activity, meaning, quantity, unit, unit_text) VALUES (?, 999, 0, '2022-04-01', '2022-04-30', 'electricity', 'consumption', 1, 'kWh', 'kWh')",
        ).run(source.lastInsertRowid),
      ).toThrow(/FOREIGN KEY/);
      // STRICT typing: a quantity must be a number.
      const raw = db.prepare("INSERT INTO raw_row (source_file_id, sheet, row_number, cells_json) VALUES (?, 'S', 2, '[]')").run(source.lastInsertRowid);
      expect(() =>
        db.prepare(
          "INSERT INTO activity_record (source_file_id, raw_row_id, column_index, period_start, period_end, activity, meaning, quantity, unit, unit_text) VALUES (?, ?, 0, '2022-04-01', '2022-04-30', 'electricity', 'consumption', 'lots', 'kWh', 'kWh')",
        ).run(source.lastInsertRowid, raw.lastInsertRowid),
      ).toThrow(/cannot store TEXT value in REAL column/);
    },
  },
  3: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO factor_set (set_key, publisher, title, edition, year, region, gwp_basis, valid_from, valid_to, licence, attribution, origin, content_sha256, loaded_at) VALUES ('desnz-2020', 'DESNZ', 't', '2020', 2020, 'UK', 'AR4', '2020-01-01', '2020-12-31', 'OGL', 'a', 'library', 'h', 't')",
      ).run();
    },
    verify: (db) => {
      db.prepare("INSERT INTO frozen_factor_set (factor_set_id, frozen_at, frozen_by) VALUES (1, 't', 'tester')").run();
      expect(() => db.prepare("INSERT INTO frozen_factor_set (factor_set_id, frozen_at, frozen_by) VALUES (99, 't', 'tester')").run()).toThrow(/FOREIGN KEY/);
      db.prepare("INSERT INTO site (name, ownership_percent) VALUES ('DC North', 40)").run();
      expect(db.prepare('SELECT operational_control, is_data_centre FROM site').get()).toEqual({ operational_control: 1, is_data_centre: 0 });
      expect(() => db.prepare("INSERT INTO site (name, ownership_percent) VALUES ('X', 140)").run()).toThrow(/CHECK/);
    },
  },
  // Keyed by position, which the order branches land in decides.
  [MIGRATIONS.indexOf(m009Review) + 1]: {
    seed: (db) => {
      appendAudit(db, { actor: 'tester', operation: 'import', params: {} });
    },
    verify: (db) => {
      const finding = (status: string, adjustment: number | null) =>
        db.prepare(
          `INSERT INTO finding (identity, source, rule, subject, cause_sha256, links_sha256, severity, message, figures_json, at_stake_estimated, status, status_at, status_by, adjustment_id, found_at, record_count, row_count)
           VALUES (?, 'rule', 'gaps', 's', 'h', 'h', 'medium', 'm', '{}', 0, ?, 't', 'me', ?, 't', 0, 0)`,
        ).run(`rule:gaps:${status}:${adjustment}`, status, adjustment);
      finding('open', null);
      // 'adjusted' follows from an adjustment, and only from one.
      expect(() => finding('adjusted', null)).toThrow(/CHECK/);
      expect(() => finding('open', 3)).toThrow(/CHECK/);
      finding('adjusted', 3);
      db.prepare("INSERT INTO finding_event (finding_id, at, actor, kind, text) VALUES (1, 't', 'me', 'comment', 'checked the meter')").run();
      expect(() => db.prepare("UPDATE finding_event SET text = 'x'").run()).toThrow(/cannot be changed/);
      // Finalised: the audit log takes no entry but finalising, unlocking, refusals and exports.
      db.prepare("INSERT INTO engagement_lock (action, at, actor, audit_entries, audit_head_hash) VALUES ('finalise', 't', 'me', 1, 'h')").run();
      expect(() => appendAudit(db, { actor: 'me', operation: 'site.set', params: {} })).toThrow(/finalised/);
      for (const operation of ['engagement.changeRefused', 'export']) appendAudit(db, { actor: 'me', operation, params: {} });
      expect(() => db.prepare("INSERT INTO engagement_lock (action, at, actor, reason, audit_entries, audit_head_hash) VALUES ('unlock', 't', 'me', ' ', 1, 'h')").run()).toThrow(/CHECK/);
      db.prepare("INSERT INTO engagement_lock (action, at, actor, reason, audit_entries, audit_head_hash) VALUES ('unlock', 't', 'me', 'late invoice', 1, 'h')").run();
      appendAudit(db, { actor: 'me', operation: 'site.set', params: {} });
      expect(verifyAuditLog(db)).toMatchObject({ intact: true, entries: 4 });
    },
  },
  [ENGAGEMENT_ID_VERSION]: {
    seed: (db) => {
      db.prepare("INSERT INTO engagement (id, created_at, created_by_app, settings_json) VALUES (1, '2026-01-01T00:00:00.000Z', '0.1.0', '{}')").run();
      appendAudit(db, { actor: 'tester', operation: 'engagement.create', params: {}, at: '2026-01-01T00:00:00.000Z' });
    },
    verify: (db) => {
      // An engagement from before ids: its id derives from its first audit entry, the same in every copy.
      const first = db.prepare('SELECT hash FROM audit_log WHERE seq = 1').get() as { hash: string };
      const identity = db.prepare('SELECT engagement_id, assigned FROM engagement_identity').get() as { engagement_id: string; assigned: string };
      expect(identity).toEqual({ engagement_id: derivedEngagementId(first.hash), assigned: 'derived-at-upgrade' });
      expect(identity.engagement_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(verifyAuditLog(db)).toMatchObject({ intact: true, entries: 1 });
      expect(() => db.prepare("INSERT INTO engagement_identity (id, engagement_id, assigned) VALUES (2, '00000000-0000-4000-8000-000000000000', 'at-creation')").run()).toThrow(/CHECK|FOREIGN KEY/);
      db.prepare('DELETE FROM engagement_identity').run();
      expect(() => db.prepare("INSERT INTO engagement_identity (id, engagement_id, assigned) VALUES (1, '../../outside', 'at-creation')").run()).toThrow(/CHECK/);
      },
    },
  4: {
    seed: (db) => {
      seedRecord(db);
    },
    verify: (db) => {
      const revision = () => Object.fromEntries((db.prepare('SELECT input, revision FROM input_revision').all() as { input: string; revision: number }[]).map((row) => [row.input, row.revision]));
      expect(revision()).toEqual({ activity_record: 0, emission_factor: 0, factor_set: 0 });
      // Inserting a record leaves the revision as it is (a new, higher id tells); changing or deleting one counts.
      db.prepare(
        "INSERT INTO activity_record (source_file_id, raw_row_id, column_index, period_start, period_end, activity, meaning, quantity, unit, unit_text) VALUES (1, 1, 0, '2022-05-01', '2022-05-31', 'electricity', 'consumption', 2, 'kWh', 'kWh')",
      ).run();
      expect(revision().activity_record).toBe(0);
      db.prepare('UPDATE activity_record SET quantity = 3 WHERE id = 1').run();
      db.prepare('DELETE FROM activity_record WHERE id = 2').run();
      expect(revision().activity_record).toBe(2);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'calculation_snapshot'").get()).toEqual({ n: 0 });
      // A finding's identity is its variant, record and cause: found again, it is the same row.
      db.prepare("INSERT INTO finding_cause (kind, cause) VALUES ('no-factor', 'no factor')").run();
      db.prepare("INSERT INTO calc_finding (variant, record_id, cause_id, run_id) VALUES ('uncorrected', 1, 1, 1)").run();
      expect(() => db.prepare("INSERT INTO calc_finding (variant, record_id, cause_id, run_id) VALUES ('uncorrected', 1, 1, 2)").run()).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO calc_finding (variant, record_id, cause_id, run_id) VALUES ('uncorrected', 1, 99, 2)").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO calc_run (variant, inputs_sha256, inputs_json, calculated_at, calculated_by, factor_sets_json, periods_json, line_count, finding_count) VALUES ('uncorrected', 'h', '{}', 't', 'me', '[]', '[]', 'many', 0)").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    },
  },
  // Keyed by position: parallel branches' migrations may land before it.
  [MIGRATIONS.indexOf(m005ImportFindings) + 1]: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected) VALUES ('pm.xlsx', '/pm.xlsx', 1, 'x', 'xlsx', 0, 'activity', 't', 'me', '{}', '{}', 1, 1, 0)",
      ).run();
      db.prepare("INSERT INTO raw_row (source_file_id, sheet, row_number, cells_json) VALUES (1, 'Properties', 6, '[]')").run();
    },
    verify: (db) => {
      const insert = db.prepare(
        `INSERT INTO import_finding (source_file_id, raw_row_id, sheet, row_number, column_index, compared_column_index, kind, imported_value, imported_unit, checked_value, checked_unit, checked_converted, difference, tolerance, message)
         VALUES (1, ?, 'Properties', 6, 8, 7, ?, 1000, 'kWh', 4, 'GJ', 1111.1, 111.1, 0.6, 'differs')`,
      );
      insert.run(1, 'twin-disagrees');
      expect(db.prepare('SELECT difference, checked_unit FROM import_finding').get()).toEqual({ difference: 111.1, checked_unit: 'GJ' });
      expect(() => insert.run(1, 'guess')).toThrow(/CHECK/);
      expect(() => insert.run(99, 'twin-only')).toThrow(/FOREIGN KEY/);
    },
  },
  [MIGRATIONS.indexOf(m008VariantsAndValidity) + 1]: {
    seed: (db) => {
      seedRecord(db);
      db.prepare(
        "INSERT INTO factor_set (set_key, publisher, title, edition, year, region, gwp_basis, valid_from, valid_to, licence, attribution, origin, content_sha256, loaded_at) VALUES ('desnz-2020', 'DESNZ', 't', '2020', 2020, 'UK', 'AR4', '2020-01-01', '2020-12-31', 'OGL', 'a', 'library', 'h', 't')",
      ).run();
      db.prepare("INSERT INTO emission_factor (factor_set_id, activity_key, path_json, label, unit_text, biogenic, gases_json, source_rows_json) VALUES (1, 'diesel', '[]', 'Diesel', 'litres', 0, '{}', '{}')").run();
    },
    verify: (db) => {
      // Rows from before have no attributes and no validity of their own: what they meant before.
      expect(db.prepare('SELECT attributes_json FROM activity_record').get()).toEqual({ attributes_json: null });
      expect(db.prepare('SELECT attributes_json, valid_from, valid_to FROM emission_factor').get()).toEqual({ attributes_json: null, valid_from: null, valid_to: null });
      // Setting them is an update, which the input revisions count.
      db.prepare('UPDATE activity_record SET attributes_json = ? WHERE id = 1').run('{"gas":"R-410A"}');
      expect(db.prepare("SELECT revision FROM input_revision WHERE input = 'activity_record'").get()).toEqual({ revision: 1 });
    },
  },
  [MIGRATIONS.indexOf(m010RecordChecks) + 1]: {
    seed: (db) => {
      seedRecord(db);
      const insert = db.prepare(
        `INSERT INTO activity_record (id, source_file_id, raw_row_id, column_index, site, entity, region, period_start, period_end, activity, meaning, quantity, unit, unit_basis, unit_text, scope3_category, instrument, notes, attributes_json)
         VALUES (?, 1, 1, ?, 'DC North', 'Ops Ltd', 'UK', '2022-04-01', '2022-04-30', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      insert.run(7, 3, 'natural_gas', 'consumption', 1234.5678901234567, 'kWh', 'gross', 'kWh (GCV)', null, null, 'estimated', null);
      insert.run(9, 4, 'electricity', 'instrument', 0.1, 'kWh', 'unspecified', 'kWh', null, 'REGO-1', null, null);
      insert.run(12, 5, 'refrigerant', 'consumption', 2, 'kg', null, 'kg', 1, null, null, '{"gas":"R-410A"}');
      // A row pointing at a record: the rebuild must leave it pointing at the same record.
      db.prepare("INSERT INTO adjustment (kind, record_id, factor_id, details_json, reason, proposed_at, proposed_by) VALUES ('exclude-record', 9, NULL, '{}', 'duplicate', 't', 'auditor')").run();
      recordsBeforeRebuild = allRecords(db);
    },
    verify: (db) => {
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'activity_record'").pluck().get()).not.toMatch(/ IN \(/);
      // Every record kept with its id and every value exactly as it was.
      expect(allRecords(db)).toEqual(recordsBeforeRebuild);
      expect(db.prepare('SELECT record_id FROM adjustment').get()).toEqual({ record_id: 9 });
      // The same rules: a NULL basis passes, anything off the lists fails; references still hold.
      const insert = db.prepare(
        "INSERT INTO activity_record (source_file_id, raw_row_id, column_index, period_start, period_end, activity, meaning, quantity, unit, unit_basis, unit_text) VALUES (1, ?, 0, '2022-05-01', ?, 'electricity', ?, 1, 'kWh', ?, 'kWh')",
      );
      insert.run(1, '2022-05-31', 'avoided', null);
      insert.run(1, '2022-05-31', 'denominator', 'net');
      expect(() => insert.run(1, '2022-05-31', 'guess', null)).toThrow(/CHECK/);
      expect(() => insert.run(1, '2022-05-31', 'consumption', 'Gross')).toThrow(/CHECK/);
      expect(() => insert.run(1, '2022-04-30', 'consumption', null)).toThrow(/CHECK/);
      expect(() => insert.run(999, '2022-05-31', 'consumption', null)).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare('DELETE FROM activity_record WHERE id = 9').run()).toThrow(/FOREIGN KEY/);
      // Its triggers are back: a change counts as a revision of the records.
      db.prepare('UPDATE activity_record SET quantity = 3 WHERE id = 1').run();
      expect(db.prepare("SELECT revision FROM input_revision WHERE input = 'activity_record'").get()).toEqual({ revision: 1 });
    },
  },
  [MIGRATIONS.indexOf(m011TableIndexes) + 1]: {
    seed: (db) => seedRecord(db),
    verify: (db) => {
      // A page of records sorted by any sortable column walks that column's index: no sort of every record.
      for (const column of ['site', 'period_start', 'activity', 'quantity', 'raw_row_id']) {
        for (const direction of ['ASC', 'DESC']) {
          const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM activity_record ORDER BY ${column} ${direction}, id ${direction} LIMIT 100 OFFSET 500000`).all() as { detail: string }[];
          expect(plan.map((step) => step.detail).join('; ')).toMatch(new RegExp(`^SCAN activity_record USING (COVERING )?INDEX activity_record_by_\\w+$`));
        }
      }
    },
  },
  [MIGRATIONS.indexOf(m012RecordPagingIndexes) + 1]: {
    seed: (db) => seedRecord(db),
    verify: (db) => {
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((step) => step.detail).join('; ');
      // Records by id, deep into the table, walk the narrow index of ids, not the table's full rows; so does a count.
      for (const direction of ['ASC', 'DESC']) {
        expect(plan(`SELECT id FROM activity_record ORDER BY id ${direction} LIMIT 100 OFFSET 500000`)).toBe('SCAN activity_record USING COVERING INDEX activity_record_by_id');
      }
      expect(plan('SELECT count(*) FROM activity_record')).toMatch(/^SCAN activity_record USING COVERING INDEX /);
      // One source file's records are found, counted and put in id order through their own index: no scan, no sort.
      expect(plan('SELECT id FROM activity_record WHERE source_file_id = 1 ORDER BY id DESC LIMIT 100 OFFSET 500')).toBe('SEARCH activity_record USING COVERING INDEX activity_record_by_source_file (source_file_id=?)');
      expect(plan('SELECT count(*) FROM activity_record WHERE source_file_id = 1')).toBe('SEARCH activity_record USING COVERING INDEX activity_record_by_source_file (source_file_id=?)');
      expect(db.prepare('SELECT id, source_file_id FROM activity_record').all()).toEqual([{ id: 1, source_file_id: 1 }]);
    },
  },
  [MIGRATIONS.indexOf(m013SourceWithdrawal) + 1]: {
    seed: (db) => seedRecord(db),
    verify: (db) => {
      const live = () => db.prepare('SELECT id FROM live_activity_record').pluck().all();
      expect(live()).toEqual([1]);
      const withdrawal = db.prepare("INSERT INTO source_withdrawal (source_file_id, withdrawn_at, withdrawn_by, reason) VALUES (1, 't', 'auditor', 'wrong unit')").run().lastInsertRowid;
      // Withdrawn: the record stays in the engagement, out of the records the calculation reads.
      expect(live()).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM activity_record').pluck().get()).toBe(1);
      expect(db.prepare('SELECT source_file_id FROM withdrawn_source').pluck().all()).toEqual([1]);
      expect(() => db.prepare("INSERT INTO source_withdrawal (source_file_id, withdrawn_at, withdrawn_by, reason) VALUES (1, 't', 'auditor', ' ')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE source_withdrawal SET reason = 'other'").run()).toThrow(/cannot be changed/);
      expect(() => db.prepare('DELETE FROM source_withdrawal').run()).toThrow(/cannot be deleted/);
      db.prepare("INSERT INTO source_reinstatement (withdrawal_id, reinstated_at, reinstated_by, reason) VALUES (?, 't', 'auditor', 'the unit was right')").run(withdrawal);
      expect(live()).toEqual([1]);
      expect(() => db.prepare('DELETE FROM source_reinstatement').run()).toThrow(/cannot be deleted/);
      expect(() => db.prepare('INSERT INTO source_replacement (replacement_id, withdrawal_id) VALUES (99, ?)').run(withdrawal)).toThrow(/FOREIGN KEY/);
      // The calculation pages the live records by id through the table's rowid, as it did the table.
      const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT id, quantity FROM live_activity_record WHERE id > 0 ORDER BY id LIMIT 100').all() as { detail: string }[]).map((step) => step.detail);
      expect(plan[0]).toMatch(/^SEARCH activity_record USING INTEGER PRIMARY KEY \(rowid>\?\)$/);
    },
  },
  [MIGRATIONS.indexOf(m014CheckTriggers) + 1]: {
    seed: (db) => {
      seedRecord(db);
      db.prepare("INSERT INTO review_run (id, run_at, run_by, trigger, scope_json, summary_json) VALUES (4, 't', 'auditor', 'import', '{}', '{\"runId\":4}')").run();
      db.prepare("INSERT INTO finding (identity, source, rule, subject, cause_sha256, links_sha256, severity, message, figures_json, at_stake_estimated, status, status_at, status_by, found_at, found_run_id, record_count, row_count) VALUES ('r/x/1', 'rule', 'x', '1', 'c', 'l', 'low', 'm', '{}', 0, 'open', 't', 'auditor', 't', 4, 1, 0)").run();
      db.prepare("INSERT INTO finding_event (finding_id, at, actor, kind, run_id) VALUES (1, 't', 'auditor', 'found', 4)").run();
    },
    verify: (db) => {
      // Every run kept with its id: the findings still point at the run that found them.
      expect(db.prepare('SELECT id, trigger, summary_json FROM review_run').all()).toEqual([{ id: 4, trigger: 'import', summary_json: '{"runId":4}' }]);
      expect(db.prepare('SELECT r.trigger FROM finding f JOIN review_run r ON r.id = f.found_run_id').pluck().all()).toEqual(['import']);
      const run = db.prepare("INSERT INTO review_run (run_at, run_by, trigger, scope_json, summary_json) VALUES ('t', 'auditor', ?, '{}', '{}')");
      for (const trigger of ['on-demand', 'source-withdrawal', 'source-reinstatement', 'source-replacement']) run.run(trigger);
      expect(() => run.run('withdrawal')).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO finding_event (finding_id, at, actor, kind, run_id) VALUES (1, 't', 'auditor', 'comment', 99)").run()).toThrow(/FOREIGN KEY/);
    },
  },
  // Keyed by its place in the list: the number a migration gets depends on which branches landed first.
  [MIGRATIONS.indexOf(m007Reconciliation) + 1]: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected) VALUES ('r.csv', '/r.csv', 1, 'y', 'csv', 0, 'claims', 't', 'me', '{}', '{}', 4, 4, 0)",
      ).run();
      const raw = db.prepare("INSERT INTO raw_row (source_file_id, sheet, row_number, cells_json) VALUES (1, 'r', 2, '[]')").run().lastInsertRowid;
      const claim = db.prepare("INSERT INTO claim (source_file_id, raw_row_id, metric, period, value, unit) VALUES (1, ?, ?, 'FY2023', ?, ?)");
      // Stored before percentages were read as fractions: the number written beside the unit.
      claim.run(raw, 'Clean share', 53.9, '%');
      claim.run(raw, 'Renewable share', 0.5, '%');
      claim.run(raw, 'Scope 1', 1234.5, 'tCO2e');
      db.prepare("INSERT INTO target (source_file_id, raw_row_id, metric, target_type, target_value, unit, base_period, target_period) VALUES (1, ?, 'Net', 'percent-change-vs-base', -42, '%', 'FY2020', 'FY2030')").run(raw);
    },
    verify: (db) => {
      // Percent points became their exact fraction; a number from 0 to 1 could be either, so it keeps no evidence.
      expect(db.prepare('SELECT metric, value, unit, percent_evidence FROM claim ORDER BY id').all()).toEqual([
        { metric: 'Clean share', value: 0.539, unit: '%', percent_evidence: 'unit-column' },
        { metric: 'Renewable share', value: 0.5, unit: '%', percent_evidence: null },
        { metric: 'Scope 1', value: 1234.5, unit: 'tCO2e', percent_evidence: null },
      ]);
      expect(db.prepare('SELECT target_value, percent_evidence FROM target').get()).toEqual({ target_value: -0.42, percent_evidence: 'unit-column' });
      // Adjustments name who, when and why, and are never edited.
      const adjustment = db.prepare(
        "INSERT INTO adjustment (kind, record_id, factor_id, details_json, reason, proposed_at, proposed_by) VALUES ('add-record', NULL, NULL, '{}', 'missing invoice', 't', 'auditor')",
      ).run().lastInsertRowid;
      expect(() => db.prepare("INSERT INTO adjustment (kind, record_id, factor_id, details_json, reason, proposed_at, proposed_by) VALUES ('add-record', NULL, NULL, '{}', '  ', 't', 'auditor')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO adjustment (kind, record_id, factor_id, details_json, reason, proposed_at, proposed_by) VALUES ('exclude-record', NULL, NULL, '{}', 'dup', 't', 'auditor')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE adjustment SET reason = 'other' WHERE id = ?").run(adjustment)).toThrow(/cannot be changed/);
      expect(() => db.prepare('DELETE FROM adjustment WHERE id = ?').run(adjustment)).toThrow(/cannot be deleted/);
      db.prepare("INSERT INTO adjustment_withdrawal (adjustment_id, withdrawn_at, withdrawn_by, reason) VALUES (?, 't', 'auditor', 'found the invoice')").run(adjustment);
      expect(() => db.prepare("INSERT INTO claim_match (claim_id, figure, note, decided_at, decided_by) VALUES (1, NULL, NULL, 't', 'auditor')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO claim_match (claim_id, figure, note, decided_at, decided_by) VALUES (99, 'scope1', NULL, 't', 'auditor')").run()).toThrow(/FOREIGN KEY/);
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
