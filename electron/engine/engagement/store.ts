/** The engagement row: when and by which app version the file was created, and its settings. */
import type { ReadableDb, WritableDb } from '../db/handles';

export function insertEngagement(db: WritableDb, row: { readonly createdAt: string; readonly appVersion: string; readonly settingsJson: string }): void {
  db.prepare('INSERT INTO engagement (id, created_at, created_by_app, settings_json) VALUES (1, ?, ?, ?)').run(row.createdAt, row.appVersion, row.settingsJson);
}

export function hasEngagementRow(db: ReadableDb): boolean {
  return db.prepare('SELECT id FROM engagement WHERE id = 1').get() !== undefined;
}

export function selectSettingsJson(db: ReadableDb): string {
  return (db.prepare('SELECT settings_json FROM engagement WHERE id = 1').get() as { settings_json: string }).settings_json;
}

export function updateSettingsJson(db: WritableDb, settingsJson: string): void {
  db.prepare('UPDATE engagement SET settings_json = ? WHERE id = 1').run(settingsJson);
}

export function selectCreatedAt(db: ReadableDb): string {
  return (db.prepare('SELECT created_at FROM engagement WHERE id = 1').get() as { created_at: string }).created_at;
}

export interface LockEvent {
  readonly action: 'finalise' | 'unlock';
  readonly at: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly auditEntries: number;
  readonly auditHeadHash: string;
}

const LOCK_COLUMNS = 'action, at, actor, reason, audit_entries AS auditEntries, audit_head_hash AS auditHeadHash';

/** The latest finalisation or unlock: the engagement is read-only when it is a finalisation. */
export function selectLastLockEvent(db: ReadableDb): LockEvent | undefined {
  return db.prepare(`SELECT ${LOCK_COLUMNS} FROM engagement_lock ORDER BY id DESC LIMIT 1`).get() as LockEvent | undefined;
}

export function selectLastUnlock(db: ReadableDb): LockEvent | undefined {
  return db.prepare(`SELECT ${LOCK_COLUMNS} FROM engagement_lock WHERE action = 'unlock' ORDER BY id DESC LIMIT 1`).get() as LockEvent | undefined;
}

export function insertLockEvent(db: WritableDb, event: LockEvent): void {
  db.prepare('INSERT INTO engagement_lock (action, at, actor, reason, audit_entries, audit_head_hash) VALUES (?, ?, ?, ?, ?, ?)').run(
    event.action, event.at, event.actor, event.reason, event.auditEntries, event.auditHeadHash,
  );
}

export function insertEngagementId(db: WritableDb, engagementId: string): void {
  db.prepare("INSERT INTO engagement_identity (id, engagement_id, assigned) VALUES (1, ?, 'at-creation')").run(engagementId);
}

/** A copy's own id, replacing the one it was copied with: assigned as the copy is created. */
export function assignEngagementId(db: WritableDb, engagementId: string): void {
  db.prepare("UPDATE engagement_identity SET engagement_id = ?, assigned = 'at-creation' WHERE id = 1").run(engagementId);
}

export function selectEngagementId(db: ReadableDb): string {
  return (db.prepare('SELECT engagement_id FROM engagement_identity WHERE id = 1').get() as { engagement_id: string }).engagement_id;
}
