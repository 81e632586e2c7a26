/**
 * The audited workbook of a realistic two-year engagement, read back three ways: exceljs, openpyxl
 * (an independent reader) and LibreOffice, which recalculates every formula from scratch and must
 * arrive at the engine's figures.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { copyEngagement, engagementSummary } from '../../../electron/engine/engagement/service';
import { exportWorkbook } from '../../../electron/engine/export/service';
import { scheduleFigures } from '../../../electron/engine/export/figures';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { inventoryResults, storedResultLines } from '../../../electron/engine/inventory/service';
import type { InventoryResult, ResultLine } from '../../../shared/calc/inventory';
import type { ExportOutcome } from '../../../shared/contract';
import { expectLeadMatchesEngine } from '../../helpers/lead-schedule';
import { csvNumber, recalculatedSheets } from '../../helpers/libreoffice';
import { inspect } from '../../helpers/openpyxl';
import { buildTwoYearEngagement } from '../../helpers/two-year-engagement';

const SHEETS = ['Cover', 'Lead schedule', 'Recalculation detail', 'Metrics', 'Targets', 'Claims reconciliation', 'Calculation findings', 'Adjustments', 'Misstatements', 'Data-quality findings', 'Sampling', 'Factor appendix', 'Source files', 'Rejected rows', 'Audit log', 'Tick marks', 'Sign-off'];

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** Entry name → bytes of every file in a zip. */
function unzip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the audited workbook of a two-year engagement', () => {
  let dir: string;
  let engagement: Engagement;
  let result: Pick<InventoryResult, 'periods' | 'lines'>;
  let outcome: ExportOutcome;
  let companyWorkbook: string;
  const book = () => path.join(dir, 'audited.xlsx');
  const pack = () => path.join(dir, 'audited-evidence.zip');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-export-'));
    ({ engagement, workbook: companyWorkbook } = await buildTwoYearEngagement(dir));
    await calculate(engagement);
    const lines: ResultLine[] = [];
    for await (const row of storedResultLines(engagement).lines()) lines.push(row.line);
    result = { periods: inventoryResults(engagement).periods, lines };
    outcome = await exportWorkbook(engagement, { workbookPath: book(), detail: 'full', evidencePackPath: pack() });
  });

  afterAll(() => {
    engagement.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has every sheet, each linked from the cover, and leaves no temporary file', async () => {
    expect(outcome.sheets).toEqual(SHEETS);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    const workbook = await readBook(book());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(SHEETS);
    const cover = workbook.getWorksheet('Cover')!;
    const links: string[] = [];
    cover.eachRow((row) => {
      const value = row.getCell(1).value;
      if (value && typeof value === 'object' && 'formula' in value) links.push(String(value.formula));
    });
    expect(links).toEqual(SHEETS.map((name) => `HYPERLINK("#'${name}'!A1","${name}")`));
    const coverText = JSON.stringify(cover.getSheetValues());
    for (const fact of [outcome.auditHeadHash, outcome.auditHeadHash.length === 64 ? 'Engagement file SHA-256' : '', 'Operational control', 'IPCC AR5, 100-year', 'Limited', 'FY2022 (2021-04-01 to 2022-03-31)']) {
      expect(coverText).toContain(fact);
    }
  });

  it('says on the cover of a what-if copy which engagement it was copied from, at which audit entry, and why', async () => {
    const originOf = (workbook: ExcelJS.Workbook) => {
      const rows: string[] = [];
      workbook.getWorksheet('Cover')!.eachRow((row) => {
        if (row.getCell(1).value === 'Origin') rows.push(String(row.getCell(2).value));
      });
      return rows;
    };
    expect(originOf(await readBook(book()))).toEqual([]);
    const entries = engagementSummary(engagement).auditEntries;
    const copy = await copyEngagement(engagement, path.join(dir, 'what-if.carbonaudit'), 'What if Leeds is sold?');
    try {
      const copyBook = path.join(dir, 'what-if.xlsx');
      await exportWorkbook(copy, { workbookPath: copyBook, detail: 'summary' });
      expect(originOf(await readBook(copyBook))).toEqual([`What-if copy of ${path.basename(engagement.filePath)} (engagement ${engagementSummary(engagement).engagementId}, audit entry ${entries}): What if Leeds is sold?`]);
    } finally {
      copy.close();
    }
  });

  it('writes each lead-schedule figure as a formula whose cached result is the engine’s figure, and names it', async () => {
    const workbook = await readBook(book());
    const lead = workbook.getWorksheet('Lead schedule')!;
    const figures = scheduleFigures(result.periods);
    const byKey = new Map<string, ExcelJS.CellFormulaValue>();
    lead.eachRow((row) => {
      const value = row.getCell(4).value;
      if (value && typeof value === 'object' && 'formula' in value) byKey.set(`${row.getCell(1).value}|${row.getCell(2).value}`, value as ExcelJS.CellFormulaValue);
    });
    for (const period of result.periods) {
      for (const figure of figures) {
        const cell = byKey.get(`${period.label}|${figure.label}`);
        expect(cell, `${period.label} ${figure.label}`).toBeDefined();
        expect(cell!.result ?? '').toEqual(figure.value(period) ?? '');
        if (figure.figure.kind === 'tco2e') expect(cell!.formula).toMatch(/^IF\(\(COUNTIFS\('Recalculation detail'!\$A\$6:\$A\$\d+,"FY\d{4}"/);
      }
    }
    expect(byKey.get('FY2023|Scope 1')!.formula).toContain('SUMIFS(\'Recalculation detail\'!$Z$6:$Z$340');
    const names = inspect(book()).definedNames;
    expect(names).toEqual(expect.arrayContaining(['Lead_FY2022_scope1', 'Lead_FY2023_scope2_market', 'Lead_FY2023_net', 'Lead_FY2023_pue', 'Lead_FY2023_clean_share']));
  });

  it('re-performs every calculation line on its detail row: quantity × conversion × charged fraction × factor × share / 1000', async () => {
    const workbook = await readBook(book());
    const detail = workbook.getWorksheet('Recalculation detail')!;
    const header = detail.getRow(5).values as unknown[];
    const column = (name: string) => header.indexOf(name);
    const rows: ExcelJS.Row[] = [];
    detail.eachRow((row, number) => {
      if (number > 5) rows.push(row);
    });
    expect(rows).toHaveLength(result.lines.length);
    rows.forEach((row, index) => {
      const line = result.lines[index]!;
      const number = (name: string) => row.getCell(column(name)).value as number;
      const total = row.getCell(column('tCO2e')).value as ExcelJS.CellFormulaValue;
      expect(total.formula).toBe(`R${row.number}*T${row.number}*Y${row.number}/1000`);
      // exceljs's reader drops a cached result of 0 (it is in the file: <v>0</v>).
      expect(total.result ?? 0).toBe(line.tco2e);
      expect((row.getCell(column('Converted quantity')).value as ExcelJS.CellFormulaValue).formula).toBe(`M${row.number}*O${row.number}`);
      expect((row.getCell(column('Charged quantity')).value as ExcelJS.CellFormulaValue).formula).toBe(`P${row.number}*Q${row.number}`);
      expect(row.getCell(column('Record')).value).toBe(line.recordId);
      const reperformed = (number('Quantity') * number('Conversion factor') * number('Charged fraction') * number('Emission factor (kg CO2e per factor unit)') * number('Boundary share')) / 1000;
      expect(reperformed).toBeCloseTo(line.tco2e, 9);
    });
    const first = rows[0]!;
    expect(first.getCell(column('Source file')).value).toBe('company.xlsx');
    expect(first.getCell(column('Period start')).value).toEqual(new Date('2021-04-01T00:00:00.000Z'));
    expect(first.getCell(column('tCO2e')).numFmt).toBe('#,##0.000');
    expect(first.getCell(column('Boundary share')).numFmt).toBe('0.00%');
    expect(first.getCell(column('Period start')).numFmt).toBe('yyyy-mm-dd');
  });

  it('opens in LibreOffice, which recalculates every figure to the engine’s value', () => {
    const sheets = recalculatedSheets(book(), fs.mkdtempSync(path.join(dir, 'lo-')));
    expect([...sheets.keys()].sort()).toEqual([...SHEETS].sort());
    expectLeadMatchesEngine(sheets, result);
    const metrics = sheets.get('Metrics')!;
    const pueRow = metrics.find((row) => row[0] === 'FY2023' && row[1] === 'All sites in the boundary')!;
    expect(csvNumber(pueRow[6])!.toFixed(6)).toBe(result.periods[1]!.metrics.pue!.toFixed(6));
  });

  it('is recalculated, not read from cache, by the LibreOffice check itself', async () => {
    const control = path.join(dir, 'control.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Control');
    sheet.getCell('A1').value = 2;
    sheet.getCell('A2').value = { formula: 'A1*3', result: 999 };
    await workbook.xlsx.writeFile(control);
    const sheets = recalculatedSheets(control, fs.mkdtempSync(path.join(dir, 'lo-')));
    expect(sheets.get('Control')?.[1]?.[0]).toBe('6');
  });

  it('loads every sheet in openpyxl, with formulas where promised, frozen headers, filters and print setup', () => {
    const inspection = inspect(book(), [['Lead schedule', 'D6'], ['Recalculation detail', 'Z6'], ['Recalculation detail', 'P6'], ['Metrics', 'G5'], ['Source files', 'M5']]);
    expect(inspection.sheets.map((sheet) => sheet.name)).toEqual(SHEETS);
    for (const cell of inspection.cells) expect(cell.dataType, `${cell.sheet}!${cell.ref}`).toBe('f');
    const byName = new Map(inspection.sheets.map((sheet) => [sheet.name, sheet]));
    expect(byName.get('Recalculation detail')).toMatchObject({ maxRow: 5 + result.lines.length, freezePanes: 'A6', autoFilter: `A5:AD${5 + result.lines.length}`, formulas: 3 * result.lines.length });
    expect(byName.get('Lead schedule')!.formulas).toBeGreaterThanOrEqual(2 * 11 + 11);
    for (const sheet of inspection.sheets) {
      expect(sheet, sheet.name).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToPage: true, oddHeader: '&A' });
    }
  });

  it('has no external links, macros or media', async () => {
    const entries = await unzip(book());
    const names = [...entries.keys()];
    expect(names.filter((name) => /externalLink|vbaProject|media\/|\.bin$/i.test(name))).toEqual([]);
    for (const [name, bytes] of entries) {
      if (name.endsWith('.rels')) expect(bytes.toString('utf8'), name).not.toMatch(/TargetMode="External"/);
    }
    expect(entries.get('[Content_Types].xml')!.toString('utf8')).not.toMatch(/macroEnabled/i);
  });

  it('packs the workbook and the source files kept as evidence, each with its SHA-256 in the manifest', async () => {
    const entries = await unzip(pack());
    const sums = entries.get('SHA256SUMS')!.toString('utf8').trim().split('\n').map((line) => line.split('  ') as [string, string]);
    expect(sums.map(([, name]) => name)).toEqual(['audited.xlsx', 'evidence/1-company.xlsx', 'evidence/2-company.xlsx']);
    for (const [hash, name] of sums) expect(sha256(entries.get(name)!), name).toBe(hash);
    expect(entries.get('audited.xlsx')!.equals(fs.readFileSync(book()))).toBe(true);
    expect(entries.get('evidence/1-company.xlsx')!.equals(fs.readFileSync(companyWorkbook))).toBe(true);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ entity: 'Example Group', auditHeadHash: outcome.auditHeadHash, notKept: [] });
    expect(outcome.workbookSha256).toBe(sha256(fs.readFileSync(book())));
    expect(outcome.evidencePackSha256).toBe(sha256(fs.readFileSync(pack())));
  });

  it('logs the export after the head the workbook shows', () => {
    const last = engagement.db.prepare('SELECT seq, operation, params_json FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; operation: string; params_json: string };
    expect(last.seq).toBe(outcome.auditEntries + 1);
    expect(last.operation).toBe('export');
    expect(JSON.parse(last.params_json)).toMatchObject({ workbook: 'audited.xlsx', workbookSha256: outcome.workbookSha256, auditHeadHash: outcome.auditHeadHash, detail: 'full' });
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true });
  });

  it('continues the detail on further sheets past a sheet’s row limit, and the totals span them all', async () => {
    const spilled = path.join(dir, 'spilled.xlsx');
    const spill = await exportWorkbook(engagement, { workbookPath: spilled, detail: 'full', rowsPerDetailSheet: 100 });
    expect(spill.sheets.slice(2, 6)).toEqual(['Recalculation detail', 'Recalculation detail 2', 'Recalculation detail 3', 'Recalculation detail 4']);
    const inspection = inspect(spilled, [['Lead schedule', 'D6']]);
    const formulaText = String(inspection.cells[0]!.value);
    for (const part of ['', ' 2', ' 3', ' 4']) expect(formulaText).toContain(`SUMIFS('Recalculation detail${part}'!`);
    expect(inspection.sheets.find((sheet) => sheet.name === 'Recalculation detail 4')!.maxRow).toBe(5 + result.lines.length - 300);
    expectLeadMatchesEngine(recalculatedSheets(spilled, fs.mkdtempSync(path.join(dir, 'lo-'))), result);
  });

  it('summarises the detail by factor and share on request, and the totals still re-perform', async () => {
    const summary = path.join(dir, 'summary.xlsx');
    const summarised = await exportWorkbook(engagement, { workbookPath: summary, detail: 'summary' });
    expect(summarised.detailRows).toBeLessThan(result.lines.length / 5);
    const workbook = await readBook(summary);
    const detail = workbook.getWorksheet('Recalculation detail')!;
    let lines = 0;
    detail.eachRow((row, number) => {
      if (number > 5) lines += row.getCell(4).value as number;
    });
    expect(lines).toBe(result.lines.length);
    expectLeadMatchesEngine(recalculatedSheets(summary, fs.mkdtempSync(path.join(dir, 'lo-'))), result);
  });
});
