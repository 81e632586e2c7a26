/**
 * A figure's lineage, read from stored results one page at a time: the result lines that make it,
 * each with the record's period, the source row it came from and the factor applied; filtered
 * (site, activity, source file, period), sorted, with the filtered lines' exact total and
 * subtotals by site or activity. The breakdown by fiscal quarter and month is asked apart, since
 * it reads every line the filters keep.
 */
import type { Cell } from '../import/cell';
import type { Attributes } from './attributes';
import type { PeriodPart } from './breakdown';
import type { ResultLine } from './inventory-types';
import type { ResultsStatus } from './results-status';

export interface TraceSource {
  readonly fileName: string;
  readonly sha256: string;
  readonly sheet: string;
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

export interface TraceFactor {
  readonly label: string;
  readonly setKey: string;
  readonly edition: string;
  /** Where the factor was read from in its published file (publisher, sheet, rows). */
  readonly sourceRows: unknown;
  /** The variant the factor is for (refrigerant gas, haul…), if it names one. */
  readonly attributes: Attributes | null;
  /** The validity its table states, if any (else its set's edition period applies). */
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export interface TraceLine extends ResultLine {
  /** The record's own period, which the line's part of the fiscal year falls in. */
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The record's variant of its activity (refrigerant gas, haul…), if it names one. */
  readonly attributes: Attributes | null;
  readonly source: TraceSource;
  readonly factor: TraceFactor | null;
}

/** What a trace can be sorted by; ties (and 'record') keep the lines in record order. */
export const TRACE_SORT_COLUMNS = ['record', 'site', 'activity', 'quantity', 'tco2e', 'source'] as const;

/** The columns of a trace written as CSV, by stable id (their headings are the UI catalogue's): a line's every step, from record to source row. */
export const TRACE_CSV_COLUMNS = [
  'record', 'site', 'activity', 'periodStart', 'periodEnd', 'quantity', 'unit', 'conversion', 'converted', 'factorUnit',
  'charged', 'co2ePerUnit', 'factorSet', 'factorEdition', 'factor', 'tco2e', 'sourceFile', 'sheet', 'row', 'note',
] as const;
export type TraceCsvColumn = (typeof TRACE_CSV_COLUMNS)[number];
export type TraceSortColumn = (typeof TRACE_SORT_COLUMNS)[number];

/** Which lines of a figure: every filter narrows; a period keeps the records whose own period meets it. */
export interface TraceFilters {
  /** e.g. 'FY2023.scope2_market', 'FY2023.scope3.6'. */
  readonly figure: string;
  readonly site?: string;
  readonly activity?: string;
  readonly sourceFileId?: number;
  /** ISO dates, inclusive. */
  readonly periodFrom?: string;
  readonly periodTo?: string;
}

export interface TraceQuery extends TraceFilters {
  /** From 0. */
  readonly page: number;
  readonly pageSize: number;
  readonly sort: TraceSortColumn;
  readonly descending: boolean;
  readonly subtotalBy?: 'site' | 'activity';
}

export interface TraceSubtotal {
  /** The site or activity; null for lines without a site. */
  readonly key: string | null;
  readonly lines: number;
  readonly tco2e: number;
}

export interface TracePage {
  readonly status: ResultsStatus;
  /** The figure reference as asked, e.g. 'FY2023.scope2_market'. */
  readonly figure: string;
  readonly fiscalYear: string;
  readonly query: TraceQuery;
  /** The exact sum of every line the filters keep (the figure itself without filters); null when none. */
  readonly tco2e: number | null;
  readonly lineCount: number;
  readonly lines: readonly TraceLine[];
  /** Per site or activity, largest first; null unless asked. */
  readonly subtotals: readonly TraceSubtotal[] | null;
}

export interface TraceBreakdown {
  readonly status: ResultsStatus;
  readonly figure: string;
  /** The lines by fiscal quarter and month (each line spread by days over its record's period in the fiscal year). */
  readonly quarters: readonly PeriodPart[];
  readonly months: readonly PeriodPart[];
}
