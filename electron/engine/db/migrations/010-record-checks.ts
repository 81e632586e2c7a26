import { revisionTrigger } from './004-stored-results';
import type { Migration } from './index';

/**
 * activity_record's CHECK constraints, the same rules written as OR chains: SQLite evaluates a
 * CHECK's `x IN (...)` list on every insert at a cost that was a fifth of writing a record, which
 * a million-row import pays a million times; `x = 'a' OR x = 'b'` holds and fails for exactly
 * the same values (a NULL passes both). SQLite cannot change a CHECK in place, so the table is
 * rebuilt (SQLite's documented procedure: migrate() runs it with foreign keys off and checks them
 * before committing), every row copied with its id, and its triggers made again.
 */
export const m010RecordChecks: Migration = {
  name: 'activity records: the same CHECK rules in a form SQLite checks cheaply',
  up(db) {
    db.exec(`
      CREATE TABLE activity_record_rebuilt (
        id INTEGER PRIMARY KEY,
        source_file_id INTEGER NOT NULL REFERENCES source_file (id),
        raw_row_id INTEGER NOT NULL REFERENCES raw_row (id),
        column_index INTEGER NOT NULL,
        site TEXT,
        entity TEXT,
        region TEXT,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        activity TEXT NOT NULL,
        meaning TEXT NOT NULL CHECK (meaning = 'consumption' OR meaning = 'instrument' OR meaning = 'metric' OR meaning = 'avoided' OR meaning = 'denominator'),
        quantity REAL NOT NULL,
        unit TEXT NOT NULL,
        unit_basis TEXT CHECK (unit_basis = 'gross' OR unit_basis = 'net' OR unit_basis = 'unspecified'),
        unit_text TEXT NOT NULL,
        scope3_category INTEGER CHECK (scope3_category BETWEEN 1 AND 15),
        instrument TEXT,
        notes TEXT,
        attributes_json TEXT,
        CHECK (period_end >= period_start)
      ) STRICT;
      INSERT INTO activity_record_rebuilt (id, source_file_id, raw_row_id, column_index, site, entity, region, period_start, period_end, activity, meaning, quantity, unit, unit_basis, unit_text, scope3_category, instrument, notes, attributes_json)
        SELECT id, source_file_id, raw_row_id, column_index, site, entity, region, period_start, period_end, activity, meaning, quantity, unit, unit_basis, unit_text, scope3_category, instrument, notes, attributes_json FROM activity_record;
      DROP TABLE activity_record;
      ALTER TABLE activity_record_rebuilt RENAME TO activity_record;
      ${revisionTrigger('activity_record', 'UPDATE')}
      ${revisionTrigger('activity_record', 'DELETE')}
    `);
  },
};
