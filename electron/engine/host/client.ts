/**
 * Starts the engine host (engine-host.ts) on its own thread and relays to it: contract calls and
 * dropped files go in, replies, events and requests for native dialogs come out. This is all the
 * embedding process runs of the engine, so its thread never touches SQLite or a user's file.
 */
import { Worker } from 'node:worker_threads';
import type { ChosenFile, EngagementSummary, Envelope } from '../../../shared/contract';
import type { HostIdentity, HostShell } from '../api/host';
import { workerEntry } from '../workers/spawn';
import type { HostMessage, HostRequest } from './protocol';

export interface EngineHost {
  invoke(method: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** A file dropped on the window, by the absolute path the OS gave for it. */
  dropFile(filePath: string): Promise<Envelope<ChosenFile>>;
  /** Opens the engagement at this absolute path (dropped on the window, or handed to the app by the OS). */
  openEngagement(filePath: string): Promise<Envelope<EngagementSummary>>;
  /** Closes the open engagement and stops the host's thread. */
  close(): Promise<void>;
}

type Request = HostRequest extends infer R ? (R extends { readonly id: number } ? Omit<R, 'id'> : never) : never;

export function startEngineHost(identity: HostIdentity, shell: HostShell): EngineHost {
  const entry = workerEntry('engine-host');
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: identity });
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  let lastId = 0;
  let stopped: string | null = null;

  const stop = (reason: string) => {
    stopped = reason;
    for (const reply of pending.values()) reply({ ok: false, error: { code: 'internal', message: reason } });
    pending.clear();
  };
  const request = (message: Request): Promise<Envelope<unknown>> => {
    if (stopped !== null) return Promise.resolve({ ok: false, error: { code: 'internal', message: stopped } });
    const id = ++lastId;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ ...message, id } as HostRequest);
    });
  };

  worker.on('message', (message: HostMessage) => {
    switch (message.type) {
      case 'reply':
        pending.get(message.id)?.(message.envelope);
        pending.delete(message.id);
        return;
      case 'event':
        shell.emit(message.event, message.payload as never);
        return;
      case 'dialog': {
        const suggested = message.suggestedName ?? '';
        const answer = message.dialog === 'chooseNewEngagementPath' || message.dialog === 'chooseExportPath' ? shell[message.dialog](suggested) : shell[message.dialog]();
        const reply = (answer: Omit<Extract<HostRequest, { type: 'dialog-answer' }>, 'type' | 'id'>) => worker.postMessage({ type: 'dialog-answer', id: message.id, ...answer } satisfies HostRequest);
        answer.then((filePath) => reply({ filePath }), (error: unknown) => reply({ filePath: null, failed: error instanceof Error ? error.message : String(error) }));
        return;
      }
      case 'reveal':
        shell.revealFile(message.filePath);
        return;
      case 'log':
        shell.log(message.level, message.message, message.detail);
        return;
    }
  });
  worker.on('error', (error) => {
    shell.log('error', 'The engine stopped unexpectedly', error.stack ?? error.message);
    stop(`The engine stopped unexpectedly (${error.message}): restart Carbon Audit`);
  });
  worker.on('exit', (code) => {
    if (stopped === null && code !== 0) shell.log('error', `The engine stopped with exit code ${code}`);
    stop(`The engine stopped (exit code ${code}): restart Carbon Audit`);
  });

  return {
    invoke: (method, input) => request({ type: 'invoke', method, input }),
    dropFile: (filePath) => request({ type: 'drop', filePath }) as Promise<Envelope<ChosenFile>>,
    openEngagement: (filePath) => request({ type: 'open', filePath }) as Promise<Envelope<EngagementSummary>>,
    async close() {
      if (stopped === null) await request({ type: 'shutdown' });
      stopped ??= 'The engine was closed';
      await worker.terminate();
    },
  };
}
