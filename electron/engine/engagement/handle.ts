import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AuditVerification, AuditWitnessFinding, AuditWitnessStatus, EngagementSummary, WhatIfCopyOrigin } from '../../../shared/contract';
import { engagementSettingsSchema, type EngagementSettings, type EngagementSettingsInput } from '../../../shared/settings';
import { appendAudit, auditHead, lastAuditEntry, verifyAuditLog } from '../db/audit-log';
import { connectToCheckedDatabase, createDatabase, openDatabase, schemaVersion } from '../db/connection';
import { connectReadOnly, type ConnectionOptions } from '../db/read-only';
import type { ReadableDb, WritableDb } from '../db/handles';
import { EngineError } from '../errors';
import { APP_VERSION } from '../version';
import type { LockView } from '../../../shared/review/views';
import { OPERATIONS_WHEN_FINALISED } from '../db/finalised';
import {
  assignEngagementId, hasEngagementRow, insertEngagement, insertEngagementId, insertLockEvent, selectCreatedAt, selectEngagementId, selectLastLockEvent, selectLastUnlock, selectSettingsJson, updateSettingsJson,
} from './store';
import type { AuditWitness } from './witness';

const ALLOWED_WHEN_FINALISED: ReadonlySet<string> = new Set(OPERATIONS_WHEN_FINALISED);

export interface EngagementContext extends ConnectionOptions {
  /** Who is acting: recorded in every audit entry. */
  readonly actor: string;
  /** The app's data folder on this machine, where its audit witness is kept; none, no witness. */
  readonly appDataDir?: string;
}

/**
 * One open engagement file: its write connection (`db`) and, opened on first use, a read-only
 * connection (`reader`) for everything that only reads. Every change goes through `change`, which
 * runs it in a transaction together with its audit entry: the change and its record land
 * together or not at all. A finalised engagement refuses every change there (and logs the
 * refusal); a change that reaches the database another way is refused by the audit log's trigger.
 */
export class Engagement {
  private readOnly: ReadableDb | null = null;
  private witness: AuditWitness | null = null;
  private witnessStatus: AuditWitnessStatus = { status: 'not-kept' };
  /** Where the engagement was copied from, read once: only recordCopiedFrom writes that entry, on this handle. */
  private copyOrigin: WhatIfCopyOrigin | null | undefined;

  private constructor(
    readonly db: WritableDb,
    readonly filePath: string,
    readonly context: EngagementContext,
  ) {}

  static create(filePath: string, settingsInput: EngagementSettingsInput, context: EngagementContext): Engagement {
    const settings = parseSettings(settingsInput);
    const db = createDatabase(filePath, context);
    const engagement = new Engagement(db, filePath, context);
    const engagementId = randomUUID();
    engagement.change('engagement.create', { engagementId, settings, appVersion: APP_VERSION }, () => {
      insertEngagement(db, { createdAt: new Date().toISOString(), appVersion: APP_VERSION, settingsJson: JSON.stringify(settings) });
      insertEngagementId(db, engagementId);
    });
    return engagement;
  }

  /**
   * Makes this file, just copied from another engagement for a what-if, an engagement of its own:
   * a new id (this machine's witness keeps the two apart: neither is a fork of the other) and an
   * entry saying which engagement it came from, at which state of that engagement's log (its
   * entry count and head hash: `verify --head` on the original finds it), what this machine's
   * witness said of that log ('first-seen': it vouches for nothing before the copy), and why. Logged.
   */
  recordCopiedFrom(source: { readonly engagementId: string; readonly file: string; readonly auditWitness: AuditWitnessStatus['status'] }, reason: string): string {
    const engagementId = randomUUID();
    this.change(
      'engagement.copy',
      ({ entries, headHash }: ReturnType<typeof auditHead>) => ({ engagementId, copiedFrom: { ...source, auditEntries: entries, auditHeadHash: headHash }, reason, appVersion: APP_VERSION }),
      () => {
        const head = auditHead(this.db);
        assignEngagementId(this.db, engagementId);
        return head;
      },
    );
    this.copyOrigin = undefined;
    return engagementId;
  }

