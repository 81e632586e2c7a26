/**
 * What a stored calculation depends on, and the variants of the records it can be made from.
 *
 * A stored calculation is keyed by the SHA-256 of its inputs: the calculation method, the
 * variant's records, the frozen factor versions, the boundary and the settings that bear on it.
 * Reading them must be cheap, since every answer from stored results says whether they are out
 * of date: small inputs (sites, settings, frozen sets) are taken whole; records and factors, which
 * only grow by insert unless a row is updated or deleted, are taken as their highest id and the
 * count of updates and deletes the migration's triggers keep (input_revision).
 */
import { createHash } from 'node:crypto';
import { CALCULATION_METHOD } from '../../../shared/calc/inventory';
import { canonicalJson } from '../../../shared/canonical-json';
import type { InputPart } from '../../../shared/contract';
import type { ReadableDb } from '../db/handles';
import type { Engagement } from '../engagement/handle';
import { factorSetHashes, frozenFactorSetIds } from '../factors/service';
import { selectInputRevisions, selectLastRecordId, selectSites, selectWithdrawnSourceIds } from './store';

/**
 * A variant of the records a calculation is made from. Results are stored per variant, side by
 * side: 'uncorrected' is the records as imported. A feature that corrects records (adjustments)
 * adds a variant whose `records` applies them and whose `recordsStamp` also covers them.
 */
export interface CalculationVariant {
  readonly name: string;
  /**
   * An SQL relation (a table name or a parenthesised SELECT) with the columns the calculation
   * and the trace read of a record: id, site, period_start, period_end, activity, meaning,
   * quantity, unit, unit_basis, scope3_category, region, instrument, attributes_json, source_file_id,
   * raw_row_id, notes.
   */
  readonly records: string;
  /** What the variant's records depend on, cheaply read: it changes whenever they may have. */
  readonly recordsStamp: (db: ReadableDb) => unknown;
}

/**
 * The records as imported, of the source files in use: a withdrawn file's records stay in the
 * engagement but not in the calculation, and which files are withdrawn is part of the stamp, so
 * withdrawing or reinstating one puts stored results out of date (and reinstating it returns to
 * the stamp the results had before).
 */
export const AS_IMPORTED: CalculationVariant = {
  name: 'uncorrected',
  records: 'live_activity_record',
  recordsStamp: (db) => {
    const withdrawn = selectWithdrawnSourceIds(db);
    // Absent when none is: results stored before withdrawals existed keep their stamp.
    return { lastId: selectLastRecordId(db), revision: selectInputRevisions(db).activity_record ?? 0, ...(withdrawn.length === 0 ? {} : { withdrawnSources: withdrawn }) };
  },
};

/** The variants results can be stored for, by name. */
export const VARIANTS: ReadonlyMap<string, CalculationVariant> = new Map([[AS_IMPORTED.name, AS_IMPORTED]]);

export function variantNamed(name: string): CalculationVariant {
  const variant = VARIANTS.get(name);
  if (!variant) throw new Error(`no calculation variant '${name}'`);
  return variant;
}

/** Everything a stored calculation depends on, part by part. */
export type CalculationInputs = Readonly<Record<InputPart, unknown>>;

/**
 * The inputs of a calculation of `variant` on the given factor versions (the frozen ones unless
 * said), read through `db` (the write connection inside a calculation's transaction).
 */
export function readInputs(engagement: Engagement, db: ReadableDb, variant: CalculationVariant, factorSetIds: readonly number[] = frozenFactorSetIds(db)): CalculationInputs {
  const settings = engagement.settings();
  const revisions = selectInputRevisions(db);
  return {
    method: CALCULATION_METHOD,
    records: { variant: variant.name, ...(variant.recordsStamp(db) as object) },
    factors: { sets: factorSetHashes(db, factorSetIds), factorRevision: revisions.emission_factor ?? 0, setRevision: revisions.factor_set ?? 0 },
    boundary: sha256(canonicalJson(selectSites(db))),
    settings: {
      fiscalYearStartMonth: settings.fiscalYearStartMonth,
      fiscalYearLabelRule: settings.fiscalYearLabelRule,
      gwpBasis: settings.gwpBasis,
      consolidationApproach: settings.consolidationApproach,
      defaultRegion: settings.defaultRegion,
      instrumentMatching: settings.instrumentMatching,
      category15Investments: settings.category15Investments,
    },
  };
}

export function inputsSha256(inputs: CalculationInputs): string {
  return sha256(canonicalJson(inputs));
}

/** The parts of the inputs that differ, in a fixed order. */
export function changedParts(stored: CalculationInputs, current: CalculationInputs): InputPart[] {
  return (Object.keys(current) as InputPart[]).sort().filter((part) => canonicalJson(stored[part] ?? null) !== canonicalJson(current[part]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
