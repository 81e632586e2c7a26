/** Sign-off block: preparer, reviewer and approver, with dates, filled in by the engagement team. */
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { SheetModule } from './sheet-module';

export const SIGN_OFF_SHEET = 'Sign-off';

const ROLES = ['Prepared by', 'Reviewed by', 'Engagement partner (approved)', 'Engagement quality reviewer (where required)'];

const COLUMNS: readonly TableColumn[] = [
  { header: 'Role', style: 'label', width: 44 },
  { header: 'Name', style: 'input', width: 28 },
  { header: 'Signature', style: 'input', width: 28 },
  { header: 'Date', style: 'inputDate', width: 14 },
  { header: 'Comments', style: 'input', width: 50 },
];

export const signOffSheet: SheetModule = {
  tabs: () => [{ name: SIGN_OFF_SHEET, description: 'Preparer, reviewer and approver sign-off' }],
  async write(book, context) {
    const { facts } = context;
    const rows: Cell[][] = ROLES.map((role) => [
      { value: role, style: 'label' },
      { value: null, style: 'input' },
      { value: null, style: 'input' },
      { value: null, style: 'inputDate' },
      { value: null, style: 'input' },
    ]);
    await writeTable(book, {
      name: SIGN_OFF_SHEET,
      title: 'Sign-off',
      notes: [
        `Workbook exported by ${facts.exportedBy} on ${facts.exportedAt.toISOString()} from ${facts.engagementFileName}, at audit-log entry ${facts.auditEntries}.`,
        `Audit-log head hash ${facts.auditHeadHash}: a later change to the engagement gives a different head, so sign-off covers exactly this state.`,
      ],
      columns: COLUMNS,
    }, rows);
  },
};
