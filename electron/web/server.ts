/**
 * Browser mode: the built renderer and the API contract over HTTP, onto the same engine host the
 * Electron main process starts (session, handlers and dispatch on their own thread). For machines
 * where Electron cannot be installed (`carbon-audit serve`, `npm run web`); the browser test
 * harness is this server with its dialogs answered by the test.
 *
 * Secure like a notebook server: bound to 127.0.0.1 only; every request needs this run's token
 * (access.ts), its own Host and, for a write, no foreign Origin; no CORS; bodies capped; the
 * app's Content-Security-Policy on every answer. Native dialogs become the browser's: an upload
 * for a file to import or an engagement to open, a download for an exported workbook, and new
 * files go into the served folder.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { droppedFileKind, ENGAGEMENT_FILE_EXTENSION, type ApiEventName, type ApiEvents, type Envelope } from '../../shared/contract';
import type { HostIdentity, HostShell } from '../engine/api/host';
import { startEngineHost, type EngineHost } from '../engine/host/client';
import { checkDroppedPath } from '../main/drop-guard';
import { formatLogLine } from '../main/log-file';
import { resolveRendererFile } from '../main/protocol-request';
import { CONTENT_SECURITY_POLICY } from '../main/trust';
import { decideAccess, TOKEN_HEADER, TOKEN_QUERY } from './access';

/** Contract calls are small JSON documents; uploads are spreadsheets or engagement files. */
export const MAX_API_BODY_BYTES = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
export const BRIDGE_PATH = '/web-bridge.js';
/** The server-sent event that tells the page to download a file the engine offered (a finished export). */
export const DOWNLOAD_EVENT = 'web.download';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** The engine's dialogs other than through the browser: the test harness answers them itself. */
export type HostDialogs = Omit<HostShell, 'emit' | 'log'>;

export interface WebServerOptions {
  readonly identity: HostIdentity;
  readonly rendererDir: string;
  /** The browser-side bridge (renderer/web/bridge.ts, bundled). */
  readonly bridgeScript: string;
  /** Where new engagements, opened uploads and exports go in browser mode. */
  readonly folder: string;
  /** The app's own folders: a file to import may not come from there (as in the app). */
  readonly appFolders: readonly string[];
  /** Given, the engine's dialogs are answered by these, not by the browser (the test harness). */
  readonly hostDialogs?: HostDialogs;
  /** An engagement to open before the first page is served. */
  readonly openAtStart?: string;
}

