import type { Migration } from './index';

/**
 * Imported evidence and what was mapped from it. Source bytes and raw rows are never edited:
 * every record, factor, target and claim points back to the raw row it came from.
 */
export const m002Import: Migration = {
  name: 'source files, raw rows, records, factors, targets, claims, mappings',
  up(db) {
    db.exec(`
      CREATE TABLE source_file (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        original_path TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('xlsx', 'xlsm', 'csv')),
        has_macros INTEGER NOT NULL CHECK (has_macros IN (0, 1)),
        kind TEXT NOT NULL CHECK (kind IN ('activity', 'factors', 'targets', 'claims')),
        -- The sheet the mapping named; NULL when it applied to every sheet of the file.
        sheet TEXT,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        control_totals_json TEXT NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_imported INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX source_file_by_hash ON source_file (sha256);

      -- Original bytes kept as evidence, in chunks written as the file is read, so memory stays
      -- bounded; a file over the configured cap keeps only its hash and the reason.
      CREATE TABLE source_evidence (
        source_file_id INTEGER PRIMARY KEY REFERENCES source_file (id),
        stored INTEGER NOT NULL CHECK (stored IN (0, 1)),
        omitted_reason TEXT,
        CHECK ((stored = 1) = (omitted_reason IS NULL))
      ) STRICT;

      CREATE TABLE source_evidence_chunk (
        source_file_id INTEGER NOT NULL REFERENCES source_evidence (source_file_id),
        chunk_index INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (source_file_id, chunk_index)
      ) STRICT;

      CREATE TABLE raw_row (
        id INTEGER PRIMARY KEY,
        source_file_id INTEGER NOT NULL REFERENCES source_file (id),
        sheet TEXT NOT NULL,
        row_number INTEGER NOT NULL,
        cells_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE rejected_row (
        id INTEGER PRIMARY KEY,
        source_file_id INTEGER NOT NULL REFERENCES source_file (id),
        sheet TEXT NOT NULL,
        row_number INTEGER NOT NULL,
        column_index INTEGER,
        reason TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rejected_row_by_source ON rejected_row (source_file_id);

      CREATE TABLE activity_record (
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
        meaning TEXT NOT NULL CHECK (meaning IN ('consumption', 'instrument', 'metric', 'avoided', 'denominator')),
        quantity REAL NOT NULL,
        unit TEXT NOT NULL,
        unit_basis TEXT CHECK (unit_basis IN ('gross', 'net', 'unspecified')),
        unit_text TEXT NOT NULL,
        scope3_category INTEGER CHECK (scope3_category BETWEEN 1 AND 15),
        instrument TEXT,
        notes TEXT,
        CHECK (period_end >= period_start)
      ) STRICT;

      CREATE TABLE factor_set (
        id INTEGER PRIMARY KEY,
        set_key TEXT NOT NULL,
        publisher TEXT NOT NULL,
        title TEXT NOT NULL,
        edition TEXT NOT NULL,
        year INTEGER,
        region TEXT,
        gwp_basis TEXT NOT NULL CHECK (gwp_basis IN ('AR4', 'AR5', 'AR6')),
        valid_from TEXT,
        valid_to TEXT,
        licence TEXT NOT NULL,
        attribution TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('library', 'import')),
        source_file_id INTEGER REFERENCES source_file (id),
        content_sha256 TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        UNIQUE (set_key, content_sha256)
      ) STRICT;

      CREATE TABLE emission_factor (
        id INTEGER PRIMARY KEY,
        factor_set_id INTEGER NOT NULL REFERENCES factor_set (id),
        activity_key TEXT,
        path_json TEXT NOT NULL,
        label TEXT NOT NULL,
        unit_text TEXT NOT NULL,
        region TEXT,
        scope TEXT,
        biogenic INTEGER NOT NULL CHECK (biogenic IN (0, 1)),
        co2e_per_unit_kg REAL,
        gases_json TEXT NOT NULL,
        source_rows_json TEXT NOT NULL,
        raw_row_id INTEGER REFERENCES raw_row (id)
      ) STRICT;
      CREATE INDEX emission_factor_by_activity ON emission_factor (activity_key, factor_set_id);

      CREATE TABLE target (
        id INTEGER PRIMARY KEY,
        source_file_id INTEGER NOT NULL REFERENCES source_file (id),
        raw_row_id INTEGER NOT NULL REFERENCES raw_row (id),
        metric TEXT NOT NULL,
        target_type TEXT NOT NULL,
        target_value REAL NOT NULL,
        unit TEXT,
        base_period TEXT,
        target_period TEXT NOT NULL,
        notes TEXT
      ) STRICT;

      CREATE TABLE claim (
        id INTEGER PRIMARY KEY,
        source_file_id INTEGER NOT NULL REFERENCES source_file (id),
        raw_row_id INTEGER NOT NULL REFERENCES raw_row (id),
        metric TEXT NOT NULL,
        period TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT,
        site TEXT,
        notes TEXT
      ) STRICT;

      CREATE TABLE mapping_template (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
