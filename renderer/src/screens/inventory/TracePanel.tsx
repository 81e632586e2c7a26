import { usePanel } from '../../usePanel';
import { useEffect, useState } from 'react';
import type { TraceFilters, TraceSortColumn } from '../../../../shared/calc/trace';
import type { ResultsStatus, TraceBreakdown, TraceSubtotal } from '../../../../shared/contract';
import { activityName, changedInputs } from '../../labels';
import { formatFigureReference } from '../../../../shared/figures';
import { api } from '../../api';
import { formatNumber, formatThreeDecimals } from '../../format';
import type { PickedFigure } from './LeadSchedule';
import { PeriodBreakdown } from './PeriodBreakdown';
import { TRACE_COLUMNS, TraceTable } from './TraceTable';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { TRACE_CSV_HEADINGS } from '../../components/tableHeadings';
import { usePagedTrace, type TraceRequest } from './usePagedTrace';
import { t } from '../../../../shared/messages';

interface Props {
  figure: PickedFigure;
  /** Null for all sites. */
  site: string | null;
  /** The stored calculation the figure belongs to (its inputs' hash): the trace is fetched again when it changes. */
  calculation: string;
  onClose: () => void;
  /** Offers, on each line, to propose an adjustment of its record. */
  onAdjust?: (recordId: number) => void;
}

type SubtotalBy = 'site' | 'activity';

