import path from 'node:path';
import { droppedFileKind } from '../../shared/contract';

/**
 * The engagement file the OS asked the app to open: double-clicking a .carbonaudit file (the file
 * association) starts the app, or a second instance of it, with the file's path among its
 * arguments (macOS sends an 'open-file' event instead). Switches and anything else are ignored.
 * Free of Electron imports, so it is unit-tested without the Electron binary.
 */
export function engagementFileFromArgv(argv: readonly string[], workingDirectory: string): string | null {
  // argv[0] is the executable (in development, Electron's, then the app folder: not an engagement either way).
  const named = argv.slice(1).filter((arg) => !arg.startsWith('-') && droppedFileKind(path.basename(arg)) === 'engagement');
  const last = named.at(-1);
  return last === undefined ? null : path.resolve(workingDirectory, last);
}
