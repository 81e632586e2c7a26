/**
 * Adjustments: an auditor's proposed corrections, kept apart from the source data. Applying them is
 * a pure function of the records as imported, giving the corrected records (and factor
 * replacements) the corrected figures are calculated from, and what each adjustment touched. The
 * figures as imported are never calculated from anything but the imported records.
 *
 * - exclude-record: the record is left out (a duplicate invoice, a site outside the boundary).
 * - correct-record: its quantity and/or unit are replaced (a meter read in MWh typed as kWh).
 * - replace-factor: wherever the calculation chose one factor, another is used (the wrong grid region).
 * - add-record: a record the data lacks (a missing month's invoice); its id is minus the
 *   adjustment's, so it can never collide with an imported record's.
 */
import { z } from 'zod';
import { ACTIVITY_MEANINGS, activityByKey } from '../activities';
import type { FiscalPeriod } from '../calc/fiscal';
import type { CalcFactor, CalcRecord, FactorReplacement, MetricInputKind, ResultLine } from '../calc/inventory-types';
import type { Figure } from '../figures';
import type { Withdrawal } from '../withdrawal';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A record an add-record adjustment supplies: the fields the calculation reads. */
export const addedRecordSchema = z
  .object({
    site: z.string().trim().min(1).max(200).nullable(),
    periodStart: z.string().regex(ISO_DATE, 'a date such as 2023-01-31'),
    periodEnd: z.string().regex(ISO_DATE, 'a date such as 2023-01-31'),
    activity: z.string().min(1).max(60),
    meaning: z.enum(ACTIVITY_MEANINGS),
    quantity: z.number().finite().min(0),
    /** A canonical unit id ('kWh', 'L', 'tCO2e'). */
    unit: z.string().min(1).max(40),
    unitBasis: z.enum(['gross', 'net', 'unspecified']).nullable().default(null),
    scope3Category: z.number().int().min(1).max(15).nullable().default(null),
    region: z.string().trim().min(1).max(40).nullable().default(null),
    instrument: z.string().trim().min(1).max(200).nullable().default(null),
  })
  .strict()
  .refine((record) => record.periodEnd >= record.periodStart, { message: 'the period ends before it starts', path: ['periodEnd'] });
export type AddedRecord = z.output<typeof addedRecordSchema>;

export const adjustmentDetailsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exclude-record'), recordId: z.number().int().positive() }).strict(),
  z
    .object({
      kind: z.literal('correct-record'),
      recordId: z.number().int().positive(),
      quantity: z.number().finite().min(0).optional(),
      unit: z.string().min(1).max(40).optional(),
      unitBasis: z.enum(['gross', 'net', 'unspecified']).nullable().optional(),
    })
    .strict()
    .refine((details) => details.quantity !== undefined || details.unit !== undefined, { message: 'a correction sets a quantity, a unit or both' }),
  z.object({ kind: z.literal('replace-factor'), factorId: z.number().int().positive(), replacementFactorId: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('add-record'), record: addedRecordSchema }).strict(),
]);
export type AdjustmentDetails = z.output<typeof adjustmentDetailsSchema>;
export type AdjustmentKind = AdjustmentDetails['kind'];

export interface Adjustment {
  readonly id: number;
  readonly details: AdjustmentDetails;
  readonly reason: string;
  readonly proposedBy: string;
  readonly proposedAt: string;
  /** Claims it was proposed from. */
  readonly claimIds: readonly number[];
  readonly withdrawn: Withdrawal | null;
}

/** What an adjustment corrects, in words: 'Exclude record 412', 'Add 407.16 tCO2e of process emissions at Leeds, …'. */
export function describeAdjustment({ details }: Pick<Adjustment, 'details'>): string {
  switch (details.kind) {
    case 'exclude-record':
      return `Exclude record ${details.recordId}`;
    case 'correct-record': {
      const basis = details.unitBasis === 'gross' || details.unitBasis === 'net' ? ` (${details.unitBasis} CV)` : '';
      const changes = [details.quantity === undefined ? null : `quantity ${details.quantity}`, details.unit === undefined ? null : `unit ${details.unit}${basis}`];
      return `Correct record ${details.recordId}: ${changes.filter((change) => change !== null).join(', ')}`;
    }
    case 'replace-factor':
      return `Replace factor ${details.factorId} by factor ${details.replacementFactorId}`;
    case 'add-record': {
      const { record } = details;
      const activity = (activityByKey(record.activity)?.label ?? record.activity).toLowerCase();
      return `Add ${record.quantity} ${record.unit} of ${activity} at ${record.site ?? '(no site)'}, ${record.periodStart} to ${record.periodEnd}`;
    }
  }
}

