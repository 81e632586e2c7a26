import { sourceRowContext, tablePage } from '../../tables/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

/** The browsable tables: a page of one, and a row beside its sheet's headers and neighbours. */
export function tableHandlers(session: Session): HandlersOf<'tables'> {
  return {
    'tables.page': ({ query, offset, limit, count }) => tablePage(session.require(), query, offset, limit, count),
    'tables.sourceRow': (input) => sourceRowContext(session.require(), 'recordId' in input ? { recordId: input.recordId } : { rawRowId: input.rawRowId }, input.around),
  };
}
