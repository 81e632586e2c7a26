/**
 * The calculation, streamed from SQLite and stored: a stream worker reads the records in id
 * order from one read snapshot and prices them as they pass (shared/calc/inventory.ts), while
 * this thread writes their lines and findings in batches, in the transaction that also records
 * the run and its audit entry. Memory grows with sites, activities and years, never with
 * records. When records hold instruments or facility energy consumed, a first pass over those
 * alone gathers instrument matching's site-months.
 */
import type { CalcSettings, InventoryInput } from '../../../shared/calc/inventory-types';
import { canonicalJson } from '../../../shared/canonical-json';
import { FIGURE_IDS, FIGURES, figureValue } from '../../../shared/figures';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { describeSets, factorsForCalculation, frozenFactorSetIds, latestFactorSetIds, replaceFrozenSets } from '../factors/service';
import { AS_IMPORTED, changedParts, inputsSha256, readInputs, type CalculationInputs, type CalculationVariant } from './inputs';
import { deleteRun, finishRun, insertRun, RunWriter, selectRun, type StoredRun } from './results-store';
import { iterateCalcRecords, selectSites } from './store';
import { streamInWorker } from './stream';
import type { StreamRequest } from './stream-protocol';

function calcSettings(engagement: Engagement): CalcSettings {
  const settings = engagement.settings();
  return {
    fiscal: { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule },
    gwpBasis: settings.gwpBasis,
    consolidationApproach: settings.consolidationApproach,
    defaultRegion: settings.defaultRegion,
  };
}

/** What the stream worker needs to calculate a variant on the given factor versions (read through the write connection, which sees a freeze made in the same transaction). */
function streamRequest(engagement: Engagement, variant: CalculationVariant, factorSetIds: readonly number[], lines: boolean): StreamRequest {
  return {
    engagementPath: engagement.filePath,
    nativeBinding: engagement.context.nativeBinding,
    records: variant.records,
    factors: factorsForCalculation(engagement.db, factorSetIds),
    sites: selectSites(engagement.db),
    settings: calcSettings(engagement),
    lines,
  };
}

/**
 * The calculation's whole input in memory, as imported, on the frozen factor versions: for a
 * feature that calculates variants of it on its own worker (reconciliation's adjustments). Call
 * after `calculate`, which freezes the versions.
 */
export function inputInMemory(engagement: Engagement): InventoryInput {
  return {
    records: [...iterateCalcRecords(engagement.reader, AS_IMPORTED.records)],
    factors: factorsForCalculation(engagement.reader, frozenFactorSetIds(engagement.reader)),
    sites: selectSites(engagement.reader),
    settings: calcSettings(engagement),
  };
}

/** The versions a first calculation freezes: the newest of each set loaded; refused when there are none. */
function versionsToFreeze(engagement: Engagement): number[] {
  const latest = latestFactorSetIds(engagement.db);
  if (latest.length === 0) {
    throw new EngineError('no-factors', 'No emission factors in this engagement yet: load the default factor library or import a factor table');
  }
  return latest;
}

function freeze(engagement: Engagement, factorSetIds: readonly number[]): void {
  engagement.change('factors.freeze', { factorSetIds, sets: describeSets(engagement.db, factorSetIds) }, () => replaceFrozenSets(engagement.db, factorSetIds, engagement.actor));
}

/**
 * Calculates a variant on the given factor versions and stores the results in place of its
 * previous run, unless the stored run was made from these very inputs (then it is kept as it is).
 * Call inside a change (a write transaction).
 */
async function storeCalculation(engagement: Engagement, variant: CalculationVariant, factorSetIds: readonly number[], inputs: CalculationInputs): Promise<StoredRun & { reused: boolean }> {
  const db = engagement.db;
  const sha256 = inputsSha256(inputs);
  const stored = selectRun(db, variant.name);
  if (stored && stored.inputsSha256 === sha256) return { ...stored, reused: true };
  deleteRun(db, variant.name);
  const runId = insertRun(db, {
    variant: variant.name,
    inputsSha256: sha256,
    inputsJson: canonicalJson(inputs),
    calculatedAt: new Date().toISOString(),
    calculatedBy: engagement.actor,
    factorSets: describeSets(db, factorSetIds),
  });
  const writer = new RunWriter(db, runId, variant.name);
  const outcome = await streamInWorker(streamRequest(engagement, variant, factorSetIds, true), (batch) => writer.writeBatch(batch.lines, batch.findings));
  const lines = writer.finish(outcome.groups, outcome.pricings);
  finishRun(db, runId, { periods: outcome.periods, ...lines, lineCount: writer.lineCount, findingCount: writer.findingCount });
  return { ...selectRun(db, variant.name)!, reused: false };
}

