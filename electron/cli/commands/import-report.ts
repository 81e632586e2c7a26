import type { ImportOutcome } from '../../../shared/contract';
import { columnLetter } from '../../../shared/import/cell';
import { countOf } from '../../../shared/count-text';
import { rowCounts } from '../../../shared/import/row-counts';
import { oneLine } from '../terminal';
import { checkLines } from './review-report';

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });

function headline(outcome: ImportOutcome): string {
  if (outcome.dryRun) return 'Dry run (nothing committed)';
  if (!outcome.committed) return 'NOT imported (nothing committed)';
  return `Imported as source file #${outcome.sourceFileId}`;
}

/** The control totals, every rejected row, the columns not imported and the findings, as an auditor ties them to the source. */
export function printImportOutcome(outcome: ImportOutcome, out: (text: string) => void): void {
  const lines: string[] = [];
  lines.push(`${headline(outcome)}: ${oneLine(outcome.fileName)} (${outcome.kind})`);
  lines.push(`SHA-256 ${outcome.sha256}`);
  if (outcome.replaces !== null) lines.push(`${outcome.committed ? 'Replaces' : 'Would replace'} source file #${outcome.replaces}${outcome.committed ? ', which no longer counts: results are out of date, run `carbon-audit calculate`' : ''}`);
  const claims = outcome.claimsCreated > 0 ? `, ${outcome.claimsCreated} claims` : '';
  lines.push(`${outcome.recordsCreated} ${outcome.kind === 'activity' ? 'records' : 'items'}${claims} ${outcome.committed ? 'created' : 'would be created'}${outcome.evidenceStored ? '; original bytes kept as evidence' : '; original bytes over the evidence cap: hash recorded'}`);
  if (outcome.shortfall !== null) {
    lines.push(outcome.committed ? `Warning: ${outcome.shortfall}; imported anyway (--allow-empty)` : `Warning: ${outcome.shortfall}.`);
  }
  lines.push('');
  lines.push('Sheet                          rows read  data rows  imported  rejected  totals  notes  blank  outside');
  for (const sheet of outcome.sheets) {
    lines.push(
      `${oneLine(sheet.sheet).padEnd(30).slice(0, 30)} ${String(sheet.rowsRead).padStart(9)} ${String(sheet.dataRows).padStart(10)} ${String(sheet.imported).padStart(9)} ${String(sheet.rejected).padStart(9)} ${String(sheet.skipped.total).padStart(7)} ${String(sheet.skipped.note).padStart(6)} ${String(sheet.skipped.blank).padStart(6)} ${String(sheet.skipped['outside-table']).padStart(8)}`,
    );
  }
  lines.push('Rows read = imported + rejected + totals + notes + blank + outside; each row is counted once.');
  const rows = rowCounts(outcome);
  if (rows.partlyRejected > 0) lines.push(`${countOf(rows.partlyRejected, 'imported row')} also had values refused (a factor row gives one factor per gas, unit or treatment; the rest of the row was imported): their reasons are listed with the rejections.`);
  if (outcome.columns.length > 0) {
    lines.push('');
    lines.push('Column control totals (data rows; sums per unit, never across units)');
    for (const column of outcome.columns) {
      const unreadable = column.unreadable > 0 ? `, ${column.unreadable} not a number` : '';
      const units = column.byUnit.map((unit) => `; ${unit.unit === null ? '(no unit)' : oneLine(unit.unit)}: count ${unit.count}, sum ${number.format(unit.sum)}, min ${number.format(unit.min)}, max ${number.format(unit.max)}`);
      lines.push(`  ${oneLine(column.sheet)} ${columnLetter(column.column)} ${oneLine(column.header)}: count ${column.count}, blanks ${column.blanks}${unreadable}${units.join('')}`);
    }
  }
  if (outcome.rejectedTotal > 0) {
    lines.push('');
    const partly = rows.partlyRejected > 0 ? ` and ${countOf(rows.partlyRejected, 'imported row')}` : '';
    lines.push(`Rejections: ${countOf(outcome.rejectedTotal, 'reason')} on ${countOf(rows.rejected, 'rejected row')}${partly}${outcome.rejected.length < outcome.rejectedTotal ? `, first ${outcome.rejected.length} shown; all are kept in the engagement` : ''}`);
    for (const issue of outcome.rejected) lines.push(`  ${oneLine(issue.sheet)} row ${issue.rowNumber}: ${oneLine(issue.reason)}`);
  }
  if (outcome.columnsNotImported.length > 0) {
    lines.push('');
    lines.push('Columns not imported');
    for (const column of outcome.columnsNotImported) lines.push(`  ${columnLetter(column.column)} ${oneLine(column.header)}: ${oneLine(column.reason)}`);
  }
  if (outcome.findingsTotal > 0) {
    lines.push('');
    lines.push(`Findings (${outcome.findingsTotal}${outcome.findings.length < outcome.findingsTotal ? `, first ${outcome.findings.length} shown` : ''}; ${outcome.committed ? 'kept in the engagement: carbon-audit import-findings' : 'kept when imported'})`);
    for (const finding of outcome.findings) lines.push(`  ${oneLine(finding.sheet)} row ${finding.rowNumber}: ${finding.kind}: ${oneLine(finding.message)}`);
  }
  if (outcome.skipped.length > 0) {
    lines.push('');
    lines.push('Not imported as data');
    for (const issue of outcome.skipped) lines.push(`  ${oneLine(issue.sheet)} row ${issue.rowNumber}: ${oneLine(issue.reason)}`);
  }
  if (outcome.check) lines.push('', ...checkLines(outcome.check), 'Work through them with `carbon-audit findings`.');
  if (outcome.checkError) lines.push('', `The check after the import failed (the import stands): ${outcome.checkError}`);
  out(`${lines.join('\n')}\n\n`);
}
