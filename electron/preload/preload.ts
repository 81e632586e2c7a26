import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isApiEventName, isApiMethod, type ApiEventName, type Bridge, type Envelope } from '../../shared/contract';

// Duplicated from main/ipc.ts on purpose: a sandboxed preload cannot import main-process code.
const INVOKE_CHANNEL = 'carbon-audit:invoke';
const EVENT_CHANNEL = 'carbon-audit:event';

/**
 * The only thing the renderer gets: call a contract method, or listen to a contract event.
 * Never raw ipcRenderer; unknown names are refused here and again in main.
 */
const bridge: Bridge = {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isApiMethod(method)) return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: `Unknown method ${method}` } });
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<Envelope<unknown>>;
  },
  on(eventName: string, listener: (payload: unknown) => void): () => void {
    if (!isApiEventName(eventName)) throw new Error(`Unknown event ${eventName}`);
    const handler = (_event: IpcRendererEvent, name: ApiEventName, payload: unknown) => {
      if (name === eventName) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('carbonAudit', bridge);