export interface AdjustmentEffect {
  readonly adjustmentId: number;
  /** Records it excludes, corrects or adds, or whose lines used the factor it replaces. */
  readonly recordIds: readonly number[];
  /** Why it changed nothing (its record or factor is not there), when it did not apply. */
  readonly problem: string | null;
}

export interface AppliedAdjustments {
  readonly records: readonly CalcRecord[];
  readonly factorReplacements: readonly FactorReplacement[];
  readonly effects: readonly AdjustmentEffect[];
}

export interface ApplyInput {
  readonly records: readonly CalcRecord[];
  /** Active adjustments (withdrawn ones are left out by the caller, or skipped here). */
  readonly adjustments: readonly Adjustment[];
  /** Replacement factors by id: a replacement may come from any factor set loaded. */
  readonly factorsById: ReadonlyMap<number, CalcFactor>;
  /** The lines as imported: which records used a replaced factor. */
  readonly uncorrectedLines: readonly ResultLine[];
  /**
   * Records left out of the calculation because their source file is withdrawn, each with that
   * file in words: an adjustment on one stays on record and corrects nothing while it is.
   */
  readonly withdrawnRecords?: ReadonlyMap<number, string>;
}

/** The id an added record takes: never a database id, which are positive. */
export function addedRecordId(adjustmentId: number): number {
  return -adjustmentId;
}

export function applyAdjustments({ records, adjustments, factorsById, uncorrectedLines, withdrawnRecords }: ApplyInput): AppliedAdjustments {
  const byId = new Map(records.map((record) => [record.id, record]));
  const active = [...adjustments].filter((adjustment) => adjustment.withdrawn === null).sort((a, b) => a.id - b.id);
  const excluded = new Set<number>();
  const corrected = new Map<number, CalcRecord>();
  const added: CalcRecord[] = [];
  const factorReplacements: FactorReplacement[] = [];
  const effects = active.map((adjustment): AdjustmentEffect => {
    const { details } = adjustment;
    const effect = (recordIds: readonly number[], problem: string | null = null) => ({ adjustmentId: adjustment.id, recordIds, problem });
    switch (details.kind) {
      case 'exclude-record':
      case 'correct-record': {
        const record = corrected.get(details.recordId) ?? byId.get(details.recordId);
        const withdrawnFrom = withdrawnRecords?.get(details.recordId);
        if (withdrawnFrom !== undefined) return effect([], `record ${details.recordId} is out of the calculation: ${withdrawnFrom} is withdrawn`);
        if (!record) return effect([], `record ${details.recordId} is not in the engagement`);
        if (excluded.has(details.recordId)) return effect([details.recordId], `record ${details.recordId} is already excluded by an earlier adjustment`);
        if (details.kind === 'exclude-record') excluded.add(details.recordId);
        else {
          // Without its kind key: a key made for the record as imported would price it as imported.
          const { kindKey: _asImported, ...fields } = record;
          corrected.set(details.recordId, {
            ...fields,
            quantity: details.quantity ?? record.quantity,
            unit: details.unit ?? record.unit,
            unitBasis: details.unit === undefined ? record.unitBasis : (details.unitBasis ?? null),
          });
        }
        return effect([details.recordId]);
      }
      case 'replace-factor': {
        const replacement = factorsById.get(details.replacementFactorId);
        if (!replacement) return effect([], `factor ${details.replacementFactorId} is not in the engagement`);
        factorReplacements.push({ replaces: details.factorId, factor: replacement, note: `adjustment #${adjustment.id}: ${adjustment.reason}` });
        const users = new Set(uncorrectedLines.filter((line) => line.factorId === details.factorId).map((line) => line.recordId));
        return effect([...users].sort((a, b) => a - b), users.size === 0 ? `no line as imported uses factor ${details.factorId}` : null);
      }
      case 'add-record': {
        const id = addedRecordId(adjustment.id);
        added.push({ id, ...details.record });
        return effect([id]);
      }
    }
  });
  const correctedRecords = records.flatMap((record) => (excluded.has(record.id) ? [] : [corrected.get(record.id) ?? record]));
  return { records: [...correctedRecords, ...added], factorReplacements, effects };
}

