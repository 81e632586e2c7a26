import type { ImportOutcome } from '../../../shared/contract';
import { columnLetter } from '../../../shared/import/cell';
import { checkLines } from './review-report';

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });

/** The control totals and every rejected row, as an auditor ties them to the source. */
export function printImportOutcome(outcome: ImportOutcome, out: (text: string) => void): void {
  const lines: string[] = [];
  lines.push(`${outcome.dryRun ? 'Dry run (nothing committed)' : `Imported as source file #${outcome.sourceFileId}`}: ${outcome.fileName} (${outcome.kind})`);
  lines.push(`SHA-256 ${outcome.sha256}`);
  lines.push(`${outcome.recordsCreated} ${outcome.kind === 'activity' ? 'records' : 'items'} created${outcome.evidenceStored ? '; original bytes kept as evidence' : '; original bytes over the evidence cap: hash recorded'}`);
  lines.push('');
  lines.push('Sheet                          rows read  data rows  imported  rejected  totals  notes  blank  outside');
  for (const sheet of outcome.sheets) {
    lines.push(
      `${sheet.sheet.padEnd(30).slice(0, 30)} ${String(sheet.rowsRead).padStart(9)} ${String(sheet.dataRows).padStart(10)} ${String(sheet.imported).padStart(9)} ${String(sheet.rejected).padStart(9)} ${String(sheet.skipped.total).padStart(7)} ${String(sheet.skipped.note).padStart(6)} ${String(sheet.skipped.blank).padStart(6)} ${String(sheet.skipped['outside-table']).padStart(8)}`,
    );
  }
  if (outcome.columns.length > 0) {
    lines.push('');
    lines.push('Column control totals (data rows)');
    for (const column of outcome.columns) {
      lines.push(
        `  ${column.sheet} ${columnLetter(column.column)} ${column.header}: count ${column.count}, blanks ${column.blanks}, sum ${number.format(column.sum)}, min ${column.min === null ? '-' : number.format(column.min)}, max ${column.max === null ? '-' : number.format(column.max)}`,
      );
    }
  }
  if (outcome.rejectedTotal > 0) {
    lines.push('');
    lines.push(`Rejected rows (${outcome.rejectedTotal}${outcome.rejected.length < outcome.rejectedTotal ? `, first ${outcome.rejected.length} shown; all are kept in the engagement` : ''})`);
    for (const issue of outcome.rejected) lines.push(`  ${issue.sheet} row ${issue.rowNumber}: ${issue.reason}`);
  }
  if (outcome.skipped.length > 0) {
    lines.push('');
    lines.push('Not imported as data');
    for (const issue of outcome.skipped) lines.push(`  ${issue.sheet} row ${issue.rowNumber}: ${issue.reason}`);
  }
  if (outcome.check) lines.push('', ...checkLines(outcome.check), 'Work through them with `carbon-audit findings`.');
  if (outcome.checkError) lines.push('', `The check after the import failed (the import stands): ${outcome.checkError}`);
  out(`${lines.join('\n')}\n\n`);
}