/** What the audit log keeps of a stored calculation. */
function runEntry(run: StoredRun & { reused: boolean }, factorSetIds: readonly number[]): Record<string, unknown> {
  return { variant: run.variant, inputsSha256: run.inputsSha256, factorSetIds, sets: run.factorSets, lines: run.lineCount, findings: run.findingCount, reused: run.reused };
}

/** The stored run, when it was made from exactly the inputs the engagement holds now on these versions. */
function currentRun(engagement: Engagement, variant: CalculationVariant, factorSetIds: readonly number[]): StoredRun | null {
  const stored = selectRun(engagement.db, variant.name);
  return stored && stored.inputsSha256 === inputsSha256(readInputs(engagement, engagement.db, variant, factorSetIds)) ? stored : null;
}

/**
 * The explicit calculation: on the frozen factor versions, freezing the newest of each set
 * first if none are (logged, in the same transaction); results stored and logged, or the stored
 * ones kept when nothing they depend on changed. Later library loads change nothing until
 * `recalculate`.
 */
export async function calculate(engagement: Engagement, variant: CalculationVariant = AS_IMPORTED): Promise<StoredRun & { reused: boolean }> {
  const frozenBefore = frozenFactorSetIds(engagement.db);
  const current = frozenBefore.length === 0 ? null : currentRun(engagement, variant, frozenBefore);
  if (current) return { ...current, reused: true };
  let frozen = frozenBefore;
  return engagement.changeAsync('inventory.calculate', (run: StoredRun & { reused: boolean }) => runEntry(run, frozen), () => {
    frozen = frozenFactorSetIds(engagement.db);
    if (frozen.length === 0) {
      frozen = versionsToFreeze(engagement);
      freeze(engagement, frozen);
    }
    return storeCalculation(engagement, variant, frozen, readInputs(engagement, engagement.db, variant, frozen));
  });
}

export interface FigureChange {
  readonly period: string;
  readonly figure: string;
  readonly before: number | null;
  readonly after: number | null;
}

/** The figures a variant has on its frozen versions: the stored ones when current, else calculated without storing. */
async function currentFigures(engagement: Engagement, variant: CalculationVariant): Promise<Map<string, number | null>> {
  const frozen = frozenFactorSetIds(engagement.db);
  if (frozen.length === 0) return new Map();
  const stored = currentRun(engagement, variant, frozen);
  if (stored) return figures(stored.periods);
  return figures((await streamInWorker(streamRequest(engagement, variant, frozen, false), () => undefined)).periods);
}

/** Recalculates on the newest factor versions, re-freezes them, stores the results and logs the before/after diff of every figure that moved. */
export async function recalculate(engagement: Engagement, variant: CalculationVariant = AS_IMPORTED): Promise<{ run: StoredRun; changes: FigureChange[] }> {
  const before = await currentFigures(engagement, variant);
  const latest = versionsToFreeze(engagement);
  let changes: FigureChange[] = [];
  const run = await engagement.changeAsync('recalculate', (stored: StoredRun & { reused: boolean }) => ({ ...runEntry(stored, latest), changes }), async () => {
    replaceFrozenSets(engagement.db, latest, engagement.actor);
    const stored = await storeCalculation(engagement, variant, latest, readInputs(engagement, engagement.db, variant, latest));
    changes = diffFigures(before, figures(stored.periods));
    return stored;
  });
  return { run, changes };
}

/** Every catalogue figure of every fiscal year, by period and figure id. */
function figures(periods: StoredRun['periods']): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const period of periods) {
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

/** Which inputs of a stored run differ from the engagement's now (none when it is current). */
export function staleParts(engagement: Engagement, run: StoredRun, variant: CalculationVariant = AS_IMPORTED): ReturnType<typeof changedParts> {
  const current = readInputs(engagement, engagement.reader, variant);
  return run.inputsSha256 === inputsSha256(current) ? [] : changedParts(JSON.parse(run.inputsJson) as CalculationInputs, current);
}
