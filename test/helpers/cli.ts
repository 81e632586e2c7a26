/** The carbon-audit command in tests: in-process with its output captured, or the installed binary. */
import path from 'node:path';
import { runCli } from '../../electron/cli/main';

export const CLI_BIN = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'carbon-audit');

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in this process, as the installed command would, and returns its exit code and output. */
export async function cli(...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}
