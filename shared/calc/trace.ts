/**
 * A figure's lineage: every result line that makes it, with the record's period, the source row
 * it came from and the factor applied. The engine builds the full trace (`carbon-audit trace
 * --json` prints it); the UI receives the view of it that it shows (toFigureTraceView).
 */
import type { Cell } from '../import/cell';
import type { PeriodPart } from './breakdown';
import type { ResultLine } from './inventory-types';

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
}

export interface TraceLine extends ResultLine {
  /** The record's own period, which the line's part of the fiscal year falls in. */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly source: TraceSource;
  readonly factor: TraceFactor | null;
}

export interface FigureTrace {
  /** The figure reference, e.g. 'FY2023.scope2_market'. */
  readonly figure: string;
  readonly fiscalYear: string;
  readonly site: string | null;
  readonly tco2e: number | null;
  readonly lines: readonly TraceLine[];
  /** The figure by fiscal quarter and month (pro rata by days within each record's period). */
  readonly quarters: readonly PeriodPart[];
  readonly months: readonly PeriodPart[];
}

/** The fields of a line the UI shows. */
const LINE_VIEW_FIELDS = [
  'recordId', 'site', 'activity', 'basis', 'quantity', 'unit', 'conversionFactor', 'convertedQuantity', 'chargedQuantity', 'factorUnit',
  'co2ePerUnitKg', 'share', 'tco2e', 'note',
] as const satisfies readonly (keyof ResultLine)[];

/** One line of a figure's lineage as the UI shows it, down to the source row. */
export type TraceLineView = Pick<ResultLine, (typeof LINE_VIEW_FIELDS)[number]> & {
  readonly factor: Pick<TraceFactor, 'label' | 'setKey' | 'edition'> | null;
  readonly source: Pick<TraceSource, 'fileName' | 'sheet' | 'rowNumber' | 'cells'>;
};

export type FigureTraceView = Pick<FigureTrace, 'figure' | 'site' | 'tco2e' | 'quarters' | 'months'> & { readonly lines: readonly TraceLineView[] };

export function toFigureTraceView(trace: FigureTrace): FigureTraceView {
  return {
    figure: trace.figure,
    site: trace.site,
    tco2e: trace.tco2e,
    quarters: trace.quarters,
    months: trace.months,
    lines: trace.lines.map((line) => ({
      ...(Object.fromEntries(LINE_VIEW_FIELDS.map((field) => [field, line[field]])) as Pick<ResultLine, (typeof LINE_VIEW_FIELDS)[number]>),
      factor: line.factor ? { label: line.factor.label, setKey: line.factor.setKey, edition: line.factor.edition } : null,
      source: { fileName: line.source.fileName, sheet: line.source.sheet, rowNumber: line.source.rowNumber, cells: line.source.cells },
    })),
  };
}
