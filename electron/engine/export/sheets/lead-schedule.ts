/**
 * Lead schedule: every figure per fiscal year, current against prior, each a formula over the
 * recalculation detail (SUMIFS by fiscal year and figure) or the Metrics sheet; nothing typed in.
 * The engine's figures are the formulas' cached results, so a reader that does not recalculate
 * shows the same numbers a recalculation gives. Each year's figures are named cells
 * (`Lead_FY2024_scope1`).
 *
 * Reported, status and target read the Claims reconciliation and Targets sheets cell by cell;
 * variance and on-track compare them with this schedule's current figure, as imported. The claims
 * sheet in turn reads this schedule's named cells as its figures as imported.
 */
import type { PeriodResult } from '../../../../shared/calc/inventory';
import type { ClaimResult } from '../../../../shared/reconcile/reconcile';
import { formula, type Cell, type Formula } from '../book/book';
import { cellRef, quoteSheet, absoluteRef, sheetCell } from '../book/refs';
import { closeTable, fitWidths, openTable, tableHeaderRow, type TableColumn, type TableSpec } from '../book/table';
import type { StyleName } from '../book/styles';
import type { FigureKind } from '../../../../shared/figures';
import type { ExportContext } from '../context';
import { BASIS_LABELS, leadName, scheduleFigures, type ScheduleFigure } from '../figures';
import { CLAIM_COLUMNS, CLAIM_STATUS, claimRows, CLAIMS_SHEET } from './claims-reconciliation';
import { categoryCriterion, contextDetailLayout, detailTotalFormula, DETAIL_SHEET, type DetailCriterion } from './detail';
import { metricCell, METRICS_SHEET } from './metrics';
import { onTrackFormula, TARGET_COLUMNS, targetLines, TARGETS_SHEET, type TargetLine } from './targets';
import type { SheetModule } from './sheet-module';
import { TICK } from './tick-marks';

export const LEAD_SHEET = 'Lead schedule';

const NOTES = [
  'tCO2e unless stated. Current: a formula over the Recalculation detail (SUMIFS by fiscal year and figure) or the Metrics sheet. Prior: the same figure a year earlier.',
  'Change % is relative for tonnes and PUE; a share’s change is in percentage points. Blank: no line or input contributes (never shown as zero).',
  'Reported, status (as imported): the worst claim on the figure, from Claims reconciliation, which also judges the figures after adjustments. Variance = reported − current. Target: the pathway of its first target, from Targets; on track compares current with it. Claims, targets: their numbers on those sheets.',
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
  { header: 'Reported', style: 'tco2e' },
  { header: 'Variance', style: 'tco2e' },
  { header: 'Status', style: 'text' },
  { header: 'Target', style: 'tco2e' },
  { header: 'On track', style: 'text' },
  { header: 'Claims, targets', style: 'text' },
  { header: 'Reference', style: 'text' },
  { header: 'Work done', style: 'text' },
  { header: 'Reviewer tick', style: 'input', width: 10 },
];
const C = { current: 4, prior: 6, change: 7, reported: 9, target: 12 } as const;

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

const SEVERITY: Readonly<Record<ClaimResult['statusUncorrected'], number>> = { exception: 0, incomplete: 1, unmatched: 2, 'within-tolerance': 3, agreed: 4 };

/** The entity's claims on a year's figure, the worst on the figures as imported first. */
function claimsOn(context: ExportContext, period: PeriodResult, { figure }: ScheduleFigure): ClaimResult[] {
  return context.reconciliation.claims
    .filter((claim) => claim.measure === 'level' && claim.site === null && claim.fiscalYear === period.label && claim.figure === figure.id && claim.reported !== null)
    .sort((a, b) => SEVERITY[a.statusUncorrected] - SEVERITY[b.statusUncorrected] || a.id - b.id);
}

/**
 * The targets on a year's figure that have a pathway level for it, by id. Net zero and carbon
 * neutral are left to the Targets sheet: their actual is net of retirements, not this figure.
 */
function targetsOn(lines: readonly TargetLine[], period: PeriodResult, { figure }: ScheduleFigure): TargetLine[] {
  return lines.filter(({ target, year }) => target.figure === figure.id && year.period === period.label && year.pathway !== null && target.kind !== 'net-zero' && target.kind !== 'carbon-neutral');
}

