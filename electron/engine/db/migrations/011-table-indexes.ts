import type { Migration } from './index';

/**
 * The records table sorts by site, period, activity, quantity and source row in SQL: an index per
 * column (each carries the record id, the tie-break) lets a page of a million records sorted by any
 * of them be found by walking an index instead of sorting every record.
 */
export const m011TableIndexes: Migration = {
  name: 'indexes for sorting the records table',
  up(db) {
    db.exec(`
      CREATE INDEX activity_record_by_site ON activity_record (site);
      CREATE INDEX activity_record_by_period ON activity_record (period_start);
      CREATE INDEX activity_record_by_activity ON activity_record (activity);
      CREATE INDEX activity_record_by_quantity ON activity_record (quantity);
      CREATE INDEX activity_record_by_raw_row ON activity_record (raw_row_id);
    `);
  },
};
