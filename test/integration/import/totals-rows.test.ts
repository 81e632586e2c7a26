/**
 * Totals rows in a real import: a row is a total when its label is a totals word standing alone
 * and its numbers add up to the rows above (or it sums its column with a formula). Sites whose
 * names start with 'Total' are data; a totals label that does not add up is rejected, not guessed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../electron/engine/import/pipeline';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { longActivityMapping } from '../../helpers/mappings';
import { useTempDir } from '../../helpers/temp';

const LONG_LAYOUT = longActivityMapping();

describe('totals rows in an import', () => {
  const tempDir = useTempDir();

  it('imports Total Energies depot and Totally Local as sites, lists real totals with why, and rejects a total that does not add up', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'depots.csv');
    fs.writeFileSync(file, [
      'Site,Month,Activity,Quantity,Unit', // 1
      'Shell depot,2023-05,Diesel,120,L', // 2
      'Total Energies depot,2023-05,Diesel,80,L', // 3
      'Totally Local,2023-05,Diesel,200,L', // 4: the two rows above add up to it, but 'Totally' is no totals word
      'Total,,,400,', // 5: rows 2–4
      'Leeds,2023-06,Diesel,50,L', // 6
      'York,2023-06,Diesel,,L', // 7: blank is missing, not zero
      'Total,,,999,', // 8: the block above adds up to 50
      'Grand total,,,450,', // 9: every data row of the table
    ].join('\n'));
    const engagement = newEngagement(dir);
    const outcome = await runImport(engagement.db, { filePath: file, mapping: LONG_LAYOUT, ...TEST_ACTOR, settings: engagement.settings() });

    expect(engagement.db.prepare('SELECT site, quantity FROM activity_record ORDER BY id').all()).toEqual([
      { site: 'Shell depot', quantity: 120 },
      { site: 'Total Energies depot', quantity: 80 },
      { site: 'Totally Local', quantity: 200 },
      { site: 'Leeds', quantity: 50 },
    ]);
    expect(outcome.skipped.map((issue) => [issue.rowNumber, issue.reason])).toEqual([
      [5, "totals row: 'Total' (column A) and column D add up to the 3 rows above (rows 2–4); not imported as data"],
      [9, "totals row: 'Grand total' (column A) and column D add up to the 5 data rows of the table (rows 2–7); not imported as data"],
    ]);
    expect(outcome.rejected.map((issue) => [issue.rowNumber, issue.reason])).toEqual([
      [7, 'the quantity is blank (blank is missing, not zero)'],
      [8, "'Total' (column A) is a totals label, but column D holds 999 where the rows above add up to 50: neither imported as data nor skipped as a totals row; check the sheet"],
    ]);
    const [sheet] = outcome.sheets;
    expect(sheet).toMatchObject({ rowsRead: 9, dataRows: 6, imported: 4, rejected: 2, skipped: { total: 2, note: 0, blank: 0, 'outside-table': 1 } });
    expect(sheet!.imported + sheet!.rejected + Object.values(sheet!.skipped).reduce((sum, count) => sum + count, 0)).toBe(sheet!.rowsRead);
    // The rejected total is kept in the engagement with its reason, like any rejected row.
    expect(engagement.db.prepare('SELECT row_number AS rowNumber FROM rejected_row ORDER BY row_number').all()).toEqual([{ rowNumber: 7 }, { rowNumber: 8 }]);
    engagement.close();
  });
});
