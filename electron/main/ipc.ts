import { ipcMain, type BrowserWindow } from 'electron';
import type { ApiEventName, ApiEvents } from '../../shared/contract';
import { dispatch } from '../engine/api/dispatch';
import { chooseFileAt, type Handlers, type Session } from '../engine/api/handlers';
import { EngineError } from '../engine/errors';
import path from 'node:path';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import { isTrustedSender } from './security';

/** One channel for every contract call: the sender is checked, then the contract validates the input. */
export function wireIpc(handlers: Handlers, session: Session): void {
  ipcMain.handle(IPC_CHANNELS.invoke, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
    return dispatch(handlers, method, input);
  });
  // Only the preload sends here, with the OS path of a File the user dropped on the window.
  ipcMain.handle(IPC_CHANNELS.drop, (event, filePath: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
    if (typeof filePath !== 'string' || !path.isAbsolute(filePath)) {
      return { ok: false, error: { code: 'invalid-input', message: 'A dropped file must have an absolute path' } };
    }
    try {
      return { ok: true, value: chooseFileAt(session, filePath) };
    } catch (error) {
      return { ok: false, error: { code: error instanceof EngineError ? error.code : 'internal', message: (error as Error).message } };
    }
  });
}

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app’s own window' } } as const;

export function emitToWindow<E extends ApiEventName>(window: BrowserWindow | null, event: E, payload: ApiEvents[E]): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, event, payload);
}
