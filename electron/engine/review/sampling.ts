/**
 * Samples for vouching: drawn reproducibly (shared/review/sampling) over the engagement's records
 * or calculation lines, stored with the seed, method, stratification, size and the population's
 * count, tCO2e and SHA-256, so the draw can be repeated and shown to be the same. Each item's
 * vouching result is recorded (logged); a difference can become a finding.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import { parseSeed } from '../../../shared/review/prng';
import { drawSample, type PopulationItem, type SampleMethod, type SampleStratification } from '../../../shared/review/sampling';
import type { SignOffArea } from '../../../shared/review/sign-off';
import type { SampleView } from '../../../shared/review/views';
import type { VouchingResult } from '../../../shared/review/vouching';
import { withdrawnSourceText } from '../../../shared/withdrawal';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { calculateAsItStands } from '../inventory/service';
import { insertRaisedFinding } from './findings';
import { AT_STAKE_BASES, recordTonnes } from './gather';
import { insertSample, selectReviewRecords, selectSampleItems, selectSamples, updateVouching, type NewSampleItem } from './store';

export const SAMPLE_POPULATIONS = ['records', 'lines'] as const;
export type SamplePopulation = (typeof SAMPLE_POPULATIONS)[number];

export interface SampleInput {
  readonly method: SampleMethod;
  readonly size: number;
  /** A whole number from 0 to 2^64 − 1, as text. */
  readonly seed: string;
  readonly stratifyBy: SampleStratification | null;
  readonly population: SamplePopulation;
}

type Member = PopulationItem & Omit<NewSampleItem, 'drawOrder' | 'key' | 'populationIndex' | 'stratum' | 'hits'>;

/**
 * The population in its canonical order: records by id, or the calculation lines of the gross
 * inventory (Scope 1, location-based Scope 2, Scope 3) by record, fiscal year and basis.
 */
function population(engagement: Engagement, kind: SamplePopulation, method: SampleMethod): Member[] {
  const calculation = calculateAsItStands(engagement);
  if (!calculation && (method === 'mus' || kind === 'lines')) {
    throw new EngineError('no-factors', `${kind === 'lines' ? 'Calculation lines' : 'Monetary-unit sampling by tCO2e'} needs the inventory: load emission factors first`);
  }
  const records = selectReviewRecords(engagement.reader);
  if (kind === 'records') {
    const tonnesOf = calculation ? recordTonnes(calculation.result) : () => null;
    return records.map((record) => ({
      key: `record:${record.id}`, recordId: record.id, site: record.site, activity: record.activity, tco2e: tonnesOf(record.id), fiscalYear: null, basis: null,
      quantity: record.quantity, unit: record.unit,
    }));
  }
  return calculation!.result.lines.filter((line) => AT_STAKE_BASES.has(line.basis)).map((line) => ({
    key: `line:${line.recordId}:${line.fiscalYear}:${line.basis}`, recordId: line.recordId, site: line.site, activity: line.activity, tco2e: line.tco2e,
    fiscalYear: line.fiscalYear, basis: line.basis, quantity: line.quantity, unit: line.unit,
  }));
}

function populationSha256(members: readonly Member[]): string {
  const hash = createHash('sha256');
  for (const member of members) hash.update(`${canonicalJson({ key: member.key, site: member.site, activity: member.activity, tco2e: member.tco2e })}\n`);
  return hash.digest('hex');
}

const areaOf = (kind: SamplePopulation): SignOffArea => (kind === 'records' ? 'import' : 'inventory');

