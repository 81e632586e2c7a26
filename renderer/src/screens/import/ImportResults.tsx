import type { ImportFinding, ImportOutcome, RowIssue } from '../../../../shared/contract';
import { columnLetter } from '../../../../shared/import/cell';
import { formatNumber } from '../../format';

function SheetTotals({ outcome }: { outcome: ImportOutcome }) {
  return (
    <table className="grid" aria-label="Rows per sheet">
      <thead>
        <tr>
          <th>Sheet</th>
          <th className="num">Rows read</th>
          <th className="num">Data rows</th>
          <th className="num">{outcome.dryRun ? 'Rows to import' : 'Rows imported'}</th>
          <th className="num">Rejected</th>
          <th className="num">Totals skipped</th>
          <th className="num">Notes skipped</th>
          <th className="num">Blank</th>
          <th className="num">Outside table</th>
        </tr>
      </thead>
      <tbody>
        {outcome.sheets.map((sheet) => (
          <tr key={sheet.sheet}>
            <td>{sheet.sheet}</td>
            <td className="num">{sheet.rowsRead}</td>
            <td className="num">{sheet.dataRows}</td>
            <td className="num">{sheet.imported}</td>
            <td className="num">{sheet.rejected}</td>
            <td className="num">{sheet.skipped.total}</td>
            <td className="num">{sheet.skipped.note}</td>
            <td className="num">{sheet.skipped.blank}</td>
            <td className="num">{sheet.skipped['outside-table']}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ColumnTotals({ outcome }: { outcome: ImportOutcome }) {
  return (
    <table className="grid" aria-label="Column control totals">
      <thead>
        <tr>
          <th>Sheet</th>
          <th>Column</th>
          <th className="num">Count</th>
          <th className="num">Blanks</th>
          <th className="num">Sum</th>
          <th className="num">Min</th>
          <th className="num">Max</th>
        </tr>
      </thead>
      <tbody>
        {outcome.columns.map((column) => (
          <tr key={`${column.sheet}:${column.column}`} data-column={columnLetter(column.column)}>
            <td>{column.sheet}</td>
            <td>{columnLetter(column.column)} · {column.header}</td>
            <td className="num">{column.count}</td>
            <td className="num">{column.blanks}</td>
            <td className="num">{formatNumber(column.sum)}</td>
            <td className="num">{formatNumber(column.min)}</td>
            <td className="num">{formatNumber(column.max)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RowIssuesTable({ label, issues, total }: { label: string; issues: readonly RowIssue[]; total: number }) {
  return (
    <>
      <h3>{label} ({total})</h3>
      {total > issues.length && <p className="muted small">Showing the first {issues.length}; the engagement keeps all {total}.</p>}
      {issues.length > 0 && (
        <table className="grid issues" aria-label={label}>
          <thead>
            <tr>
              <th>Sheet</th>
              <th className="num">Row</th>
              <th>Column</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, index) => (
              <tr key={index} data-row={issue.rowNumber}>
                <td>{issue.sheet}</td>
                <td className="num">{issue.rowNumber}</td>
                <td>{issue.column === null ? '—' : columnLetter(issue.column)}</td>
                <td>{issue.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ColumnsNotImported({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.columnsNotImported.length === 0) return null;
  return (
    <>
      <h3>Numeric columns not imported ({outcome.columnsNotImported.length})</h3>
      <table className="grid" aria-label="Numeric columns not imported">
        <thead>
          <tr>
            <th>Column</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {outcome.columnsNotImported.map((column) => (
            <tr key={column.column} data-column={columnLetter(column.column)}>
              <td>{columnLetter(column.column)} · {column.header}</td>
              <td>{column.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const FINDING_LABELS: Readonly<Record<ImportFinding['kind'], string>> = {
  'twin-disagrees': 'Twin disagrees',
  'twin-only': 'Only in the twin',
  'twin-unreadable': 'Twin unreadable',
};

/** What the import found in the data: a twin column against the column it repeats, both values and the difference. */
export function FindingsTable({ findings, total }: { findings: readonly (ImportFinding & { readonly fileName?: string })[]; total: number }) {
  if (total === 0) return null;
  const byFile = findings.some((finding) => finding.fileName !== undefined);
  return (
    <>
      <h3>Findings ({total})</h3>
      {total > findings.length && <p className="muted small">Showing the first {findings.length}; the engagement keeps all {total}.</p>}
      <table className="grid import-findings-table" aria-label="Import findings">
        <thead>
          <tr>
            {byFile && <th>File</th>}
            <th>Sheet</th>
            <th className="num">Row</th>
            <th>Finding</th>
            <th className="num">Imported</th>
            <th className="num">Twin</th>
            <th className="num">Difference</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding, index) => (
            <tr key={index} data-row={finding.rowNumber}>
              {byFile && <td>{finding.fileName}</td>}
              <td>{finding.sheet}</td>
              <td className="num">{finding.rowNumber}</td>
              <td><span className="badge finding">{FINDING_LABELS[finding.kind]}</span></td>
              <td className="num">{finding.importedValue === null ? '—' : `${formatNumber(finding.importedValue)} ${finding.importedUnit} (${columnLetter(finding.comparedColumn)})`}</td>
              <td className="num">{finding.checkedValue === null ? '—' : `${formatNumber(finding.checkedValue)} ${finding.checkedUnit} (${columnLetter(finding.column)})`}</td>
              <td className="num">{finding.difference === null ? '—' : `${formatNumber(finding.difference)} ${finding.importedUnit}`}</td>
              <td className="detail">{finding.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Control totals, to tie the import back to the file, every row that was not imported with why, the numeric columns left out and the findings. */
export function ImportResults({ outcome }: { outcome: ImportOutcome }) {
  return (
    <div className="import-results" data-testid={outcome.dryRun ? 'validation-results' : 'import-results'}>
      <h3>Control totals</h3>
      <SheetTotals outcome={outcome} />
      {outcome.columns.length > 0 && <ColumnTotals outcome={outcome} />}
      <ColumnsNotImported outcome={outcome} />
      <FindingsTable findings={outcome.findings} total={outcome.findingsTotal} />
      <RowIssuesTable label="Rejected rows" issues={outcome.rejected} total={outcome.rejectedTotal} />
      <RowIssuesTable label="Skipped totals and notes" issues={outcome.skipped} total={outcome.skipped.length} />
    </div>
  );
}
