/**
 * Every refusal reaches the terminal as its message alone: one `Error:` line, exit code 1, no
 * stack trace, on every command and path (the default suggest-then-import path included), and the
 * engagement unchanged. Text from a file never carries control characters to the terminal.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportFailure } from '../../../electron/cli/main';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { CLI_BIN, cli, type CliResult } from '../../helpers/cli';
import { importFootprint, TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';
import { buildZip, compoundFile, deflatedFill, handMadeWorkbook, worksheetXml } from '../import/readers/files';

const MIB = 1024 * 1024;
/** The import on the suggested mapping and the one on a given mapping; `mapping suggest` has no engagement to log in. */
const REFUSED_IMPORTS_LOGGED = 2;

interface BadFile {
  readonly name: string;
  readonly message: RegExp;
  readonly content: () => Buffer | Promise<Buffer>;
}

const ONE_SHEET = handMadeWorkbook({ sheets: [{ name: 'Readings', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>Site</t></is></c></row>' }] });

const text = (reference: string, value: string) => `<c r="${reference}" t="inlineStr"><is><t>${value}</t></is></c>`;
/** Monthly readings whose XML is sound, to be damaged one way each. */
const READINGS_ROWS =
  `<row r="1">${text('A1', 'Site')}${text('B1', 'Month')}${text('C1', 'Electricity (kWh)')}</row>` +
  Array.from({ length: 12 }, (_, index) => `<row r="${index + 2}">${text(`A${index + 2}`, 'Leeds')}${text(`B${index + 2}`, `2023-${String(index + 1).padStart(2, '0')}`)}<c r="C${index + 2}"><v>${1000 + index}</v></c></row>`).join('');
const CUT_SHEET = worksheetXml(READINGS_ROWS);

const BAD_FILES: readonly BadFile[] = [
  { name: 'empty.xlsx', message: /empty \(0 bytes\)/, content: () => Buffer.alloc(0) },
  { name: 'truncated.xlsx', message: /incomplete: the end of its ZIP archive is missing/, content: () => ONE_SHEET.subarray(0, ONE_SHEET.length - 40) },
  { name: 'picture.xlsx', message: /PNG image, not a spreadsheet/, content: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]) },
  { name: 'noise.csv', message: /binary file, not text/, content: () => Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256)) },
  { name: 'archive.xlsx', message: /ZIP archive but not an Excel workbook/, content: () => buildZip([{ name: 'notes.txt', data: 'hello' }]) },
  {
    name: 'bomb.xlsx',
    message: /would inflate from .* to 100\.0 MiB/,
    content: async () =>
      handMadeWorkbook({
        sheets: [{ name: 'Readings', rows: '' }],
        extraEntries: [{ name: 'xl/media/padding.xml', data: Buffer.alloc(0), compressed: await deflatedFill(100 * MIB, 0x20), declaredSize: 100 * MIB }],
      }),
  },
  { name: 'entries.xlsx', message: /lists 60,000 entries/, content: () => buildZip(Array.from({ length: 60_000 }, (_, index) => ({ name: `p${index}.xml`, data: 'x', stored: true }))) },
  {
    name: 'doctype.xlsx',
    message: /<!DOCTYPE> declaration/,
    content: () => handMadeWorkbook({ sheets: [{ name: 'S', rows: '' }], extraEntries: [{ name: 'xl/extra.xml', data: '<!DOCTYPE x [<!ENTITY a "b">]><x/>' }] }),
  },
  { name: 'ole2.xlsx', message: /Excel 97-2003 \.xls is not supported/, content: () => compoundFile(['Workbook']) },
  { name: 'encrypted.xlsx', message: /password-protected/, content: () => compoundFile(['EncryptionInfo', 'EncryptedPackage']) },
  {
    name: 'cut-sheet.xlsx',
    message: /its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) is incomplete XML/,
    content: () => handMadeWorkbook({ sheets: [{ name: 'Readings', rows: READINGS_ROWS }], overrides: { 'xl/worksheets/sheet1.xml': CUT_SHEET.slice(0, CUT_SHEET.indexOf('<c r="C9"') + 5) } }),
  },
  {
    name: 'dangling-string.xlsx',
    message: /refers to shared string 99,999, but the workbook holds no shared strings/,
    content: () => handMadeWorkbook({ sheets: [{ name: 'Readings', rows: READINGS_ROWS.replace(text('A5', 'Leeds'), '<c r="A5" t="s"><v>99999</v></c>') }] }),
  },
];

/** A refusal as the user sees it: one line, `Error: …`, nothing on stdout, no stack frames. */
function expectRefusal(result: CliResult, message: RegExp): void {
  expect(result.code, result.err).toBe(1);
  expect(result.out).toBe('');
  expect(result.err).toMatch(/^Error: [^\n]+\n$/);
  expect(result.err).toMatch(message);
  expect(result.err).not.toMatch(/\n\s+at |Unexpected error/);
}

