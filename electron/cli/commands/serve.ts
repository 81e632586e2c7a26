import type { Command } from 'commander';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openInBrowser, serveEngagements, type Served } from '../../web/serve';
import { EXIT_FAILED, type CliContext } from '../context';

/** Where `serve` keeps engagements when no folder is named (`npm run web`). */
export const DEFAULT_WEB_FOLDER = path.join(os.homedir(), 'Carbon Audit');

/** Serves until Ctrl+C (SIGINT) or SIGTERM. */
export function serveCommands(program: Command, { io, actor, engagementContext }: CliContext): void {
  program
    .command('serve')
    .description('run the app in your browser (where Electron cannot be installed): loopback only, with a per-run token')
    .argument('[engagement-or-folder]', `an engagement file to open, or the folder to keep engagements in (default: ${DEFAULT_WEB_FOLDER})`)
    .option('--no-open', 'print the address without opening a browser')
    .action(async (target: string | undefined, options: { open: boolean }) => {
      if (target === undefined) fs.mkdirSync(DEFAULT_WEB_FOLDER, { recursive: true });
      let served: Served;
      try {
        served = await serveEngagements(target ?? DEFAULT_WEB_FOLDER, actor(), engagementContext().appDataDir);
      } catch (error) {
        io.err(`Error: ${(error as Error).message}\n`);
        process.exitCode = EXIT_FAILED;
        return;
      }
      const opened = options.open && (await openInBrowser(served.url));
      io.out(
        [
          opened ? 'Carbon Audit is running in your browser at:' : 'Carbon Audit is running: open this address in your browser:',
          `  ${served.url}`,
          served.engagement ? `Engagement: ${served.engagement}` : `Engagements are created, opened and exported in: ${served.folder}`,
          'Only this computer can connect, and only with the address above. Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      await untilInterrupted();
      await served.close();
    });
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
