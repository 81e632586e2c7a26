/**
 * Sign-off: every sign-off given in the engagement (preparer and reviewer per area, by name and
 * time, at a recorded state of the audit log), whether each still stands or was modified since,
 * the engagement's lock, and the approver rows the engagement team fills in by hand.
 */
import { SIGN_OFF_AREA_LABELS } from '../../../../shared/review/sign-off';
import type { ReviewStatus, SignOffView } from '../../../../shared/review/views';
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { SheetModule } from './sheet-module';

export const SIGN_OFF_SHEET = 'Sign-off';

const APPROVERS = ['Engagement partner (approved)', 'Engagement quality reviewer (where required)'];

const COLUMNS: readonly TableColumn[] = [
  { header: 'Area', style: 'label', width: 30 },
  { header: 'Role', style: 'label', width: 40 },
  { header: 'Name', style: 'input', width: 24 },
  { header: 'Signed (UTC)', style: 'dateTimeLeft', width: 20 },
  { header: 'Audit-log entry', style: 'integer' },
  { header: 'State', style: 'text', width: 44 },
  { header: 'Comments', style: 'input', width: 50 },
];

/** What became of a sign-off: it stands, it was modified since (naming what), or a later one replaced it. */
function stateOf(signOff: Omit<SignOffView, 'changesSince'>, status: ReviewStatus): string {
  const area = status.areas.find((candidate) => candidate.area === signOff.area);
  const current = signOff.role === 'preparer' ? area?.preparer : area?.reviewer;
  if (!current || current.at !== signOff.at || current.actor !== signOff.actor) return 'Superseded by a later sign-off';
  if (current.changesSince.length === 0) return 'Stands: nothing in its area changed since';
  return `Modified since sign-off: ${current.changesSince.map((change) => `#${change.seq} ${change.operation} by ${change.actor}`).join(', ')}`;
}

function lockNote(status: ReviewStatus): string {
  const { lock } = status;
  const unlocked = lock.lastUnlock ? ` Last unlocked by ${lock.lastUnlock.actor} on ${lock.lastUnlock.at}: ${lock.lastUnlock.reason}.` : '';
  return lock.finalised
    ? `Finalised (read-only) by ${lock.actor} on ${lock.at}, at audit-log entry ${lock.auditEntries}, head hash ${lock.auditHeadHash}.${unlocked}`
    : `Not finalised: the engagement can still change.${unlocked}`;
}

export const signOffSheet: SheetModule = {
  tabs: () => [{ name: SIGN_OFF_SHEET, description: 'Preparer and reviewer sign-off per area, the lock, and the approvers' }],
  async write(book, context) {
    const { facts } = context;
    const { signOffHistory, status } = context.review;
    const given: Cell[][] = signOffHistory.map((signOff) => [
      { value: SIGN_OFF_AREA_LABELS[signOff.area], style: 'label' },
      { value: signOff.role === 'preparer' ? 'Prepared by' : 'Reviewed by', style: 'label' },
      { value: signOff.actor, style: 'text' },
      { value: new Date(signOff.at), style: 'dateTimeLeft' },
      { value: signOff.auditEntries, style: 'integer' },
      { value: stateOf(signOff, status), style: 'text' },
      { value: signOff.comment, style: 'text' },
    ]);
    const approvers: Cell[][] = APPROVERS.map((role) => [
      { value: 'Engagement', style: 'label' },
      { value: role, style: 'label' },
      { value: null, style: 'input' },
      { value: null, style: 'inputDate' },
      { value: null, style: 'input' },
      { value: null, style: 'input' },
      { value: null, style: 'input' },
    ]);
    await writeTable(book, {
      name: SIGN_OFF_SHEET,
      title: 'Sign-off',
      notes: [
        `Workbook exported by ${facts.exportedBy} on ${facts.exportedAt.toISOString()} from ${facts.engagementFileName}, at audit-log entry ${facts.auditEntries}.`,
        `Audit-log head hash ${facts.auditHeadHash}: a later change to the engagement gives a different head, so sign-off covers exactly this state.`,
        lockNote(status),
        given.length === 0 ? 'No area has been signed off in the engagement yet.' : `${given.length} sign-offs given in the engagement, oldest first; the approver rows below are filled in by hand.`,
      ],
      columns: COLUMNS,
    }, [...given, ...approvers]);
  },
};
