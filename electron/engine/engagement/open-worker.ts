/**
 * Opens an engagement file off the engine host's thread: the header, application id and schema
 * checks, PRAGMA integrity_check (which reads the whole file) and any pending migrations. The
 * host connects once this has passed.
 */
import { serveWorker } from '../workers/serve';
import { Engagement, type EngagementContext } from './handle';

export interface OpenWorkerData extends EngagementContext {
  readonly filePath: string;
}

serveWorker<OpenWorkerData, null, never>(async ({ filePath, actor, nativeBinding }) => {
  Engagement.open(filePath, { actor, nativeBinding }).close();
  return null;
});
