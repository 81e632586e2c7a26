import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { describeAttributes } from '../../../../shared/calc/attributes';
import type { TraceSortColumn } from '../../../../shared/calc/trace';
import type { TraceLine } from '../../../../shared/contract';
import { formatNumber, formatPercent, formatThreeDecimals, NO_VALUE } from '../../format';
import { SourceRowContextView } from '../../components/SourceRowContext';
import { useGridKeys } from '../../components/useGridKeys';
import { t } from '../../../../shared/messages';
import { activityName } from '../../labels';

/** 'company.xlsx › UK offices › row 17'. */
function sourceText(source: TraceLine['source']): string {
  return t.traceTable.row(source.fileName, source.sheet, source.rowNumber);
}

interface ColumnSpec {
  readonly id: string;
  readonly header: string;
  readonly className?: string;
  /**
   * The column's share of the table's width. Fixed, so widths never depend on the rows in view:
   * otherwise a row scrolled in widens a column, rows rewrap, and the rows in view change again.
   */
  readonly widthPercent: number;
  /** What the engine sorts the lines by when this column's header is clicked. */
  readonly sort?: TraceSortColumn;
  readonly cell: (line: TraceLine, expanded: boolean, toggle: () => void) => ReactNode;
}

const COLUMN_SPECS: readonly ColumnSpec[] = [
  { id: 'record', widthPercent: 6, header: t.traceTable.record, className: 'num', sort: 'record', cell: (line) => line.recordId },
  { id: 'site', widthPercent: 9, header: t.traceTable.site, sort: 'site', cell: (line) => line.site ?? NO_VALUE },
  {
    id: 'activity',
    widthPercent: 11,
    header: t.traceTable.activity,
    className: 'wraps',
    sort: 'activity',
    cell: (line) => (
      <>
        {activityName(line.activity)}
        {line.attributes && <span className="muted small attributes">{describeAttributes(line.attributes)}</span>}
      </>
    ),
  },
  { id: 'quantity', widthPercent: 9, header: t.traceTable.quantity, className: 'num', sort: 'quantity', cell: (line) => `${formatNumber(line.quantity)} ${line.unit}` },
  // The multiplication signs are joined to their numbers by a no-break space: a wrapped cell keeps them together.
  { id: 'conversion', widthPercent: 9, header: t.traceTable.unitConversion, className: 'num', cell: (line) => `×\u00a0${formatNumber(line.conversionFactor)}` },
  {
    id: 'converted',
    widthPercent: 10,
    header: t.traceTable.converted,
    className: 'num wraps',
    cell: (line) => (
      <>
        = {formatNumber(line.convertedQuantity)} {line.factorUnit}
        {line.chargedQuantity !== line.convertedQuantity && <span className="charged">{t.traceTable.charged(formatNumber(line.chargedQuantity))}</span>}
      </>
    ),
  },
  { id: 'factor-value', widthPercent: 8, header: t.traceTable.kgco2eUnit, className: 'num', cell: (line) => `×\u00a0${formatNumber(line.co2ePerUnitKg)}` },
  {
    id: 'factor',
    widthPercent: 13,
    header: t.traceTable.factor,
    className: 'factor',
    cell: (line) =>
      line.factor ? (
        <>
          <span className="factor-set">{line.factor.setKey} · {line.factor.edition}</span>
          <span className="muted small">{line.factor.label}</span>
          {line.factor.attributes && <span className="muted small attributes">{t.traceTable.for(describeAttributes(line.factor.attributes))}</span>}
          {line.factor.validFrom !== null && <span className="muted small">{t.traceTable.validTo(line.factor.validFrom, line.factor.validTo ?? '…')}</span>}
        </>
      ) : NO_VALUE,
  },
  { id: 'share', widthPercent: 6, header: t.traceTable.share, className: 'num', cell: (line) => formatPercent(line.share) },
  { id: 'tco2e', widthPercent: 7, header: t.traceTable.tco2e, className: 'num tco2e', sort: 'tco2e', cell: (line) => <span title={t.traceTable.tco2e2(formatNumber(line.tco2e))}>{formatThreeDecimals(line.tco2e)}</span> },
  {
    id: 'source',
    widthPercent: 12,
    header: t.traceTable.source,
    sort: 'source',
    cell: (line, expanded, toggle) => (
      <button type="button" className="source-link" aria-expanded={expanded} onClick={toggle}>
        {sourceText(line.source)}
      </button>
    ),
  },
];

const COLUMN_COUNT = COLUMN_SPECS.length;
/** A line's height before it is measured (a note or an opened source row makes it taller). */
const ESTIMATED_ROW_HEIGHT = 44;

