import { useState } from 'react';
import { calendarMonthLabel } from '../../../../shared/calc/fiscal';
import type { TraceBreakdown } from '../../../../shared/contract';
import { formatNumber, formatThreeDecimals } from '../../format';

/** The traced lines by fiscal quarter or month; each record is spread by days over its period. */
export function PeriodBreakdown({ breakdown }: { breakdown: TraceBreakdown }) {
  const [by, setBy] = useState<'quarters' | 'months'>('quarters');
  const parts = breakdown[by];
  return (
    <div className="period-breakdown">
      <div className="panel-head">
        <h3>By fiscal {by === 'quarters' ? 'quarter' : 'month'}</h3>
        <label className="inline">
          <span className="sr-only">Break down by</span>
          <select value={by} onChange={(event) => setBy(event.target.value as 'quarters' | 'months')} aria-label="Break down by">
            <option value="quarters">Quarter</option>
            <option value="months">Month</option>
          </select>
        </label>
      </div>
      <table className="grid compact" aria-label="Figure by period" data-testid="period-breakdown">
        <thead>
          <tr>
            {parts.map((part) => (
              <th key={part.label} className="num" title={`${part.start} to ${part.end}`}>{by === 'months' ? calendarMonthLabel(part.start) : part.label.replace(/^FY\d{4} /, '')}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {parts.map((part) => (
              <td key={part.label} className="num" title={`${formatNumber(part.tco2e)} tCO2e`}>{formatThreeDecimals(part.tco2e)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
