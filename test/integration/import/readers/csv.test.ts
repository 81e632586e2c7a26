import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../../../shared/import/cell';
import type { ReadProgress, ReadRowsOptions, SourceReader } from '../../../../electron/engine/import/readers';
import { openSource, SourceRefusedError } from '../../../../electron/engine/import/readers';
import { useTempDir } from '../../../helpers/temp';
import { writeFile } from './files';

async function rowsOf(reader: SourceReader, options?: ReadRowsOptions): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const { row } of reader.rows(options)) rows.push(row);
  return rows;
}

async function refusalOf(reader: SourceReader): Promise<SourceRefusedError> {
  const error: unknown = await rowsOf(reader).catch((caught: unknown) => caught);
  if (!(error instanceof SourceRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

function windows1252(text: string): Buffer {
  // Every character used here is in Latin-1 except the euro sign, which 1252 puts at 0x80.
  return Buffer.from([...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0))));
}

describe('csv reader', () => {
  const tempDir = useTempDir();

  it('reads UTF-16LE with a byte-order mark (Excel\'s "Unicode text"), tab-delimited', async () => {
    const text = 'Site\tFuel\tkWh\r\nLéeds\tGas – natural\t12.5\r\n';
    const file = writeFile(tempDir(), 'unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const reader = await openSource(file);
    expect({ format: reader.format, encoding: reader.encoding, delimiter: reader.delimiter }).toEqual({
      format: 'csv',
      encoding: 'utf-16le',
      delimiter: '\t',
    });
    expect(await rowsOf(reader)).toEqual([
      { rowNumber: 1, cells: ['Site', 'Fuel', 'kWh'] },
      { rowNumber: 2, cells: ['Léeds', 'Gas – natural', '12.5'] },
    ]);
  });

  it('reads UTF-16BE with a byte-order mark', async () => {
    const littleEndian = Buffer.from('a,b\n1,2\n', 'utf16le');
    const bigEndian = Buffer.from(littleEndian).swap16();
    const reader = await openSource(writeFile(tempDir(), 'be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian])));
    expect(reader.encoding).toBe('utf-16be');
    expect(await rowsOf(reader)).toEqual([
      { rowNumber: 1, cells: ['a', 'b'] },
      { rowNumber: 2, cells: ['1', '2'] },
    ]);
  });

  it('drops a UTF-8 byte-order mark from the first cell', async () => {
    const reader = await openSource(writeFile(tempDir(), 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Site,kWh\n')])));
    expect(reader.encoding).toBe('utf-8');
    expect(await rowsOf(reader)).toEqual([{ rowNumber: 1, cells: ['Site', 'kWh'] }]);
  });

  it('falls back to Windows-1252 when the text is not UTF-8', async () => {
    const reader = await openSource(writeFile(tempDir(), 'legacy.csv', windows1252('Site,Cost\nCafé Rouge,£12.50\nBüro,€3\n')));
    expect(reader.encoding).toBe('windows-1252');
    expect((await rowsOf(reader)).map((row) => row.cells)).toEqual([
      ['Site', 'Cost'],
      ['Café Rouge', '£12.50'],
      ['Büro', '€3'],
    ]);
  });

  it('refuses a file that turns from UTF-8 into another encoding after the sample, instead of garbling it', async () => {
    const start = `Site,Note\n${'Leeds,café\n'.repeat(8000)}`;
    const file = writeFile(tempDir(), 'mixed.csv', Buffer.concat([Buffer.from(start, 'utf8'), windows1252('York,£5\n')]));
    const reader = await openSource(file);
    expect(reader.encoding).toBe('utf-8');
    const error = await refusalOf(reader);
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('it mixes encodings');
  });

  it('refuses a record holding a NUL character, past the sniffed start or encoded as UTF-16, naming the record', async () => {
    // SQLite reads text as a C string in printf and quote(): a site 'A' + NUL + 'x' would be told apart from 'A' nowhere.
    const lateNul = `Site,kWh\n${'Leeds,1\n'.repeat(20_000)}A\u0000x,2\n`;
    const utf16Nul = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Site\tkWh\r\nLeeds\t1\r\nA\u0000x\t2\r\n', 'utf16le')]);
    for (const [name, content, record] of [['late-nul.csv', Buffer.from(lateNul), 20_002], ['nul.txt', utf16Nul, 3]] as const) {
      const error = await refusalOf(await openSource(writeFile(tempDir(), name, content)));
      expect(error.code).toBe('corrupt');
      expect(error.message).toContain(`record ${record.toLocaleString('en')} holds a NUL character (U+0000)`);
    }
  });

  it('detects semicolons and keeps decimal commas as written', async () => {
    const reader = await openSource(writeFile(tempDir(), 'de.csv', 'Standort;Monat;kWh\nBerlin;2023-01;1.234,5\nMünchen;2023-01;99,25\n'));
    expect(reader.delimiter).toBe(';');
    expect((await rowsOf(reader)).map((row) => row.cells)).toEqual([
      ['Standort', 'Monat', 'kWh'],
      ['Berlin', '2023-01', '1.234,5'],
      ['München', '2023-01', '99,25'],
    ]);
  });

  it('detects a pipe delimiter while commas sit inside quoted fields', async () => {
    const reader = await openSource(writeFile(tempDir(), 'pipe.csv', 'name|note\n"Smith, J"|"a, b, c"\nLee|x\n'));
    expect(reader.delimiter).toBe('|');
    expect((await rowsOf(reader)).map((row) => row.cells)).toEqual([
      ['name', 'note'],
      ['Smith, J', 'a, b, c'],
      ['Lee', 'x'],
    ]);
  });

  it('counts a quoted multi-line field as one record, and keeps doubled quotes', async () => {
    const text = 'Site,Comment\r\nLeeds,"meter replaced\r\nin March, see ""log"""\r\nYork,ok\r\n';
    const rows = await rowsOf(await openSource(writeFile(tempDir(), 'notes.csv', text)));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Site', 'Comment'] },
      { rowNumber: 2, cells: ['Leeds', 'meter replaced\r\nin March, see "log"'] },
      { rowNumber: 3, cells: ['York', 'ok'] },
    ]);
  });

  it('skips blank records but counts them, turns empty fields into null and trims trailing ones', async () => {
    const rows = await rowsOf(await openSource(writeFile(tempDir(), 'gaps.csv', 'a,b,c\n\n,,\n,x,\nlast')));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['a', 'b', 'c'] },
      { rowNumber: 4, cells: [null, 'x'] },
      { rowNumber: 5, cells: ['last'] },
    ]);
  });

  it('reads records that straddle read chunks, quoted line breaks included', async () => {
    const records = Array.from({ length: 20_000 }, (_, index) => [`site ${index}`, index % 97 === 0 ? `"two\nlines ${index}"` : `${index}.5`]);
    const text = `site,value\n${records.map((fields) => fields.join(',')).join('\n')}\n`;
    const rows = await rowsOf(await openSource(writeFile(tempDir(), 'long.csv', text)));
    expect(rows).toHaveLength(20_001);
    expect(rows[20_000]).toEqual({ rowNumber: 20_001, cells: ['site 19999', '19999.5'] });
    expect(rows[98]).toEqual({ rowNumber: 99, cells: ['site 97', 'two\nlines 97'] });
  });

  it.each([
    ['a quote that is never closed', 'a,b\n1,"open\n2,3\n', 'record 2'],
    ['text after a closing quote', 'a,b\n1,"x"y\n', 'record 2'],
  ])('refuses %s, naming the record', async (_case, text, record) => {
    const error = await refusalOf(await openSource(writeFile(tempDir(), 'bad.csv', text)));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(record);
  });

  it('names its one sheet after the file and refuses another sheet name', async () => {
    const reader = await openSource(writeFile(tempDir(), 'Meter readings 2023.csv', 'a\n1\n'));
    expect(await reader.sheetNames()).toEqual(['Meter readings 2023']);
    const rows: Array<{ sheet: string }> = [];
    for await (const row of reader.rows()) rows.push(row);
    expect(rows.every((row) => row.sheet === 'Meter readings 2023')).toBe(true);
    await expect(rowsOf(reader, { sheet: 'Sheet1' })).rejects.toThrow('has one sheet, "Meter readings 2023"');
  });

  it('reports progress in bytes of the file and stops promptly when cancelled', async () => {
    const text = `a,b\n${'x,1\n'.repeat(100_000)}`;
    const file = writeFile(tempDir(), 'progress.csv', text);
    const reports: ReadProgress[] = [];
    await rowsOf(await openSource(file), { onProgress: (progress) => reports.push(progress) });
    expect(reports.at(-1)).toEqual({ bytesRead: text.length, totalBytes: text.length, rows: 100_001 });

    const stop = new AbortController();
    let seen = 0;
    const error: unknown = await (async () => {
      for await (const _row of (await openSource(file)).rows({ signal: stop.signal })) if (++seen === 3) stop.abort();
    })().catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('AbortError');
    expect(seen).toBe(3);
  });
});
