import { useState } from 'react';
import { calendarMonthLabel } from '../../../../shared/calc/fiscal';
import type { TraceBreakdown } from '../../../../shared/contract';
import { formatDate, formatNumber, formatThreeDecimals } from '../../format';
import { t } from '../../../../shared/messages';

/** The traced lines by fiscal quarter or month; each record is spread by days over its period. */
export function PeriodBreakdown({ breakdown }: { breakdown: TraceBreakdown }) {
  const [by, setBy] = useState<'quarters' | 'months'>('quarters');
  const parts = breakdown[by];
  return (
    <div className="period-breakdown">
      <div className="panel-head">
        <h3>{t.periodBreakdown.byFiscal(by === 'quarters' ? t.periodBreakdown.quarter : t.periodBreakdown.month)}</h3>
        <label className="inline">
          <span className="sr-only">{t.periodBreakdown.breakDownBy}</span>
          <select value={by} onChange={(event) => setBy(event.target.value as 'quarters' | 'months')} aria-label={t.periodBreakdown.breakDownBy}>
            <option value="quarters">{t.periodBreakdown.quarter2}</option>
            <option value="months">{t.periodBreakdown.month2}</option>
          </select>
        </label>
      </div>
      <table className="grid compact" aria-label={t.periodBreakdown.figureByPeriod} data-testid="period-breakdown">
        <thead>
          <tr>
            {parts.map((part) => (
              <th key={part.label} className="num" title={t.periodBreakdown.to(formatDate(part.start), formatDate(part.end))}>{by === 'months' ? calendarMonthLabel(part.start) : part.label.replace(/^FY\d{4} /, '')}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {parts.map((part) => (
              <td key={part.label} className="num" title={t.periodBreakdown.tco2e(formatNumber(part.tco2e))}>{formatThreeDecimals(part.tco2e)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
