import { describe, expect, it } from 'vitest';
import { iterateCalcRecords } from '../../../electron/engine/inventory/store';
import type { CalcRecord } from '../../../shared/calc/inventory';
import { newEngagement } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

type KindFields = Pick<CalcRecord, 'site' | 'region' | 'instrument' | 'scope3Category' | 'unit' | 'unitBasis'>;

/** Kind fields that a careless key would run together: NULL and the text 'NULL', quotes and separators inside values, the same text in another field. */
const KINDS: readonly KindFields[] = [
  { site: null, region: null, instrument: null, scope3Category: null, unit: 'kWh', unitBasis: 'unspecified' },
  { site: 'NULL', region: null, instrument: null, scope3Category: null, unit: 'kWh', unitBasis: 'unspecified' },
  { site: null, region: 'NULL', instrument: null, scope3Category: null, unit: 'kWh', unitBasis: 'unspecified' },
  { site: "O'Brien, Ltd", region: 'UK', instrument: null, scope3Category: null, unit: 'kWh', unitBasis: null },
  { site: "O'Brien", region: " Ltd','UK", instrument: null, scope3Category: null, unit: 'kWh', unitBasis: null },
  { site: "A','B", region: null, instrument: null, scope3Category: null, unit: 'kWh', unitBasis: 'gross' },
  { site: 'A', region: 'B', instrument: null, scope3Category: null, unit: 'kWh', unitBasis: 'gross' },
  { site: 'Leeds', region: null, instrument: '3', scope3Category: null, unit: 'kWh', unitBasis: 'net' },
  { site: 'Leeds', region: null, instrument: null, scope3Category: 3, unit: 'kWh', unitBasis: 'net' },
  { site: '', region: null, instrument: null, scope3Category: null, unit: 'kWh', unitBasis: 'unspecified' },
];

describe('records as the calculation reads them', () => {
  const tempDir = useTempDir();

  it('reads every record with its own fields, records of one kind sharing a key and no two kinds one', () => {
    const engagement = newEngagement(tempDir());
    const db = engagement.db;
    const sourceFileId = db.prepare(`INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected)
      VALUES ('kinds', 'kinds', 0, 'kinds', 'csv', 0, 'activity', '', 'tester', '{}', '{}', 0, 0, 0)`).run().lastInsertRowid;
    const raw = db.prepare("INSERT INTO raw_row (source_file_id, sheet, row_number, cells_json) VALUES (?, 'kinds', ?, '[]')");
    const insert = db.prepare(`INSERT INTO activity_record (source_file_id, raw_row_id, column_index, site, region, period_start, period_end, activity, meaning, quantity, unit, unit_basis, unit_text, scope3_category, instrument)
      VALUES (?, ?, 0, ?, ?, ?, ?, 'electricity', 'consumption', ?, ?, ?, ?, ?, ?)`);
    // Each kind twice, in two months, so records of a kind are read apart from each other; the
    // period is read back from the same key as the kind, so one period text holds quotes and commas.
    const inserted = [0, 1].flatMap((month) => KINDS.map((kind, index) => ({ kind, index, periodStart: `2023-0${month + 4}-01`, periodEnd: `2023-0${month + 4}-28` })));
    inserted[1] = { ...inserted[1]!, periodStart: "2023-04-01','x''", periodEnd: "2023-04-02,'" };
    inserted.forEach(({ kind, periodStart, periodEnd }, row) => {
      const rawId = raw.run(sourceFileId, row + 2).lastInsertRowid;
      insert.run(sourceFileId, rawId, kind.site, kind.region, periodStart, periodEnd, row + 0.5, kind.unit, kind.unitBasis, kind.unit, kind.scope3Category, kind.instrument);
    });

    const read = [...iterateCalcRecords(engagement.reader, 'activity_record')];
    expect(read.map(({ site, region, instrument, scope3Category, unit, unitBasis, periodStart, periodEnd, quantity }) => ({ kind: { site, region, instrument, scope3Category, unit, unitBasis }, periodStart, periodEnd, quantity })))
      .toEqual(inserted.map(({ kind, periodStart, periodEnd }, row) => ({ kind, periodStart, periodEnd, quantity: row + 0.5 })));
    const keyOfKind = new Map<number, string>();
    read.forEach((record, row) => {
      const { index } = inserted[row]!;
      expect(keyOfKind.get(index) ?? record.kindKey).toBe(record.kindKey);
      keyOfKind.set(index, record.kindKey!);
    });
    expect(new Set(keyOfKind.values()).size).toBe(KINDS.length);
    engagement.close();
  });
});
