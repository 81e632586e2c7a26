import { createHash } from 'node:crypto';
import type { ActivityMeaning } from '../../../shared/activities';
import { calculateInventory, type CalcFactor, type CalcRecord, type InventoryResult, type SiteInfo } from '../../../shared/calc/inventory';
import type { GwpBasis } from '../../../shared/calc/gwp';
import type { CalorificBasis } from '../../../shared/calc/units';
import { canonicalJson } from '../../../shared/canonical-json';
import { FIGURE_IDS, FIGURES, figureValue } from '../../../shared/figures';
import type { GasValue } from '../../../shared/factors/types';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { siteFromRow } from './boundary';

interface FactorRow {
  id: number; factor_set_id: number; set_key: string; year: number | null; valid_from: string | null; valid_to: string | null; set_region: string | null;
  gwp_basis: GwpBasis; activity_key: string; unit_text: string; region: string | null; scope: string | null; biogenic: number;
  co2e_per_unit_kg: number | null; gases_json: string; label: string;
}

export function loadRecords(engagement: Engagement): CalcRecord[] {
  const rows = engagement.db.prepare(
    'SELECT id, site, period_start, period_end, activity, meaning, quantity, unit, unit_basis, scope3_category, region, instrument FROM activity_record ORDER BY id',
  ).raw().all() as unknown[][];
  const records: CalcRecord[] = [];
  for (const [id, site, periodStart, periodEnd, activity, meaning, quantity, unit, unitBasis, scope3Category, region, instrument] of rows) {
    records.push({
      id: id as number, site: site as string | null, periodStart: periodStart as string, periodEnd: periodEnd as string, activity: activity as string,
      meaning: meaning as ActivityMeaning, quantity: quantity as number, unit: unit as string, unitBasis: unitBasis as CalorificBasis | null,
      scope3Category: scope3Category as number | null, region: region as string | null, instrument: instrument as string | null,
    });
  }
  return records;
}

export function loadFactors(engagement: Engagement, factorSetIds: readonly number[]): CalcFactor[] {
  if (factorSetIds.length === 0) return [];
  const rows = engagement.db.prepare(
    `SELECT f.id, f.factor_set_id, s.set_key, s.year, s.valid_from, s.valid_to, s.region AS set_region, s.gwp_basis, f.activity_key, f.unit_text,
            f.region, f.scope, f.biogenic, f.co2e_per_unit_kg, f.gases_json, f.label
       FROM emission_factor f JOIN factor_set s ON s.id = f.factor_set_id
      WHERE f.activity_key IS NOT NULL AND f.factor_set_id IN (${factorSetIds.map(() => '?').join(',')})
      ORDER BY f.id`,
  ).all(...factorSetIds) as FactorRow[];
  return rows.map((row) => {
    const stored = JSON.parse(row.gases_json) as { gases: GasValue[]; gwpBasis: GwpBasis | null; variant: string | null; residualMix?: boolean };
    return {
      id: row.id, factorSetId: row.factor_set_id, setKey: row.set_key, setYear: row.year ?? 0,
      validFrom: row.valid_from ?? '0001-01-01', validTo: row.valid_to ?? '9999-12-31', setRegion: row.set_region ?? '',
      activityKey: row.activity_key, unitText: row.unit_text, region: row.region, scope: row.scope, biogenic: row.biogenic === 1,
      co2ePerUnitKg: row.co2e_per_unit_kg, gases: stored.gases, gwpBasis: stored.gwpBasis ?? row.gwp_basis, label: row.label,
      variant: stored.variant, residualMix: stored.residualMix ?? false,
    };
  });
}

export function loadSites(engagement: Engagement): SiteInfo[] {
  return (engagement.db.prepare('SELECT * FROM site ORDER BY name').all() as Record<string, unknown>[]).map(siteFromRow);
}

export function frozenFactorSetIds(engagement: Engagement): number[] {
  return (engagement.db.prepare('SELECT factor_set_id FROM frozen_factor_set ORDER BY factor_set_id').all() as { factor_set_id: number }[]).map((row) => row.factor_set_id);
}

/** The newest version of every factor set in the engagement (the one loaded last per key). */
export function latestFactorSetIds(engagement: Engagement): number[] {
  return (engagement.db.prepare('SELECT max(id) AS id FROM factor_set GROUP BY set_key ORDER BY 1').all() as { id: number }[]).map((row) => row.id);
}

function freeze(engagement: Engagement, factorSetIds: readonly number[]): void {
  const now = new Date().toISOString();
  engagement.db.prepare('DELETE FROM frozen_factor_set').run();
  const insert = engagement.db.prepare('INSERT INTO frozen_factor_set (factor_set_id, frozen_at, frozen_by) VALUES (?, ?, ?)');
  for (const id of factorSetIds) insert.run(id, now, engagement.actor);
}

export function calculateWith(engagement: Engagement, factorSetIds: readonly number[]): InventoryResult {
  const settings = engagement.settings();
  return calculateInventory({
    records: loadRecords(engagement),
    factors: loadFactors(engagement, factorSetIds),
    sites: loadSites(engagement),
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
  let frozen = frozenFactorSetIds(engagement);
  if (frozen.length === 0) {
    const latest = latestFactorSetIds(engagement);
    if (latest.length === 0) {
      throw new EngineError('no-factors', 'No emission factors in this engagement yet: load the default factor library or import a factor table');
    }
    engagement.change('factors.freeze', { factorSetIds: latest, sets: describeSets(engagement, latest) }, () => freeze(engagement, latest));
    frozen = latest;
  }
  return calculateWith(engagement, frozen);
}

export interface FigureChange {
  readonly period: string;
  readonly figure: string;
  readonly before: number | null;
  readonly after: number | null;
}

/** Recalculates on the newest factor versions, re-freezes them and logs the before/after diff of every figure that moved. */
export function recalculate(engagement: Engagement): { result: InventoryResult; changes: FigureChange[]; factorSetIds: number[] } {
  const before = calculateWith(engagement, frozenFactorSetIds(engagement));
  const latest = latestFactorSetIds(engagement);
  const result = calculateWith(engagement, latest);
  const changes = diffFigures(figures(before), figures(result));
  engagement.change('recalculate', { factorSetIds: latest, sets: describeSets(engagement, latest), changes }, () => freeze(engagement, latest));
  return { result, changes, factorSetIds: latest };
}

function describeSets(engagement: Engagement, ids: readonly number[]): string[] {
  return ids.map((id) => {
    const row = engagement.db.prepare('SELECT set_key, edition, content_sha256 FROM factor_set WHERE id = ?').get(id) as { set_key: string; edition: string; content_sha256: string };
    return `${row.set_key} ${row.edition} (#${id}, ${row.content_sha256.slice(0, 12)})`;
  });
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
