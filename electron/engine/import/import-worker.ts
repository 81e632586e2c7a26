/**
 * Runs one import off the engine host's thread, on its own database connection.
 *
 * An import is one large transaction, written to the engagement's WAL. This connection syncs the
 * WAL at COMMIT (synchronous = FULL), so an import reported done is on disk, as it was when the
 * COMMIT also checkpointed; but it does not checkpoint there (the copy of every page from the WAL
 * into the engagement file, as many bytes again as the import wrote, and their sync): that runs
 * once the outcome has been sent, while the user already sees the import done. Until it has run,
 * readers find the import's pages in the WAL; an interrupted checkpoint is finished by SQLite on
 * a later one, and a killed import leaves nothing, as before (no COMMIT reached the WAL).
 *
 * The engine host's connection keeps SQLite's automatic checkpoint: it bounds the WAL after the
 * host's own changes, and finishes a checkpoint this one could not (a reader held older pages).
 * A host change that waited for the import's write lock and commits before this checkpoint starts
 * does the copy on the host's thread instead; once this one is under way, the host's is skipped
 * at once (SQLite never waits for the checkpoint lock). Either way the file ends up the same.
 */
import type { ImportOutcome } from '../../../shared/contract';
import { connectToCheckedDatabase } from '../db/connection';
import type { WritableDb } from '../db/handles';
import { serveWorker } from '../workers/serve';
import type { ImportWorkerData, ImportWorkerProgress } from './import-job';
import { runImport } from './pipeline';

let db: WritableDb | null = null;

serveWorker<ImportWorkerData, ImportOutcome, ImportWorkerProgress>(
  // async: an engagement that cannot be opened is a failed import with its reason, not a thrown error.
  async ({ engagementPath, nativeBinding, request }, signal, progress) => {
    db = connectToCheckedDatabase(engagementPath, { nativeBinding });
    db.pragma('synchronous = FULL');
    db.pragma('wal_autocheckpoint = 0');
    return runImport(db, { ...request, signal, onProgress: progress });
  },
  () => {
    if (db === null) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
    }
  },
);