function reference(period: PeriodResult, { figure }: ScheduleFigure): string {
  if (figure.kind === 'tco2e') {
    const { bases, category } = figure.sums;
    return `${DETAIL_SHEET}: ${period.label}, ${bases.map((basis) => BASIS_LABELS[basis]).join(' + ')}${category === undefined ? '' : `, category ${category ?? 'none'}`}`;
  }
  return `${METRICS_SHEET}: ${period.label} ${figure.sites === 'data-centres' && figure.kind === 'fraction' ? 'data centres' : 'totals'}`;
}

/** The claims (Claims reconciliation) and targets (Targets) on a year's figure: 'claim #2, #9; target #1'. */
function reconciledOn(claims: readonly ClaimResult[], targets: readonly TargetLine[]): string | null {
  const parts = [
    ...(claims.length === 0 ? [] : [`claim ${claims.map((claim) => `#${claim.id}`).join(', ')}`]),
    ...(targets.length === 0 ? [] : [`target ${targets.map(({ target }) => `#${target.id}`).join(', ')}`]),
  ];
  return parts.length === 0 ? null : parts.join('; ');
}

/**
 * Reported, variance and status of the worst claim on the figure; target and on track of its first
 * target. Cached results are what the formulas give: the claim's reported value and status as
 * imported, the target's pathway, compared with this row's current figure.
 */
function reconciliationCells(row: number, currentValue: number | null, style: StyleName, claim: ClaimResult | undefined, claimRow: number | undefined, line: TargetLine | undefined): Cell[] {
  const [current, reported, target] = [cellRef(C.current, row), cellRef(C.reported, row), cellRef(C.target, row)];
  const reportedValue = claim?.reported ?? null;
  const onTrack = line && currentValue !== null ? (line.target.direction === 'at-most' ? currentValue <= line.year.pathway! : currentValue >= line.year.pathway!) : null;
  return [
    { value: claim && claimRow !== undefined ? formula(sheetCell(CLAIMS_SHEET, CLAIM_COLUMNS.reported, claimRow), reportedValue!) : null, style },
    { value: claim ? formula(`IF(OR(${reported}="",${current}=""),"",${reported}-${current})`, reportedValue === null || currentValue === null ? '' : reportedValue - currentValue) : null, style },
    { value: claim && claimRow !== undefined ? formula(sheetCell(CLAIMS_SHEET, CLAIM_COLUMNS.statusUncorrected, claimRow), CLAIM_STATUS[claim.statusUncorrected]) : null, style: 'text' },
    { value: line ? formula(sheetCell(TARGETS_SHEET, TARGET_COLUMNS.pathway, line.row), line.year.pathway!) : null, style },
    { value: line ? onTrackFormula(current, target, line.target.direction, onTrack) : null, style: 'text' },
  ];
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
    const claimRowOf = claimRows(context.reconciliation.claims);
    const lines = targetLines(context.reconciliation.targets);
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
        const claims = claimsOn(context, period, entry);
        const targets = targetsOn(lines, period, entry);
        cells.push([
          { value: period.label, style: 'text' },
          { value: entry.label, style: 'text' },
          { value: UNIT[kind], style: 'text' },
          { value: currentFormula(context, period, entry), style },
          { value: prior?.label ?? null, style: 'text' },
          { value: prior ? formula(cellRef(C.current, rows.get(`${prior.label}.${entry.figure.id}`)!), asResult(priorValue)) : null, style },
          { value: prior ? formula(`IF(OR(${d}="",${f}=""),"",${d}-${f})`, asResult(changeValue)) : null, style: kind === 'fraction' ? 'percent' : style },
          { value: prior && kind !== 'fraction' ? formula(`IF(OR(${d}="",${f}="",N(${f})=0),"",(${d}-${f})/ABS(${f}))`, asResult(relative)) : null, style: 'percent' },
          ...reconciliationCells(r, currentValue, style, claims[0], claims[0] && claimRowOf.get(claims[0].id), targets[0]),
          { value: reconciledOn(claims, targets), style: 'text' },
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
