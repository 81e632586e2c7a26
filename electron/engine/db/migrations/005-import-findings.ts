import type { Migration } from './index';

/**
 * Findings an import makes in the data without refusing a row: a twin column (the same quantity
 * in another unit, not imported) that disagrees with the column imported, holds a value the
 * imported column lacks, or cannot be read. Each keeps its file, sheet, row and columns, both
 * values and their difference, so the auditor can trace it to the cells. Source data is never
 * edited; a later review workflow gives findings their statuses.
 */
export const m005ImportFindings: Migration = {
  name: 'import findings: twin columns checked against the columns imported',
  up(db) {
    db.exec(`
      CREATE TABLE import_finding (
        id INTEGER PRIMARY KEY,
        source_file_id INTEGER NOT NULL REFERENCES source_file (id),
        raw_row_id INTEGER NOT NULL REFERENCES raw_row (id),
        sheet TEXT NOT NULL,
        row_number INTEGER NOT NULL,
        -- The twin column checked, and the imported column it repeats (0-based).
        column_index INTEGER NOT NULL,
        compared_column_index INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('twin-disagrees', 'twin-only', 'twin-unreadable')),
        imported_value REAL,
        imported_unit TEXT NOT NULL,
        checked_value REAL,
        checked_unit TEXT NOT NULL,
        -- The twin's value in the imported unit, its difference from the imported value, and
        -- the difference rounding of the two values explains.
        checked_converted REAL,
        difference REAL,
        tolerance REAL,
        message TEXT NOT NULL
      ) STRICT;
      CREATE INDEX import_finding_by_source ON import_finding (source_file_id);
    `);
  },
};
