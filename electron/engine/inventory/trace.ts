/**
 * A figure's lineage, read from the stored results one page at a time. The total and subtotals
 * of a figure, a site or an activity come from the stored exact group sums; with a source-file
 * or period filter they are summed exactly over the lines the filters keep, streamed. Nothing
 * here calculates.
 */
import { PeriodBreakdown, type Granularity } from '../../../shared/calc/breakdown';
import { combinedTotal, type CountedSum } from '../../../shared/calc/inventory-totals';
import { ExactSum } from '../../../shared/calc/sum';
import type { TraceBreakdown, TraceFilters, TraceLine, TracePage, TraceQuery, TraceSubtotal } from '../../../shared/calc/trace';
import type { Cell } from '../../../shared/import/cell';
import { formatFigureReference, parseFigureReference, type EmissionFigure } from '../../../shared/figures';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { AS_IMPORTED, type CalculationVariant } from './inputs';
import { statusOf } from './results';
import { iterateLineAmounts, needsLineSums, RunDictionary, selectGroups, selectLinePage, selectRun, type LineFilter, type StoredLineRow } from './results-store';

interface Traced {
  readonly figure: string;
  readonly fiscalYear: string;
  readonly filter: LineFilter;
  readonly run: NonNullable<ReturnType<typeof selectRun>>;
}

function traced(engagement: Engagement, filters: TraceFilters, variant: CalculationVariant): Traced {
  const reference = parseFigureReference(filters.figure, { traceable: true });
  if (!reference.ok) throw new EngineError('invalid-input', reference.reason);
  const run = selectRun(engagement.reader, variant.name);
  if (!run) throw new EngineError('no-results', 'No results yet: calculate the inventory first (carbon-audit calculate)');
  const { fiscalYear } = reference.value;
  const { sums } = reference.value.figure as EmissionFigure;
  const filter: LineFilter = {
    run,
    fiscalYear,
    bases: sums.bases,
    ...(sums.category === undefined ? {} : { scope3Category: sums.category }),
    ...(filters.site === undefined ? {} : { site: filters.site }),
    ...(filters.activity === undefined ? {} : { activity: filters.activity }),
    ...(filters.sourceFileId === undefined ? {} : { sourceFileId: filters.sourceFileId }),
    ...(filters.periodFrom === undefined ? {} : { periodFrom: filters.periodFrom }),
    ...(filters.periodTo === undefined ? {} : { periodTo: filters.periodTo }),
  };
  return { figure: formatFigureReference(fiscalYear, reference.value.figure), fiscalYear, filter, run };
}

interface Sums {
  readonly tco2e: number | null;
  readonly lineCount: number;
  readonly subtotals: readonly TraceSubtotal[] | null;
}

/** The exact total of the lines a filter keeps, and per site or activity: from the stored group sums where they suffice. */
function sumsOf(engagement: Engagement, variant: CalculationVariant, filter: LineFilter, subtotalBy: TraceQuery['subtotalBy']): Sums {
  const keyed = new Map<string | null, CountedSum | { sum: ExactSum; count: number }>();
  const total = new ExactSum();
  let lineCount = 0;
  if (!needsLineSums(filter)) {
    const groups = selectGroups(engagement.reader, filter.run.id, filter);
    const tco2e = combinedTotal(groups.map((group) => group.total));
    lineCount = groups.reduce((count, group) => count + group.total.count, 0);
    if (!subtotalBy) return { tco2e, lineCount, subtotals: null };
    for (const group of groups) add(keyed, subtotalBy === 'site' ? group.site : group.activity, group.total);
    return { tco2e, lineCount, subtotals: subtotalsOf(keyed) };
  }
  for (const line of iterateLineAmounts(engagement.reader, variant.records, filter)) {
    total.add(line.tco2e);
    lineCount++;
    if (subtotalBy) add(keyed, subtotalBy === 'site' ? line.site : line.activity, line.tco2e);
  }
  return { tco2e: lineCount === 0 ? null : total.value(), lineCount, subtotals: subtotalBy ? subtotalsOf(keyed) : null };
}

function add(keyed: Map<string | null, { sum: ExactSum; count: number }>, key: string | null, value: number | CountedSum): void {
  let entry = keyed.get(key);
  if (!entry) {
    entry = { sum: new ExactSum(), count: 0 };
    keyed.set(key, entry);
  }
  if (typeof value === 'number') {
    entry.sum.add(value);
    entry.count++;
  } else {
    entry.sum.addSum(value.sum);
    entry.count += value.count;
  }
}

/** Largest first; equal ones by key. */
function subtotalsOf(keyed: Map<string | null, { sum: ExactSum; count: number }>): TraceSubtotal[] {
  return [...keyed]
    .map(([key, entry]) => ({ key, lines: entry.count, tco2e: entry.sum.value() }))
    .sort((a, b) => b.tco2e - a.tco2e || (a.key ?? '').localeCompare(b.key ?? ''));
}

function traceLine(row: StoredLineRow): TraceLine {
  const { record, factor } = row;
  return {
    ...row.line,
    periodStart: record.periodStart,
    periodEnd: record.periodEnd,
    source: { fileName: record.sourceFile, sha256: record.sourceSha256, sheet: record.sheet, rowNumber: record.rowNumber, cells: JSON.parse(record.cellsJson) as Cell[] },
    factor: factor === null ? null : { label: factor.label, setKey: factor.setKey, edition: factor.edition, sourceRows: JSON.parse(factor.sourceRowsJson) as unknown },
  };
}

/** One page of a figure's stored lines, filtered and sorted, with the filtered total and subtotals. */
export function traceFigure(engagement: Engagement, query: TraceQuery, variant: CalculationVariant = AS_IMPORTED): TracePage {
  const { figure, fiscalYear, filter, run } = traced(engagement, query, variant);
  const sums = sumsOf(engagement, variant, filter, query.subtotalBy);
  const rows = selectLinePage(engagement.reader, new RunDictionary(engagement.reader, run.id), variant.records, filter, {
    order: query.sort,
    descending: query.descending,
    limit: query.pageSize,
    offset: query.page * query.pageSize,
  });
  return { status: statusOf(engagement, run, variant), figure, fiscalYear, query, ...sums, lines: rows.map(traceLine) };
}

/** A figure's lines (as filtered) by fiscal quarter and month, streamed: each line spread by days over its record's period. */
export function traceBreakdown(engagement: Engagement, filters: TraceFilters, variant: CalculationVariant = AS_IMPORTED): TraceBreakdown {
  const { figure, filter, run } = traced(engagement, filters, variant);
  const settings = engagement.settings();
  const fiscal = { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule };
  const breakdowns = { quarter: new PeriodBreakdown('quarter', fiscal), month: new PeriodBreakdown('month', fiscal) };
  for (const line of iterateLineAmounts(engagement.reader, variant.records, filter)) {
    breakdowns.quarter.add(line);
    breakdowns.month.add(line);
  }
  const parts = (granularity: Granularity) => {
    const result = breakdowns[granularity].result();
    if (!result.ok) throw new EngineError('calculation', result.reason);
    return result.value;
  };
  return { status: statusOf(engagement, run, variant), figure, quarters: parts('quarter'), months: parts('month') };
}
