/**
 * The factors feature: emission-factor sets as versions, the default library, and the versions
 * frozen for the engagement's calculations. The only entry the API handlers, the CLI and the
 * other features (import stores imported sets, inventory reads the frozen ones) use.
 */
import type { FactorPage, FactorSetSummary } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';
import { selectFactorPage, selectFactorSets, selectFrozenSetIds } from './store';

export { defaultLibraryDir, libraryFolder, loadFactorLibrary, shippedLibrary, type FactorLibrary, type LibraryLoad } from './library';
export {
  describeSets,
  factorLineage,
  replaceFrozenSets,
  selectCalcFactors as factorsForCalculation,
  selectCalcFactorsById as factorsById,
  selectFrozenSetIds as frozenFactorSetIds,
  selectLatestSetIds as latestFactorSetIds,
  selectSetHashes as factorSetHashes,
  storeFactorSet,
  type FactorLineage,
  type FactorSetOrigin,
  type StoredFactorSet,
} from './store';

/** A page of one set's factors, filtered by text in SQL. */
export function listFactors(engagement: Engagement, query: { readonly factorSetId: number; readonly text: string; readonly offset: number; readonly limit: number }): FactorPage {
  return selectFactorPage(engagement.reader, query);
}

export function listFactorSets(engagement: Engagement): FactorSetSummary[] {
  return selectFactorSets(engagement.reader);
}

/** 'desnz-2020 2020' for each factor set version the calculations use now. */
export function frozenSetNames(engagement: Engagement): string[] {
  const frozen = new Set(selectFrozenSetIds(engagement.reader));
  return listFactorSets(engagement).filter((set) => frozen.has(set.id)).map((set) => `${set.setKey} ${set.edition}`);
}
