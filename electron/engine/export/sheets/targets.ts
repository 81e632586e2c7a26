/**
 * Targets: each target's pathway and actual for every fiscal year, whether the year is on track (a
 * formula comparing them), the target's status and the projection to its year with its method.
 */
import type { TargetResult, TargetYear } from '../../../../shared/reconcile/targets';
import { formula, type Cell, type Formula } from '../book/book';
import { cellRef, formulaString } from '../book/refs';
import { tableHeaderRow, writeTable, type TableColumn } from '../book/table';
import { figureStyle } from './claims-reconciliation';
import { yesNo } from './metrics';
import type { SheetModule } from './sheet-module';

export const TARGETS_SHEET = 'Targets';

const NOTES = [
  'Actual: after the proposed adjustments (net of retired removals for net zero, and of credits for carbon neutral). Pathway: straight from the base year’s actual (or the first year) to the target level, then level; for a change on the prior year, the prior year’s actual × (1 + change).',
  'On track: actual at or below the pathway (at or above for shares). Projection: the method is stated with it.',
];

const COLUMNS: readonly TableColumn[] = [
  { header: 'Target', style: 'integer' },
  { header: 'Name', style: 'text' },
  { header: 'Figure', style: 'text' },
  { header: 'Kind', style: 'text' },
  { header: 'Base year', style: 'text' },
  { header: 'Target year', style: 'text' },
  { header: 'Level', style: 'general' },
  { header: 'Fiscal year', style: 'text' },
  { header: 'Pathway', style: 'general' },
  { header: 'Actual', style: 'general' },
  { header: 'On track', style: 'text' },
  { header: 'Actual as imported', style: 'general' },
  { header: 'Status', style: 'text' },
  { header: 'Why', style: 'clipped', width: 60 },
  { header: 'Projection', style: 'general' },
  { header: 'Projection method', style: 'clipped', width: 60 },
];
const C = { pathway: 9, actual: 10 } as const;

/** Where the lead schedule reads a target's pathway. */
export const TARGET_COLUMNS = { pathway: C.pathway } as const;

export interface TargetLine {
  readonly target: TargetResult;
  readonly year: TargetYear;
  readonly row: number;
}

/** Each target's line per fiscal year, with the row it is written on, known before the sheet is written. */
export function targetLines(targets: readonly TargetResult[]): TargetLine[] {
  let row = tableHeaderRow(NOTES) + 1;
  return targets.flatMap((target) => {
    // A target that cannot be assessed still gets its line, with why.
    const years = target.years.length > 0 ? target.years : [{ period: target.targetYear, pathway: null, actual: null, actualUncorrected: null, onTrack: null }];
    return years.map((year) => ({ target, year, row: row++ }));
  });
}

/** 'Yes' when an actual is on the side of the pathway its target wants, blank without either. */
export function onTrackFormula(actual: string, pathway: string, direction: TargetResult['direction'], onTrack: boolean | null): Formula {
  const comparison = direction === 'at-most' ? `${actual}<=${pathway}` : `${actual}>=${pathway}`;
  return formula(`IF(OR(${pathway}="",${actual}=""),"",IF(${comparison},${formulaString('Yes')},${formulaString('No')}))`, onTrack === null ? '' : yesNo(onTrack));
}

function yearCells(target: TargetResult, year: TargetYear, row: number): Cell[] {
  const style = figureStyle(target.figure);
  const [pathway, actual] = [cellRef(C.pathway, row), cellRef(C.actual, row)];
  const onTrack = year.onTrack === null ? null : onTrackFormula(actual, pathway, target.direction, year.onTrack);
  return [
    { value: target.id, style: 'integer' },
    { value: target.name, style: 'text' },
    { value: target.figureLabel, style: 'text' },
    { value: target.kind, style: 'text' },
    { value: target.baseYear, style: 'text' },
    { value: target.targetYear, style: 'text' },
    { value: target.targetValue, style },
    { value: year.period, style: 'text' },
    { value: year.pathway, style },
    { value: year.actual, style },
    { value: onTrack, style: 'text' },
    { value: year.actualUncorrected, style },
    { value: target.status, style: 'text' },
    { value: target.reason, style: 'clipped' },
    { value: target.projection.value, style },
    { value: target.projection.method, style: 'clipped' },
  ];
}

export const targetsSheet: SheetModule = {
  tabs: () => [{ name: TARGETS_SHEET, description: 'Each target’s pathway against actuals per year, on or off track, and its projection' }],

  async write(book, context) {
    const rows = targetLines(context.reconciliation.targets).map(({ target, year, row }) => yearCells(target, year, row));
    if (rows.length === 0) rows.push([{ value: null }, { value: 'No targets were imported into this engagement.', style: 'note' }]);
    await writeTable(book, { name: TARGETS_SHEET, title: 'Targets and pathways', notes: NOTES, columns: COLUMNS }, rows, context.signal);
  },
};
