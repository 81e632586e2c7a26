import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../../shared/contract';
import { auditEntries } from '../audit-log';
import { Engagement } from '../engagement';
import { EngineError } from '../errors';
import { APP_VERSION } from '../version';
import type { Host } from './host';

export type Handlers = {
  readonly [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

/** The engine state behind one window: at most one open engagement. */
export class Session {
  private engagement: Engagement | null = null;

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
    this.host.emit('engagement.changed', next?.summary() ?? null);
  }

  context() {
    return { actor: this.host.actor, nativeBinding: this.host.nativeBinding };
  }
}

export function createHandlers(session: Session): Handlers {
  const { host } = session;
  return {
    'app.info': () => ({ version: APP_VERSION, host: host.kind }),

    'engagement.create': async ({ settings }) => {
      const filePath = await host.chooseNewEngagementPath(suggestedFileName(settings.entityName));
      if (!filePath) return null;
      session.replace(Engagement.create(filePath, settings, session.context()));
      return session.require().summary();
    },

    'engagement.open': async () => {
      const filePath = await host.chooseEngagementToOpen();
      if (!filePath) return null;
      session.replace(Engagement.open(filePath, session.context()));
      return session.require().summary();
    },

    'engagement.current': () => session.current()?.summary() ?? null,

    'engagement.close': () => {
      session.replace(null);
      return null;
    },

    'engagement.updateSettings': ({ settings }) => {
      const engagement = session.require();
      engagement.updateSettings(settings);
      const summary = engagement.summary();
      host.emit('engagement.changed', summary);
      return summary;
    },

    'audit.verify': () => session.require().verifyAuditLog(),

    'audit.entries': ({ afterSeq, limit }) => auditEntries(session.require().db, afterSeq, limit),
  };
}

function suggestedFileName(entityName: string): string {
  const safe = entityName.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'engagement';
  return `${safe}.carbonaudit`;
}
