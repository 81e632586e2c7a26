/**
 * Monthly activity records written straight into an engagement (no import), for tests and
 * benchmarks that need many records or calculation lines quickly: electricity (two lines each,
 * location and market), natural gas and diesel across 400 sites and two April fiscal years. Each
 * record's raw row holds the cells it would have been read from, under the headers of the
 * long-layout mapping the source file is registered with, so a record opens on its source row.
 */
import type { Engagement } from '../../electron/engine/engagement/handle';
import { longActivityMapping } from './mappings';

const ACTIVITIES = [['electricity', 'kWh', 'Electricity'], ['natural_gas', 'm3', 'Natural gas'], ['diesel', 'L', 'Diesel']] as const;
export const GENERATED_SHEET = 'generated';

/** Record i (from 0) as generated: the same formula the tests predict sorts and totals with. */
export function generatedQuantity(i: number): number {
  return 100 + (i % 997) / 8;
}

export function insertGeneratedRecords(engagement: Engagement, count: number): void {
  const db = engagement.db;
  db.exec('BEGIN');
  const sourceFileId = db.prepare(`INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected)
              VALUES ('generated', 'generated', 0, 'generated', 'csv', 0, 'activity', '', 'generator', ?, '{}', ?, ?, 0)`).run(JSON.stringify(longActivityMapping()), count, count).lastInsertRowid;
  const raw = db.prepare(`INSERT INTO raw_row (source_file_id, sheet, row_number, cells_json) VALUES (?, '${GENERATED_SHEET}', ?, ?)`);
  const record = db.prepare(`INSERT INTO activity_record (source_file_id, raw_row_id, column_index, site, period_start, period_end, activity, meaning, quantity, unit, unit_basis, unit_text)
                             VALUES (?, ?, 0, ?, ?, ?, ?, 'consumption', ?, ?, 'unspecified', ?)`);
  for (let i = 0; i < count; i++) {
    const month = i % 24;
    const year = 2021 + Math.floor((month + 3) / 12);
    const monthNumber = ((month + 3) % 12) + 1;
    const monthText = `${year}-${String(monthNumber).padStart(2, '0')}`;
    const end = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
    const [activity, unit, label] = ACTIVITIES[i % ACTIVITIES.length]!;
    const site = `Site ${i % 400}`;
    const quantity = generatedQuantity(i);
    const rawId = raw.run(sourceFileId, i + 2, JSON.stringify([site, monthText, label, quantity, unit])).lastInsertRowid;
    record.run(sourceFileId, rawId, site, `${monthText}-01`, end, activity, quantity, unit, unit);
  }
  db.exec('COMMIT');
}
