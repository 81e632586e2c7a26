/**
 * A published factor file's rows tie out like any other import's: rows read = imported + rejected
 * + skipped, each row once. The EPA Hub gives several factors per row (per gas, per unit, per waste
 * treatment) and refuses a value alone ('NA', blank), so 190 reasons fall on 68 rows, 66 of which
 * also gave factors: the register counts those as imported, partly rejected, never twice.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../../electron/engine/export/service';
import { loadFactorLibrary } from '../../../electron/engine/factors/library';
import { listSourceFiles } from '../../../electron/engine/import/service';
import { runImport } from '../../../electron/engine/import/pipeline';
import { rowCounts } from '../../../shared/import/row-counts';
import type { Mapping } from '../../../shared/import/mapping';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const HUB_2025 = path.resolve(__dirname, '../../fixtures/ghg-emission-factors-hub-2025.xlsx');
const HUB_MAPPING: Mapping = {
  version: 1, kind: 'factors', sheet: 'Emission Factors Hub', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 0 }, layout: 'long', columns: [], decimalSeparator: '.',
};

describe('the rows of a published factor file, counted once each', () => {
  const tempDir = useTempDir();

  it('ties rows read to imported + rejected + skipped in the outcome, the register and the workbook, with the reasons apart', async () => {
    const dir = tempDir();
    const engagement = newEngagement(dir);
    const outcome = await runImport(engagement.db, { filePath: HUB_2025, mapping: HUB_MAPPING, ...TEST_ACTOR, settings: engagement.settings() });
    expect(outcome.recordsCreated).toBe(551);

    // Rows, from the stored data alone: those that gave a factor, and those with a reason stored.
    const withFactors = new Set((engagement.db.prepare('SELECT DISTINCT w.row_number FROM emission_factor f JOIN raw_row w ON w.id = f.raw_row_id').pluck().all() as number[]));
    const withReasons = new Set((engagement.db.prepare('SELECT DISTINCT row_number FROM rejected_row').pluck().all() as number[]));
    const partly = [...withReasons].filter((row) => withFactors.has(row));
    expect({ withFactors: withFactors.size, withReasons: withReasons.size, partly: partly.length }).toEqual({ withFactors: 371, withReasons: 68, partly: 66 });

    const [sheet] = outcome.sheets;
    expect(sheet).toMatchObject({ rowsRead: 536, dataRows: 373, imported: 371, rejected: 2, partlyRejected: 66, skipped: { total: 0, note: 0, blank: 0, 'outside-table': 163 } });
    expect(rowCounts(outcome)).toEqual({ read: 536, imported: 371, rejected: 2, partlyRejected: 66, skipped: 163, reasons: 190 });

    expect(listSourceFiles(engagement)).toMatchObject([{ rowsRead: 536, rowsImported: 371, rowsRejected: 2, rowsPartlyRejected: 66, rejectionReasons: 190 }]);

    const workbookPath = path.join(dir, 'audited.xlsx');
    await exportWorkbook(engagement, { workbookPath, detail: 'full' });
    engagement.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbookPath);
    const register = book.getWorksheet('Source files')!;
    const header = register.getRow(4).values as unknown[];
    const row = register.getRow(5);
    const cell = (name: string) => row.getCell(header.indexOf(name)).value;
    expect([cell('Rows read'), cell('Imported'), cell('Rejected'), cell('Imported, values refused'), cell('Reasons')]).toEqual([536, 371, 2, 66, 190]);
    expect(cell('Skipped')).toEqual({ formula: 'J5-K5-L5', result: 163 });
    const rejected = book.getWorksheet('Rejected rows')!;
    expect(rejected.getCell('A2').value).toBe('190 reasons on 68 rows (66 of them imported, with only the values named here refused), one reason a line. What was refused is not in any figure; the source files keep it as it was.');
  });

  it('shows a file imported before that as it was stored, not re-counted at read time, even when its set is the shipped library’s', async () => {
    const dir = tempDir();
    const engagement = newEngagement(dir);
    // The shipped library holds the same EPA Hub set: the file's import stores no set of its own,
    // so nothing in the engagement says which of its rows gave factors.
    loadFactorLibrary(engagement);
    await runImport(engagement.db, { filePath: HUB_2025, mapping: HUB_MAPPING, ...TEST_ACTOR, settings: engagement.settings() });
    expect(engagement.db.prepare('SELECT count(*) FROM factor_set WHERE source_file_id IS NOT NULL').pluck().get()).toBe(0);
    // What the import wrote before it counted each row once: every reason as a rejected row, and
    // sheets' control totals with no partly rejected rows (the rest of the file is the same).
    const stored = engagement.db.prepare('SELECT id, control_totals_json FROM source_file').get() as { id: number; control_totals_json: string };
    const totals = JSON.parse(stored.control_totals_json) as { sheets: Record<string, unknown>[] };
    const oldSheets = totals.sheets.map(({ partlyRejected: _partly, ...sheet }) => ({ ...sheet, rejected: 190 }));
    engagement.db.prepare('UPDATE source_file SET rows_rejected = 190, control_totals_json = ? WHERE id = ?').run(JSON.stringify({ ...totals, sheets: oldSheets }), stored.id);

    expect(listSourceFiles(engagement)).toMatchObject([{ rowsRead: 536, rowsImported: 371, rowsRejected: 190, rowsPartlyRejected: 0, rejectionReasons: 190 }]);

    // Read − imported − rejected would be −25: the workbook says the skipped rows were not recorded, and why.
    const workbookPath = path.join(dir, 'audited.xlsx');
    await exportWorkbook(engagement, { workbookPath, detail: 'full' });
    engagement.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbookPath);
    const register = book.getWorksheet('Source files')!;
    const header = register.getRow(4).values as unknown[];
    const cell = (name: string) => register.getRow(5).getCell(header.indexOf(name)).value;
    expect([cell('Rows read'), cell('Imported'), cell('Rejected'), cell('Skipped')]).toEqual([536, 371, 190, 'Not recorded by the version that imported it']);
    expect(register.getCell('A2').value).toContain('Skipped reads "not recorded by the version that imported it" where an earlier version counted every refused value of a factor file as a rejected row');
  });
});
