import { FINDING_SEVERITIES, FINDING_SOURCES, FINDING_STATUSES } from '../../../../shared/review/findings';
import { SIGN_OFF_AREAS, SIGN_OFF_ROLES } from '../../../../shared/review/sign-off';
import { VOUCHING_RESULTS } from '../../../../shared/review/vouching';
import { SAMPLE_METHODS, SAMPLE_STRATIFICATIONS } from '../../../../shared/review/sampling';
import { OPERATIONS_WHEN_FINALISED } from '../finalised';
import type { Migration } from './index';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export const appendOnly = (table: string, what: string) => `
  CREATE TRIGGER ${table}_is_append_only_update BEFORE UPDATE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${what} cannot be changed: add a new one'); END;
  CREATE TRIGGER ${table}_is_append_only_delete BEFORE DELETE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${what} cannot be deleted'); END;`;

/**
 * The review: findings from every source with their status, comments and the adjustment each led
 * to; the check runs that raised them and the rule parameters they ran with; samples and their
 * vouching; sign-offs per area; and finalisation, which makes the engagement read-only.
 */
export const m009Review: Migration = {
  name: 'review: findings, check runs, rule parameters, samples, sign-offs, finalisation',
  up(db) {
    db.exec(`
      -- A rejected row (or a finding's row) is shown beside its cells as read: found by position.
      CREATE INDEX raw_row_by_position ON raw_row (source_file_id, sheet, row_number);

      -- Parameters the engagement sets for a rule; a rule not listed runs on its defaults.
      CREATE TABLE review_rule_setting (
        rule TEXT PRIMARY KEY,
        parameters_json TEXT NOT NULL,
        set_at TEXT NOT NULL,
        set_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE review_run (
        id INTEGER PRIMARY KEY,
        run_at TEXT NOT NULL,
        run_by TEXT NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('on-demand', 'import')),
        -- The sources and rules the run covered, with the parameters each rule ran with.
        scope_json TEXT NOT NULL,
        summary_json TEXT NOT NULL
      ) STRICT;

      -- One row per thing found, whatever found it. The identity (source, rule, subject) is stable
      -- across reruns; cause_sha256 fingerprints what raised it, so a changed cause reopens it.
      CREATE TABLE finding (
        id INTEGER PRIMARY KEY,
        identity TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL CHECK (source IN (${list(FINDING_SOURCES)})),
        rule TEXT NOT NULL,
        subject TEXT NOT NULL,
        cause_sha256 TEXT NOT NULL,
        -- The records and rows it names; a change refreshes the links without reopening it.
        links_sha256 TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN (${list(FINDING_SEVERITIES)})),
        message TEXT NOT NULL,
        site TEXT,
        activity TEXT,
        period TEXT,
        figures_json TEXT NOT NULL,
        tco2e_at_stake REAL,
        at_stake_estimated INTEGER NOT NULL CHECK (at_stake_estimated IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN (${list(FINDING_STATUSES)})),
        status_at TEXT NOT NULL,
        status_by TEXT NOT NULL,
        -- The adjustment the finding led to (reconciliation's adjustments); 'adjusted' follows from it.
        adjustment_id INTEGER,
        found_at TEXT NOT NULL,
        found_run_id INTEGER REFERENCES review_run (id),
        -- Set when a rerun no longer raises it: kept, with its history, but no longer current.
        resolved_run_id INTEGER REFERENCES review_run (id),
        record_count INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        CHECK ((status = 'adjusted') = (adjustment_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX finding_by_source_rule ON finding (source, rule);
      CREATE INDEX finding_by_status ON finding (status, severity);
      CREATE INDEX finding_by_site ON finding (site);
      CREATE INDEX finding_by_resolution ON finding (resolved_run_id);

      CREATE TABLE finding_record (
        finding_id INTEGER NOT NULL REFERENCES finding (id),
        record_id INTEGER NOT NULL REFERENCES activity_record (id),
        PRIMARY KEY (finding_id, record_id)
      ) STRICT;

      CREATE TABLE finding_row (
        finding_id INTEGER NOT NULL REFERENCES finding (id),
        raw_row_id INTEGER NOT NULL REFERENCES raw_row (id),
        PRIMARY KEY (finding_id, raw_row_id)
      ) STRICT;

      -- A finding's history: comments, status changes (with the adjustment they name), and what
      -- reruns did to it (found again, cause changed, no longer found). Never changed once written.
      CREATE TABLE finding_event (
        id INTEGER PRIMARY KEY,
        finding_id INTEGER NOT NULL REFERENCES finding (id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('found', 'comment', 'status', 'cause-changed', 'resolved', 'found-again')),
        status_from TEXT,
        status_to TEXT,
        adjustment_id INTEGER,
        text TEXT,
        run_id INTEGER REFERENCES review_run (id)
      ) STRICT;
      CREATE INDEX finding_event_by_finding ON finding_event (finding_id, id);
      ${appendOnly('finding_event', 'a finding’s history')}

      CREATE TABLE sample (
        id INTEGER PRIMARY KEY,
        drawn_at TEXT NOT NULL,
        drawn_by TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN (${list(SAMPLE_METHODS)})),
        population TEXT NOT NULL CHECK (population IN ('records', 'lines')),
        stratify_by TEXT CHECK (stratify_by IN (${list(SAMPLE_STRATIFICATIONS)})),
        size INTEGER NOT NULL CHECK (size >= 1),
        -- A whole number up to 2^64 - 1, kept as its decimal text.
        seed TEXT NOT NULL,
        population_count INTEGER NOT NULL,
        population_tco2e REAL NOT NULL,
        population_sha256 TEXT NOT NULL,
        not_sampleable INTEGER NOT NULL,
        strata_json TEXT NOT NULL,
        note TEXT
      ) STRICT;
      ${appendOnly('sample', 'a sample')}

      CREATE TABLE sample_item (
        sample_id INTEGER NOT NULL REFERENCES sample (id),
        draw_order INTEGER NOT NULL,
        item_key TEXT NOT NULL,
        population_index INTEGER NOT NULL,
        record_id INTEGER NOT NULL REFERENCES activity_record (id),
        fiscal_year TEXT,
        basis TEXT,
        stratum TEXT NOT NULL,
        hits INTEGER NOT NULL,
        site TEXT,
        activity TEXT NOT NULL,
        quantity REAL NOT NULL,
        unit TEXT NOT NULL,
        tco2e REAL,
        result TEXT CHECK (result IN (${list(VOUCHING_RESULTS)})),
        comment TEXT,
        vouched_at TEXT,
        vouched_by TEXT,
        finding_id INTEGER REFERENCES finding (id),
        PRIMARY KEY (sample_id, draw_order),
        CHECK ((result IS NULL) = (vouched_at IS NULL))
      ) STRICT;

      CREATE TABLE sign_off (
        id INTEGER PRIMARY KEY,
        area TEXT NOT NULL CHECK (area IN (${list(SIGN_OFF_AREAS)})),
        role TEXT NOT NULL CHECK (role IN (${list(SIGN_OFF_ROLES)})),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        comment TEXT,
        -- The audit log it signs off: its entries and head hash before the sign-off's own entry.
        audit_entries INTEGER NOT NULL,
        audit_head_hash TEXT NOT NULL
      ) STRICT;
      ${appendOnly('sign_off', 'a sign-off')}

      -- Finalisations and unlocks, in order; the last one says whether the engagement is read-only.
      CREATE TABLE engagement_lock (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('finalise', 'unlock')),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT,
        audit_entries INTEGER NOT NULL,
        audit_head_hash TEXT NOT NULL,
        CHECK (action = 'finalise' OR length(trim(reason)) > 0)
      ) STRICT;
      ${appendOnly('engagement_lock', 'a finalisation or unlock')}

      CREATE TRIGGER finalised_engagement_is_read_only BEFORE INSERT ON audit_log
      WHEN (SELECT action FROM engagement_lock ORDER BY id DESC LIMIT 1) = 'finalise'
       AND NEW.operation NOT IN (${list(OPERATIONS_WHEN_FINALISED)})
      BEGIN SELECT RAISE(ABORT, 'The engagement is finalised: it is read-only until it is unlocked with a reason'); END;
    `);
  },
};