function Subtotals({ by, subtotals, onPick }: { by: SubtotalBy; subtotals: readonly TraceSubtotal[]; onPick: (key: string | null) => void }) {
  return (
    <table className="grid compact subtotals" aria-label={t.tracePanel.subtotalsBy(by)}>
      <thead>
        <tr>
          <th>{by === 'site' ? t.tracePanel.site : t.tracePanel.activity}</th>
          <th className="num">{t.tracePanel.lines}</th>
          <th className="num">{t.tracePanel.tco2e}</th>
        </tr>
      </thead>
      <tbody>
        {subtotals.map((subtotal) => (
          <tr key={subtotal.key ?? ''}>
            <td>
              <button type="button" className="link" onClick={() => onPick(subtotal.key)} disabled={subtotal.key === null}>
                {subtotal.key === null ? t.tracePanel.noSite : by === 'activity' ? activityName(subtotal.key) : subtotal.key}
              </button>
            </td>
            <td className="num">{formatNumber(subtotal.lines)}</td>
            <td className="num" title={t.tracePanel.tco2e2(formatNumber(subtotal.tco2e))}>{formatThreeDecimals(subtotal.tco2e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StaleNotice({ status }: { status: ResultsStatus }) {
  return status.state === 'stale' ? <p role="alert" className="notice warning">{t.tracePanel.theseLinesAreFromStored(t.resultsStatus.outOfDate(changedInputs(status.changed)))}</p> : null;
}

/** A figure's lineage, read from the stored results: every line that makes it, down to the source row and the factor applied. */
export function TracePanel({ figure, site, calculation, onClose, onAdjust }: Props) {
  const name = formatFigureReference(figure.period, { id: figure.key });
  const [sort, setSort] = useState<TraceSortColumn>('record');
  const [descending, setDescending] = useState(false);
  const [subtotalBy, setSubtotalBy] = useState<SubtotalBy>('activity');
  const [activity, setActivity] = useState<string | null>(null);
  const [siteFilter, setSiteFilter] = useState<string | null>(site);
  useEffect(() => setSiteFilter(site), [site]);
  useEffect(() => setActivity(null), [name]);

  const filters: TraceFilters = { figure: name, ...(siteFilter === null ? {} : { site: siteFilter }), ...(activity === null ? {} : { activity }) };
  const request: TraceRequest = { ...filters, sort, descending, subtotalBy };
  const { first, error, ensure, lineAt, pagesArrived } = usePagedTrace(request, calculation);
  const [breakdown, setBreakdown] = useState<TraceBreakdown | null>(null);
  // The breakdown reads every line the filters keep: fetched apart, after the first page, and again only when the filters or the calculation change.
  const breakdownKey = JSON.stringify({ filters, calculation });
  const panel = usePanel(onClose);
  useEffect(() => {
    let current = true;
    setBreakdown(null);
    const asked = (JSON.parse(breakdownKey) as { filters: TraceFilters }).filters;
    api.call('inventory.traceBreakdown', asked).then((result) => current && setBreakdown(result), () => undefined);
    return () => {
      current = false;
    };
  }, [breakdownKey]);

  const onSort = (column: TraceSortColumn) => {
    if (column === sort) setDescending(!descending);
    else {
      setSort(column);
      setDescending(column === 'tco2e' || column === 'quantity');
    }
  };
  const narrowedTo = [siteFilter, activity === null ? null : activityName(activity)].filter((part): part is string => part !== null);

  return (
    <section className="card trace-panel" aria-labelledby="trace-heading" data-testid="trace-panel" {...panel.panelProps}>
      <div className="panel-head">
        <h2 id="trace-heading" {...panel.headingProps}>
          {figure.period} · {figure.label}{narrowedTo.length > 0 && ` · ${narrowedTo.join(' · ')}`}
        </h2>
        <span className="spacer" />
        {(activity !== null || siteFilter !== site) && (
          <button type="button" onClick={() => { setActivity(null); setSiteFilter(site); }}>{t.tracePanel.allLinesOfTheFigure}</button>
        )}
        <button type="button" onClick={onClose}>{t.tracePanel.close}</button>
      </div>
      <p className="muted small">{t.tracePanel.tco2eChargedQuantityKgco2ePer}</p>
      {first && <StaleNotice status={first.status} />}
      {error && <p role="alert" className="notice danger">{error}</p>}
      {!first && !error && <p className="muted">{t.tracePanel.tracing}</p>}
      {breakdown && <PeriodBreakdown breakdown={breakdown} />}
      {first && (
        <>
          <div className="toolbar">
            <span className="muted small">
              <span data-testid="trace-count">{formatNumber(first.lineCount)} {first.lineCount === 1 ? t.tracePanel.line : t.tracePanel.lines2}</span>{t.tracePanel.tco2e3(formatThreeDecimals(first.tco2e))}
            </span>
            <span className="spacer" />
            <label className="inline">
              {t.tracePanel.subtotalsBy2}
              <select value={subtotalBy} onChange={(event) => setSubtotalBy(event.target.value as SubtotalBy)}>
                <option value="activity">{t.tracePanel.activity}</option>
                <option value="site">{t.tracePanel.site}</option>
              </select>
            </label>
            <ExportCsvButton query={{ table: 'trace', ...filters, sort, descending }} headers={TRACE_CSV_HEADINGS} what={t.tracePanel.theLinesOf(name)} />
          </div>
          {first.subtotals && first.subtotals.length > 1 && (
            <Subtotals by={subtotalBy} subtotals={first.subtotals} onPick={(key) => (subtotalBy === 'site' ? setSiteFilter(key) : setActivity(key))} />
          )}
          <TraceTable
            lineCount={first.lineCount}
            lineAt={lineAt}
            pages={pagesArrived}
            ensure={ensure}
            sort={sort}
            descending={descending}
            onSort={onSort}
            onAdjust={onAdjust}
            footer={
              <tr>
                <th colSpan={TRACE_COLUMNS - 2} scope="row">{t.tracePanel.sumOf(formatNumber(first.lineCount), first.lineCount === 1 ? t.tracePanel.line : t.tracePanel.lines2)}</th>
                <td className="num tco2e" data-testid="trace-total" title={first.tco2e === null ? undefined : t.tracePanel.tco2e2(formatNumber(first.tco2e))}>
                  {formatThreeDecimals(first.tco2e)}
                </td>
                <td />
              </tr>
            }
          />
        </>
      )}
    </section>
  );
}
