import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isApiEventName, isApiMethod, type ApiEventName, type Bridge, type ChosenFile, type Envelope } from '../../shared/contract';
import { IPC_CHANNELS } from '../../shared/ipc-channels';

/**
 * The only thing the renderer gets: call a contract method, or listen to a contract event.
 * Never raw ipcRenderer; unknown names are refused here and again in main.
 */
const bridge: Bridge = {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isApiMethod(method)) return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: `Unknown method ${method}` } });
    return ipcRenderer.invoke(IPC_CHANNELS.invoke, method, input) as Promise<Envelope<unknown>>;
  },
  on(eventName: string, listener: (payload: unknown) => void): () => void {
    if (!isApiEventName(eventName)) throw new Error(`Unknown event ${eventName}`);
    const handler = (_event: IpcRendererEvent, name: ApiEventName, payload: unknown) => {
      if (name === eventName) listener(payload);
    };
    ipcRenderer.on(IPC_CHANNELS.event, handler);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.event, handler);
  },
  // The path comes from the OS for a File the user dropped; page script cannot forge one.
  dropFile(file: unknown): Promise<Envelope<ChosenFile>> {
    const filePath = file instanceof File ? webUtils.getPathForFile(file) : '';
    if (!filePath) return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: 'Only files from disk can be dropped' } });
    return ipcRenderer.invoke(IPC_CHANNELS.drop, filePath) as Promise<Envelope<ChosenFile>>;
  },
};

contextBridge.exposeInMainWorld('carbonAudit', bridge);
