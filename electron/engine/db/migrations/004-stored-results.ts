import type { Migration } from './index';

/**
 * Stored calculation results, so trace, the screens, reconciliation and export read them instead
 * of recalculating; and what tells them apart from their inputs when those change.
 *
 * - calc_run: one stored calculation per variant (the records as imported; a later feature adds
 *   the records as adjusted), with the hash of everything it depends on and the figures per
 *   fiscal year and site. Its lines, groups and pricings hang off it and go with it.
 * - calc_line, calc_group, calc_pricing: every result line, in record order, pointing at its
 *   group (fiscal year, site, activity, basis, Scope 3 category, with the group's exact sum) and
 *   its pricing (factor, exact conversion and kg CO2e per unit).
 * - finding_cause and calc_finding: findings one per record and cause, identified by variant,
 *   record and cause so a finding keeps its id through a recalculation that finds it again;
 *   calc_finding_group: each run's findings grouped by cause, with examples.
 * - input_revision: records and factors change only by insert (a higher id) unless a row is
 *   updated or deleted; these triggers count such changes, so a stored result can tell it is out
 *   of date without reading every record.
 * - calculation_snapshot (003) never held anything and is replaced by calc_run.
 */
/** The inputs that otherwise change only by insert, whose updates and deletes are counted. */
const REVISED_INPUTS = ['activity_record', 'emission_factor', 'factor_set'] as const;

export function revisionTrigger(table: string, change: 'UPDATE' | 'DELETE'): string {
  return `CREATE TRIGGER ${table}_revised_by_${change.toLowerCase()} AFTER ${change} ON ${table}
      BEGIN UPDATE input_revision SET revision = revision + 1 WHERE input = '${table}'; END;`;
}

export const m004StoredResults: Migration = {
  name: 'stored calculation results, findings and input revisions',
  up(db) {
    db.exec(`
      DROP TABLE calculation_snapshot;

      CREATE TABLE input_revision (
        input TEXT PRIMARY KEY,
        revision INTEGER NOT NULL
      ) STRICT;
      INSERT INTO input_revision (input, revision) VALUES ${REVISED_INPUTS.map((table) => `('${table}', 0)`).join(', ')};

      ${REVISED_INPUTS.flatMap((table) => (['UPDATE', 'DELETE'] as const).map((change) => revisionTrigger(table, change))).join('\n')}

      CREATE TABLE calc_run (
        id INTEGER PRIMARY KEY,
        variant TEXT NOT NULL UNIQUE,
        inputs_sha256 TEXT NOT NULL,
        -- What the hash covers, part by part: tells which input changed.
        inputs_json TEXT NOT NULL,
        calculated_at TEXT NOT NULL,
        calculated_by TEXT NOT NULL,
        factor_sets_json TEXT NOT NULL,
        periods_json TEXT NOT NULL,
        first_line_id INTEGER,
        last_line_id INTEGER,
        line_count INTEGER NOT NULL,
        finding_count INTEGER NOT NULL
      ) STRICT;

      -- How lines read their factor: the factor, the exact conversion and kg CO2e per unit (as
      -- exact decimal or num/den text) and per gas, and the note; one row for every line that
      -- takes the same factor the same way.
      CREATE TABLE calc_pricing (
        run_id INTEGER NOT NULL REFERENCES calc_run (id),
        id INTEGER NOT NULL,
        factor_id INTEGER,
        factor_set_key TEXT,
        factor_unit TEXT NOT NULL,
        conversion_factor REAL NOT NULL,
        unit_ratio TEXT NOT NULL,
        co2e_per_unit_kg REAL NOT NULL,
        kg_per_unit TEXT NOT NULL,
        -- [{"gas": "CO2", "kgCo2e": "2.51072"}, ...]: the gases of each line's gas values, in order.
        gases_json TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (run_id, id)
      ) STRICT, WITHOUT ROWID;

      -- The lines of one fiscal year, site, activity, basis and Scope 3 category, with their exact
      -- sum kept as the non-overlapping doubles whose sum is exact (any site's or activity's part
      -- of a figure combines exactly), and the site's boundary share (exact text and its double).
      CREATE TABLE calc_group (
        run_id INTEGER NOT NULL REFERENCES calc_run (id),
        id INTEGER NOT NULL,
        fiscal_year TEXT NOT NULL,
        basis TEXT NOT NULL,
        scope3_category INTEGER,
        site TEXT,
        activity TEXT NOT NULL,
        share REAL NOT NULL,
        share_exact TEXT NOT NULL,
        lines INTEGER NOT NULL,
        tco2e REAL NOT NULL,
        exact_parts_json TEXT NOT NULL,
        PRIMARY KEY (run_id, id)
      ) STRICT, WITHOUT ROWID;

      -- Every result line, in record order (a run's lines are one range of ids, so reading a
      -- figure walks the table in order and its first page comes at once). What lines share is
      -- kept once: the figure, site and activity in the group, the factor in the pricing; the
      -- converted quantity and per-gas tCO2e follow exactly from the quantity and those, and are
      -- stored only for lines charged a matched fraction (market-based Scope 2 under instruments),
      -- whose charged quantity then differs. Derived data, written and deleted with its run: no
      -- foreign keys (a lookup per line) and no index (an index in figure order would be
      -- written in random order, and a million lines would thrash the page cache).
      CREATE TABLE calc_line (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL,
        group_id INTEGER NOT NULL,
        pricing_id INTEGER NOT NULL,
        quantity REAL NOT NULL,
        charged_quantity REAL,
        tco2e REAL NOT NULL,
        gas_tco2e_json TEXT
      ) STRICT;

      CREATE TABLE finding_cause (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        cause TEXT NOT NULL,
        UNIQUE (kind, cause)
      ) STRICT;

      CREATE TABLE calc_finding (
        id INTEGER PRIMARY KEY,
        variant TEXT NOT NULL,
        record_id INTEGER,
        cause_id INTEGER NOT NULL REFERENCES finding_cause (id),
        detail TEXT,
        at_stake_low REAL,
        at_stake_high REAL,
        -- The run that last found it: findings a recalculation no longer finds are deleted.
        run_id INTEGER NOT NULL,
        UNIQUE (variant, record_id, cause_id)
      ) STRICT;
      CREATE INDEX calc_finding_by_cause ON calc_finding (variant, cause_id, record_id);

      CREATE TABLE calc_finding_group (
        run_id INTEGER NOT NULL REFERENCES calc_run (id),
        cause_id INTEGER NOT NULL REFERENCES finding_cause (id),
        findings INTEGER NOT NULL,
        -- Sums of the findings' tCO2e at stake, over those where it is known.
        at_stake_known INTEGER NOT NULL,
        at_stake_low REAL,
        at_stake_high REAL,
        example_record_ids_json TEXT NOT NULL,
        PRIMARY KEY (run_id, cause_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
