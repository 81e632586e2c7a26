import { randomUUID } from 'node:crypto';
import type { ChosenFile } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';
import { appDataDir, engagementSummary, rememberAuditHead } from '../engagement/service';
import { EngineError } from '../errors';
import { inspectChosenFile } from '../import/service';
import { rememberRecentEngagement } from '../recent/service';
import type { Host } from './host';

/** The engine state behind one window: at most one open engagement, the files the user chose, running jobs. */
export class Session {
  private engagement: Engagement | null = null;
  /** Files the user picked through a dialog or dropped: the UI holds tokens, never paths. */
  private readonly chosenFiles = new Map<string, string>();
  readonly jobs = new Map<string, { cancel(): void }>();

  constructor(readonly host: Host) {}

  current(): Engagement | null {
    return this.engagement;
  }

  require(): Engagement {
    if (!this.engagement) throw new EngineError('no-engagement', 'No engagement is open: create or open one first');
    return this.engagement;
  }

  replace(next: Engagement | null): void {
    this.engagement?.close();
    this.engagement = next;
    if (next) this.rememberRecent(next);
    this.host.emit('engagement.changed', next ? engagementSummary(next) : null);
  }

  /** Every engagement opened or created here goes to the top of the recent list; a list that cannot be written does not stop the work. */
  private rememberRecent(engagement: Engagement): void {
    try {
      rememberRecentEngagement(this.context().appDataDir, engagement.filePath);
    } catch (error) {
      this.host.log('warn', 'The recent-engagements list could not be updated', (error as Error).message);
    }
  }

  /** Before the host stops: running jobs are cancelled (they roll back) and the engagement is closed. */
  close(): void {
    for (const job of this.jobs.values()) job.cancel();
    this.engagement?.close();
    this.engagement = null;
  }

  /** Tells the UI the open engagement changed (an import, a setting, a site); the audit witness keeps up. */
  changed(): void {
    if (this.engagement) rememberAuditHead(this.engagement);
    this.host.emit('engagement.changed', this.engagement ? engagementSummary(this.engagement) : null);
  }

  /**
   * A file the host itself located (a dialog's answer, or the path the OS gives for a dropped
   * file): only regular files are accepted, and the UI gets a token for it, never the path.
   */
  chooseFile(filePath: string): ChosenFile {
    const { fileName, sizeBytes } = inspectChosenFile(filePath);
    const token = randomUUID();
    this.chosenFiles.set(token, filePath);
    return { token, fileName, sizeBytes };
  }

  chosenFile(token: string): string {
    const filePath = this.chosenFiles.get(token);
    if (!filePath) throw new EngineError('not-found', 'That file is no longer selected: choose it again');
    return filePath;
  }

  /** Who acts, with which SQLite build, and where this machine's audit witness is: what every engagement opened here is given. */
  context() {
    return { actor: this.host.actor, nativeBinding: this.host.nativeBinding, appDataDir: appDataDir(this.host.appDataDir) };
  }
}
