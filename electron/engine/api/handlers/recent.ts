import { openEngagement, engagementSummary } from '../../engagement/service';
import { forgetRecentEngagement, listRecentEngagements, recentEngagementPath } from '../../recent/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

export function recentHandlers(session: Session): HandlersOf<'recent'> {
  const { appDataDir } = session.context();
  return {
    'recent.list': () => listRecentEngagements(appDataDir),

    'recent.open': async ({ id }) => {
      session.replace(await openEngagement(recentEngagementPath(appDataDir, id), session.context()));
      return engagementSummary(session.require());
    },

    'recent.remove': ({ id }) => forgetRecentEngagement(appDataDir, id),
  };
}
