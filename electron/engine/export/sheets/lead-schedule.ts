/**
 * Lead schedule: every figure per fiscal year, current against prior, each a formula over the
 * recalculation detail (SUMIFS by fiscal year and figure) or the Metrics sheet; nothing typed in.
 * The engine's figures are the formulas' cached results, so a reader that does not recalculate
 * shows the same numbers a recalculation gives. Each year's figures are named cells
 * (`Lead_FY2024_scope1`).
 *
 * Reported figures, their variances and status are on the Claims reconciliation sheet, which
 * reads this schedule's named cells; targets on the Targets sheet.
 */
import type { PeriodResult } from '../../../../shared/calc/inventory';
import { formula, type Cell, type Formula } from '../book/book';
import { cellRef, quoteSheet, absoluteRef } from '../book/refs';
import { closeTable, fitWidths, openTable, tableHeaderRow, type TableColumn, type TableSpec } from '../book/table';
import type { StyleName } from '../book/styles';
import type { FigureKind } from '../../../../shared/figures';
import type { ExportContext } from '../context';
import { BASIS_LABELS, scheduleFigures, type ScheduleFigure } from '../figures';
import { categoryCriterion, contextDetailLayout, detailTotalFormula, DETAIL_SHEET, type DetailCriterion } from './detail';
import { metricCell, METRICS_SHEET } from './metrics';
import type { SheetModule } from './sheet-module';
import { TICK } from './tick-marks';

export const LEAD_SHEET = 'Lead schedule';

const NOTES = [
  'tCO2e unless stated. Current: a formula over the Recalculation detail (SUMIFS by fiscal year and figure) or the Metrics sheet. Prior: the same figure a year earlier.',
  'Change % is relative for tonnes and PUE; a share’s change is in percentage points. Blank: no line or input contributes (never shown as zero).',
  'Reported figures against these, with variances and status: Claims reconciliation (the figures as imported are this schedule’s). Targets and pathways: Targets.',
];

const COLUMNS: readonly TableColumn[] = [
  { header: 'Fiscal year', style: 'text' },
  { header: 'Figure', style: 'text' },
  { header: 'Unit', style: 'text' },
  { header: 'Current', style: 'tco2e' },
  { header: 'Prior year', style: 'text' },
  { header: 'Prior', style: 'tco2e' },
  { header: 'Change', style: 'tco2e' },
  { header: 'Change %', style: 'percent' },
  { header: 'Reference', style: 'text' },
  { header: 'Work done', style: 'text' },
  { header: 'Reviewer tick', style: 'input', width: 10 },
];
const C = { current: 4, prior: 6, change: 7 } as const;

type ScheduleKind = Exclude<FigureKind, 'intensity'>;
const VALUE_STYLE: Readonly<Record<ScheduleKind, StyleName>> = { tco2e: 'tco2e', ratio: 'ratio', fraction: 'percent' };
const UNIT: Readonly<Record<ScheduleKind, string>> = { tco2e: 'tCO2e', ratio: 'ratio', fraction: '%' };

function kindOf(entry: ScheduleFigure): ScheduleKind {
  if (entry.figure.kind === 'intensity') throw new Error(`${entry.figure.id}: intensities are not on the lead schedule`);
  return entry.figure.kind;
}

