import { isPercentUnit, percentPointsToFraction } from '../../../../shared/import/values';
import type { Migration } from './index';

const PERCENT_EVIDENCE = `CHECK (percent_evidence IN ('number-format', 'percent-text', 'unit-column'))`;

/**
 * Reconciliation: how reported figures and targets are read (a percentage is stored as its
 * fraction, with how import knew), the auditor's matches of claims to figures and readings of
 * targets, and adjustments. Adjustments are proposed corrections kept apart from the source data:
 * never changed once written (a withdrawal is a row of its own), every one logged.
 */
export const m007Reconciliation: Migration = {
  name: 'percentages as fractions, reported precision, claim matches, target readings, adjustments',
  up(db) {
    db.exec(`
      ALTER TABLE claim ADD COLUMN percent_evidence TEXT ${PERCENT_EVIDENCE};
      -- Decimal places the company showed (in percent points for a percentage), when the file says.
      ALTER TABLE claim ADD COLUMN reported_decimals INTEGER CHECK (reported_decimals BETWEEN 0 AND 30);
      ALTER TABLE target ADD COLUMN percent_evidence TEXT ${PERCENT_EVIDENCE};

      -- The figure the auditor confirmed a claim is about; NULL: the claim is about no figure of
      -- the inventory (with the auditor's note). Changed matches replace the row; the audit log keeps each.
      CREATE TABLE claim_match (
        claim_id INTEGER PRIMARY KEY REFERENCES claim (id),
        figure TEXT,
        note TEXT,
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        CHECK (figure IS NOT NULL OR note IS NOT NULL)
      ) STRICT;

      -- The figure and kind the auditor confirmed a target is (the import keeps only its words).
      CREATE TABLE target_reading (
        target_id INTEGER PRIMARY KEY REFERENCES target (id),
        figure TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('absolute', 'percent-vs-base', 'percent-vs-prior', 'threshold', 'linear-pathway', 'net-zero', 'carbon-neutral')),
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE adjustment (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('exclude-record', 'correct-record', 'replace-factor', 'add-record')),
        record_id INTEGER REFERENCES activity_record (id),
        factor_id INTEGER REFERENCES emission_factor (id),
        -- What the correction sets: a quantity and unit, a replacement factor, or a whole new record.
        details_json TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        proposed_at TEXT NOT NULL,
        proposed_by TEXT NOT NULL,
        CHECK ((record_id IS NOT NULL) = (kind IN ('exclude-record', 'correct-record'))),
        CHECK ((factor_id IS NOT NULL) = (kind = 'replace-factor'))
      ) STRICT;

      CREATE TABLE adjustment_claim (
        adjustment_id INTEGER NOT NULL REFERENCES adjustment (id),
        claim_id INTEGER NOT NULL REFERENCES claim (id),
        PRIMARY KEY (adjustment_id, claim_id)
      ) STRICT;

      CREATE TABLE adjustment_withdrawal (
        adjustment_id INTEGER PRIMARY KEY REFERENCES adjustment (id),
        withdrawn_at TEXT NOT NULL,
        withdrawn_by TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
      ) STRICT;

      CREATE TRIGGER adjustment_is_append_only_update BEFORE UPDATE ON adjustment
      BEGIN SELECT RAISE(ABORT, 'adjustments cannot be changed: withdraw one and propose another'); END;
      CREATE TRIGGER adjustment_is_append_only_delete BEFORE DELETE ON adjustment
      BEGIN SELECT RAISE(ABORT, 'adjustments cannot be deleted: withdraw them'); END;
    `);
    // Before this version a percentage was stored as the number written beside its '%' unit. Those
    // that can only be percent points become their fraction; one from 0 to 1 could be either, and
    // keeps no evidence, so reconciliation lists it to be imported again.
    for (const table of ['claim', 'target'] as const) {
      const column = table === 'claim' ? 'value' : 'target_value';
      const rows = db.prepare(`SELECT id, ${column} AS value, unit FROM ${table} WHERE unit IS NOT NULL`).all() as { id: number; value: number; unit: string }[];
      const update = db.prepare(`UPDATE ${table} SET ${column} = ?, percent_evidence = 'unit-column' WHERE id = ?`);
      for (const row of rows) {
        if (isPercentUnit(row.unit) && (row.value === 0 || Math.abs(row.value) > 1)) update.run(percentPointsToFraction(row.value), row.id);
      }
    }
  },
};
