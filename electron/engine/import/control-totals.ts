/**
 * Control totals of one import, so an auditor can tie it to the source: per sheet, rows read =
 * imported + rejected + skipped (by why); per numeric column, count, blanks, exact sum, min and
 * max; every rejected and skipped row with its reason (capped in the outcome; the engagement
 * keeps every rejected row).
 */
import type { ColumnControlTotal, ImportFinding, RowIssue, SheetControlTotal } from '../../../shared/contract';
import { MAX_ISSUES_IN_OUTCOME } from '../../../shared/contract';
import { ExactSum } from '../../../shared/calc/sum';
import type { Rejection } from '../../../shared/import/records';
import type { TwinCheck } from '../../../shared/import/twins';

type SkipReason = keyof SheetControlTotal['skipped'];

/** One sheet's counts, updated as its rows are read. */
export type SheetTally = { -readonly [K in Exclude<keyof SheetControlTotal, 'skipped'>]: SheetControlTotal[K] } & { skipped: Record<SkipReason, number> };

interface ColumnTally {
  readonly sheet: string;
  readonly column: number;
  readonly header: string;
  count: number;
  blanks: number;
  readonly sum: ExactSum;
  min: number | null;
  max: number | null;
}

/** How a twin column's checks came out, over every sheet the mapping read. */
export type TwinTally = Record<TwinCheck['outcome'], number>;

export class ControlTotals {
  private readonly sheets = new Map<string, SheetTally>();
  private readonly columns = new Map<string, ColumnTally>();
  private readonly twins = new Map<number, TwinTally>();
  readonly rejected: RowIssue[] = [];
  readonly skipped: RowIssue[] = [];
  readonly findings: ImportFinding[] = [];
  rejectedTotal = 0;
  findingsTotal = 0;
  recordsCreated = 0;
  claimsCreated = 0;
  rowsRead = 0;

  /** The tally of a sheet, counting the row just read. */
  rowRead(sheet: string): SheetTally {
    this.rowsRead++;
    const tally = this.sheet(sheet);
    tally.rowsRead++;
    return tally;
  }

  sheet(sheet: string): SheetTally {
    let tally = this.sheets.get(sheet);
    if (!tally) {
      tally = { sheet, rowsRead: 0, dataRows: 0, imported: 0, rejected: 0, partlyRejected: 0, skipped: { total: 0, note: 0, blank: 0, 'outside-table': 0 } };
      this.sheets.set(sheet, tally);
    }
    return tally;
  }

  /** A numeric column's value in a data row; null for a blank. */
  column(sheet: string, column: number, header: string, value: number | null): void {
    const key = `${sheet}\u0000${column}`;
    let tally = this.columns.get(key);
    if (!tally) {
      tally = { sheet, column, header, count: 0, blanks: 0, sum: new ExactSum(), min: null, max: null };
      this.columns.set(key, tally);
    }
    if (value === null) {
      tally.blanks++;
      return;
    }
    tally.count++;
    tally.sum.add(value);
    tally.min = tally.min === null ? value : Math.min(tally.min, value);
    tally.max = tally.max === null ? value : Math.max(tally.max, value);
  }

  rejection(sheet: string, rowNumber: number, rejection: Rejection): void {
    this.rejectedTotal++;
    if (this.rejected.length < MAX_ISSUES_IN_OUTCOME) this.rejected.push({ sheet, rowNumber, column: rejection.column, reason: rejection.reason });
  }

  /** A twin cell checked; returns the finding to store, or null when it agrees. */
  twinChecked(sheet: string, rowNumber: number, check: TwinCheck): ImportFinding | null {
    const tally = this.twins.get(check.column) ?? { agrees: 0, 'twin-disagrees': 0, 'twin-only': 0, 'twin-unreadable': 0 };
    tally[check.outcome]++;
    this.twins.set(check.column, tally);
    if (check.outcome === 'agrees') return null;
    const { outcome, ...rest } = check;
    const finding: ImportFinding = { sheet, rowNumber, kind: outcome, ...rest };
    this.findingsTotal++;
    if (this.findings.length < MAX_ISSUES_IN_OUTCOME) this.findings.push(finding);
    return finding;
  }

  twinTally(column: number): TwinTally | undefined {
    return this.twins.get(column);
  }

  skip(issue: RowIssue): void {
    if (this.skipped.length < MAX_ISSUES_IN_OUTCOME) this.skipped.push(issue);
  }

  sheetTotals(): SheetControlTotal[] {
    return [...this.sheets.values()];
  }

  columnTotals(): ColumnControlTotal[] {
    return [...this.columns.values()].map(({ sum, ...rest }) => ({ ...rest, sum: sum.value() }));
  }
}