  /** Opens an engagement file: every check, then any pending migration (see openDatabase). */
  static open(filePath: string, context: EngagementContext): Engagement {
    const db = openDatabase(filePath, context);
    if (!hasEngagementRow(db)) {
      db.close();
      throw new EngineError('not-an-engagement', `${filePath} has no engagement settings: it is not a usable engagement file`);
    }
    return new Engagement(db, filePath, context);
  }

  /** Connects to an engagement that was already opened and checked (by a worker, or by this process before). */
  static connect(filePath: string, context: EngagementContext): Engagement {
    return new Engagement(connectToCheckedDatabase(filePath, context), filePath, context);
  }

  get actor(): string {
    return this.context.actor;
  }

  /** The read-only connection; opened on first use, so a handle that only writes holds one connection. */
  get reader(): ReadableDb {
    this.readOnly ??= connectReadOnly(this.filePath, this.context);
    return this.readOnly;
  }

  close(): void {
    this.rememberAuditHead();
    // The write connection closes last: in WAL mode the last connection checkpoints the log.
    this.readOnly?.close();
    this.db.close();
  }

  /** Stable across plain copies of the file (engagement_identity); a what-if copy is given a new one (recordCopiedFrom). */
  engagementId(): string {
    return selectEngagementId(this.reader);
  }

  /**
   * Compares the audit log with this machine's witness (a cut or fork is a finding and shows in
   * the summary), and from then on keeps the witness up to date as the log grows.
   */
  keepAuditWitness(witness: AuditWitness): void {
    this.witness = witness;
    this.witnessStatus = witness.check(this.engagementId(), this.reader, this.filePath);
    this.rememberAuditHead();
  }

  /** Records the log's head in the witness, when the log holds everything seen before. */
  rememberAuditHead(): void {
    this.witness?.remember(this.engagementId(), this.reader, this.filePath);
  }

  auditWitnessFindings(): readonly AuditWitnessFinding[] {
    return this.witness?.findings(this.engagementId()) ?? [];
  }

  /**
   * Runs `apply` and appends the audit entry for it, in one transaction, which takes the write
   * lock first (BEGIN IMMEDIATE): what `apply` reads cannot change under it. `params` may be
   * worked out from what `apply` returned, for a change whose outcome belongs in its entry.
   * Refused while the engagement is finalised.
   */
  change<T>(operation: string, params: unknown, apply: () => T): T;
  change<T>(operation: string, params: (result: T) => unknown, apply: () => T): T;
  change<T>(operation: string, params: unknown, apply: () => T): T {
    this.refuseIfFinalised(operation);
    return this.db.transaction(() => {
      const result = apply();
      appendAudit(this.db, { actor: this.actor, operation, params: typeof params === 'function' ? (params as (result: T) => unknown)(result) : params });
      return result;
    }).immediate();
  }

