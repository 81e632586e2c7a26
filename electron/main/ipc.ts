import { ipcMain, type BrowserWindow } from 'electron';
import type { ApiEventName, ApiEvents } from '../../shared/contract';
import { dispatch } from '../engine/api/dispatch';
import type { Handlers } from '../engine/api/handlers';
import { isTrustedSender } from './security';

export const INVOKE_CHANNEL = 'carbon-audit:invoke';
export const EVENT_CHANNEL = 'carbon-audit:event';

/** One channel for every contract call: the sender is checked, then the contract validates the input. */
export function wireIpc(handlers: Handlers): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app’s own window' } };
    }
    return dispatch(handlers, method, input);
  });
}

export function emitToWindow<E extends ApiEventName>(window: BrowserWindow | null, event: E, payload: ApiEvents[E]): void {
  if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
}
