/**
 * Control totals of one import, so an auditor can tie it to the source: per sheet, rows read =
 * imported + rejected + skipped (by why); per numeric column, the numbers read, blanks and cells
 * that are not numbers, with the exact sum, min and max per unit; every rejected and skipped row with its reason (capped in the outcome; the engagement
 * keeps every rejected row).
 */
import type { ColumnControlTotal, ImportFinding, RowIssue, SheetControlTotal } from '../../../shared/contract';
import { MAX_ISSUES_IN_OUTCOME } from '../../../shared/contract';
import { ExactSum } from '../../../shared/calc/sum';
import type { Rejection } from '../../../shared/import/records';
import type { TwinCheck } from '../../../shared/import/twins';
import type { ControlReading } from '../../../shared/import/values';

type SkipReason = keyof SheetControlTotal['skipped'];

/** One sheet's counts, updated as its rows are read. */
export type SheetTally = { -readonly [K in Exclude<keyof SheetControlTotal, 'skipped'>]: SheetControlTotal[K] } & { skipped: Record<SkipReason, number> };

interface UnitTally {
  readonly unit: string | null;
  count: number;
  readonly sum: ExactSum;
  min: number;
  max: number;
}

interface ColumnTally {
  readonly sheet: string;
  readonly column: number;
  readonly header: string;
  count: number;
  blanks: number;
  unreadable: number;
  /** By unit as written: a column can hold tCO2e in one row and a PUE in the next, never to be added up. */
  readonly byUnit: Map<string | null, UnitTally>;
}

/** How a twin column's checks came out, over every sheet the mapping read. */
export type TwinTally = Record<TwinCheck['outcome'], number>;

export class ControlTotals {
  private readonly sheets = new Map<string, SheetTally>();
  /** In the order first read, as the outcome lists them; found by sheet and column (a key built per cell cost more than the count). */
  private readonly columns: ColumnTally[] = [];
  private readonly columnsBySheet = new Map<string, Map<number, ColumnTally>>();
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

  /** A numeric column's cell in a data row, as read. */
  column(sheet: string, column: number, header: string, reading: ControlReading): void {
    let sheetColumns = this.columnsBySheet.get(sheet);
    if (!sheetColumns) {
      sheetColumns = new Map();
      this.columnsBySheet.set(sheet, sheetColumns);
    }
    let tally = sheetColumns.get(column);
    if (!tally) {
      tally = { sheet, column, header, count: 0, blanks: 0, unreadable: 0, byUnit: new Map() };
      sheetColumns.set(column, tally);
      this.columns.push(tally);
    }
    if (reading.kind === 'blank') tally.blanks++;
    else if (reading.kind === 'unreadable') tally.unreadable++;
    else {
      tally.count++;
      const { value, unit } = reading;
      const byUnit = tally.byUnit.get(unit);
      if (byUnit) {
        byUnit.count++;
        byUnit.sum.add(value);
        byUnit.min = Math.min(byUnit.min, value);
        byUnit.max = Math.max(byUnit.max, value);
      } else {
        const sum = new ExactSum();
        sum.add(value);
        tally.byUnit.set(unit, { unit, count: 1, sum, min: value, max: value });
      }
    }
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
    return this.columns.map(({ byUnit, ...rest }) => ({ ...rest, byUnit: [...byUnit.values()].map(({ sum, ...unit }) => ({ ...unit, sum: sum.value() })) }));
  }
}