/** Oldest first. */
function chronological(periods: readonly PeriodResult[]): PeriodResult[] {
  return [...periods].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Row of each year's figure, known before writing: years in order, figures in order within a year. */
function leadRows(periods: readonly PeriodResult[], figures: readonly ScheduleFigure[]): Map<string, number> {
  const rows = new Map<string, number>();
  let row = tableHeaderRow(NOTES) + 1;
  for (const period of chronological(periods)) for (const { figure } of figures) rows.set(`${period.label}.${figure.id}`, row++);
  return rows;
}

/** The defined name of a year's figure: `Lead_FY2024_scope2_market`, `Lead_FY2024_scope3_6`. */
export function leadName(fiscalYear: string, figureId: string): string {
  return `Lead_${fiscalYear}_${figureId.replace(/\./g, '_')}`;
}

const asResult = (value: number | null): number | string => value ?? '';

function currentFormula(context: ExportContext, period: PeriodResult, entry: ScheduleFigure): Formula {
  const value = asResult(entry.value(period));
  const { figure } = entry;
  if (figure.kind === 'tco2e') {
    const { bases, category } = figure.sums;
    const alternatives = bases.map((basis): DetailCriterion[] => [
      ['fiscalYear', period.label],
      ['figure', BASIS_LABELS[basis]],
      ...(category === undefined ? [] : [['category', categoryCriterion(category)] as DetailCriterion]),
    ]);
    return formula(detailTotalFormula(contextDetailLayout(context), alternatives), value);
  }
  if (figure.kind === 'intensity') throw new Error(`${figure.id}: intensities are not on the lead schedule`);
  const cell = metricCell(context.periods, period.label, figure);
  return formula(`IF(${cell}="","",${cell})`, value);
}

function reference(period: PeriodResult, { figure }: ScheduleFigure): string {
  if (figure.kind === 'tco2e') {
    const { bases, category } = figure.sums;
    return `${DETAIL_SHEET}: ${period.label}, ${bases.map((basis) => BASIS_LABELS[basis]).join(' + ')}${category === undefined ? '' : `, category ${category ?? 'none'}`}`;
  }
  return `${METRICS_SHEET}: ${period.label} ${figure.sites === 'data-centres' && figure.kind === 'fraction' ? 'data centres' : 'totals'}`;
}

function workDone({ figure }: ScheduleFigure, hasPrior: boolean): string {
  const marks = figure.kind === 'tco2e' ? [TICK.cast, TICK.recalculated, TICK.traced] : [TICK.recalculated];
  return [...marks, ...(hasPrior ? [TICK.prior] : [])].join(' ');
}

export const leadScheduleSheet: SheetModule = {
  tabs: () => [{ name: LEAD_SHEET, description: 'Every figure per fiscal year, current against prior, as formulas over the detail and metrics' }],

  async write(book, context) {
    const periods = chronological(context.periods);
    const figures = scheduleFigures(periods);
    const rows = leadRows(periods, figures);
    const cells: Cell[][] = [];
    periods.forEach((period, index) => {
      const prior = index > 0 ? periods[index - 1]! : null;
      for (const entry of figures) {
        const r = rows.get(`${period.label}.${entry.figure.id}`)!;
        const kind = kindOf(entry);
        const style = VALUE_STYLE[kind];
        const priorValue = prior ? entry.value(prior) : null;
        const currentValue = entry.value(period);
        const changeValue = currentValue === null || priorValue === null ? null : currentValue - priorValue;
        const relative = kind !== 'fraction' && changeValue !== null && priorValue !== 0 && priorValue !== null ? changeValue / Math.abs(priorValue) : null;
        const d = cellRef(C.current, r);
        const f = cellRef(C.prior, r);
        cells.push([
          { value: period.label, style: 'text' },
          { value: entry.label, style: 'text' },
          { value: UNIT[kind], style: 'text' },
          { value: currentFormula(context, period, entry), style },
          { value: prior?.label ?? null, style: 'text' },
          { value: prior ? formula(cellRef(C.current, rows.get(`${prior.label}.${entry.figure.id}`)!), asResult(priorValue)) : null, style },
          { value: prior ? formula(`IF(OR(${d}="",${f}=""),"",${d}-${f})`, asResult(changeValue)) : null, style: kind === 'fraction' ? 'percent' : style },
          { value: prior && kind !== 'fraction' ? formula(`IF(OR(${d}="",${f}="",N(${f})=0),"",(${d}-${f})/ABS(${f}))`, asResult(relative)) : null, style: 'percent' },
          { value: reference(period, entry), style: 'text' },
          { value: workDone(entry, prior !== null), style: 'text' },
          { value: null, style: 'input' },
        ]);
        book.defineName(leadName(period.label, entry.figure.id), `${quoteSheet(LEAD_SHEET)}!${absoluteRef(C.current, r)}`);
      }
    });
    const spec: TableSpec = { name: LEAD_SHEET, title: `Lead schedule — ${context.facts.settings.entityName}`, notes: NOTES, columns: COLUMNS };
    const { sheet, headerRow } = await openTable(book, spec, fitWidths(COLUMNS, cells));
    for (const row of cells) await sheet.row(row);
    closeTable(sheet, spec, headerRow);
  },
};
