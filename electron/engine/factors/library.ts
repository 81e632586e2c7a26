import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { factorSetFileSchema, type FactorSetFile } from '../../../shared/factors/schema';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { storeFactorSet } from './store';
import shippedManifest from './factor-library-manifest.json';

/** The default library shipped in resources/factor-library (beside the bundle, or the source tree). */
export function defaultLibraryDir(): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', 'resources', 'factor-library'),
    path.resolve(__dirname, '..', '..', '..', 'resources', 'factor-library'),
  ];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error('The default factor library (resources/factor-library) is missing from this installation');
  return found;
}

/** A folder of factor-set JSON files, and the SHA-256 each must have (null: a folder the user chose). */
export interface FactorLibrary {
  readonly dir: string;
  readonly expectedSha256: Readonly<Record<string, string>> | null;
}

/**
 * The library shipped with the app. Its files sit outside the asar archive, so each is checked
 * against the hash recorded when it was built (factor-library-manifest.json, bundled into the code).
 */
export function shippedLibrary(dir: string = defaultLibraryDir()): FactorLibrary {
  return { dir, expectedSha256: shippedManifest.sha256 };
}

/** A library folder the user names (e.g. a revised edition): its files are validated, not hash-checked. */
export function libraryFolder(dir: string): FactorLibrary {
  return { dir, expectedSha256: null };
}

export interface LibraryLoad {
  readonly setKey: string;
  readonly edition: string;
  readonly factors: number;
  readonly added: boolean;
}

/**
 * Adds every factor set of a library folder to the engagement as a version. Every file is checked
 * before anything is stored. A set already there with identical content is not added again; a
 * changed one becomes a new version beside it, and nothing is recalculated until the auditor asks
 * (see recalculate).
 */
export function loadFactorLibrary(engagement: Engagement, library: FactorLibrary = shippedLibrary()): LibraryLoad[] {
  const sets = readLibrary(library);
  return engagement.change('factors.loadLibrary', { files: sets.map(({ file }) => file) }, () =>
    sets.map(({ set }) => {
      const stored = storeFactorSet(engagement.db, set.meta, set.factors, { kind: 'library', sourceFileId: null });
      return { setKey: set.meta.id, edition: set.meta.edition, factors: stored.factors, added: stored.added };
    }),
  );
}

function readLibrary({ dir, expectedSha256 }: FactorLibrary): { file: string; set: FactorSetFile }[] {
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
  if (expectedSha256) {
    const expected = Object.keys(expectedSha256).sort();
    if (files.join('\n') !== expected.join('\n')) {
      throw new EngineError(
        'corrupt',
        `The factor library in ${dir} is not the one this version of Carbon Audit was built with: it should hold ${expected.join(', ')} but holds ${files.join(', ') || 'no factor sets'}. Reinstall Carbon Audit.`,
      );
    }
  }
  return files.map((file) => {
    const bytes = fs.readFileSync(path.join(dir, file));
    if (expectedSha256 && createHash('sha256').update(bytes).digest('hex') !== expectedSha256[file]) {
      throw new EngineError('corrupt', `${file} in the factor library ${dir} was changed after Carbon Audit was built (its SHA-256 does not match). Reinstall Carbon Audit.`);
    }
    return { file, set: parseFactorSetFile(file, bytes) };
  });
}

function parseFactorSetFile(file: string, bytes: Buffer): FactorSetFile {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new EngineError('invalid-input', `${file} is not a factor set: it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = factorSetFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`);
    throw new EngineError('invalid-input', `${file} is not a valid factor set: ${issues.join('; ')}`, parsed.error.issues);
  }
  // The file's own object, not zod's copy: its key order is what the set's content hash covers.
  return json as FactorSetFile;
}
