/** The imported file's own bytes, kept in the engagement as evidence up to the engagement's cap. */
import fs from 'node:fs';
import type { ReadableDb, WritableDb } from '../db/handles';
import { evidenceChunkWriter, insertEvidenceOmitted, selectEvidenceChunks } from './store';

export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;

/** Copies the file into the engagement chunk by chunk (bounded memory), or records why it was not kept. */
export function storeEvidence(db: WritableDb, sourceFileId: number, filePath: string, sizeBytes: number, capBytes: number): boolean {
  if (sizeBytes > capBytes) {
    insertEvidenceOmitted(db, sourceFileId, `file is ${sizeBytes} bytes, over the evidence cap of ${capBytes} bytes: its SHA-256 is recorded instead`);
    return false;
  }
  const writeChunk = evidenceChunkWriter(db, sourceFileId);
  const buffer = Buffer.alloc(EVIDENCE_CHUNK_BYTES);
  const fd = fs.openSync(filePath, 'r');
  try {
    for (let index = 0; ; index++) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      writeChunk(index, buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** The evidence bytes of an imported file, reassembled; null when the file was over the cap. */
export function evidenceBytes(db: ReadableDb, sourceFileId: number): Buffer | null {
  const chunks = selectEvidenceChunks(db, sourceFileId);
  return chunks ? Buffer.concat(chunks) : null;
}
