/**
 * Export benchmark phases (each run in its own process by run.ts, so peak RSS is its own):
 * - export: `exportWorkbook` on an engagement of N calculation lines, end to end (calculation included);
 * - export-stored: the same export of an engagement already calculated, so it streams the stored
 *   lines (the calculation is made before the clock starts and reused by the export);
 * - export-writer: the same writer fed N detail rows from a generator, without the calculation, so
 *   its own time and memory show apart from the calculation's;
 * - bare-write: a bare exceljs streaming write of N plain rows of the detail's width.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Engagement } from '../../electron/engine/engagement/handle';
import { fullDetailRows, type DetailRow, type DetailRows } from '../../electron/engine/export/detail-rows';
import { storedDetailSource } from '../../electron/engine/export/detail-source';
import { detailColumns } from '../../electron/engine/export/sheets/detail';
import { exportWorkbook, writeExport } from '../../electron/engine/export/service';
import { calculate } from '../../electron/engine/inventory/calculate';
import { storedFindings } from '../../electron/engine/inventory/service';
import { reconcileWithInventory } from '../../electron/engine/reconcile/service';
import { loadFactorLibrary } from '../../electron/engine/factors/library';
import { insertGeneratedRecords } from '../helpers/generated-records';
import { generatedEngagement, type Timed } from './calculation';

/** Generated records give 4 lines per 3 records (electricity has a location and a market line). */
const LINES_PER_RECORD = 4 / 3;

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-bench-export-'));
}

/** An engagement of about `lines` calculation lines, built once in the benchmark folder. */
const engagementOfLines = (lines: number) => generatedEngagement(`export-${lines}`, Math.round(lines / LINES_PER_RECORD));

/** Builds the engagement the export phase reads (untimed: it runs before that phase). */
export async function prepareExportEngagement(linesText: string): Promise<number> {
  engagementOfLines(Number(linesText));
  return Number(linesText);
}

/** The export of a fresh copy, calculated first (untimed) when `stored`. */
async function exportCopy(linesText: string, stored: boolean): Promise<Timed> {
  const dir = scratch();
  const copy = path.join(dir, 'bench.carbonaudit');
  fs.copyFileSync(engagementOfLines(Number(linesText)), copy);
  try {
    const engagement = Engagement.open(copy, { actor: 'bench' });
    if (stored) await calculate(engagement);
    const started = performance.now();
    const outcome = await exportWorkbook(engagement, { workbookPath: path.join(dir, 'bench.xlsx'), detail: 'full' });
    const ms = performance.now() - started;
    engagement.close();
    return { rows: outcome.detailRows, ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const exportEngagement = (linesText: string) => exportCopy(linesText, false);
export const exportStoredLines = (linesText: string) => exportCopy(linesText, true);

/** N rows cycled from a small engagement's real detail rows: the writer's input without a big calculation. */
function generatedDetail(sample: readonly DetailRow[], gases: readonly string[], count: number): DetailRows {
  return {
    mode: 'full',
    count,
    gases,
    async *rows() {
      for (let i = 0; i < count; i++) {
        const row = sample[i % sample.length]!;
        yield { ...row, recordId: i + 1 };
      }
    },
  };
}

export async function exportWriterOnly(linesText: string): Promise<number> {
  const count = Number(linesText);
  const dir = scratch();
  try {
    const engagement = Engagement.create(path.join(dir, 'bench.carbonaudit'), { entityName: 'Bench', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, { actor: 'bench' });
    loadFactorLibrary(engagement);
    insertGeneratedRecords(engagement, 3000);
    await calculate(engagement);
    const source = fullDetailRows(storedDetailSource(engagement));
    const sample: DetailRow[] = [];
    for await (const row of source.rows()) sample.push(row);
    const detail = generatedDetail(sample, source.gases, count);
    const { report: reconciliation } = await reconcileWithInventory(engagement);
    const inputs = { periods: reconciliation.periods, findings: storedFindings(engagement), reconciliation, detail, calculationLines: count };
    const outcome = await writeExport(engagement, { workbookPath: path.join(dir, 'bench.xlsx'), detail: 'full' }, inputs);
    engagement.close();
    return outcome.detailRows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function bareStreamingWrite(linesText: string): Promise<number> {
  const count = Number(linesText);
  const dir = scratch();
  try {
    const width = detailColumns('full', ['CO2', 'CH4', 'N2O']).length;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'bare.xlsx') });
    const sheet = workbook.addWorksheet('Rows');
    const start = new Date(Date.UTC(2021, 3, 1));
    for (let i = 0; i < count; i++) {
      const row: ExcelJS.CellValue[] = ['FY2022', 'Scope 1', null, i + 1, 'generated', 'generated', i + 2, `Site ${i % 400}`, start, start, 'Natural gas', null,
        100 + (i % 997) / 8, 'm3', 1, 100 + (i % 997) / 8, 1, 100 + (i % 997) / 8, 'cubic metres', 2.02266, 'Natural gas', 'desnz-2020', '2020',
        'Department for Business, Energy & Industrial Strategy (BEIS)', 1, 0.2528, 0.2522, 0.0004, 0.0001, 'factor year rule'];
      sheet.addRow(row.slice(0, width)).commit();
    }
    sheet.commit();
    await workbook.commit();
    return count;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
