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
