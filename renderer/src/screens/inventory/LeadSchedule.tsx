import type { PeriodResult } from '../../../../shared/calc/inventory-types';
import { formatDateSpan } from '../../format';
import { figureRows, formatChange, formatFigure, preciseFigure, totalsFor, unitLabel, yearOnYearChange, type FigureGroup, type FigureRow, type FigureSource } from './figures';
import { t } from '../../../../shared/messages';

/** A figure of one fiscal year, as the auditor picked it to trace. */
export interface PickedFigure {
  readonly period: string;
  /** The catalogue figure's id. */
  readonly key: string;
  readonly label: string;
}

interface Props {
  /** Oldest first. */
  periods: readonly PeriodResult[];
  /** Null for all sites. */
  site: string | null;
  picked: PickedFigure | null;
  onPick: (figure: PickedFigure) => void;
}

const GROUP_HEADINGS: Readonly<Record<Exclude<FigureGroup, 'inventory'>, string>> = {
  apart: t.leadSchedule.reportedApartFromTheInventory,
  metrics: t.leadSchedule.metrics,
};

interface Column {
  readonly period: PeriodResult;
  readonly totals: FigureSource | null;
}

function FigureCell({ row, column, picked, onPick }: { row: FigureRow; column: Column; picked: boolean; onPick: Props['onPick'] }) {
  const value = column.totals ? row.value(column.totals) : null;
  const text = formatFigure(row.figure.kind, value);
  return (
    <td className="num" data-period={column.period.label} title={value === null ? t.leadSchedule.noInputs : preciseFigure(row, value)}>
      {value !== null && row.figure.traceable ? (
        <button
          type="button"
          className={picked ? 'figure-link picked' : 'figure-link'}
          aria-pressed={picked}
          onClick={() => onPick({ period: column.period.label, key: row.figure.id, label: row.label })}
        >
          {text}
        </button>
      ) : (
        text
      )}
    </td>
  );
}

function ScheduleRow({ row, columns, picked, onPick }: { row: FigureRow; columns: readonly Column[]; picked: PickedFigure | null; onPick: Props['onPick'] }) {
  const [previous, latest] = columns.slice(-2).map((column) => (column.totals ? row.value(column.totals) : null));
  const className = row.category ? 'category' : row.total ? 'total' : undefined;
  return (
    <tr data-figure={row.figure.id} className={className}>
      <th scope="row">{row.label}</th>
      <td className="unit">{unitLabel(row)}</td>
      {columns.map((column) => (
        <FigureCell
          key={column.period.label}
          row={row}
          column={column}
          picked={picked?.key === row.figure.id && picked.period === column.period.label}
          onPick={onPick}
        />
      ))}
      {columns.length > 1 && <td className="num change">{formatChange(row.figure.kind, yearOnYearChange(row.figure.kind, previous ?? null, latest ?? null))}</td>}
    </tr>
  );
}

/**
 * The lead schedule: every figure per fiscal year, with the latest year's movement. A figure with
 * inputs is a button that traces it to its source rows.
 */
export function LeadSchedule({ periods, site, picked, onPick }: Props) {
  const columns: Column[] = periods.map((period) => ({ period, totals: totalsFor(period, site) }));
  const rows = figureRows(columns.map((column) => column.totals));
  const [previous, latest] = periods.slice(-2);
  const width = 2 + columns.length + (columns.length > 1 ? 1 : 0);
  const body = (group: FigureGroup) => rows.filter((row) => row.figure.group === group).map((row) => <ScheduleRow key={row.figure.id} row={row} columns={columns} picked={picked} onPick={onPick} />);
  return (
    <table className="grid lead-schedule" aria-label={t.leadSchedule.leadSchedule}>
      <thead>
        <tr>
          <th>{t.leadSchedule.figure}</th>
          <th>{t.leadSchedule.unit}</th>
          {periods.map((period) => (
            <th key={period.label} className="num" scope="col">
              {period.label}
              <span className="period-dates">{formatDateSpan(period.start, period.end)}</span>
            </th>
          ))}
          {previous && latest && (
            <th className="num" scope="col">
              {t.leadSchedule.change}
              <span className="period-dates">{previous.label} → {latest.label}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{body('inventory')}</tbody>
      {(['apart', 'metrics'] as const).map((group) => (
        <tbody key={group} className={`group-${group}`}>
          <tr className="group-heading">
            <th colSpan={width} scope="colgroup">{GROUP_HEADINGS[group]}</th>
          </tr>
          {body(group)}
        </tbody>
      ))}
    </table>
  );
}
