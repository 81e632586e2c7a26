/**
 * Lead schedule: every figure per fiscal year, current against prior, each a formula over the
 * recalculation detail (SUMIFS by fiscal year and figure) or the Metrics sheet; nothing typed in.
 * The engine's figures are the formulas' cached results, so a reader that does not recalculate
 * shows the same numbers a recalculation gives. Each year's figures are named cells
 * (`Lead_FY2024_scope1`).
 *
 * Reported figures, variances, status and targets come from reconciliation, which this engagement
 * does not hold yet: those columns are added (as further modules' columns) when it lands, rather
 * than shown empty and mistaken for "nothing reported".
 */
import type { PeriodResult } from '../../../../shared/calc/inventory';
import { formula, type Cell, type Formula } from '../book/book';
import { cellRef, quoteSheet, absoluteRef } from '../book/refs';
import { closeTable, fitWidths, openTable, tableHeaderRow, type TableColumn, type TableSpec } from '../book/table';
import type { StyleName } from '../book/styles';
import type { ExportContext } from '../context';
import { BASIS_LABELS, figureDefinitions, figureFormat, type FigureDefinition, type FigureFormat } from '../figures';
import { categoryCriterion, contextDetailLayout, detailTotalFormula, DETAIL_SHEET, type DetailCriterion } from './detail';
import { metricCell, METRICS_SHEET } from './metrics';
import type { SheetModule } from './sheet-module';
import { TICK } from './tick-marks';

export const LEAD_SHEET = 'Lead schedule';

const NOTES = [
  'tCO2e unless stated. Current: a formula over the Recalculation detail (SUMIFS by fiscal year and figure) or the Metrics sheet. Prior: the same figure a year earlier.',
  'Change % is relative for tonnes and PUE; a share’s change is in percentage points. Blank: no line or input contributes (never shown as zero).',
  'Reported figures, variances, status and targets: no reconciliation in this engagement yet, so those columns are not part of this workbook.',
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

const VALUE_STYLE: Readonly<Record<FigureFormat, StyleName>> = { tco2e: 'tco2e', ratio: 'ratio', share: 'percent' };
const UNIT: Readonly<Record<FigureFormat, string>> = { tco2e: 'tCO2e', ratio: 'ratio', share: '%' };

/** Oldest first. */
function chronological(periods: readonly PeriodResult[]): PeriodResult[] {
  return [...periods].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Row of each year's figure, known before writing: years in order, figures in order within a year. */
function leadRows(periods: readonly PeriodResult[], figures: readonly FigureDefinition[]): Map<string, number> {
  const rows = new Map<string, number>();
  let row = tableHeaderRow(NOTES) + 1;
  for (const period of chronological(periods)) for (const figure of figures) rows.set(`${period.label}.${figure.key}`, row++);
  return rows;
}

/** The defined name of a year's figure. */
export function leadName(fiscalYear: string, figureKey: string): string {
  return `Lead_${fiscalYear}_${figureKey}`;
}

const asResult = (value: number | null): number | string => value ?? '';

function currentFormula(context: ExportContext, period: PeriodResult, figure: FigureDefinition, rowOf: (key: string) => number): Formula {
  const value = asResult(figure.value(period));
  switch (figure.kind) {
    case 'lines': {
      const criteria: DetailCriterion[] = [['fiscalYear', period.label], ['figure', BASIS_LABELS[figure.basis]]];
      if (figure.category !== undefined) criteria.push(['category', categoryCriterion(figure.category === 'uncategorised' ? null : Number(figure.category))]);
      return formula(detailTotalFormula(contextDetailLayout(context), criteria), value);
    }
    case 'net': {
      const scope1 = cellRef(C.current, rowOf('scope1'));
      const market = cellRef(C.current, rowOf('scope2_market'));
      return formula(`IF(AND(${scope1}="",${market}=""),"",SUM(${scope1},${market}))`, value);
    }
    case 'metric': {
      const cell = metricCell(context.periods, period.label, figure.metric);
      return formula(`IF(${cell}="","",${cell})`, value);
    }
  }
}

function reference(period: PeriodResult, figure: FigureDefinition): string {
  switch (figure.kind) {
    case 'lines':
      return `${DETAIL_SHEET}: ${period.label}, ${BASIS_LABELS[figure.basis]}${figure.category === undefined ? '' : `, category ${figure.category}`}`;
    case 'net':
      return `This schedule: Scope 1 + Scope 2 market-based, ${period.label}`;
    case 'metric':
      return `${METRICS_SHEET}: ${period.label} ${figure.metric === 'dataCentreCleanShare' ? 'data centres' : 'totals'}`;
  }
}

function workDone(figure: FigureDefinition, hasPrior: boolean): string {
  const marks = figure.kind === 'metric' ? [TICK.recalculated] : figure.kind === 'net' ? [TICK.cast] : [TICK.cast, TICK.recalculated, TICK.traced];
  return [...marks, ...(hasPrior ? [TICK.prior] : [])].join(' ');
}

export const leadScheduleSheet: SheetModule = {
  tabs: () => [{ name: LEAD_SHEET, description: 'Every figure per fiscal year, current against prior, as formulas over the detail and metrics' }],

  async write(book, context) {
    const periods = chronological(context.periods);
    const figures = figureDefinitions(periods);
    const rows = leadRows(periods, figures);
    const cells: Cell[][] = [];
    periods.forEach((period, index) => {
      const prior = index > 0 ? periods[index - 1]! : null;
      const rowOf = (key: string) => rows.get(`${period.label}.${key}`)!;
      for (const figure of figures) {
        const r = rowOf(figure.key);
        const format = figureFormat(figure);
        const style = VALUE_STYLE[format];
        const current = currentFormula(context, period, figure, rowOf);
        const priorValue = prior ? figure.value(prior) : null;
        const currentValue = figure.value(period);
        const changeValue = currentValue === null || priorValue === null ? null : currentValue - priorValue;
        const relative = format !== 'share' && changeValue !== null && priorValue !== 0 && priorValue !== null ? changeValue / Math.abs(priorValue) : null;
        const d = cellRef(C.current, r);
        const f = cellRef(C.prior, r);
        cells.push([
          { value: period.label, style: 'text' },
          { value: figure.label, style: 'text' },
          { value: UNIT[format], style: 'text' },
          { value: current, style },
          { value: prior?.label ?? null, style: 'text' },
          { value: prior ? formula(cellRef(C.current, rows.get(`${prior.label}.${figure.key}`)!), asResult(priorValue)) : null, style },
          { value: prior ? formula(`IF(OR(${d}="",${f}=""),"",${d}-${f})`, asResult(changeValue)) : null, style: format === 'share' ? 'percent' : style },
          { value: prior && format !== 'share' ? formula(`IF(OR(${d}="",${f}="",N(${f})=0),"",(${d}-${f})/ABS(${f}))`, asResult(relative)) : null, style: 'percent' },
          { value: reference(period, figure), style: 'text' },
          { value: workDone(figure, prior !== null), style: 'text' },
          { value: null, style: 'input' },
        ]);
        book.defineName(leadName(period.label, figure.key), `${quoteSheet(LEAD_SHEET)}!${absoluteRef(C.current, r)}`);
      }
    });
    const spec: TableSpec = { name: LEAD_SHEET, title: `Lead schedule — ${context.facts.settings.entityName}`, notes: NOTES, columns: COLUMNS };
    const { sheet, headerRow } = await openTable(book, spec, fitWidths(COLUMNS, cells));
    for (const row of cells) await sheet.row(row);
    closeTable(sheet, spec, headerRow);
  },
};