export interface TraceTableProps {
  readonly lineCount: number;
  readonly lineAt: (index: number) => TraceLine | undefined;
  /** Changes whenever a page of lines arrives, so the lines in view are drawn again. */
  readonly pages: number;
  /** Asks for the lines from..to (inclusive) to be fetched. */
  readonly ensure: (from: number, to: number) => void;
  readonly sort: TraceSortColumn;
  readonly descending: boolean;
  readonly onSort: (column: TraceSortColumn) => void;
  /** The figure's total, for the footer. */
  readonly footer: ReactNode;
  /** Offers, on each line, to propose an adjustment of its record. */
  readonly onAdjust?: (recordId: number) => void;
}

/**
 * A figure's lines in a virtualised table: only the rows in view are in the page (a figure of
 * half a million lines scrolls like one of fifty), fetched a page at a time as they come into
 * view. Headers sort the lines in the engine.
 */
export function TraceTable({ lineCount, lineAt, ensure, sort, descending, onSort, footer, onAdjust }: TraceTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const virtualizer = useVirtualizer({
    count: lineCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lineCount > 0) ensure(first, last);
  }, [ensure, first, last, lineCount]);

  const toggle = (index: number) => setExpanded((open) => {
    const next = new Set(open);
    if (!next.delete(index)) next.add(index);
    return next;
  });
  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ESTIMATED_ROW_HEIGHT) - 1);
  // Enter on a line opens (or closes) its source row.
  const keys = useGridKeys(lineCount, pageRows, virtualizer, toggle);
  useEffect(keys.focusActive);
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div className="table-scroll trace-scroll" ref={scrollRef} data-testid="trace-scroll">
      <table className="grid trace-lines" aria-label={t.traceTable.traceLines} aria-rowcount={lineCount + 1} {...keys.bodyProps}>
        <colgroup>
          {COLUMN_SPECS.map((spec) => <col key={spec.id} style={{ width: `${spec.widthPercent}%` }} />)}
        </colgroup>
        <thead>
          <tr>
            {COLUMN_SPECS.map((spec) => {
              const sorted = spec.sort !== undefined && spec.sort === sort;
              return (
                <th key={spec.id} className={spec.className?.includes('num') ? 'num' : undefined} aria-sort={sorted ? (descending ? 'descending' : 'ascending') : undefined}>
                  {spec.sort === undefined ? spec.header : (
                    <button type="button" className="sort-header" onClick={() => onSort(spec.sort!)}>
                      {spec.header}
                      {sorted && <span aria-hidden="true">{descending ? ' ▾' : ' ▴'}</span>}
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody aria-hidden="true" className="spacer"><tr style={{ height: before }} /></tbody>
        {items.map((item) => {
          const line = lineAt(item.index);
          const expandedLine = expanded.has(item.index);
          return (
            <tbody key={item.key} data-index={item.index} ref={virtualizer.measureElement}>
              {!line ? (
                <tr className="loading-line" {...keys.rowProps(item.index)} data-loaded="false" aria-rowindex={item.index + 2}><td colSpan={COLUMN_COUNT} className="muted">{t.traceTable.loadingLine(item.index + 1)}</td></tr>
              ) : (
                <>
                  <tr data-record={line.recordId} {...keys.rowProps(item.index)} data-loaded="true" aria-rowindex={item.index + 2} className={line.note ? 'has-note' : undefined}>
                    {/* Cells are plain calls, not components: a component made anew on each render would remount, and the button the auditor just pressed would lose focus. */}
                    {COLUMN_SPECS.map((spec, position) => (
                      <td key={spec.id} className={spec.className}>
                        {spec.cell(line, expandedLine, () => toggle(item.index))}
                        {position === 0 && onAdjust && (
                          <button type="button" className="line-action" onClick={() => onAdjust(line.recordId)} aria-label={t.traceTable.proposeAnAdjustmentOfRecord(line.recordId)}>{t.traceTable.adjust}</button>
                        )}
                      </td>
                    ))}
                  </tr>
                  {line.note && (
                    <tr className="line-note">
                      <td />
                      <td colSpan={COLUMN_COUNT - 1} title={line.note}>
                        <span className={expandedLine ? undefined : 'clamped'}>{t.traceTable.note(line.note)}</span>
                      </td>
                    </tr>
                  )}
                  {expandedLine && (
                    <tr className="source-detail">
                      <td colSpan={COLUMN_COUNT}><SourceRowContextView row={{ recordId: line.recordId }} /></td>
                    </tr>
                  )}
                </>
              )}
            </tbody>
          );
        })}
        <tbody aria-hidden="true" className="spacer"><tr style={{ height: Math.max(0, after) }} /></tbody>
        <tfoot>{footer}</tfoot>
      </table>
    </div>
  );
}

export const TRACE_COLUMNS = COLUMN_COUNT;