/** A claim as far as adjustments touch it: its figure, fiscal year (with its days) and site. */
export interface TouchableClaim {
  readonly id: number;
  readonly figure: Figure | null;
  readonly fiscalYear: FiscalPeriod | null;
  readonly site: string | null;
}

/** The metric inputs each metric figure divides (records of these activities move it). */
const METRIC_ACTIVITIES: Readonly<Record<MetricInputKind, readonly string[]>> = {
  electricity: ['electricity', 'facility_energy'],
  clean: ['clean_electricity'],
  it: ['it_energy'],
  facility: ['facility_energy'],
};

export interface TouchContext {
  /** Lines as imported and after the adjustments. */
  readonly lines: readonly ResultLine[];
  /** Records as imported and as added or corrected, by id. */
  readonly records: ReadonlyMap<number, CalcRecord>;
  readonly isDataCentre: (site: string | null) => boolean;
}

/** Whether a record (through its lines, or as a metric input) makes a claim's figure. */
function touches(claim: TouchableClaim, recordId: number, context: TouchContext): boolean {
  const { figure, fiscalYear } = claim;
  if (figure === null || fiscalYear === null) return false;
  const inSite = (site: string | null) => claim.site === null || site === claim.site;
  const emissionsTouched = (bases: readonly string[], category?: number | null) =>
    context.lines.some((line) => line.recordId === recordId && line.fiscalYear === fiscalYear.label && bases.includes(line.basis) && inSite(line.site) && (category === undefined || line.scope3Category === category));
  switch (figure.kind) {
    case 'tco2e':
      return emissionsTouched(figure.sums.bases, figure.sums.category);
    case 'intensity': {
      const record = context.records.get(recordId);
      return emissionsTouched(['scope1', 'market']) || (record !== undefined && record.activity === figure.divides.denominator.activity && overlaps(record, fiscalYear));
    }
    case 'ratio':
    case 'fraction': {
      const record = context.records.get(recordId);
      if (!record || !overlaps(record, fiscalYear) || !inSite(record.site)) return false;
      if (figure.sites === 'data-centres' && !context.isDataCentre(record.site)) return false;
      return [...METRIC_ACTIVITIES[figure.divides.numerator], ...METRIC_ACTIVITIES[figure.divides.denominator]].includes(record.activity);
    }
  }
}

function overlaps(record: CalcRecord, year: FiscalPeriod): boolean {
  return record.periodStart <= year.end && record.periodEnd >= year.start;
}

/** For each claim, the adjustments proposed from it or touching a record its figure is made of. */
export function adjustmentsByClaim(adjustments: readonly Adjustment[], effects: readonly AdjustmentEffect[], claims: readonly TouchableClaim[], context: TouchContext): Map<number, number[]> {
  const byClaim = new Map<number, Set<number>>();
  const link = (claimId: number, adjustmentId: number) => {
    const set = byClaim.get(claimId) ?? new Set<number>();
    byClaim.set(claimId, set);
    set.add(adjustmentId);
  };
  for (const adjustment of adjustments) for (const claimId of adjustment.claimIds) link(claimId, adjustment.id);
  for (const effect of effects) {
    for (const claim of claims) {
      if (effect.recordIds.some((recordId) => touches(claim, recordId, context))) link(claim.id, effect.adjustmentId);
    }
  }
  return new Map([...byClaim].map(([claimId, ids]) => [claimId, [...ids].sort((a, b) => a - b)]));
}
