import { appendOnly } from './009-review';
import type { Migration } from './index';

/**
 * Withdrawn source files. An import found wrong after the fact (a column read in the wrong unit or
 * calorific basis, the wrong sheet) is withdrawn, with the reason, instead of being corrected record
 * by record: its file, rows and records stay in the engagement for the record, but its records,
 * claims and targets take no part in the calculation, reconciliation or checks. A withdrawal is a
 * row of its own, never changed; reinstating it adds a row too. A replacement links the import
 * that replaced a withdrawn file to that withdrawal (made in the replacement's own transaction).
 *
 * - withdrawn_source: the files withdrawn now (a withdrawal without its reinstatement).
 * - live_activity_record: the records of the files not withdrawn: what the calculation reads.
 */
export const m013SourceWithdrawal: Migration = {
  name: 'source withdrawals, reinstatements and replacements',
  up(db) {
    db.exec(`
      CREATE TABLE source_withdrawal (
        id INTEGER PRIMARY KEY,
        source_file_id INTEGER NOT NULL REFERENCES source_file (id),
        withdrawn_at TEXT NOT NULL,
        withdrawn_by TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
      ) STRICT;
      CREATE INDEX source_withdrawal_by_source_file ON source_withdrawal (source_file_id);

      CREATE TABLE source_reinstatement (
        withdrawal_id INTEGER PRIMARY KEY REFERENCES source_withdrawal (id),
        reinstated_at TEXT NOT NULL,
        reinstated_by TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
      ) STRICT;

      CREATE TABLE source_replacement (
        replacement_id INTEGER PRIMARY KEY REFERENCES source_file (id),
        withdrawal_id INTEGER NOT NULL UNIQUE REFERENCES source_withdrawal (id)
      ) STRICT;

      ${appendOnly('source_withdrawal', 'a source file’s withdrawal')}
      ${appendOnly('source_reinstatement', 'a source file’s reinstatement')}
      ${appendOnly('source_replacement', 'a source file’s replacement')}

      CREATE VIEW withdrawn_source AS
        SELECT w.source_file_id FROM source_withdrawal w WHERE NOT EXISTS (SELECT 1 FROM source_reinstatement r WHERE r.withdrawal_id = w.id);
      CREATE VIEW live_activity_record AS
        SELECT * FROM activity_record WHERE source_file_id NOT IN (SELECT source_file_id FROM withdrawn_source);
    `);
  },
};
