/**
 * The audit log as an auditor reads it: each entry's operation in words and a one-line summary
 * of its parameters (the JSON stays available beside it). Pure, so the UI and tests share it.
 */

import type { WhatIfCopyOrigin } from './contract';
import { countOf } from './count-text';

export interface AuditEntryDescription {
  readonly title: string;
  readonly summary: string;
}

type Params = Readonly<Record<string, unknown>>;

/** What an engagement is when it is a what-if copy: the CLI's info, the overview and the workbook's cover say it alike. */
export function whatIfCopyText(origin: WhatIfCopyOrigin): string {
  return `What-if copy of ${origin.file} (engagement ${origin.engagementId}, audit entry ${origin.auditEntries}): ${origin.reason}`;
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const record = (value: unknown): Params => (typeof value === 'object' && value !== null ? (value as Params) : {});
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

function fileAndSheet(params: Params): string {
  const sheet = text(params.sheet);
  const file = text(params.file) || text(params.fileName);
  return sheet && sheet !== file ? `${file} › ${sheet}` : file;
}

/** Settings whose value changed between `before` and `after`, by name. */
/** A source file as withdrawals name it: its number, name and what it holds. */
function sourceFile(params: Params): string {
  return `source file ${text(params.sourceFileId)} ${text(params.file)} (${countOf(Number(params.records ?? 0), 'record')}, ${countOf(Number(params.claims ?? 0), 'claim')}, ${countOf(Number(params.targets ?? 0), 'target')})`;
}

function changedKeys(params: Params): string[] {
  const before = record(params.before);
  const after = record(params.after);
  return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

const DESCRIBERS: Readonly<Record<string, (params: Params) => AuditEntryDescription>> = {
  'engagement.create': (p) => ({ title: 'Engagement created', summary: `${text(record(p.settings).entityName)} (app ${text(p.appVersion)})` }),
  'engagement.copy': (p) => {
    const from = record(p.copiedFrom);
    return { title: 'Engagement copied for a what-if', summary: `from ${text(from.file)} (engagement ${text(from.engagementId)}) at entry ${text(from.auditEntries)}: ${text(p.reason)}` };
  },
  'engagement.updateSettings': (p) => ({ title: 'Settings changed', summary: changedKeys(p).join(', ') || 'no value changed' }),
  import: (p) => {
    const totals = record(p.controlTotals);
    const duplicate = p.duplicateOf === null || p.duplicateOf === undefined ? '' : `; imported again (copy of source file ${text(p.duplicateOf)})`;
    const replaces = p.replaces === undefined ? '' : `; replaces source file ${text(p.replaces)}`;
    const sheets = list(totals.sheets).map((sheet) => text(record(sheet).sheet)).filter(Boolean).join(', ');
    // Rows refused whole, each once, as the sheets count them (rejectedTotal counts reasons: a row can have several).
    const rejectedRows = list(totals.sheets).reduce((sum: number, sheet) => sum + Number(record(sheet).rejected ?? 0), 0);
    return {
      title: 'File imported',
      summary: `${text(p.file)}${sheets ? ` › ${sheets}` : ''} (${text(p.kind)}): ${countOf(Number(totals.recordsCreated ?? 0), 'record')}, ${countOf(rejectedRows, 'row')} rejected${duplicate}${replaces}`,
    };
  },
  'import.refused': (p) => ({ title: 'File refused', summary: `${fileAndSheet(p)} (${text(p.kind)}): ${text(p.reason)}` }),
  'import.cancelled': (p) => ({ title: 'Import cancelled', summary: `${fileAndSheet(p)} (${text(p.kind)}): nothing was imported` }),
  'source.withdraw': (p) => ({ title: 'Source file withdrawn', summary: `${sourceFile(p)}: ${text(p.reason)}` }),
  'source.reinstate': (p) => ({ title: 'Source file reinstated', summary: `${sourceFile(p)}: ${text(p.reason)}` }),
  'source.replace': (p) => ({ title: 'Source file replaced', summary: `${sourceFile(p)} by source file ${text(p.replacedBy)}: ${text(p.reason)}` }),
  'mapping.save': (p) => ({ title: 'Mapping template saved', summary: text(p.name) }),
  'factors.loadLibrary': (p) => ({ title: 'Factor library loaded', summary: countOf(list(p.files).length, 'file') }),
  'factors.freeze': (p) => ({ title: 'Factor sets frozen for the calculation', summary: countOf(list(p.factorSetIds).length, 'set') }),
  recalculate: (p) => ({ title: 'Recalculated on newer factors', summary: `${countOf(list(p.factorSetIds).length, 'set')}; ${countOf(list(p.changes).length, 'figure')} changed` }),
  'site.set': (p) => {
    const after = record(p.after);
    return { title: p.before ? 'Site boundary changed' : 'Site added to the boundary', summary: `${text(after.name)}: ${text(after.ownershipPercent)}% owned${after.isDataCentre ? ', data centre' : ''}` };
  },
  'reconcile.match': (p) => ({ title: 'Claim match decided', summary: `claim ${text(p.claimId)} (${text(p.metric)})` }),
  'reconcile.targetReading': (p) => ({ title: 'Target reading decided', summary: `target ${text(p.targetId)} (${text(p.metric)})` }),
  'adjustment.propose': (p) => ({ title: 'Adjustment proposed', summary: `${text(record(p.details).kind)}: ${text(p.reason)}` }),
  'adjustment.withdraw': (p) => ({ title: 'Adjustment withdrawn', summary: `adjustment ${text(p.adjustmentId)}${p.reason ? `: ${text(p.reason)}` : ''}` }),
  export: (p) => ({ title: 'Audited workbook exported', summary: `${text(p.workbook)}${p.evidencePack ? ` with ${text(p.evidencePack)}` : ''}` }),
};

/** An entry's operation in words and its summary; an operation this version does not know is shown as is. */
export function describeAuditEntry(operation: string, params: unknown): AuditEntryDescription {
  const describe = DESCRIBERS[operation];
  return describe ? describe(record(params)) : { title: operation, summary: '' };
}

/** The operations the audit log can be filtered by, in the order of the job. */
export const AUDIT_OPERATIONS: readonly string[] = Object.keys(DESCRIBERS);
