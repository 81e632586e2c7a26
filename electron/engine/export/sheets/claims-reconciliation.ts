/**
 * Claims reconciliation: every figure the company reported against the recomputed figure, after
 * the proposed adjustments and as imported. The recomputed figure as imported is a formula on the
 * lead schedule's named cell where the schedule has it; the variances are formulas; status and the
 * reason are the engine's judgement (agreement at the reported precision, materiality, tolerances).
 */
import { figureById } from '../../../../shared/figures';
import type { ClaimResult } from '../../../../shared/reconcile/reconcile';
import { formula, type Cell } from '../book/book';
import { cellRef } from '../book/refs';
import { tableHeaderRow, writeTable, type TableColumn } from '../book/table';
import type { StyleName } from '../book/styles';
import type { ExportContext } from '../context';
import { leadName, scheduleFigures } from '../figures';
import type { SheetModule } from './sheet-module';

export const CLAIMS_SHEET = 'Claims reconciliation';

const NOTES = [
  'Reported: the company’s figure in the figure’s unit (tCO2e; PUE as a ratio; shares as percentages). Recomputed: after the proposed adjustments (Adjustments sheet); as imported: the lead schedule’s figure.',
  'Variance = reported − recomputed; variance % of the recomputed figure. Agreed: equal at the precision reported; within tolerance: up to the clearly-trivial threshold (emissions) or the metric’s tolerance (PUE, shares); otherwise an exception.',
];

const COLUMNS: readonly TableColumn[] = [
  { header: 'Claim', style: 'integer' },
  { header: 'Reported figure', style: 'text' },
  { header: 'Fiscal year', style: 'text' },
  { header: 'Site', style: 'text' },
  { header: 'Figure', style: 'text' },
  { header: 'Match', style: 'text' },
  { header: 'Unit', style: 'text' },
  { header: 'Reported', style: 'general' },
  { header: 'Recomputed', style: 'general' },
  { header: 'Variance', style: 'general' },
  { header: 'Variance %', style: 'percent' },
  { header: 'Status', style: 'text' },
  { header: 'Reason', style: 'clipped', width: 70 },
  { header: 'Recomputed as imported', style: 'general' },
  { header: 'Variance as imported', style: 'general' },
  { header: 'Status as imported', style: 'text' },
  { header: 'Adjustments', style: 'text' },
  { header: 'Source file', style: 'text' },
  { header: 'Source sheet', style: 'text' },
  { header: 'Source row', style: 'integer' },
];
const C = { reported: 8, recomputed: 9, variance: 10, imported: 14, statusUncorrected: 16 } as const;

export const CLAIM_STATUS = { agreed: 'Agreed', 'within-tolerance': 'Within tolerance', exception: 'Exception', incomplete: 'Incomplete', unmatched: 'Unmatched' } as const;

/** Where the lead schedule reads a claim: its reported value and its status on the figures as imported. */
export const CLAIM_COLUMNS = { reported: C.reported, statusUncorrected: C.statusUncorrected } as const;

/** The row each claim is written on, by claim id, known before the sheet is written. */
export function claimRows(claims: readonly ClaimResult[]): Map<number, number> {
  const first = tableHeaderRow(NOTES) + 1;
  return new Map(claims.map((claim, index) => [claim.id, first + index]));
}

/** The style a figure's values take: tonnes, a ratio, a share, or an intensity's plain number. */
export function figureStyle(figureId: string | null): StyleName {
  const kind = figureId === null ? undefined : figureById(figureId)?.kind;
  return kind === 'tco2e' ? 'tco2e' : kind === 'ratio' ? 'ratio' : kind === 'fraction' ? 'percent' : 'general';
}

const orBlank = (value: number | null) => value ?? '';

function claimCells(claim: ClaimResult, row: number, onSchedule: ReadonlySet<string>): Cell[] {
  const style = claim.measure === 'level' ? figureStyle(claim.figure) : 'percent';
  const both = claim.reported !== null && claim.recomputed !== null;
  const reported = cellRef(C.reported, row);
  const recomputed = cellRef(C.recomputed, row);
  const imported = cellRef(C.imported, row);
  // An entity's figure as imported is the lead schedule's, by its name; a site's is not on the schedule.
  const named = claim.measure === 'level' && claim.site === null && claim.fiscalYear !== null && claim.figure !== null && onSchedule.has(`${claim.fiscalYear}.${claim.figure}`);
  const importedCell: Cell['value'] = claim.recomputedUncorrected === null
    ? null
    : named ? formula(`IF(${leadName(claim.fiscalYear!, claim.figure!)}="","",${leadName(claim.fiscalYear!, claim.figure!)})`, claim.recomputedUncorrected) : claim.recomputedUncorrected;
  return [
    { value: claim.id, style: 'integer' },
    { value: claim.metric, style: 'text' },
    { value: claim.fiscalYear ?? claim.period, style: 'text' },
    { value: claim.site, style: 'text' },
    { value: claim.figureLabel ?? '(none)', style: 'text' },
    { value: claim.match.origin, style: 'text' },
    { value: claim.unit, style: 'text' },
    { value: claim.reported, style },
    { value: claim.recomputed, style },
    { value: both ? formula(`${reported}-${recomputed}`, claim.varianceAbs ?? 0) : null, style },
    { value: both ? formula(`IF(${recomputed}=0,"",(${reported}-${recomputed})/ABS(${recomputed}))`, claim.variancePct === null ? '' : claim.variancePct / 100) : null, style: 'percent' },
    { value: CLAIM_STATUS[claim.status], style: 'text' },
    { value: claim.reason, style: 'clipped' },
    { value: importedCell, style },
    { value: claim.reported !== null && claim.recomputedUncorrected !== null ? formula(`IF(${imported}="","",${reported}-${imported})`, orBlank(claim.varianceAbsUncorrected)) : null, style },
    { value: CLAIM_STATUS[claim.statusUncorrected], style: 'text' },
    { value: claim.adjustments.map((id) => `#${id}`).join(', ') || null, style: 'text' },
    { value: claim.source.fileName, style: 'text' },
    { value: claim.source.sheet, style: 'text' },
    { value: claim.source.rowNumber, style: 'integer' },
  ];
}

export const claimsReconciliationSheet: SheetModule = {
  tabs: () => [{ name: CLAIMS_SHEET, description: 'Every reported figure against the recomputed figure, its variance, status and reason' }],

  async write(book, context: ExportContext) {
    const { claims } = context.reconciliation;
    const onSchedule = new Set(context.periods.flatMap((period) => scheduleFigures(context.periods).map(({ figure }) => `${period.label}.${figure.id}`)));
    const rowOf = claimRows(claims);
    const rows = claims.length === 0
      ? [[{ value: null }, { value: 'No reported figures were imported into this engagement.', style: 'note' }] satisfies Cell[]]
      : claims.map((claim) => claimCells(claim, rowOf.get(claim.id)!, onSchedule));
    await writeTable(book, { name: CLAIMS_SHEET, title: 'Claims reconciliation', notes: NOTES, columns: COLUMNS }, rows, context.signal);
  },
};