  /**
   * `change` for work that awaits (a calculation fed by a worker): BEGIN IMMEDIATE, the work, its
   * audit entry, COMMIT. Any error rolls all of it back. Changes made inside nest as savepoints.
   */
  async changeAsync<T>(operation: string, params: (result: T) => unknown, apply: () => Promise<T>): Promise<T> {
    this.refuseIfFinalised(operation);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await apply();
      appendAudit(this.db, { actor: this.actor, operation, params: params(result) });
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Throws when the engagement is finalised and `operation` is a change, after logging the refused
   * attempt. For work that changes the engagement on another connection (an import's worker), before it starts.
   */
  refuseIfFinalised(operation: string): void {
    if (ALLOWED_WHEN_FINALISED.has(operation)) return;
    const lock = selectLastLockEvent(this.db);
    if (lock?.action !== 'finalise') return;
    this.db.transaction(() => appendAudit(this.db, { actor: this.actor, operation: 'engagement.changeRefused', params: { operation, finalisedAt: lock.at, finalisedBy: lock.actor } }))();
    throw new EngineError(
      'finalised',
      `The engagement was finalised by ${lock.actor} on ${lock.at} and is read-only: '${operation}' was refused (the refusal is in the audit log). Unlock it, with a reason, to change it.`,
    );
  }

  lock(): LockView {
    const last = selectLastLockEvent(this.reader);
    const unlock = selectLastUnlock(this.reader);
    const finalised = last?.action === 'finalise';
    return {
      finalised,
      at: finalised ? last.at : null,
      actor: finalised ? last.actor : null,
      auditEntries: finalised ? last.auditEntries : null,
      auditHeadHash: finalised ? last.auditHeadHash : null,
      lastUnlock: unlock ? { at: unlock.at, actor: unlock.actor, reason: unlock.reason ?? '' } : null,
    };
  }

  /** Makes the engagement read-only, recording the audit log's head it was finalised at; logged. */
  finalise(): LockView {
    if (this.lock().finalised) throw new EngineError('conflict', 'The engagement is already finalised');
    const head = auditHead(this.db);
    this.change('engagement.finalise', { auditEntries: head.entries, auditHeadHash: head.headHash }, () =>
      insertLockEvent(this.db, { action: 'finalise', at: new Date().toISOString(), actor: this.actor, reason: null, auditEntries: head.entries, auditHeadHash: head.headHash }),
    );
    return this.lock();
  }

  /** Makes a finalised engagement changeable again; the reason is required and logged. */
  unlock(reason: string): LockView {
    const why = reason.trim();
    if (why === '') throw new EngineError('invalid-input', 'Unlocking a finalised engagement needs a reason');
    if (!this.lock().finalised) throw new EngineError('conflict', 'The engagement is not finalised: there is nothing to unlock');
    const head = auditHead(this.db);
    this.change('engagement.unlock', { reason: why, auditEntries: head.entries, auditHeadHash: head.headHash }, () =>
      insertLockEvent(this.db, { action: 'unlock', at: new Date().toISOString(), actor: this.actor, reason: why, auditEntries: head.entries, auditHeadHash: head.headHash }),
    );
    return this.lock();
  }

  settings(): EngagementSettings {
    return engagementSettingsSchema.parse(JSON.parse(selectSettingsJson(this.reader)));
  }

  updateSettings(input: EngagementSettingsInput): EngagementSettings {
    const settings = parseSettings(input);
    const before = this.settings();
    this.change('engagement.updateSettings', { before, after: settings }, () => updateSettingsJson(this.db, JSON.stringify(settings)));
    return settings;
  }

  verifyAuditLog(): AuditVerification {
    return verifyAuditLog(this.reader);
  }

  summary(): EngagementSummary {
    const head = auditHead(this.reader);
    return {
      path: this.filePath,
      fileName: path.basename(this.filePath),
      engagementId: this.engagementId(),
      schemaVersion: schemaVersion(this.reader),
      settings: this.settings(),
      createdAt: selectCreatedAt(this.reader),
      auditEntries: head.entries,
      auditHeadHash: head.headHash,
      auditWitness: this.witnessStatus,
      finalised: selectLastLockEvent(this.reader)?.action === 'finalise',
      whatIfCopy: this.whatIfCopy(),
    };
  }

  /** Read once per handle rather than by a scan of the audit log on every summary. */
  private whatIfCopy(): WhatIfCopyOrigin | null {
    if (this.copyOrigin === undefined) this.copyOrigin = whatIfCopyOrigin(this.reader);
    return this.copyOrigin;
  }
}

/** Where the engagement was copied from, as its latest `engagement.copy` entry (recordCopiedFrom) says; null when it was never copied. */
function whatIfCopyOrigin(db: ReadableDb): WhatIfCopyOrigin | null {
  const entry = lastAuditEntry(db, 'engagement.copy');
  if (entry === undefined) return null;
  const params = entry.params as { readonly copiedFrom: { readonly file: string; readonly engagementId: string; readonly auditEntries: number }; readonly reason: string };
  const { file, engagementId, auditEntries } = params.copiedFrom;
  return { file, engagementId, auditEntries, reason: params.reason };
}

function parseSettings(input: EngagementSettingsInput): EngagementSettings {
  const parsed = engagementSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`);
    throw new EngineError('invalid-input', `Invalid engagement settings: ${issues.join('; ')}`, parsed.error.issues);
  }
  return parsed.data;
}
