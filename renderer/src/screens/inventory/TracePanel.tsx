import { usePanel } from '../../usePanel';
import { useEffect, useState } from 'react';
import type { FigureTraceView } from '../../../../shared/contract';
import { formatFigureReference } from '../../../../shared/figures';
import { api } from '../../api';
import { errorMessage, formatNumber, formatThreeDecimals } from '../../format';
import type { PickedFigure } from './LeadSchedule';
import { PeriodBreakdown } from './PeriodBreakdown';
import { TRACE_COLUMNS, TraceLineRow } from './TraceLineRow';

interface Props {
  figure: PickedFigure;
  /** Null for all sites. */
  site: string | null;
  /** The calculation (or reconciliation) the figure belongs to: the trace is fetched again when it changes. */
  calculation: object;
  onClose: () => void;
  /** Offers, on each line, to propose an adjustment of its record. */
  onAdjust?: (recordId: number) => void;
}

function TraceTable({ trace, onAdjust }: { trace: FigureTraceView; onAdjust?: (recordId: number) => void }) {
  return (
    <div className="table-scroll">
      <table className="grid trace-lines" aria-label="Trace lines">
        <thead>
          <tr>
            <th className="num">Record</th>
            <th>Site</th>
            <th>Activity</th>
            <th className="num">Quantity</th>
            <th className="num">Unit conversion</th>
            <th className="num">Converted</th>
            <th className="num">kgCO2e / unit</th>
            <th>Factor</th>
            <th className="num">Share</th>
            <th className="num">tCO2e</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {trace.lines.map((line, index) => <TraceLineRow key={`${line.recordId}:${index}`} line={line} onAdjust={onAdjust} />)}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={TRACE_COLUMNS - 2} scope="row">Sum of {trace.lines.length} {trace.lines.length === 1 ? 'line' : 'lines'}</th>
            <td className="num tco2e" data-testid="trace-total" title={trace.tco2e === null ? undefined : `${formatNumber(trace.tco2e)} tCO2e`}>
              {formatThreeDecimals(trace.tco2e)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** A figure's lineage: every line that makes it, down to the source row and the factor applied. */
export function TracePanel({ figure, site, calculation, onClose, onAdjust }: Props) {
  const name = formatFigureReference(figure.period, { id: figure.key });
  const [trace, setTrace] = useState<FigureTraceView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panel = usePanel(onClose);
  useEffect(() => {
    let current = true;
    setTrace(null);
    setError(null);
    api.call('inventory.trace', site === null ? { figure: name } : { figure: name, site }).then(
      (result) => current && setTrace(result),
      (caught: unknown) => current && setError(errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, [name, site, calculation]);
  return (
    <section className="card trace-panel" aria-labelledby="trace-heading" data-testid="trace-panel" {...panel.panelProps}>
      <div className="panel-head">
        <h2 id="trace-heading" {...panel.headingProps}>
          {figure.period} · {figure.label}{site !== null && ` · ${site}`}
        </h2>
        <span className="spacer" />
        <button type="button" onClick={onClose}>Close</button>
      </div>
      <p className="muted small">tCO2e = charged quantity × kgCO2e per unit × boundary share ÷ 1,000, per line; the figure is their sum.</p>
      {error && <p role="alert" className="notice danger">{error}</p>}
      {!trace && !error && <p className="muted">Tracing…</p>}
      {trace && <PeriodBreakdown trace={trace} />}
      {trace && <TraceTable trace={trace} onAdjust={onAdjust} />}
    </section>
  );
}
