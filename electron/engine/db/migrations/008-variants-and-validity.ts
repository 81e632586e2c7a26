import type { Migration } from './index';

/**
 * What tells variants of an activity apart, and each factor's own validity (shared/calc/attributes.ts,
 * factor-selection.ts):
 * - activity_record.attributes_json and emission_factor.attributes_json: the record's or the
 *   factor's attributes (refrigerant gas, haul, cabin class…) as canonical JSON, or NULL.
 * - emission_factor.valid_from / valid_to: the dates a factor table states the factor valid for
 *   (both inclusive), or NULL when it states none and the set's edition period applies.
 * Existing rows have none of them, which is what they meant before.
 */
export const m008VariantsAndValidity: Migration = {
  name: 'record and factor attributes, factor validity',
  up(db) {
    db.exec(`
      ALTER TABLE activity_record ADD COLUMN attributes_json TEXT;
      ALTER TABLE emission_factor ADD COLUMN attributes_json TEXT;
      ALTER TABLE emission_factor ADD COLUMN valid_from TEXT;
      ALTER TABLE emission_factor ADD COLUMN valid_to TEXT;
    `);
  },
};
