import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { useTempDir } from '../../helpers/temp';
import { buildTwoYearEngagement } from '../../helpers/two-year-engagement';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('carbon-audit export and export-csv', () => {
  const tempDir = useTempDir();

  it('exports the workbook and the evidence pack with progress on stderr, and tables as CSV', async () => {
    const dir = tempDir();
    const { engagement } = await buildTwoYearEngagement(dir);
    engagement.close();
    const book = path.join(dir, 'audited.xlsx');
    const pack = path.join(dir, 'audited.zip');

    const exported = await cli('export', engagement.filePath, book, '--detail', 'summary', '--evidence-pack', pack);
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(new RegExp(`^Exported ${book.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(15 sheets, \\d+ detail rows\\)\\nSHA-256 [0-9a-f]{64}\\n`));
    expect(exported.out).toContain('(2 source files)');
    expect(exported.err).toMatch(/^Calculating: 0%$/m);
    expect(exported.err).toMatch(/^Done: 100%$/m);
    expect(fs.existsSync(book) && fs.existsSync(pack)).toBe(true);

    const refused = await cli('export', engagement.filePath, path.join(dir, 'audited.csv'));
    expect(refused).toMatchObject({ code: 2 });
    expect(refused.err).toContain('must be an .xlsx file');

    const csv = path.join(dir, 'rejected.csv');
    const rejected = await cli('export-csv', engagement.filePath, 'rejected-rows', csv);
    expect(rejected).toMatchObject({ code: 0, out: `Exported 2 rows of rejected-rows to ${csv}\n` });
    const rows = Papa.parse<string[]>(fs.readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Source file', 'Source id', 'Sheet', 'Row', 'Column', 'Reason']);
    expect(rows.slice(1).map((row) => row[5])).toEqual([expect.stringContaining('negative quantity'), expect.stringContaining('every mapped quantity is blank')]);
  });
});
