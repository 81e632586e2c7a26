import path from 'node:path';
import type { AuditVerification, EngagementSummary } from '../../../shared/contract';
import { engagementSettingsSchema, type EngagementSettings, type EngagementSettingsInput } from '../../../shared/settings';
import { appendAudit, auditHead, verifyAuditLog } from '../db/audit-log';
import { createDatabase, openDatabase, schemaVersion, type ConnectionOptions, type Db } from '../db/connection';
import { EngineError } from '../errors';
import { APP_VERSION } from '../version';

export interface EngagementContext extends ConnectionOptions {
  /** Who is acting: recorded in every audit entry. */
  readonly actor: string;
}

/**
 * One open engagement file. Every change goes through `change`, which runs it in a
 * transaction together with its audit entry: the change and its record land together or not at all.
 */
export class Engagement {
  private constructor(
    readonly db: Db,
    readonly filePath: string,
    readonly actor: string,
  ) {}

  static create(filePath: string, settingsInput: EngagementSettingsInput, context: EngagementContext): Engagement {
    const settings = parseSettings(settingsInput);
    const db = createDatabase(filePath, context);
    const engagement = new Engagement(db, filePath, context.actor);
    engagement.change('engagement.create', { settings, appVersion: APP_VERSION }, () => {
      db.prepare('INSERT INTO engagement (id, created_at, created_by_app, settings_json) VALUES (1, ?, ?, ?)').run(
        new Date().toISOString(),
        APP_VERSION,
        JSON.stringify(settings),
      );
    });
    return engagement;
  }

  static open(filePath: string, context: EngagementContext): Engagement {
    const db = openDatabase(filePath, context);
    const row = db.prepare('SELECT id FROM engagement WHERE id = 1').get();
    if (!row) {
      db.close();
      throw new EngineError('not-an-engagement', `${filePath} has no engagement settings: it is not a usable engagement file`);
    }
    return new Engagement(db, filePath, context.actor);
  }

  /** Wraps a connection this process already opened and checked (a worker's own connection). */
  static attach(db: Db, filePath: string, actor: string): Engagement {
    return new Engagement(db, filePath, actor);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `apply` and appends the audit entry for it, in one transaction. */
  change<T>(operation: string, params: unknown, apply: () => T): T {
    return this.db.transaction(() => {
      const result = apply();
      appendAudit(this.db, { actor: this.actor, operation, params });
      return result;
    })();
  }

  settings(): EngagementSettings {
    const row = this.db.prepare('SELECT settings_json FROM engagement WHERE id = 1').get() as { settings_json: string };
    return engagementSettingsSchema.parse(JSON.parse(row.settings_json));
  }

  updateSettings(input: EngagementSettingsInput): EngagementSettings {
    const settings = parseSettings(input);
    const before = this.settings();
    this.change('engagement.updateSettings', { before, after: settings }, () => {
      this.db.prepare('UPDATE engagement SET settings_json = ? WHERE id = 1').run(JSON.stringify(settings));
    });
    return settings;
  }

  verifyAuditLog(): AuditVerification {
    return verifyAuditLog(this.db);
  }

  summary(): EngagementSummary {
    const row = this.db.prepare('SELECT created_at FROM engagement WHERE id = 1').get() as { created_at: string };
    const head = auditHead(this.db);
    return {
      path: this.filePath,
      fileName: path.basename(this.filePath),
      schemaVersion: schemaVersion(this.db),
      settings: this.settings(),
      createdAt: row.created_at,
      auditEntries: head.entries,
      auditHeadHash: head.headHash,
    };
  }
}

function parseSettings(input: EngagementSettingsInput): EngagementSettings {
  const parsed = engagementSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`);
    throw new EngineError('invalid-input', `Invalid engagement settings: ${issues.join('; ')}`, parsed.error.issues);
  }
  return parsed.data;
}