export interface WebServer {
  /** The address to give the browser: it carries the token once, then a cookie does. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly engine: EngineHost;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    throw new Error('The app is not built: run `npm run web` (or `npm run build:app`) first.');
  }
  const token = randomBytes(32).toString('hex');
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-uploads-'));
  const subscribers = new Set<http.ServerResponse>();
  const downloads = new Map<string, string>();
  const push = (event: string, payload: unknown) => {
    for (const response of subscribers) response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  };
  const browserDialogs: HostDialogs = {
    chooseNewEngagementPath: async (suggestedName) => freePath(options.folder, suggestedName),
    // The page uploads the file it picked instead (see the bridge): nothing to choose here.
    chooseEngagementToOpen: async () => null,
    chooseImportFile: async () => null,
    chooseExportPath: async (suggestedName) => freePath(options.folder, suggestedName),
    revealFile(filePath) {
      const id = randomBytes(16).toString('hex');
      downloads.set(id, filePath);
      push(DOWNLOAD_EVENT, { url: `/download/${id}`, fileName: path.basename(filePath) });
    },
  };
  const dialogs = options.hostDialogs ?? browserDialogs;
  const engine = startEngineHost(options.identity, {
    ...dialogs,
    emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]) {
      push(event, payload);
    },
    // A terminal command's log is its standard error, in the desktop app's log-file format.
    log(level, message, detail) {
      process.stderr.write(formatLogLine(new Date(), level, 'engine', message, detail));
    },
  });

  if (options.openAtStart !== undefined) {
    const opened = await engine.openEngagement(options.openAtStart);
    if (!opened.ok) {
      await engine.close();
      fs.rmSync(uploadsDir, { recursive: true, force: true });
      throw new Error(opened.error.message);
    }
  }

  let served = { host: '', port: 0, token };
  const saveUpload = async (request: http.IncomingMessage, response: http.ServerResponse, url: URL, folder: string): Promise<string | null> => {
    const name = path.basename(url.searchParams.get('name') ?? '');
    if (name === '' || name === '.' || name === '..') {
      await readBody(request, 0);
      return refuse(response, 400, 'A dropped file needs a name'), null;
    }
    const file = freePath(folder, name);
    if (!(await receiveFile(request, file, MAX_UPLOAD_BYTES))) return refuse(response, 413, `Upload over ${MAX_UPLOAD_BYTES} bytes`), null;
    return file;
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${served.host}`);
    } catch {
      return refuse(response, 400, 'Bad request');
    }
    const access = decideAccess({ method: request.method ?? 'GET', remoteAddress: request.socket.remoteAddress, headers: request.headers, url }, served);
    if (access.kind === 'refuse') return refuse(response, access.status, access.message);
    if (access.kind === 'set-cookie') {
      response.writeHead(303, { 'Set-Cookie': access.cookie, Location: access.location, ...SECURITY_HEADERS }).end();
      return;
    }
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      const method = decodeOrNull(url.pathname.slice('/api/'.length));
      if (method === null) return refuse(response, 400, 'Malformed % escape in the method name');
      const body = await readBody(request, MAX_API_BODY_BYTES);
      if (body === null) return refuse(response, 413, `Request body over ${MAX_API_BODY_BYTES} bytes`);
      const input = parseJsonOrUndefined(body.toString('utf8') || '{}');
      if (input === undefined) return refuse(response, 400, 'Request body is not JSON');
      return sendJson(response, await engine.invoke(method, input));
    }
    if (request.method === 'POST' && url.pathname === '/drop') {
      // A browser cannot tell the server a file's path, so its bytes are uploaded and checked as the app checks a drop.
      const file = await saveUpload(request, response, url, fs.mkdtempSync(path.join(uploadsDir, 'drop-')));
      if (file === null) return;
      const check = checkDroppedPath(file, options.appFolders);
      return sendJson(response, check.ok ? await engine.dropFile(check.path) : { ok: false, error: { code: 'refused', message: check.reason } });
    }
    if (request.method === 'POST' && url.pathname === '/open') {
      // An engagement the user picked or dropped: copied into the served folder (it is changed as it is worked on), then opened.
      if (droppedFileKind(url.searchParams.get('name') ?? '') !== 'engagement') {
        await readBody(request, 0);
        return refuse(response, 400, `Only .${ENGAGEMENT_FILE_EXTENSION} engagement files can be opened`);
      }
      const file = await saveUpload(request, response, url, options.folder);
      if (file === null) return;
      const envelope = await engine.openEngagement(file);
      if (!envelope.ok) fs.rmSync(file, { force: true });
      return sendJson(response, envelope);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    if (url.pathname === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', ...SECURITY_HEADERS });
      response.write(': connected\n\n');
      subscribers.add(response);
      request.on('close', () => subscribers.delete(response));
      return;
    }
    if (url.pathname.startsWith('/download/')) {
      const file = downloads.get(url.pathname.slice('/download/'.length));
      if (file === undefined || !fs.existsSync(file)) return refuse(response, 404, 'Not found');
      response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(file))}`,
        'Content-Length': fs.statSync(file).size,
        ...SECURITY_HEADERS,
      });
      fs.createReadStream(file).pipe(response);
      return;
    }
    if (url.pathname === BRIDGE_PATH) {
      response.writeHead(200, { 'Content-Type': MIME['.js']!, ...SECURITY_HEADERS }).end(options.bridgeScript);
      return;
    }
    serveRenderer(url.pathname, response, options.rendererDir, options.hostDialogs ? 'host' : 'browser');
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, SECURITY_HEADERS);
      response.end(`Server error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: nothing on the network can reach it, whatever the firewall.
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  served = { host: `127.0.0.1:${port}`, port, token };
  const origin = `http://${served.host}`;
  return {
    url: `${origin}/index.html?${TOKEN_QUERY}=${token}`,
    origin,
    port,
    token,
    engine,
    async close() {
      for (const response of subscribers) response.end();
      await engine.close();
      fs.rmSync(uploadsDir, { recursive: true, force: true });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { TOKEN_HEADER };

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

function serveRenderer(pathname: string, response: http.ServerResponse, rendererDir: string, dialogs: 'host' | 'browser'): void {
  const decision = resolveRendererFile(pathname, rendererDir);
  if (decision.kind === 'refuse') return refuse(response, decision.status, decision.message);
  const target = decision.path;
  let body: Buffer | string = fs.readFileSync(target);
  if (target.endsWith('index.html')) {
    // The bridge must be in place before the app's module script runs.
    body = body.toString('utf8').replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}" data-dialogs="${dialogs}"></script>`);
  }
  response.writeHead(200, { 'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream', ...SECURITY_HEADERS }).end(body);
}

/** `name` in `folder`, or `name (2)`, `name (3)`… when taken: nothing already there is overwritten. */
export function freePath(folder: string, name: string): string {
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let copy = 1; ; copy += 1) {
    const candidate = path.join(folder, copy === 1 ? name : `${stem} (${copy})${extension}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

function sendJson(response: http.ServerResponse, envelope: Envelope<unknown>): void {
  response.writeHead(200, { 'Content-Type': 'application/json', ...SECURITY_HEADERS }).end(JSON.stringify(envelope));
}

function refuse(response: http.ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end(message);
}

function decodeOrNull(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Streams an upload into a new file (never over an existing one); false, with no file left, when
 * it is over `limit` bytes. Past the limit the rest is read and dropped, as in readBody.
 */
async function receiveFile(request: http.IncomingMessage, file: string, limit: number): Promise<boolean> {
  const out = fs.createWriteStream(file, { flags: 'wx' });
  let bytes = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes <= limit && !out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  if (bytes > limit) fs.rmSync(file, { force: true });
  return bytes <= limit;
}

/**
 * The request body, or null when it is over `limit` bytes. Past the limit the rest is read and
 * dropped (memory stays bounded), so the client gets a clean answer instead of a reset connection.
 */
function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on('end', () => resolve(bytes <= limit ? Buffer.concat(chunks) : null));
    request.on('error', reject);
  });
}
