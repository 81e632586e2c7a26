import type { FigureChangeView } from '../../../../shared/contract';
import { formatNumber } from '../../format';
import { formatFigure, rowForKey } from './figures';
import { t } from '../../../../shared/messages';

function ChangeLine({ change }: { change: FigureChangeView }) {
  const row = rowForKey(change.figure);
  const format = (value: number | null) => (row ? formatFigure(row.figure.kind, value) : formatNumber(value));
  return (
    <li>
      <strong>{change.period} · {row?.label ?? change.figure}</strong>: <span className="figures">{format(change.before)} → {format(change.after)}</span>
    </li>
  );
}

/** What the last recalculation moved, figure by figure (it is logged in the audit trail too). */
export function FigureChanges({ changes }: { changes: readonly FigureChangeView[] }) {
  return (
    <div className="notice figure-changes" role="status" data-testid="figure-changes">
      {changes.length === 0 ? (
        t.figureChanges.recalculatedOnTheNewestFactor
      ) : (
        <>
          <p>{t.figureChanges.recalculatedOnTheNewestFactor2(changes.length, changes.length === 1 ? t.figureChanges.figure : t.figureChanges.figures)}</p>
          <ul>{changes.map((change) => <ChangeLine key={`${change.period}:${change.figure}`} change={change} />)}</ul>
        </>
      )}
    </div>
  );
}
