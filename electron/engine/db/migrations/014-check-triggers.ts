import type { Migration } from './index';

/**
 * A check run's trigger names the change that started it: besides a person asking ('on-demand')
 * and an import, a source file withdrawn, reinstated, or replaced by an import (which until now
 * were all logged as 'import'). SQLite cannot change a CHECK in place, so the table is rebuilt
 * (migrate() runs it with foreign keys off and checks them before committing), every run kept
 * with its id, so the findings and their history still point at the run that found them. The
 * list is written out here, as it stands at this version: a migration never changes once shipped.
 */
export const m014CheckTriggers: Migration = {
  name: 'review check runs: a trigger for source-file withdrawals, reinstatements and replacements',
  up(db) {
    db.exec(`
      CREATE TABLE review_run_rebuilt (
        id INTEGER PRIMARY KEY,
        run_at TEXT NOT NULL,
        run_by TEXT NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('on-demand', 'import', 'source-withdrawal', 'source-reinstatement', 'source-replacement')),
        -- The sources and rules the run covered, with the parameters each rule ran with.
        scope_json TEXT NOT NULL,
        summary_json TEXT NOT NULL
      ) STRICT;
      INSERT INTO review_run_rebuilt (id, run_at, run_by, trigger, scope_json, summary_json)
        SELECT id, run_at, run_by, trigger, scope_json, summary_json FROM review_run;
      DROP TABLE review_run;
      ALTER TABLE review_run_rebuilt RENAME TO review_run;
    `);
  },
};
