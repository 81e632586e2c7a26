/**
 * Calculation findings: every record the calculation could not use, or used with a caveat (no
 * factor, unknown unit, double count, instruments above consumption…), traced to its source row.
 * These records are not in the detail; nothing is dropped without a line here.
 */
import { findingMessage } from '../../../../shared/calc/inventory';
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { ExportContext } from '../context';
import type { SheetModule } from './sheet-module';

export const FINDINGS_SHEET = 'Calculation findings';

export const FINDING_COLUMNS: readonly TableColumn[] = [
  { header: 'Record', style: 'integer' },
  { header: 'Source file', style: 'text' },
  { header: 'Source sheet', style: 'text' },
  { header: 'Source row', style: 'integer' },
  { header: 'Kind', style: 'text' },
  { header: 'Finding', style: 'clipped', width: 100 },
  { header: 'tCO2e at stake (low)', style: 'tco2e' },
  { header: 'tCO2e at stake (high)', style: 'tco2e' },
];

/** The findings as table rows, each traced to its source row. */
export async function* findingRows(context: Pick<ExportContext, 'findings'>): AsyncGenerator<Cell[]> {
  for await (const finding of context.findings.rows()) {
    yield [
      { value: finding.recordId, style: 'integer' },
      { value: finding.source?.fileName, style: 'text' },
      { value: finding.source?.sheet, style: 'text' },
      { value: finding.source?.rowNumber, style: 'integer' },
      { value: finding.kind, style: 'text' },
      { value: findingMessage(finding), style: 'clipped' },
      { value: finding.atStake?.low ?? null, style: 'tco2e' },
      { value: finding.atStake?.high ?? null, style: 'tco2e' },
    ];
  }
}

export const calculationFindingsSheet: SheetModule = {
  tabs: () => [{ name: FINDINGS_SHEET, description: 'Records the calculation could not use, or used with a caveat, with their source rows' }],
  async write(book, context) {
    await writeTable(book, {
      name: FINDINGS_SHEET,
      title: 'Calculation findings',
      notes: [context.findings.total === 0 ? 'None: every record was calculated without a finding.' : `${context.findings.total} findings from the calculation, by record.`],
      columns: FINDING_COLUMNS,
    }, findingRows(context), context.signal);
  },
};
