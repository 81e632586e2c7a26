/**
 * The browser test harness: serves the built renderer plus an HTTP transport onto the same
 * engine dispatcher the Electron main process uses, so the real UI runs in Chromium here.
 * Native dialogs are replaced by answers the test queues up.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import os from 'node:os';
import type { ApiEventName, ApiEvents, ChosenFile, Envelope } from '../../shared/contract';
import { dispatch } from '../../electron/engine/api/dispatch';
import { chooseFileAt, createHandlers, Session } from '../../electron/engine/api/handlers';
import type { Host } from '../../electron/engine/api/host';

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

export interface Harness {
  readonly url: string;
  /** Answers for the next native dialogs, in order; null = the user cancelled. */
  readonly dialogAnswers: (string | null)[];
  /** Files the app asked the host to show in a folder. */
  readonly revealed: string[];
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
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
  const host: Host = {
    kind: 'harness',
    actor: 'e2e-tester',
    chooseNewEngagementPath: nextAnswer,
    chooseEngagementToOpen: nextAnswer,
    chooseImportFile: nextAnswer,
    chooseExportPath: nextAnswer,
    revealFile: (filePath) => revealed.push(filePath),
    emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]) {
      for (const response of subscribers) response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    },
  };
  const session = new Session(host);
  const handlers = createHandlers(session);
  const uploads: string[] = [];
  const dropped = (file: string): Envelope<ChosenFile> => {
    try {
      return { ok: true, value: chooseFileAt(session, file) };
    } catch (error) {
      return { ok: false, error: { code: 'refused', message: (error as Error).message } };
    }
  };

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://harness');
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      const body = await readBody(request);
      const envelope = await dispatch(handlers, decodeURIComponent(url.pathname.slice('/api/'.length)), JSON.parse(body || '{}'));
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(envelope));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/drop') {
      // A browser cannot tell the server a dropped file's path, so its bytes are uploaded instead.
      const name = path.basename(url.searchParams.get('name') ?? 'dropped');
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-drop-'));
      uploads.push(folder);
      const file = path.join(folder, name);
      fs.writeFileSync(file, await readBytes(request));
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(dropped(file)));
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
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    dialogAnswers,
    revealed,
    async close() {
      for (const response of subscribers) response.end();
      session.replace(null);
      for (const folder of uploads) fs.rmSync(folder, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveStatic(pathname: string, response: http.ServerResponse): void {
  const target = path.resolve(RENDERER_DIR, `.${decodeURIComponent(pathname)}`);
  if (!target.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(target) || fs.statSync(target).isDirectory()) {
    response.writeHead(404).end('Not found');
    return;
  }
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

function readBytes(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  return (await readBytes(request)).toString('utf8');
}
