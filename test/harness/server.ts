/**
 * The browser test harness: the browser-mode server (electron/web/server.ts) with the engine's
 * native dialogs answered by the test instead of the browser, so the real UI runs in Chromium
 * against the real engine, over the same transport, checks and bridge as `carbon-audit serve`.
 * Pages authenticate with the token header (`useE2eSession().openPage` sends it). The harness
 * never ships (see electron-builder.yml).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtApp } from '../../electron/web/serve';
import { startWebServer, TOKEN_HEADER } from '../../electron/web/server';

export { MAX_API_BODY_BYTES } from '../../electron/web/server';
/** The header that carries this run's token; E2eSession pages send it with every request. */
export const SECRET_HEADER = TOKEN_HEADER;

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface Harness {
  readonly url: string;
  /** Headers every request must carry (this run's token). */
  readonly headers: Readonly<Record<string, string>>;
  /** Answers for the next native dialogs, in order; null = the user cancelled. */
  readonly dialogAnswers: (string | null)[];
  /** Files the app asked the host to show in a folder. */
  readonly revealed: string[];
  close(): Promise<void>;
}

/** `appDataDir`: the app's data folder on this "machine" (its audit witness); a fresh one, removed on close, unless given. */
export async function startHarness(options: { readonly appDataDir?: string } = {}): Promise<Harness> {
  const dialogAnswers: (string | null)[] = [];
  const revealed: string[] = [];
  const nextAnswer = async () => {
    if (dialogAnswers.length === 0) throw new Error('The test did not queue an answer for this dialog');
    return dialogAnswers.shift() ?? null;
  };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-harness-'));
  const ownAppData = options.appDataDir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-app-data-')) : null;
  const server = await startWebServer({
    identity: { kind: 'harness', actor: 'e2e-tester', appDataDir: options.appDataDir ?? ownAppData! },
    ...builtApp(PROJECT_ROOT),
    folder,
    appFolders: [PROJECT_ROOT],
    hostDialogs: {
      chooseNewEngagementPath: nextAnswer,
      chooseEngagementToOpen: nextAnswer,
      chooseImportFile: nextAnswer,
      chooseExportPath: nextAnswer,
      revealFile: (filePath) => revealed.push(filePath),
    },
  });
  return {
    url: `${server.origin}/index.html`,
    headers: { [SECRET_HEADER]: server.token },
    dialogAnswers,
    revealed,
    async close() {
      await server.close();
      for (const own of [folder, ...(ownAppData === null ? [] : [ownAppData])]) fs.rmSync(own, { recursive: true, force: true });
    },
  };
}
