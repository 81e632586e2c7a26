import fs from 'node:fs';
import path from 'node:path';
import type { EmissionFactor, FactorSetMeta } from '../../../shared/factors/types';
import type { Engagement } from '../engagement/handle';
import { storeFactorSet } from './store';

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

export interface LibraryLoad {
  readonly setKey: string;
  readonly edition: string;
  readonly factors: number;
  readonly added: boolean;
}

/**
 * Adds every factor set of a library folder to the engagement as a version. A set already there
 * with identical content is not added again; a changed one becomes a new version beside it, and
 * nothing is recalculated until the auditor asks (see recalculate).
 */
export function loadFactorLibrary(engagement: Engagement, dir: string = defaultLibraryDir()): LibraryLoad[] {
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
  return engagement.change('factors.loadLibrary', { files }, () =>
    files.map((file) => {
      const set = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { meta: FactorSetMeta; factors: EmissionFactor[] };
      const stored = storeFactorSet(engagement.db, set.meta, set.factors, { kind: 'library', sourceFileId: null });
      return { setKey: set.meta.id, edition: set.meta.edition, factors: stored.factors, added: stored.added };
    }),
  );
}
