import { ipcMain, type BrowserWindow } from 'electron';
import type { ApiEventName, ApiEvents } from '../../shared/contract';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import type { Relay } from './relay';

export function wireIpc(relay: Relay): void {
  ipcMain.handle(IPC_CHANNELS.invoke, (event, method: unknown, input: unknown) => relay.invoke(event, method, input));
  ipcMain.handle(IPC_CHANNELS.drop, (event, filePath: unknown) => relay.drop(event, filePath));
  ipcMain.handle(IPC_CHANNELS.dropEngagement, (event, filePath: unknown) => relay.dropEngagement(event, filePath));
}

export function emitToWindow<E extends ApiEventName>(window: BrowserWindow | null, event: E, payload: ApiEvents[E]): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, event, payload);
}
