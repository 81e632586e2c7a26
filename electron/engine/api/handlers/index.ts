/**
 * Every contract method's handler, one module per feature, each a thin adapter over its
 * feature's service. A new feature adds its module and one line here; the compiler checks that
 * together they cover the contract.
 */
import type { Session } from '../session';
import { engagementHandlers } from './engagement';
import { exportHandlers } from './export';
import { factorHandlers } from './factors';
import { importHandlers } from './import';
import { inventoryHandlers } from './inventory';
import { recentHandlers } from './recent';
import { reconcileHandlers } from './reconcile';
import { reviewHandlers } from './review';
import { sampleHandlers } from './sample';
import { sourceHandlers } from './sources';
import { tableHandlers } from './tables';
import type { Handlers } from './types';

export type { Handlers } from './types';

export function createHandlers(session: Session): Handlers {
  return {
    ...engagementHandlers(session),
    ...recentHandlers(session),
    ...importHandlers(session),
    ...sourceHandlers(session),
    ...factorHandlers(session),
    ...inventoryHandlers(session),
    ...reconcileHandlers(session),
    ...exportHandlers(session),
    ...reviewHandlers(session),
    ...sampleHandlers(session),
    ...tableHandlers(session),
  };
}
