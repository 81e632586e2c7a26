/**
 * Adjustments: every correction proposed, active or withdrawn, with who proposed it when and why,
 * what it touches, and who withdrew it. The source data is never changed by them.
 */
import { describeAdjustment } from '../../../../shared/reconcile/adjustments';
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { SheetModule } from './sheet-module';

export const ADJUSTMENTS_SHEET = 'Adjustments';

const COLUMNS: readonly TableColumn[] = [
  { header: 'Adjustment', style: 'integer' },
  { header: 'Kind', style: 'text' },
  { header: 'Correction', style: 'clipped', width: 60 },
  { header: 'Why', style: 'clipped', width: 50 },
  { header: 'Proposed by', style: 'text' },
  { header: 'Proposed at (UTC)', style: 'text' },
  { header: 'Status', style: 'text' },
  { header: 'Records', style: 'text' },
  { header: 'Claims', style: 'text' },
  { header: 'Changed nothing because', style: 'clipped', width: 40 },
  { header: 'Withdrawn by', style: 'text' },
  { header: 'Withdrawn at (UTC)', style: 'text' },
  { header: 'Why withdrawn', style: 'clipped', width: 40 },
];

export const adjustmentsSheet: SheetModule = {
  tabs: () => [{ name: ADJUSTMENTS_SHEET, description: 'Proposed corrections, active and withdrawn, with who, when, why and what they touch' }],

  async write(book, context) {
    const { adjustments } = context.reconciliation;
    const rows: Cell[][] = adjustments.map((adjustment) => [
      { value: adjustment.id, style: 'integer' },
      { value: adjustment.details.kind, style: 'text' },
      { value: describeAdjustment(adjustment), style: 'clipped' },
      { value: adjustment.reason, style: 'clipped' },
      { value: adjustment.proposedBy, style: 'text' },
      { value: adjustment.proposedAt, style: 'text' },
      { value: adjustment.status, style: 'text' },
      { value: adjustment.recordIds.map((id) => (id < 0 ? 'added' : String(id))).join(', ') || null, style: 'text' },
      { value: adjustment.touchedClaimIds.map((id) => `#${id}`).join(', ') || null, style: 'text' },
      { value: adjustment.problem, style: 'clipped' },
      { value: adjustment.withdrawn?.by ?? null, style: 'text' },
      { value: adjustment.withdrawn?.at ?? null, style: 'text' },
      { value: adjustment.withdrawn?.reason ?? null, style: 'clipped' },
    ]);
    if (rows.length === 0) rows.push([{ value: null }, { value: 'No adjustments were proposed: the corrected figures are the figures as imported.', style: 'note' }]);
    const notes = ['Kept apart from the source data: the figures as imported are calculated from the records as imported; the corrected figures (Claims reconciliation, Targets, Misstatements) from the records as the active adjustments leave them.'];
    await writeTable(book, { name: ADJUSTMENTS_SHEET, title: 'Adjustments', notes, columns: COLUMNS }, rows, context.signal);
  },
};
