/**
 * The browser-mode bridge: puts the same `window.carbonAudit` the Electron preload provides, but
 * over HTTP (calls, files) and server-sent events (events), to the server in electron/web/. Loaded
 * by a script tag the server adds before the app's own; `data-dialogs` says who answers the
 * engine's dialogs: the browser (`browser`: a file picker and an upload, a download) or the
 * server itself (`host`: the test harness).
 */
import { ENGAGEMENT_FILE_EXTENSION, IMPORT_FILE_EXTENSIONS, type ApiMethod, type Bridge, type ChosenFile, type EngagementSummary, type Envelope } from '../../shared/contract';

/** Matches electron/web/server.ts (the renderer cannot import the server). */
const DOWNLOAD_EVENT = 'web.download';

const answeredByBrowser = document.currentScript?.dataset.dialogs === 'browser';
const events = new EventSource('/events');

async function post<T>(url: string, body: BodyInit, contentType?: string): Promise<Envelope<T>> {
  const response = await fetch(url, { method: 'POST', headers: contentType ? { 'Content-Type': contentType } : {}, body });
  if (!response.ok) return { ok: false, error: { code: 'refused', message: await response.text() } };
  return (await response.json()) as Envelope<T>;
}

function upload<T>(route: '/drop' | '/open', file: File): Promise<Envelope<T>> {
  return post<T>(`${route}?name=${encodeURIComponent(file.name)}`, file);
}

/**
 * The browser's file picker in place of a native open dialog; null when the user cancels. It must
 * open while the click that asked for it is still being handled (browsers require a user gesture).
 */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** Native open dialogs the browser answers with a picked, uploaded file. */
const PICKERS: Partial<Record<ApiMethod, () => Promise<Envelope<unknown>>>> = {
  'import.chooseFile': async () => {
    const file = await pickFile(IMPORT_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(','));
    return file ? upload<ChosenFile>('/drop', file) : { ok: true, value: null };
  },
  'engagement.open': async () => {
    const file = await pickFile(`.${ENGAGEMENT_FILE_EXTENSION}`);
    return file ? upload('/open', file) : { ok: true, value: null };
  },
};

if (answeredByBrowser) {
  // "Show in folder" of a finished export: the server offers the file, the browser downloads it.
  events.addEventListener(DOWNLOAD_EVENT, (message: MessageEvent<string>) => {
    const { url, fileName } = JSON.parse(message.data) as { url: string; fileName: string };
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
  });
}

const bridge: Bridge = {
  invoke(method, input) {
    const picker = answeredByBrowser ? PICKERS[method as ApiMethod] : undefined;
    return picker ? picker() : post(`/api/${encodeURIComponent(method)}`, JSON.stringify(input ?? {}), 'application/json');
  },
  async dropFile(file) {
    if (!(file instanceof File)) return { ok: false, error: { code: 'invalid-input', message: 'Only files can be dropped' } };
    return upload<ChosenFile>('/drop', file);
  },
  // As a picked one: the engagement's bytes are copied into the served folder, then opened there.
  async dropEngagement(file) {
    if (!(file instanceof File)) return { ok: false, error: { code: 'invalid-input', message: 'Only files can be dropped' } };
    return upload<EngagementSummary>('/open', file);
  },
  on(eventName, listener) {
    const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
    events.addEventListener(eventName, handler);
    return () => events.removeEventListener(eventName, handler);
  },
};

Object.defineProperty(window, 'carbonAudit', { value: Object.freeze(bridge) });
