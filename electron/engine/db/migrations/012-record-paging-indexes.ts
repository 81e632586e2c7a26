import type { Migration } from './index';

/**
 * Paging the records table at a million records: a page sorted by record id skips every record
 * before it, and walking the table itself to skip them reads every record's whole row (hundreds
 * of MB); an index on the id alone holds only ids, so the same walk, and a count, read a few MB.
 * (The id is the rowid: the index adds nothing to lookups, only a narrow walk.) The records of one
 * source file (the Records view's file filter) are found and counted through their own index
 * instead of by reading every record.
 */
export const m012RecordPagingIndexes: Migration = {
  name: 'narrow indexes for paging records by id and by source file',
  up(db) {
    db.exec(`
      CREATE INDEX activity_record_by_id ON activity_record (id);
      CREATE INDEX activity_record_by_source_file ON activity_record (source_file_id);
    `);
  },
};
