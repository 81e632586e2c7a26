import type { Session } from '../session';
import {
  APP_VERSION,
  createEngagement,
  engagementSummary,
  finaliseEngagement,
  listAuditEntries,
  openEngagement,
  suggestedFileName,
  unlockEngagement,
  updateSettings,
  verifyAuditLog,
} from '../../engagement/service';
import type { HandlersOf } from './types';

export function engagementHandlers(session: Session): HandlersOf<'app' | 'engagement' | 'audit'> {
  const { host } = session;
  return {
    'app.info': () => ({ version: APP_VERSION, host: host.kind }),

    'engagement.create': async ({ settings }) => {
      const filePath = await host.chooseNewEngagementPath(suggestedFileName(settings.entityName));
      if (!filePath) return null;
      session.replace(createEngagement(filePath, settings, session.context()));
      return engagementSummary(session.require());
    },

    'engagement.open': async () => {
      const filePath = await host.chooseEngagementToOpen();
      if (!filePath) return null;
      session.replace(await openEngagement(filePath, session.context()));
      return engagementSummary(session.require());
    },

    'engagement.current': () => {
      const engagement = session.current();
      return engagement ? engagementSummary(engagement) : null;
    },

    'engagement.close': () => {
      session.replace(null);
      return null;
    },

    'engagement.updateSettings': ({ settings }) => {
      const summary = updateSettings(session.require(), settings);
      session.changed();
      return summary;
    },

    'engagement.finalise': () => {
      const lock = finaliseEngagement(session.require());
      session.changed();
      return lock;
    },

    'engagement.unlock': ({ reason }) => {
      const lock = unlockEngagement(session.require(), reason);
      session.changed();
      return lock;
    },

    'audit.verify': () => verifyAuditLog(session.require()),

    'audit.entries': ({ afterSeq, limit, operation, text }) => listAuditEntries(session.require(), afterSeq, limit, { operation, text }),
  };
}
