import type { Migration } from './index';

/**
 * The reporting boundary, the factor versions an engagement is frozen on, and calculation
 * snapshots. Results themselves are derived data, recomputed from records and frozen factors;
 * a snapshot keeps what each figure was, so a recalculation can show its before/after diff.
 */
export const m003Inventory: Migration = {
  name: 'boundary, frozen factor sets, calculation snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE site (
        name TEXT PRIMARY KEY,
        entity TEXT,
        region TEXT,
        ownership_percent REAL NOT NULL DEFAULT 100 CHECK (ownership_percent BETWEEN 0 AND 100),
        operational_control INTEGER NOT NULL DEFAULT 1 CHECK (operational_control IN (0, 1)),
        financial_control INTEGER NOT NULL DEFAULT 1 CHECK (financial_control IN (0, 1)),
        is_data_centre INTEGER NOT NULL DEFAULT 0 CHECK (is_data_centre IN (0, 1))
      ) STRICT;

      -- The factor set versions calculations use. Loading a newer library adds versions beside
      -- these; nothing changes until the auditor recalculates, which re-freezes and is logged.
      CREATE TABLE frozen_factor_set (
        factor_set_id INTEGER PRIMARY KEY REFERENCES factor_set (id),
        frozen_at TEXT NOT NULL,
        frozen_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE calculation_snapshot (
        id INTEGER PRIMARY KEY,
        calculated_at TEXT NOT NULL,
        calculated_by TEXT NOT NULL,
        factor_set_ids_json TEXT NOT NULL,
        inputs_sha256 TEXT NOT NULL,
        figures_json TEXT NOT NULL
      ) STRICT;
    `);
  },
};
