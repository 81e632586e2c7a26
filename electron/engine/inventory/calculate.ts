import { createHash } from 'node:crypto';
import { calculateInventory, type InventoryResult } from '../../../shared/calc/inventory';
import { canonicalJson } from '../../../shared/canonical-json';
import { FIGURE_IDS, FIGURES, figureValue } from '../../../shared/figures';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { describeSets, factorsForCalculation, frozenFactorSetIds, latestFactorSetIds, replaceFrozenSets } from '../factors/service';
import { selectCalcRecords, selectSites } from './store';

export function calculateWith(engagement: Engagement, factorSetIds: readonly number[]): InventoryResult {
  const settings = engagement.settings();
  return calculateInventory({
    records: selectCalcRecords(engagement.reader),
    factors: factorsForCalculation(engagement.reader, factorSetIds),
    sites: selectSites(engagement.reader),
    settings: {
      fiscal: { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule },
      gwpBasis: settings.gwpBasis,
      consolidationApproach: settings.consolidationApproach,
      defaultRegion: settings.defaultRegion,
    },
  });
}

/**
 * The engagement's inventory on its frozen factor versions. The first calculation freezes the
 * newest version of each loaded set (logged); later library loads change nothing until
 * `recalculate`.
 */
export function calculate(engagement: Engagement): InventoryResult {
  let frozen = frozenFactorSetIds(engagement.reader);
  if (frozen.length === 0) {
    const latest = latestFactorSetIds(engagement.reader);
    if (latest.length === 0) {
      throw new EngineError('no-factors', 'No emission factors in this engagement yet: load the default factor library or import a factor table');
    }
    engagement.change('factors.freeze', { factorSetIds: latest, sets: describeSets(engagement.reader, latest) }, () => replaceFrozenSets(engagement.db, latest, engagement.actor));
    frozen = latest;
  }
  return calculateWith(engagement, frozen);
}

/**
 * The inventory as it stands, changing nothing: on the frozen factor versions, or on the newest
 * when none are frozen yet; null when no factor set is loaded. For a review, which must not
 * freeze factors as a side effect.
 */
export function calculateAsItStands(engagement: Engagement): { readonly result: InventoryResult; readonly factorSetIds: readonly number[] } | null {
  const frozen = frozenFactorSetIds(engagement.reader);
  const factorSetIds = frozen.length > 0 ? frozen : latestFactorSetIds(engagement.reader);
  return factorSetIds.length === 0 ? null : { result: calculateWith(engagement, factorSetIds), factorSetIds };
}

export interface FigureChange {
  readonly period: string;
  readonly figure: string;
  readonly before: number | null;
  readonly after: number | null;
}

/** Recalculates on the newest factor versions, re-freezes them and logs the before/after diff of every figure that moved. */
export function recalculate(engagement: Engagement): { result: InventoryResult; changes: FigureChange[]; factorSetIds: number[] } {
  const before = calculateWith(engagement, frozenFactorSetIds(engagement.reader));
  const latest = latestFactorSetIds(engagement.reader);
  const result = calculateWith(engagement, latest);
  const changes = diffFigures(figures(before), figures(result));
  engagement.change('recalculate', { factorSetIds: latest, sets: describeSets(engagement.reader, latest), changes }, () => replaceFrozenSets(engagement.db, latest, engagement.actor));
  return { result, changes, factorSetIds: latest };
}

/** Every catalogue figure of every fiscal year, by period and figure id. */
function figures(result: InventoryResult): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const period of result.periods) {
    for (const id of FIGURE_IDS) map.set(`${period.label}\u0000${id}`, figureValue(FIGURES[id], period));
  }
  return map;
}

function diffFigures(before: Map<string, number | null>, after: Map<string, number | null>): FigureChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys
    .filter((key) => !Object.is(before.get(key) ?? null, after.get(key) ?? null))
    .map((key) => {
      const [period, figure] = key.split('\u0000') as [string, string];
      return { period, figure, before: before.get(key) ?? null, after: after.get(key) ?? null };
    });
}

/** SHA-256 of a result's canonical JSON: equal results, equal bytes. */
export function resultDigest(result: InventoryResult): string {
  return createHash('sha256').update(canonicalJson(result)).digest('hex');
}
