/**
 * What one export knows before it writes a sheet: the engagement's facts, the inventory, and the
 * detail rows to stream. Sheets read from here and from the database; none calculates.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PeriodResult } from '../../../shared/calc/inventory';
import type { AuditVerification, ExportDetailMode, FactorSetSummary, WhatIfCopyOrigin } from '../../../shared/contract';
import type { ReconciliationReport } from '../../../shared/reconcile/report';
import type { EngagementSettings } from '../../../shared/settings';
import { auditHead } from '../db/audit-log';
import type { ReadableDb } from '../db/handles';
import type { Engagement } from '../engagement/handle';
import { APP_VERSION, engagementSummary, verifyAuditLog } from '../engagement/service';
import { listFactorSets } from '../factors/service';
import type { StoredFindings } from '../inventory/service';
import type { ReviewForExport } from '../review/service';
import type { DetailRows } from './detail-rows';
import type { SheetTab } from './sheets/sheet-module';

export type DetailMode = ExportDetailMode;

export interface ExportFacts {
  readonly engagementFileName: string;
  /** Where the engagement was copied from, when it is a what-if copy. */
  readonly whatIfCopy: WhatIfCopyOrigin | null;
  /** SHA-256 of the engagement file as exported (after a WAL checkpoint, before this export's own log entry). */
  readonly engagementSha256: string;
  readonly settings: EngagementSettings;
  readonly appVersion: string;
  readonly exportedAt: Date;
  readonly exportedBy: string;
  readonly auditEntries: number;
  readonly auditHeadHash: string;
  readonly auditVerification: AuditVerification;
  /** The factor-set versions the figures are calculated on. */
  readonly factorSets: readonly FactorSetSummary[];
  readonly detailMode: DetailMode;
}

export interface ExportProgressCounter {
  /** Rows written so far, of `total`. */
  add(rows: number): void;
}

export interface ExportContext {
  /** The engagement's read-only connection: the sheets only read. */
  readonly db: ReadableDb;
  readonly facts: ExportFacts;
  readonly periods: readonly PeriodResult[];
  /** Every finding of the calculation, one per record and cause, streamed. */
  readonly findings: StoredFindings;
  /** Claims, targets, adjustments and misstatements, on the same figures as imported. */
  readonly reconciliation: ReconciliationReport;
  /** The review's findings, samples and sign-offs. */
  readonly review: ReviewForExport;
  readonly detail: DetailRows;
  /** Data rows per recalculation sheet before the detail continues on the next (Excel's limit by default). */
  readonly rowsPerDetailSheet: number;
  /** Factors the detail lines used, collected as the detail is written, for the factor appendix. */
  readonly usedFactorIds: Set<number>;
  readonly signal?: AbortSignal;
  readonly progress: ExportProgressCounter;
  /** Every tab of the workbook in order, for the cover's index. */
  readonly contents: readonly SheetTab[];
}

/** SHA-256 of a file, read in chunks. */
export async function fileSha256(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function gatherFacts(engagement: Engagement, detailMode: DetailMode, exportedAt: Date): Promise<ExportFacts> {
  // Everything committed goes into the main file first, so its hash covers the engagement as it is.
  engagement.db.pragma('wal_checkpoint(TRUNCATE)');
  const head = auditHead(engagement.reader);
  const frozen = listFactorSets(engagement).filter((set) => set.frozen);
  return {
    engagementFileName: path.basename(engagement.filePath),
    whatIfCopy: engagementSummary(engagement).whatIfCopy,
    engagementSha256: await fileSha256(engagement.filePath),
    settings: engagement.settings(),
    appVersion: APP_VERSION,
    exportedAt,
    exportedBy: engagement.actor,
    auditEntries: head.entries,
    auditHeadHash: head.headHash,
    auditVerification: verifyAuditLog(engagement),
    factorSets: frozen,
    detailMode,
  };
}
