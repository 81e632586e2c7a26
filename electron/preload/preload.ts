import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isApiEventName, isApiMethod, type ApiEventName, type Bridge, type ChosenFile, type EngagementSummary, type Envelope } from '../../shared/contract';
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
  dropFile(file: unknown): Promise<Envelope<ChosenFile>> {
    return sendDroppedPath(IPC_CHANNELS.drop, file) as Promise<Envelope<ChosenFile>>;
  },
  dropEngagement(file: unknown): Promise<Envelope<EngagementSummary>> {
    return sendDroppedPath(IPC_CHANNELS.dropEngagement, file) as Promise<Envelope<EngagementSummary>>;
  },
};

/** The path comes from the OS for a File the user dropped; page script cannot forge one. Main checks it again. */
function sendDroppedPath(channel: string, file: unknown): Promise<Envelope<unknown>> {
  const filePath = file instanceof File ? webUtils.getPathForFile(file) : '';
  if (!filePath) return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: 'Only files from disk can be dropped' } });
  return ipcRenderer.invoke(channel, filePath) as Promise<Envelope<unknown>>;
}

contextBridge.exposeInMainWorld('carbonAudit', bridge);
