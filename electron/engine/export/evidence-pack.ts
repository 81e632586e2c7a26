/**
 * The evidence pack: one .zip with the workbook, the original bytes of every source file kept as
 * evidence, and a manifest with each file's SHA-256 (as JSON, and as SHA256SUMS that
 * `sha256sum -c` checks). Files stream in chunk by chunk; each evidence file is hashed as it
 * goes in and must match the SHA-256 recorded when it was imported, or the pack is refused. A
 * withdrawn file's bytes are packed too, listed with its withdrawal.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { ReadableDb } from '../db/handles';
import { EngineError } from '../errors';
import type { ExportFacts } from './context';
import { evidenceChunkLookup, selectSourceFiles, type SourceFileRow } from './store';
import { sourceWithdrawalOf } from '../db/source-withdrawal-sql';
import type { SourceWithdrawal } from '../../../shared/withdrawal';

export const EVIDENCE_FOLDER = 'evidence';
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_SUMS = 'SHA256SUMS';

/** A source file's standing, when it is not simply in use: its latest withdrawal, and the file it replaced. */
export interface SourceStanding {
  readonly withdrawal?: SourceWithdrawal;
  readonly replaces?: number;
}

export interface PackedFile extends SourceStanding {
  readonly path: string;
  readonly role: 'workbook' | 'evidence';
  readonly sourceFileId: number | null;
  readonly originalName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export interface OmittedFile extends SourceStanding {
  readonly sourceFileId: number;
  readonly originalName: string;
  readonly sha256: string;
  readonly reason: string;
}

/** A withdrawn (or reinstated) file's withdrawal, and what it replaces, as the manifest lists them beside its hash. */
function standingOf(source: SourceFileRow): SourceStanding {
  const withdrawal = sourceWithdrawalOf(source);
  return { ...(withdrawal === null ? {} : { withdrawal }), ...(source.replaces === null ? {} : { replaces: source.replaces }) };
}

export interface EvidencePackManifest {
  readonly entity: string;
  readonly engagementFile: string;
  readonly engagementSha256: string;
  readonly auditEntries: number;
  readonly auditHeadHash: string;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly appVersion: string;
  readonly files: readonly PackedFile[];
  /** Imported files whose bytes were over the evidence cap: only their hash was kept. */
  readonly notKept: readonly OmittedFile[];
}

/** A file name safe in any zip tool and file system: no folders, no control or reserved characters. */
export function safeEntryName(name: string): string {
  const cleaned = name.replace(/[^\p{L}\p{N} ._()+,-]+/gu, '_').replace(/^[.\s]+/, '').trim();
  return cleaned.length === 0 ? 'file' : cleaned.slice(0, 180);
}

/** Streams one file's evidence chunks, one query per chunk: no cursor stays open on the connection. */
function evidenceStream(db: ReadableDb, sourceFileId: number, onChunk: (chunk: Buffer) => void): Readable {
  const chunk = evidenceChunkLookup(db);
  return Readable.from((function* () {
    for (let index = 0; ; index++) {
      const bytes = chunk(sourceFileId, index);
      if (bytes === undefined) return;
      onChunk(bytes);
      yield bytes;
    }
  })());
}

export async function writeEvidencePack(
  db: ReadableDb,
  targetPath: string,
  workbook: { readonly path: string; readonly name: string; readonly sha256: string },
  facts: ExportFacts,
  signal?: AbortSignal,
): Promise<EvidencePackManifest> {
  const mtime = facts.exportedAt;
  const zip = new yazl.ZipFile();
  const files: PackedFile[] = [
    { path: workbook.name, role: 'workbook', sourceFileId: null, originalName: workbook.name, sizeBytes: fs.statSync(workbook.path).size, sha256: workbook.sha256 },
  ];
  zip.addReadStreamLazy(workbook.name, { mtime }, (callback) => callback(null, fs.createReadStream(workbook.path)));

  const sources = selectSourceFiles(db);
  const notKept: OmittedFile[] = [];
  const checks: (() => void)[] = [];
  for (const source of sources) {
    if (source.stored !== 1) {
      notKept.push({ sourceFileId: source.id, originalName: source.file_name, sha256: source.sha256, reason: source.omitted_reason ?? 'no evidence recorded', ...standingOf(source) });
      continue;
    }
    const entry = `${EVIDENCE_FOLDER}/${source.id}-${safeEntryName(source.file_name)}`;
    const hash = createHash('sha256');
    let size = 0;
    zip.addReadStreamLazy(entry, { mtime }, (callback) => {
      callback(null, evidenceStream(db, source.id, (bytes) => {
        hash.update(bytes);
        size += bytes.length;
      }));
    });
    checks.push(() => {
      const actual = hash.digest('hex');
      if (actual !== source.sha256 || size !== source.size_bytes) {
        throw new EngineError('corrupt', `The evidence kept for ${source.file_name} (source file ${source.id}) does not match the SHA-256 recorded at import: the engagement file has been altered`);
      }
    });
    files.push({ path: entry, role: 'evidence', sourceFileId: source.id, originalName: source.file_name, sizeBytes: source.size_bytes, sha256: source.sha256, ...standingOf(source) });
  }

  const manifest: EvidencePackManifest = {
    entity: facts.settings.entityName,
    engagementFile: facts.engagementFileName,
    engagementSha256: facts.engagementSha256,
    auditEntries: facts.auditEntries,
    auditHeadHash: facts.auditHeadHash,
    exportedAt: facts.exportedAt.toISOString(),
    exportedBy: facts.exportedBy,
    appVersion: facts.appVersion,
    files,
    notKept,
  };
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), MANIFEST_JSON, { mtime });
  zip.addBuffer(Buffer.from(files.map((file) => `${file.sha256}  ${file.path}\n`).join(''), 'utf8'), MANIFEST_SUMS, { mtime });
  zip.end();
  await pipeline(zip.outputStream as Readable, fs.createWriteStream(targetPath, { flags: 'wx' }), { signal });
  for (const check of checks) check();
  return manifest;
}
