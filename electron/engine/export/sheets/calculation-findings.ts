/**
 * Calculation findings: every record the calculation could not use, or used with a caveat (no
 * factor, unknown unit, double count, instruments above consumption…), traced to its source row.
 * These records are not in the detail; nothing is dropped without a line here.
 */
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { ExportContext } from '../context';
import { recordSourceLookup } from '../store';
import type { SheetModule } from './sheet-module';

export const FINDINGS_SHEET = 'Calculation findings';

export const FINDING_COLUMNS: readonly TableColumn[] = [
  { header: 'Record', style: 'integer' },
  { header: 'Source file', style: 'text' },
  { header: 'Source sheet', style: 'text' },
  { header: 'Source row', style: 'integer' },
  { header: 'Kind', style: 'text' },
  { header: 'Finding', style: 'clipped', width: 100 },
];

/** The findings as table rows, each traced to its source row. */
export function* findingRows(context: Pick<ExportContext, 'db' | 'findings'>): Generator<Cell[]> {
  const sourceOf = recordSourceLookup(context.db);
  for (const finding of context.findings) {
    const source = finding.recordId === null ? undefined : sourceOf(finding.recordId);
    yield [
      { value: finding.recordId, style: 'integer' },
      { value: source?.[0], style: 'text' },
      { value: source?.[1], style: 'text' },
      { value: source?.[2], style: 'integer' },
      { value: finding.kind, style: 'text' },
      { value: finding.message, style: 'clipped' },
    ];
  }
}

export const calculationFindingsSheet: SheetModule = {
  tabs: () => [{ name: FINDINGS_SHEET, description: 'Records the calculation could not use, or used with a caveat, with their source rows' }],
  async write(book, context) {
    await writeTable(book, {
      name: FINDINGS_SHEET,
      title: 'Calculation findings',
      notes: [context.findings.length === 0 ? 'None: every record was calculated without a finding.' : `${context.findings.length} findings from the calculation, by record.`],
      columns: FINDING_COLUMNS,
    }, findingRows(context), context.signal);
  },
};
