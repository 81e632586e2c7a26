import { useState } from 'react';
import { activityByKey } from '../../../../shared/activities';
import type { TraceLineView } from '../../../../shared/contract';
import { formatNumber, formatPercent, formatThreeDecimals, NO_VALUE } from '../../format';
import { SourceRowCells } from './SourceRowCells';

export const TRACE_COLUMNS = 11;

/** 'company.xlsx › UK offices › row 17'. */
function sourceText(source: TraceLineView['source']): string {
  return `${source.fileName} › ${source.sheet} › row ${source.rowNumber}`;
}

/**
 * One line of a figure's lineage: quantity × conversion × factor × share = tCO2e, the engine's note
 * on it, and where it came from; with `onAdjust`, a way to propose an adjustment of its record.
 */
export function TraceLineRow({ line, onAdjust }: { line: TraceLineView; onAdjust?: (recordId: number) => void }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <>
      <tr data-record={line.recordId} className={line.note ? 'has-note' : undefined}>
        <td className="num">{line.recordId}</td>
        <td>{line.site ?? NO_VALUE}</td>
        <td className="wraps">{activityByKey(line.activity)?.label ?? line.activity}</td>
        <td className="num">{formatNumber(line.quantity)} {line.unit}</td>
        <td className="num">× {formatNumber(line.conversionFactor)}</td>
        <td className="num wraps">
          = {formatNumber(line.convertedQuantity)} {line.factorUnit}
          {line.chargedQuantity !== line.convertedQuantity && <span className="charged">charged {formatNumber(line.chargedQuantity)}</span>}
        </td>
        <td className="num">× {formatNumber(line.co2ePerUnitKg)}</td>
        <td className="factor">
          {line.factor ? (
            <>
              <span className="factor-set">{line.factor.setKey} · {line.factor.edition}</span>
              <span className="muted small">{line.factor.label}</span>
            </>
          ) : NO_VALUE}
        </td>
        <td className="num">{formatPercent(line.share)}</td>
        <td className="num tco2e" title={`${formatNumber(line.tco2e)} tCO2e`}>{formatThreeDecimals(line.tco2e)}</td>
        <td>
          <button type="button" className="source-link" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {sourceText(line.source)}
          </button>
          {onAdjust && (
            <button type="button" className="line-action" onClick={() => onAdjust(line.recordId)} aria-label={`Propose an adjustment of record ${line.recordId}`}>
              Adjust…
            </button>
          )}
        </td>
      </tr>
      {line.note && (
        <tr className="line-note">
          <td />
          <td colSpan={TRACE_COLUMNS - 1} title={line.note}>
            <span className={expanded ? undefined : 'clamped'}>Note: {line.note}</span>
          </td>
        </tr>
      )}
      {expanded && (
        <tr className="source-detail">
          <td colSpan={TRACE_COLUMNS}>
            <SourceRowCells source={line.source} />
          </td>
        </tr>
      )}
    </>
  );
}
