import { reinstateSource, withdrawSource } from '../../sources/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

/** Withdrawing and reinstating source files: each moves the audit log's head, so the UI hears of it. */
export function sourceHandlers(session: Session): HandlersOf<'sources'> {
  const logged = async <T>(result: Promise<T>): Promise<T> => {
    const done = await result;
    session.changed();
    return done;
  };
  return {
    'sources.withdraw': ({ sourceFileId, reason }) => logged(withdrawSource(session.require(), sourceFileId, reason)),
    'sources.reinstate': ({ sourceFileId, reason }) => logged(reinstateSource(session.require(), sourceFileId, reason)),
  };
}
