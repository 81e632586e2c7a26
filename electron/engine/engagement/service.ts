/**
 * The engagement feature: creating and opening engagement files, their settings, and the audit
 * log. The only entry the API handlers and the CLI use for them.
 */
import type { AuditEntry, AuditVerification, EngagementSummary } from '../../../shared/contract';
import type { EngagementSettingsInput } from '../../../shared/settings';
import { auditEntries, type AuditFilter } from '../db/audit-log';
import { startWorker } from '../workers/spawn';
import { Engagement, type EngagementContext } from './handle';
import type { OpenWorkerData } from './open-worker';

export { APP_VERSION } from '../version';

/** Creates a new engagement file (refusing to overwrite one) with its settings; logged. */
export function createEngagement(filePath: string, settings: EngagementSettingsInput, context: EngagementContext): Engagement {
  return Engagement.create(filePath, settings, context);
}

/**
 * Opens an engagement file. The checks (integrity_check reads the whole file) and migrations run
 * on a worker thread, so the caller's thread stays free however large the file; a file that is
 * refused is left byte-identical.
 */
export async function openEngagement(filePath: string, context: EngagementContext): Promise<Engagement> {
  const data: OpenWorkerData = { filePath, actor: context.actor, nativeBinding: context.nativeBinding };
  await startWorker<null>('open-worker', data).result;
  return Engagement.connect(filePath, context);
}

export function engagementSummary(engagement: Engagement): EngagementSummary {
  return engagement.summary();
}

export function updateSettings(engagement: Engagement, settings: EngagementSettingsInput): EngagementSummary {
  engagement.updateSettings(settings);
  return engagement.summary();
}

export function verifyAuditLog(engagement: Engagement): AuditVerification {
  return engagement.verifyAuditLog();
}

export function listAuditEntries(engagement: Engagement, afterSeq = 0, limit = 200, filter: AuditFilter = {}): AuditEntry[] {
  return auditEntries(engagement.reader, afterSeq, limit, filter);
}

/** A file name for a new engagement, from the entity's name. */
export function suggestedFileName(entityName: string): string {
  const safe = entityName.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'engagement';
  return `${safe}.carbonaudit`;
}