export function drawEngagementSample(engagement: Engagement, input: SampleInput): SampleView {
  const seed = parseSeed(input.seed);
  if (!seed.ok) throw new EngineError('invalid-input', `Invalid seed: ${seed.reason}`);
  if (!Number.isInteger(input.size) || input.size < 1) throw new EngineError('invalid-input', 'The sample size must be a whole number of at least 1');
  const members = population(engagement, input.population, input.method);
  if (members.length === 0) throw new EngineError('refused', `There are no ${input.population === 'records' ? 'records' : 'calculation lines'} to sample`);
  const outcome = drawSample(members, { method: input.method, size: input.size, seed: seed.seed, stratifyBy: input.stratifyBy });
  const sha256 = populationSha256(members);
  const populationTco2e = members.reduce((sum, member) => sum + (member.tco2e ?? 0), 0);
  const sample = {
    drawnAt: new Date().toISOString(), drawnBy: engagement.actor, method: input.method, population: input.population, stratifyBy: input.stratifyBy, size: input.size,
    seed: seed.seed.toString(), populationCount: members.length, populationTco2e, populationSha256: sha256, notSampleable: outcome.notSampleable, strata: outcome.strata,
  };
  const items: NewSampleItem[] = outcome.items.map((item) => {
    const { key: _key, ...member } = members[item.index]!;
    return { ...member, drawOrder: item.drawOrder, key: item.key, populationIndex: item.index, stratum: item.stratum, hits: item.hits };
  });
  const params = {
    method: input.method, population: input.population, stratifyBy: input.stratifyBy, size: input.size, seed: sample.seed, populationCount: members.length, populationSha256: sha256,
    selected: items.map((item) => item.key), areas: [areaOf(input.population)],
  };
  const id = engagement.change('sample.draw', params, () => insertSample(engagement.db, sample, items));
  return sampleView(engagement, id);
}

export function listSamples(engagement: Engagement): SampleView[] {
  return selectSamples(engagement.reader).map((sample) => withItems(engagement, sample));
}

function withItems(engagement: Engagement, sample: ReturnType<typeof selectSamples>[number]): SampleView {
  const items = selectSampleItems(engagement.reader, sample.id);
  return {
    ...sample, items, vouched: items.filter((item) => item.result !== null).length, differences: items.filter((item) => item.result === 'difference').length,
    withdrawnItems: items.filter((item) => item.withdrawn !== null).length,
  };
}

function sampleView(engagement: Engagement, id: number): SampleView {
  const sample = selectSamples(engagement.reader).find((candidate) => candidate.id === id);
  if (!sample) throw new EngineError('not-found', `No sample ${id} in this engagement`);
  return withItems(engagement, sample);
}

export interface Vouching {
  readonly result: VouchingResult;
  readonly comment?: string;
  /** For a difference: raise a finding for it (once per item). */
  readonly raiseFinding?: boolean;
}

export function vouchSampleItem(engagement: Engagement, sampleId: number, drawOrder: number, vouching: Vouching): SampleView {
  const sample = sampleView(engagement, sampleId);
  const item = sample.items.find((candidate) => candidate.drawOrder === drawOrder);
  if (!item) throw new EngineError('not-found', `Sample ${sampleId} has no item ${drawOrder}`);
  // Vouching speaks for a record the figures use; a withdrawn file's record is not one of them.
  if (item.withdrawn) {
    throw new EngineError('refused', `Sample ${sampleId} item ${drawOrder} cannot be vouched: record ${item.recordId} is out of the calculation, ${withdrawnSourceText(item.withdrawn)}. Reinstate the file to vouch it, or draw a new sample from the records in use`);
  }
  const comment = vouching.comment?.trim() || null;
  if (vouching.result !== 'agreed' && comment === null) throw new EngineError('invalid-input', `A '${vouching.result}' result needs a comment saying what was found`);
  if (vouching.raiseFinding && vouching.result !== 'difference') throw new EngineError('invalid-input', 'Only a difference can become a finding');
  const raise = vouching.raiseFinding === true && item.findingId === null;
  const at = new Date().toISOString();
  const params = { sampleId, drawOrder, key: item.key, recordId: item.recordId, result: vouching.result, comment, raiseFinding: raise, areas: [areaOf(sample.population)] };
  engagement.change('sample.vouch', params, () => {
    const findingId = raise
      ? insertRaisedFinding(engagement, {
        source: 'sampling', rule: 'vouching-difference', subject: `sample ${sampleId} item ${drawOrder}`, cause: comment, severity: 'medium',
        message: `Sample ${sampleId} (${sample.method}, seed ${sample.seed}), item ${drawOrder}: record ${item.recordId} (${item.site ?? 'no site'}, ${item.activity}, ${item.quantity} ${item.unit}) differs from its evidence: ${comment}`,
        site: item.site, activity: item.activity, period: item.fiscalYear, figures: { sampleId, item: drawOrder, quantity: item.quantity, unit: item.unit },
        tco2eAtStake: item.tco2e, atStakeEstimated: false, recordIds: [item.recordId], rawRowIds: [item.source.rawRowId],
      }, at)
      : null;
    updateVouching(engagement.db, sampleId, drawOrder, { result: vouching.result, comment, at, by: engagement.actor, findingId });
  });
  return sampleView(engagement, sampleId);
}
