/**
 * Errors the engine raises on purpose. `code` is stable (tests, CLI exit paths and the UI
 * key on it); `message` is written for the auditor and says what to do.
 */
export class EngineError extends Error {
  constructor(readonly code: EngineErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'EngineError';
  }
}

export type EngineErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'already-exists'
  | 'not-an-engagement'
  | 'newer-schema'
  | 'corrupt'
  | 'unexpected-schema'
  | 'no-engagement'
  | 'cancelled'
  | 'refused'
  | 'conflict'
  | 'calculation'
  | 'no-factors'
  | 'no-results';

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read: permission denied',
  EPERM: 'cannot be read: permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'does not exist (a part of its path is not a folder)',
  EMFILE: 'cannot be opened now: too many files are open',
};

/**
 * A failure to read a file the user named, as the auditor should read it ('energy.xlsx does not
 * exist'), instead of the system's 'ENOENT: no such file or directory, open …'.
 */
export function fileReadError(fileName: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const problem = code === undefined ? undefined : FILE_PROBLEMS[code];
  return problem === undefined ? error : new EngineError('not-found', `${fileName} ${problem}`);
}
