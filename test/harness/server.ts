/**
 * The browser test harness: serves the built renderer plus an HTTP transport onto the same
 * engine host the Electron main process starts (its session, handlers and dispatch on their own
 * thread), so the real UI runs in Chromium here against the real engine. Native dialogs are
 * replaced by answers the test queues up.
 *
 * It binds to loopback, but any local process or web page could reach it there, so every request
 * must carry the harness's own Host (no DNS rebinding) and this run's secret header (which a web
 * page cannot add without a CORS preflight the harness never grants); bodies are capped, and bad
 * JSON or escapes are answered with 400. The harness never ships (see electron-builder.yml).
 */
import { build } from 'esbuild';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import os from 'node:os';
import type { ApiEventName, ApiEvents } from '../../shared/contract';
import { startEngineHost } from '../../electron/engine/host/client';
import { checkDroppedPath } from '../../electron/main/drop-guard';
import { resolveRendererFile } from '../../electron/main/protocol-request';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_DIR = path.join(PROJECT_ROOT, 'out', 'renderer');
const BRIDGE_PATH = '/harness-bridge.js';
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};
/** The header that carries this run's secret; E2eSession pages send it with every request. */
export const SECRET_HEADER = 'x-carbon-audit-harness';
/** Contract calls are small JSON documents; dropped files are test workbooks. */
export const MAX_API_BODY_BYTES = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export interface Harness {
  readonly url: string;
  /** Headers every request must carry (this run's secret). */
  readonly headers: Readonly<Record<string, string>>;
  /** Answers for the next native dialogs, in order; null = the user cancelled. */
  readonly dialogAnswers: (string | null)[];
  /** Files the app asked the host to show in a folder. */
  readonly revealed: string[];
  close(): Promise<void>;
}

/** `appDataDir`: the app's data folder on this "machine" (its audit witness); a fresh one, removed on close, unless given. */
export async function startHarness(options: { readonly appDataDir?: string } = {}): Promise<Harness> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `vite build` first (npm run test:e2e does).');
  }
  const bridgeScript = await bundleBridge();
  const dialogAnswers: (string | null)[] = [];
  const revealed: string[] = [];
  const subscribers = new Set<http.ServerResponse>();
  const nextAnswer = async () => {
    if (dialogAnswers.length === 0) throw new Error('The test did not queue an answer for this dialog');
    return dialogAnswers.shift() ?? null;
  };
  const ownAppData = options.appDataDir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-app-data-')) : null;
  const engine = startEngineHost(
    { kind: 'harness', actor: 'e2e-tester', appDataDir: options.appDataDir ?? ownAppData! },
    {
      chooseNewEngagementPath: nextAnswer,
      chooseEngagementToOpen: nextAnswer,
      chooseImportFile: nextAnswer,
      chooseExportPath: nextAnswer,
      revealFile: (filePath) => revealed.push(filePath),
      emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]) {
        for (const response of subscribers) response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      },
    },
  );
  const uploads: string[] = [];

  const secret = randomBytes(32).toString('hex');
  let expectedHost = '';
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    if (request.headers.host !== expectedHost || !matchesSecret(request.headers[SECRET_HEADER], secret)) return refuse(response, 403, 'Forbidden');
    const url = new URL(request.url ?? '/', `http://${expectedHost}`);
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      const method = decodeOrNull(url.pathname.slice('/api/'.length));
      if (method === null) return refuse(response, 400, 'Malformed % escape in the method name');
      const body = await readBody(request, MAX_API_BODY_BYTES);
      if (body === null) return refuse(response, 413, `Request body over ${MAX_API_BODY_BYTES} bytes`);
      const input = parseJsonOrUndefined(body.toString('utf8') || '{}');
      if (input === undefined) return refuse(response, 400, 'Request body is not JSON');
      const envelope = await engine.invoke(method, input);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(envelope));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/drop') {
      // A browser cannot tell the server a dropped file's path, so its bytes are uploaded instead.
      const name = path.basename(url.searchParams.get('name') ?? 'dropped');
      const bytes = await readBody(request, MAX_UPLOAD_BYTES);
      if (bytes === null) return refuse(response, 413, `Upload over ${MAX_UPLOAD_BYTES} bytes`);
      if (name === '' || name === '.' || name === '..') return refuse(response, 400, 'A dropped file needs a name');
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-drop-'));
      uploads.push(folder);
      const file = path.join(folder, name);
      fs.writeFileSync(file, bytes);
      // The same check the Electron main process makes, so a drop is refused here as in the app.
      const check = checkDroppedPath(file, [PROJECT_ROOT]);
      const envelope = check.ok ? await engine.dropFile(check.path) : { ok: false, error: { code: 'refused', message: check.reason } };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(envelope));
      return;
    }
    if (url.pathname === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      response.write(': connected\n\n');
      subscribers.add(response);
      request.on('close', () => subscribers.delete(response));
      return;
    }
    if (url.pathname === BRIDGE_PATH) {
      response.writeHead(200, { 'Content-Type': MIME['.js']! }).end(bridgeScript);
      return;
    }
    serveStatic(url.pathname, response);
  };
  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(`Harness error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  return {
    url: `http://${expectedHost}/index.html`,
    headers: { [SECRET_HEADER]: secret },
    dialogAnswers,
    revealed,
    async close() {
      for (const response of subscribers) response.end();
      await engine.close();
      for (const folder of [...uploads, ...(ownAppData === null ? [] : [ownAppData])]) fs.rmSync(folder, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveStatic(pathname: string, response: http.ServerResponse): void {
  const decision = resolveRendererFile(pathname, RENDERER_DIR);
  if (decision.kind === 'refuse') return refuse(response, decision.status, decision.message);
  const target = decision.path;
  let body: Buffer | string = fs.readFileSync(target);
  if (target.endsWith('index.html')) {
    // The bridge must be in place before the app's module script runs.
    body = body.toString('utf8').replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`);
  }
  response.writeHead(200, { 'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream' }).end(body);
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  });
  return result.outputFiles[0]!.text;
}

function refuse(response: http.ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(message);
}

function matchesSecret(sent: string | string[] | undefined, secret: string): boolean {
  if (typeof sent !== 'string') return false;
  const [given, expected] = [Buffer.from(sent), Buffer.from(secret)];
  return given.length === expected.length && timingSafeEqual(given, expected);
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
