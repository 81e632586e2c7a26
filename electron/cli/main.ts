import { Command, CommanderError } from 'commander';
import os from 'node:os';
import { APP_VERSION } from '../engine/engagement/service';
import { EngineError } from '../engine/errors';
import { engagementCommands } from './commands/engagement';
import { exportCommands } from './commands/export';
import { factorCommands } from './commands/factors';
import { importCommands } from './commands/import';
import { inventoryCommands } from './commands/inventory';
import { sampleCommands } from './commands/sample';
import { serveCommands } from './commands/serve';
import { cliContext, EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo, type CommandSet } from './context';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './context';

/** Each feature's commands, thin adapters over its engine service: a new feature adds one line. */
const COMMAND_SETS: readonly CommandSet[] = [engagementCommands, importCommands, factorCommands, inventoryCommands, exportCommands, sampleCommands, serveCommands];

const PROCESS_IO: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function buildProgram(io: CliIo = PROCESS_IO): Command {
  const program = new Command('carbon-audit')
    .description('Carbon Audit: import, recompute, reconcile and export audited GHG inventories, offline.')
    .version(APP_VERSION)
    .option('--actor <name>', 'who is acting, recorded in the audit log', defaultActor())
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const context = cliContext(program, io);
  for (const commands of COMMAND_SETS) commands(program, context);
  return program;
}

/** Runs the CLI and returns the exit code, so tests can call it in-process. */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const program = buildProgram(io);
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof EngineError) {
      io.err(`Error: ${error.message}\n`);
      return error.code === 'invalid-input' ? EXIT_USAGE : EXIT_FAILED;
    }
    throw error;
  } finally {
    process.exitCode = undefined;
  }
}
