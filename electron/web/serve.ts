/**
 * `carbon-audit serve` / `npm run web`: the app in the default browser, for machines where
 * Electron cannot be installed. Serves a folder (engagements are created, opened and exported
 * there) or one engagement, opened at once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startWebServer, type WebServer } from './server';

/** The project (or installed package) root: both this file's source and its bundle sit two levels below it. */
const APP_ROOT = path.resolve(__dirname, '..', '..');

/** The built renderer and browser bridge this server serves. */
export function builtApp(root: string = APP_ROOT): { readonly rendererDir: string; readonly bridgeScript: string } {
  const bridge = path.join(root, 'out', 'web', 'bridge.js');
  if (!fs.existsSync(bridge)) throw new Error('The app is not built: run `npm run web` (or `npm run build:app`) first.');
  return { rendererDir: path.join(root, 'out', 'renderer'), bridgeScript: fs.readFileSync(bridge, 'utf8') };
}

export interface Served extends WebServer {
  readonly folder: string;
  /** The engagement opened at start, when one was named. */
  readonly engagement: string | null;
}

/** Serves `target` (a folder, or an engagement file and the folder it is in) until closed. */
/** `appDataDir`: this machine's app-data folder, where the engine keeps its audit witness (as the CLI's). */
export async function serveEngagements(target: string, actor: string, appDataDir: string): Promise<Served> {
  const resolved = path.resolve(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new Error(`${resolved} does not exist: name a folder to keep engagements in, or an engagement file`);
  }
  const engagement = stat.isFile() ? resolved : null;
  const folder = engagement ? path.dirname(resolved) : resolved;
  const server = await startWebServer({ identity: { kind: 'browser', actor, appDataDir }, ...builtApp(), folder, appFolders: [APP_ROOT], openAtStart: engagement ?? undefined });
  return { ...server, folder, engagement };
}

/** Opens `url` in the system's default browser; false when no browser could be started. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
