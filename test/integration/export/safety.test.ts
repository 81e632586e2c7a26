/**
 * Imported text that looks like a formula stays text: in the workbook (exceljs, openpyxl and
 * LibreOffice all read a text cell with the same content) and, prefixed, in CSV.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/engine/import/preview';
import { runImport } from '../../../electron/engine/import/pipeline';
import { loadFactorLibrary } from '../../../electron/engine/factors/library';
import { exportTableCsv, exportWorkbook } from '../../../electron/engine/export/service';
import { mappingSchema } from '../../../shared/import/mapping';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { recalculatedSheets } from '../../helpers/libreoffice';
import { useTempDir } from '../../helpers/temp';
import { inspect } from '../../helpers/openpyxl';

const FORMULA_LIKE = ['=HYPERLINK("http://example.invalid/?q=1","Click here")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)'];

function csvText(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

describe('formula-like imported text', () => {
  const tempDir = useTempDir();

  it('is a text cell with the same content in the workbook, and prefixed in CSV', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'sites.csv');
    fs.writeFileSync(source, ['Site,Month,Electricity (kWh),Notes', ...FORMULA_LIKE.map((text, index) => `${csvText(text)},2022-0${4 + index},${1000 + 100 * index},${csvText(text)}`)].join('\n'));
    const engagement = newEngagement(dir, { defaultRegion: 'UK' });
    loadFactorLibrary(engagement);
    const mapping = mappingSchema.parse((await previewImport(engagement.db, source, 'activity')).mapping);
    const imported = await runImport(engagement.db, { filePath: source, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(imported.rejectedTotal).toBe(0);

    const book = path.join(dir, 'audited.xlsx');
    await exportWorkbook(engagement, { workbookPath: book, detail: 'full' });

    // exceljs: Site (H) and notes (L) of each record's two lines are strings, never formulas.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    const detail = workbook.getWorksheet('Recalculation detail')!;
    const expected = FORMULA_LIKE.flatMap((text) => [text, text]);
    for (const [index, text] of expected.entries()) {
      for (const column of ['H', 'L']) {
        const cell = detail.getCell(`${column}${6 + index}`);
        expect(cell.type, `${column}${6 + index}`).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(text);
      }
    }

    // openpyxl: the same cells are strings ('s'), with the same text; no formula names the payloads.
    const cells = expected.flatMap((_, index) => [['Recalculation detail', `H${6 + index}`], ['Recalculation detail', `L${6 + index}`]] as const);
    const inspection = inspect(book, cells);
    inspection.cells.forEach((cell, index) => {
      expect(cell.dataType, cell.ref).toBe('s');
      expect(cell.value).toBe(expected[Math.floor(index / 2)]);
    });

    // LibreOffice, recalculating everything: the text comes out as the same text.
    const recalculated = recalculatedSheets(book, dir).get('Recalculation detail')!;
    const header = recalculated.findIndex((row) => row[0] === 'Fiscal year');
    expect(recalculated.slice(header + 1, header + 1 + expected.length).map((row) => [row[7], row[11]])).toEqual(expected.map((text) => [text, text]));

    // CSV: every payload is prefixed with a quote, so a spreadsheet opening it sees text.
    const csv = path.join(dir, 'detail.csv');
    expect(await exportTableCsv(engagement, 'detail', csv)).toBe(expected.length);
    const rows = Papa.parse<string[]>(fs.readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows.slice(1).map((row) => [row[7], row[11]])).toEqual(expected.map((text) => [`'${text}`, `'${text}`]));
    engagement.close();
  });
});
