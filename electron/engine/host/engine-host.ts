/**
 * The engine host: the session, the contract's handlers and dispatch, on a thread of their own.
 * The embedding process (Electron's main process, the browser test harness) only relays calls
 * here and answers requests for native dialogs; this thread answers every call promptly, as
 * whatever can take long (opening an engagement, previewing an untrusted file, an import, a
 * calculation) runs on a worker of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Envelope } from '../../../shared/contract';
import { dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import type { Host, HostIdentity } from '../api/host';
import { Session } from '../api/session';
import { engagementSummary, openEngagement } from '../engagement/service';
import { EngineError } from '../errors';
import type { DialogName, HostMessage, HostRequest } from './protocol';

const port = parentPort!;
const post = (message: HostMessage) => port.postMessage(message);
const dialogs = new Map<number, { resolve: (filePath: string | null) => void; reject: (error: Error) => void }>();
let lastDialogId = 0;

function ask(dialog: DialogName, suggestedName?: string): Promise<string | null> {
  const id = ++lastDialogId;
  return new Promise((resolve, reject) => {
    dialogs.set(id, { resolve, reject });
    post({ type: 'dialog', id, dialog, suggestedName });
  });
}

const host: Host = {
  ...(workerData as HostIdentity),
  chooseNewEngagementPath: (suggestedName) => ask('chooseNewEngagementPath', suggestedName),
  chooseEngagementToOpen: () => ask('chooseEngagementToOpen'),
  chooseImportFile: () => ask('chooseImportFile'),
  chooseExportPath: (suggestedName) => ask('chooseExportPath', suggestedName),
  revealFile: (filePath) => post({ type: 'reveal', filePath }),
  emit: (event, payload) => post({ type: 'event', event, payload }),
  log: (level, message, detail) => post({ type: 'log', level, message, detail }),
};
const session = new Session(host);
const handlers = createHandlers(session);

/** A reply that cannot be sent (a value that does not clone) still answers the call, with why. */
function reply(id: number, envelope: Envelope<unknown>): void {
  try {
    post({ type: 'reply', id, envelope });
  } catch (error) {
    post({ type: 'reply', id, envelope: { ok: false, error: { code: 'internal', message: `The engine could not send its answer: ${(error as Error).message}` } } });
  }
}

function failure(error: unknown): Envelope<never> {
  return { ok: false, error: { code: error instanceof EngineError ? error.code : 'internal', message: (error as Error).message } };
}

function dropped(filePath: string): Envelope<unknown> {
  try {
    return { ok: true, value: session.chooseFile(filePath) };
  } catch (error) {
    return failure(error);
  }
}

async function opened(filePath: string): Promise<Envelope<unknown>> {
  try {
    session.replace(await openEngagement(filePath, session.context()));
    return { ok: true, value: engagementSummary(session.require()) };
  } catch (error) {
    return failure(error);
  }
}

/** What the auditor is told stays in the reply; the log keeps only that something unexpected failed where (no figures, no file contents). */
function logUnexpected(envelope: Envelope<unknown>): Envelope<unknown> {
  if (!envelope.ok && envelope.error.code === 'internal') host.log('error', 'A call failed unexpectedly', envelope.error.message);
  return envelope;
}

port.on('message', (request: HostRequest) => {
  switch (request.type) {
    case 'invoke':
      void dispatch(handlers, request.method, request.input).then((envelope) => reply(request.id, logUnexpected(envelope)));
      return;
    case 'drop':
      reply(request.id, logUnexpected(dropped(request.filePath)));
      return;
    case 'open':
      void opened(request.filePath).then((envelope) => reply(request.id, logUnexpected(envelope)));
      return;
    case 'dialog-answer': {
      const dialog = dialogs.get(request.id);
      dialogs.delete(request.id);
      if (request.failed === undefined) dialog?.resolve(request.filePath);
      else dialog?.reject(new Error(request.failed));
      return;
    }
    case 'shutdown':
      session.close();
      reply(request.id, { ok: true, value: null });
      return;
  }
});
