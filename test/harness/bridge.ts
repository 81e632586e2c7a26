/**
 * Browser-side half of the test harness: puts the same `window.carbonAudit` bridge the
 * Electron preload provides, but over HTTP (calls, dropped files) and server-sent events (events).
 */
import type { Bridge, ChosenFile, Envelope } from '../../shared/contract';

const events = new EventSource('/events');

const bridge: Bridge = {
  async invoke(method, input) {
    const response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as Envelope<unknown>;
  },
  async dropFile(file) {
    if (!(file instanceof File)) return { ok: false, error: { code: 'invalid-input', message: 'Only files can be dropped' } };
    const response = await fetch(`/drop?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
    return (await response.json()) as Envelope<ChosenFile>;
  },
  on(eventName, listener) {
    const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
    events.addEventListener(eventName, handler);
    return () => events.removeEventListener(eventName, handler);
  },
};

Object.defineProperty(window, 'carbonAudit', { value: Object.freeze(bridge) });
