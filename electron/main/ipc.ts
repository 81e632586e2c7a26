import { ipcMain, type BrowserWindow } from 'electron';
import type { ApiEventName, ApiEvents } from '../../shared/contract';
import { dispatch } from '../engine/api/dispatch';
import { chooseFileAt, type Handlers, type Session } from '../engine/api/handlers';
import { EngineError } from '../engine/errors';
import { checkDroppedPath } from './drop-guard';
import { isTrustedSender } from './security';

export const INVOKE_CHANNEL = 'carbon-audit:invoke';
export const EVENT_CHANNEL = 'carbon-audit:event';
export const DROP_CHANNEL = 'carbon-audit:drop';

/**
 * One channel for every contract call: the sender is checked, then the contract validates the input.
 * `appFolders` are the app's own folders, which a dropped path may not point into.
 */
export function wireIpc(handlers: Handlers, session: Session, appFolders: readonly string[]): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
    return dispatch(handlers, method, input);
  });
  // Only the preload sends here, with the OS path of a File the user dropped on the window.
  ipcMain.handle(DROP_CHANNEL, (event, filePath: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
    const dropped = checkDroppedPath(filePath, appFolders);
    if (!dropped.ok) return { ok: false, error: { code: 'refused', message: dropped.reason } };
    try {
      return { ok: true, value: chooseFileAt(session, dropped.path) };
    } catch (error) {
      return { ok: false, error: { code: error instanceof EngineError ? error.code : 'internal', message: (error as Error).message } };
    }
  });
}

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app’s own window' } } as const;

export function emitToWindow<E extends ApiEventName>(window: BrowserWindow | null, event: E, payload: ApiEvents[E]): void {
  if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
}
