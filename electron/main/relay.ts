/**
 * What the main process does with the renderer's calls: checks that they come from the app's own
 * window, then relays them to the engine host's thread. Kept free of Electron imports so it is
 * unit-tested without the Electron binary.
 */
import type { ChosenFile, EngagementSummary, Envelope } from '../../shared/contract';
import type { EngineHost } from '../engine/host/client';
import { checkDroppedPath } from './drop-guard';
import { isTrustedSender } from './trust';

/** What an IPC event tells about its sender (Electron's IpcMainInvokeEvent has it). */
export interface IpcSender {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app’s own window' } } as const;

export interface Relay {
  /** One channel for every contract call: the sender is checked here, the input by the engine's contract. */
  invoke(event: IpcSender, method: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** Only the preload sends here, with the OS path of a File the user dropped on the window. */
  drop(event: IpcSender, filePath: unknown): Promise<Envelope<ChosenFile>>;
  /** Likewise for an engagement file dropped on the window: it is opened in place of the current one. */
  dropEngagement(event: IpcSender, filePath: unknown): Promise<Envelope<EngagementSummary>>;
}

/** `appFolders` are the app's own folders, which a dropped path may not point into. */
export function createRelay(engine: Pick<EngineHost, 'invoke' | 'dropFile' | 'openEngagement'>, appFolders: readonly string[]): Relay {
  return {
    async invoke(event, method, input) {
      if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
      return engine.invoke(method, input);
    },
    async drop(event, filePath) {
      if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
      const dropped = checkDroppedPath(filePath, appFolders);
      if (!dropped.ok) return { ok: false, error: { code: 'refused', message: dropped.reason } };
      return engine.dropFile(dropped.path);
    },
    async dropEngagement(event, filePath) {
      if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
      const dropped = checkDroppedPath(filePath, appFolders, process.platform, 'engagement');
      if (!dropped.ok) return { ok: false, error: { code: 'refused', message: dropped.reason } };
      return engine.openEngagement(dropped.path);
    },
  };
}
