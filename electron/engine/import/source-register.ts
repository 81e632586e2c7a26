/**
 * The source-file register: every imported file's identity (size, SHA-256), the check that the
 * same file and sheet were not imported before, and its entry in the register.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Mapping } from '../../../shared/import/mapping';
import type { ReadableDb, WritableDb } from '../db/handles';
import { EngineError, fileReadError } from '../errors';
import type { SourceReader } from './readers';
import { insertSourceFile, selectImportedCopy, type ImportedCopy } from './store';

export interface FileIdentity {
  readonly sizeBytes: number;
  readonly sha256: string;
}

export async function identifyFile(filePath: string): Promise<FileIdentity> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  try {
    for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      sizeBytes += chunk.length;
    }
  } catch (error) {
    throw fileReadError(path.basename(filePath), error);
  }
  return { sizeBytes, sha256: hash.digest('hex') };
}

/** An earlier import of the same bytes and the same sheet (a workbook's other sheets are separate imports). */
export { selectImportedCopy as findImportedCopy };

/**
 * The earlier import of this file and sheet, or null; a copy is refused unless the import allows it.
 * The file an import replaces is no copy: the same file imported with a corrected mapping replaces it.
 */
export function checkDuplicate(db: ReadableDb, filePath: string, identity: FileIdentity, sheet: string | undefined, allowDuplicate: boolean, replacing: number | null): ImportedCopy | null {
  const duplicate = selectImportedCopy(db, identity.sha256, sheet, replacing);
  if (duplicate && !allowDuplicate) {
    throw new EngineError(
      'conflict',
      `${path.basename(filePath)} is identical (SHA-256) to ${duplicate.fileName}, imported at ${duplicate.importedAt}. Confirm to import it again.`,
      { duplicateOf: duplicate },
    );
  }
  return duplicate;
}

export function registerSourceFile(
  db: WritableDb,
  file: { readonly filePath: string; readonly identity: FileIdentity; readonly reader: Pick<SourceReader, 'format' | 'hasMacros'>; readonly mapping: Mapping; readonly actor: string },
): number {
  return insertSourceFile(db, {
    fileName: path.basename(file.filePath),
    originalPath: path.resolve(file.filePath),
    sizeBytes: file.identity.sizeBytes,
    sha256: file.identity.sha256,
    format: file.reader.format,
    hasMacros: file.reader.hasMacros,
    kind: file.mapping.kind,
    sheet: file.mapping.sheet ?? null,
    importedAt: new Date().toISOString(),
    importedBy: file.actor,
    mappingJson: JSON.stringify(file.mapping),
  });
}
