/** Why a source file was refused before (or while) reading it. */
export type RefusalCode =
  | 'legacy-xls'
  | 'encrypted'
  | 'ods'
  | 'not-spreadsheet'
  | 'too-large'
  | 'zip-bomb'
  | 'doctype'
  | 'corrupt'
  | 'truncated';

/**
 * A file the importer will not read. The message is shown to the auditor as is:
 * it says what the file is and what to do about it.
 */
export class SourceRefusedError extends Error {
  override readonly name = 'SourceRefusedError';

  /** The workbook part the refusal is about, where it is about one. */
  readonly part?: string;

  constructor(
    readonly code: RefusalCode,
    message: string,
    options?: { cause?: unknown; part?: string },
  ) {
    super(message, options);
    if (options?.part !== undefined) this.part = options.part;
  }
}

export const MIB = 1024 * 1024;

/** Excel's limit on the text of one cell; a longer text, in any source, is refused rather than cut. */
export const MAX_CELL_CHARACTERS = 32_767;
export const GIB = 1024 * MIB;

/** A size for a message: `512.0 MiB`, `3,120 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(1)} GiB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  return `${bytes.toLocaleString('en')} bytes`;
}
