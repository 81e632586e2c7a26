import { Command, CommanderError } from 'commander';
import os from 'node:os';
import { APP_VERSION } from '../engine/engagement/service';
import { EngineError } from '../engine/errors';
import { engagementCommands } from './commands/engagement';
import { exportCommands } from './commands/export';
import { factorCommands } from './commands/factors';
import { importCommands } from './commands/import';
import { inventoryCommands } from './commands/inventory';
import { reconcileCommands } from './commands/reconcile';
import { reviewCommands } from './commands/review';
import { sampleCommands } from './commands/sample';
import { serveCommands } from './commands/serve';
import { sourceCommands } from './commands/sources';
import { cliContext, EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo, type CommandSet } from './context';
import { messageOf, terminalSafe } from './terminal';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './context';

/** Each feature's commands, thin adapters over its engine service: a new feature adds one line. */
const COMMAND_SETS: readonly CommandSet[] = [engagementCommands, importCommands, sourceCommands, factorCommands, inventoryCommands, reconcileCommands, exportCommands, reviewCommands, sampleCommands, serveCommands];

export const PROCESS_IO: CliIo = {
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

/** Everything written goes through terminalSafe: file contents reach the output in messages, tables and JSON. */
function safeIo(io: CliIo): CliIo {
  return { out: (text) => io.out(terminalSafe(text)), err: (text) => io.err(terminalSafe(text)) };
}

export function buildProgram(rawIo: CliIo = PROCESS_IO): Command {
  const io = safeIo(rawIo);
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

/**
 * Runs the CLI and returns the exit code, so tests can call it in-process. Whatever stops a
 * command is printed as its message alone, never a stack trace: a refused file, a missing one, or
 * an error of the engine itself (its stack only with CARBON_AUDIT_DEBUG=1, for a bug report).
 */
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
    reportFailure(error, io);
    return error instanceof EngineError && error.code === 'invalid-input' ? EXIT_USAGE : EXIT_FAILED;
  } finally {
    process.exitCode = undefined;
  }
}

/** One line naming what went wrong; the stack only when asked for. */
export function reportFailure(error: unknown, io: CliIo): void {
  const safe = safeIo(io);
  safe.err(`Error: ${messageOf(error)}\n`);
  if (process.env.CARBON_AUDIT_DEBUG === '1' && error instanceof Error && error.stack) safe.err(`${error.stack}\n`);
}