describe('CLI refusals', () => {
  const tempDir = useTempDir();
  const files = new Map<string, string>();
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-refusals-'));
    for (const bad of BAD_FILES) {
      const file = path.join(dir, bad.name);
      fs.writeFileSync(file, await bad.content());
      files.set(bad.name, file);
    }
    fs.writeFileSync(path.join(dir, 'mapping.json'), JSON.stringify({ version: 1, kind: 'activity', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, layout: 'long', columns: [{ column: 0, header: 'Quantity', role: 'quantity' }], decimalSeparator: '.' }));
  }, 60_000);

  function newEngagementFile(): string {
    const file = path.join(tempDir(), 'e.carbonaudit');
    Engagement.create(file, { entityName: 'Example Group', fiscalYearStartMonth: 4 }, TEST_ACTOR).close();
    return file;
  }

  function footprint(file: string): Record<string, number> {
    const engagement = Engagement.open(file, TEST_ACTOR);
    try {
      return importFootprint(engagement);
    } finally {
      engagement.close();
    }
  }

  for (const bad of BAD_FILES) {
    it(`refuses ${bad.name} when importing on the suggested or a given mapping and in mapping suggest, logging each refused import and changing nothing else`, async () => {
      const engagement = newEngagementFile();
      const before = footprint(engagement);
      const file = files.get(bad.name)!;
      expectRefusal(await cli('import', engagement, file), bad.message);
      expectRefusal(await cli('import', engagement, file, '--mapping', path.join(dir, 'mapping.json')), bad.message);
      expectRefusal(await cli('mapping', 'suggest', file), bad.message);
      // Nothing is imported or registered; each refused import is logged, and nothing else is.
      const after = footprint(engagement);
      expect({ ...after, audit_log: before.audit_log }).toEqual(before);
      expect(after.audit_log! - before.audit_log!).toBe(REFUSED_IMPORTS_LOGGED);
    });
  }

  it('refuses on the other import paths: one sheet, a factor file, a dry run, a template', async () => {
    const engagement = newEngagementFile();
    const before = footprint(engagement);
    const [truncated, ole2] = [files.get('truncated.xlsx')!, files.get('ole2.xlsx')!];
    const message = (name: string) => BAD_FILES.find((bad) => bad.name === name)!.message;
    expectRefusal(await cli('import', engagement, truncated, '--sheet', 'Readings'), message('truncated.xlsx'));
    expectRefusal(await cli('import', engagement, ole2, '--kind', 'factors'), message('ole2.xlsx'));
    expectRefusal(await cli('import', engagement, ole2, '--dry-run', '--kind', 'claims'), message('ole2.xlsx'));
    expect((await cli('mapping', 'save', engagement, path.join(dir, 'mapping.json'), '--name', 'Readings')).code).toBe(0);
    expectRefusal(await cli('import', engagement, truncated, '--template', 'Readings'), message('truncated.xlsx'));
    expect({ ...footprint(engagement), audit_log: before.audit_log }).toEqual(before);
  });

  it('refuses through the installed command too: the message alone, exit code 1', () => {
    const engagement = newEngagementFile();
    const result = spawnSync(CLI_BIN, ['import', engagement, files.get('ole2.xlsx')!], { encoding: 'utf8' });
    expectRefusal({ code: result.status ?? -1, out: result.stdout, err: result.stderr }, BAD_FILES.find((bad) => bad.name === 'ole2.xlsx')!.message);
  });

  it('names a missing file, a folder and a missing mapping in words, without a stack trace', async () => {
    const engagement = newEngagementFile();
    expectRefusal(await cli('import', engagement, path.join(dir, 'nowhere.xlsx')), /^Error: nowhere\.xlsx does not exist\n$/);
    expectRefusal(await cli('mapping', 'suggest', dir), /is a folder, not a file/);
    const missingMapping = await cli('import', engagement, files.get('ole2.xlsx')!, '--mapping', path.join(dir, 'none.json'));
    expect(missingMapping.code).toBe(2);
    expect(missingMapping.err).toMatch(/^Error: Cannot read mapping \S*none\.json: \S*none\.json does not exist\n$/);
  });

  it('never lets control characters from a file reach the terminal', async () => {
    const engagement = newEngagementFile();
    const csv = path.join(tempDir(), 'readings\u001b[2J.csv');
    // An escape sequence in a header, an OSC title change and a C1 CSI in the cells, a bidi override in a site name.
    fs.writeFileSync(csv, 'Site\u001b[31m,Month,Electricity (kWh)\nLondon\u202e,2023-04,100\nLeeds,\u009b6n\u001b]0;pwned\u0007,200\nYork,2023-06,300\nBath,2023-07,400\nEly,2023-08,500\n');
    const suggested = await cli('mapping', 'suggest', csv);
    const imported = await cli('import', engagement, csv);
    for (const output of [suggested.out, suggested.err, imported.out, imported.err]) {
      // eslint-disable-next-line no-control-regex -- the output must hold none
      expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    expect(suggested.err).toContain('Site\\u001b[31m');
    expect(imported.out).toContain('readings\\u001b[2J');
    expect(imported.out).toMatch(/row 3: .*\\u009b6n\\u001b\]0;pwned\\u0007/);
    // JSON output stays valid and keeps the text exactly.
    const json = await cli('import', engagement, csv, '--dry-run', '--json', '--allow-duplicate');
    expect(JSON.parse(json.out).fileName).toBe('readings\u001b[2J.csv');
  });

  it('prints an error of the engine itself as its message alone; its stack only with CARBON_AUDIT_DEBUG=1', () => {
    let err = '';
    const io = { out: () => undefined, err: (text: string) => (err += text) };
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows')");
    reportFailure(bug, io);
    expect(err).toBe("Error: Cannot read properties of undefined (reading 'rows')\n");
    err = '';
    process.env.CARBON_AUDIT_DEBUG = '1';
    try {
      reportFailure(bug, io);
    } finally {
      delete process.env.CARBON_AUDIT_DEBUG;
    }
    expect(err).toMatch(/^Error: Cannot read properties[^\n]*\nTypeError: [^\n]*\n\s+at /);
  });
});
