/**
 * Audit-log extract: every entry of the hash chain up to the export (sequence, time, actor,
 * operation, hash, previous hash and parameters), so a reviewer can see what was done and check
 * that the head matches the cover.
 */
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import { iterateAuditLog } from '../store';
import type { SheetModule } from './sheet-module';

export const AUDIT_SHEET = 'Audit log';

const COLUMNS: readonly TableColumn[] = [
  { header: 'Seq', style: 'integer' },
  { header: 'Time (UTC)', style: 'dateTime' },
  { header: 'Actor', style: 'text' },
  { header: 'Operation', style: 'text' },
  { header: 'Hash', style: 'mono', width: 66 },
  { header: 'Previous hash', style: 'mono', width: 66 },
  { header: 'Parameters (canonical JSON)', style: 'clipped', width: 80 },
];

export const auditLogSheet: SheetModule = {
  tabs: () => [{ name: AUDIT_SHEET, description: 'The audit log’s hash chain up to the export' }],
  async write(book, context) {
    const { facts } = context;
    function* rows(): Generator<Cell[]> {
      for (const [seq, at, actor, operation, hash, prevHash, params] of iterateAuditLog(context.db, facts.auditEntries)) {
        yield [
          { value: seq, style: 'integer' },
          { value: new Date(at), style: 'dateTime' },
          { value: actor, style: 'text' },
          { value: operation, style: 'text' },
          { value: hash, style: 'mono' },
          { value: prevHash, style: 'mono' },
          { value: params, style: 'clipped' },
        ];
      }
    }
    const verification = facts.auditVerification;
    await writeTable(book, {
      name: AUDIT_SHEET,
      title: 'Audit-log extract',
      notes: [
        `${facts.auditEntries} entries; head ${facts.auditHeadHash}. ${verification.intact ? 'The chain verified intact at export.' : `THE CHAIN IS BROKEN at entry ${verification.brokenAt}: ${verification.reason}.`}`,
        'Each hash is SHA-256 over the previous hash and this entry’s sequence, time, actor, operation and parameters. Long parameters are cut at Excel’s cell limit.',
      ],
      columns: COLUMNS,
    }, rows(), context.signal);
  },
};
