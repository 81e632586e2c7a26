import type { ColumnControlTotal, ImportFinding, ImportOutcome, RowIssue } from '../../../../shared/contract';
import { columnLetter } from '../../../../shared/import/cell';
import { countOf, formatCount, formatNumber, NO_VALUE } from '../../format';
import { rowCounts } from '../../../../shared/import/row-counts';
import { importCounts } from './format';
import { t } from '../../../../shared/messages';

function SheetTotals({ outcome }: { outcome: ImportOutcome }) {
  return (
    <table className="grid" aria-label={t.importResults.rowsPerSheet}>
      <thead>
        <tr>
          <th>{t.importResults.sheet}</th>
          <th className="num">{t.importResults.rowsRead}</th>
          <th className="num">{t.importResults.dataRows}</th>
          <th className="num">{outcome.dryRun ? t.importResults.rowsToImport : t.importResults.rowsImported}</th>
          <th className="num">{t.importResults.rejected}</th>
          <th className="num">{t.importResults.totalsSkipped}</th>
          <th className="num">{t.importResults.notesSkipped}</th>
          <th className="num">{t.importResults.blank}</th>
          <th className="num">{t.importResults.outsideTable}</th>
        </tr>
      </thead>
      <tbody>
        {outcome.sheets.map((sheet) => (
          <tr key={sheet.sheet}>
            <td>{sheet.sheet}</td>
            <td className="num">{formatCount(sheet.rowsRead)}</td>
            <td className="num">{formatCount(sheet.dataRows)}</td>
            <td className="num">{formatCount(sheet.imported)}</td>
            <td className="num">{formatCount(sheet.rejected)}</td>
            <td className="num">{formatCount(sheet.skipped.total)}</td>
            <td className="num">{formatCount(sheet.skipped.note)}</td>
            <td className="num">{formatCount(sheet.skipped.blank)}</td>
            <td className="num">{sheet.skipped['outside-table']}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How the sheet counts tie out, and which imported rows had values refused. */
function SheetTotalsNote({ outcome }: { outcome: ImportOutcome }) {
  const { partlyRejected } = rowCounts(outcome);
  return (
    <p className="muted small">
      {t.importResults.rowsReadTieOut}
      {partlyRejected > 0 && <> {t.importResults.partlyRejected(importCounts.rows(partlyRejected))}</>}
    </p>
  );
}

/** One row per column and unit: a column's numbers are summed per unit, never across units (tCO2e beside a PUE). */
function ColumnTotals({ outcome }: { outcome: ImportOutcome }) {
  return (
    <table className="grid" aria-label={t.importResults.columnControlTotals}>
      <thead>
        <tr>
          <th>{t.importResults.sheet}</th>
          <th>{t.importResults.column}</th>
          <th>{t.importResults.unit}</th>
          <th className="num">{t.importResults.count}</th>
          <th className="num">{t.importResults.blanks}</th>
          <th className="num">{t.importResults.sum}</th>
          <th className="num">{t.importResults.min}</th>
          <th className="num">{t.importResults.max}</th>
        </tr>
      </thead>
      <tbody>
        {outcome.columns.flatMap((column) => {
          const units = column.byUnit.length > 0 ? column.byUnit : [null];
          return units.map((unit, index) => (
            <tr key={`${column.sheet}:${column.column}:${unit?.unit ?? ''}`} data-column={columnLetter(column.column)}>
              <td>{index === 0 ? column.sheet : ''}</td>
              <td>{index === 0 ? `${columnLetter(column.column)} · ${column.header}` : ''}</td>
              <td>{unit === null ? NO_VALUE : unit.unit ?? t.importResults.noUnit}</td>
              <td className="num">{formatCount(unit?.count ?? 0)}</td>
              <td className="num">{index === 0 ? columnBlanks(column) : ''}</td>
              <td className="num">{unit === null ? NO_VALUE : formatNumber(unit.sum)}</td>
              <td className="num">{unit === null ? NO_VALUE : formatNumber(unit.min)}</td>
              <td className="num">{unit === null ? NO_VALUE : formatNumber(unit.max)}</td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}

/** '2', or '2 (+1 not a number)': cells that are neither numbers nor blank are counted apart. */
function columnBlanks(column: ColumnControlTotal): string {
  return column.unreadable === 0 ? formatCount(column.blanks) : t.importResults.blanksAndUnreadable(formatCount(column.blanks), formatCount(column.unreadable));
}

function RowIssuesTable({ label, heading, issues, total }: { label: string; heading?: string; issues: readonly RowIssue[]; total: number }) {
  return (
    <>
      <h3>{heading ?? `${label} (${total})`}</h3>
      {total > issues.length && <p className="muted small">{t.importResults.showingTheFirstTheEngagement(issues.length, total)}</p>}
      {issues.length > 0 && (
        <table className="grid issues" aria-label={label}>
          <thead>
            <tr>
              <th>{t.importResults.sheet}</th>
              <th className="num">{t.importResults.row}</th>
              <th>{t.importResults.column}</th>
              <th>{t.importResults.reason}</th>
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
      <h3>{t.importResults.numericColumnsNotImported(outcome.columnsNotImported.length)}</h3>
      <table className="grid" aria-label={t.importResults.numericColumnsNotImported2}>
        <thead>
          <tr>
            <th>{t.importResults.column}</th>
            <th>{t.importResults.why}</th>
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
  'twin-disagrees': t.importResults.twinDisagrees,
  'twin-only': t.importResults.onlyInTheTwin,
  'twin-unreadable': t.importResults.twinUnreadable,
};

/** What the import found in the data: a twin column against the column it repeats, both values and the difference. */
export function FindingsTable({ findings, total }: { findings: readonly (ImportFinding & { readonly fileName?: string })[]; total: number }) {
  if (total === 0) return null;
  const byFile = findings.some((finding) => finding.fileName !== undefined);
  return (
    <>
      <h3>{t.importResults.findings(total)}</h3>
      {total > findings.length && <p className="muted small">{t.importResults.showingTheFirstTheEngagement(findings.length, total)}</p>}
      <table className="grid import-findings-table" aria-label={t.importResults.importFindings}>
        <thead>
          <tr>
            {byFile && <th>{t.importResults.file}</th>}
            <th>{t.importResults.sheet}</th>
            <th className="num">{t.importResults.row}</th>
            <th>{t.importResults.finding}</th>
            <th className="num">{t.importResults.imported}</th>
            <th className="num">{t.importResults.twin}</th>
            <th className="num">{t.importResults.difference}</th>
            <th>{t.importResults.detail}</th>
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

/** 'Rejected rows: 2 rows, 190 reasons': a row can have several reasons, and an imported row can have values refused. */
function rejectedHeading(outcome: ImportOutcome): string {
  const rows = rowCounts(outcome);
  return t.importResults.rejectedRowsAndReasons(importCounts.rows(rows.rejected), countOf(rows.reasons, t.importResults.reason2, t.importResults.reasons));
}

/** Control totals, to tie the import back to the file, every row that was not imported with why, the numeric columns left out and the findings. */
export function ImportResults({ outcome }: { outcome: ImportOutcome }) {
  return (
    <div className="import-results" data-testid={outcome.dryRun ? 'validation-results' : 'import-results'}>
      <h3>{t.importResults.controlTotals}</h3>
      <SheetTotals outcome={outcome} />
      <SheetTotalsNote outcome={outcome} />
      {outcome.columns.length > 0 && <ColumnTotals outcome={outcome} />}
      <ColumnsNotImported outcome={outcome} />
      <FindingsTable findings={outcome.findings} total={outcome.findingsTotal} />
      <RowIssuesTable label={t.importResults.rejectedRows} heading={rejectedHeading(outcome)} issues={outcome.rejected} total={outcome.rejectedTotal} />
      <RowIssuesTable label={t.importResults.skippedTotalsAndNotes} issues={outcome.skipped} total={outcome.skipped.length} />
    </div>
  );
}
