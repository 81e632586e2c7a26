import { listFactors, listFactorSets, loadFactorLibrary, shippedLibrary } from '../../factors/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

export function factorHandlers(session: Session): HandlersOf<'factors'> {
  return {
    'factors.sets': () => listFactorSets(session.require()),
    'factors.list': (query) => listFactors(session.require(), query),

    'factors.loadLibrary': () => {
      const engagement = session.require();
      loadFactorLibrary(engagement, shippedLibrary(session.host.factorLibraryDir));
      session.changed();
      return listFactorSets(engagement);
    },
  };
}
