/**
 * The reconciliation feature: reported figures (claims) and targets against the recomputed
 * inventory, the auditor's matches and readings, adjustments, materiality and the variance bridge.
 * Reports and bridges run on a worker (two calculations of a large engagement take minutes); every
 * decision and adjustment is logged in the audit log with the change it makes. The only entry the
 * API handlers and the CLI use.
 */
import { activityByKey } from '../../../shared/activities';
import { parseUnit } from '../../../shared/calc/units';
import type { MappingTemplate } from '../../../shared/contract';
import { figureById } from '../../../shared/figures';
import { mappingSchema } from '../../../shared/import/mapping';
import { adjustmentDetailsSchema, type Adjustment, type AdjustmentDetails } from '../../../shared/reconcile/adjustments';
import type { MatchDecision } from '../../../shared/reconcile/claims';
import type { ReconciliationReport } from '../../../shared/reconcile/report';
import { TARGET_KINDS, type TargetDecision, type TargetKind } from '../../../shared/reconcile/targets';
import { withdrawalBy } from '../../../shared/withdrawal';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { saveMappingTemplate } from '../import/service';
import { startReconcileJob, type ReconcileConnection } from './reconcile-job';
import type { FigureBridge } from '../../../shared/reconcile/bridge';
import type { BridgeRequest, ReconcilePhase } from './run';
import {
  claimExists,
  factorExists,
  insertAdjustment,
  insertWithdrawal,
  recordActivity,
  selectAdjustments,
  selectClaimDecisions,
  selectClaimMappings,
  selectClaims,
  targetExists,
  upsertClaimMatch,
  upsertTargetReading,
} from './store';

export type { BridgeRequest, ReconcilePhase } from './run';
/** Claims and targets on the stored figures as imported, calculating and writing nothing: the Overview's glance. */
export { glanceOnStoredFigures as reconciliationGlance } from './run';
/** For another feature's worker (the audited workbook): the report and the inventory as imported it compares with. */
export { buildReportWithInventory as reconcileWithInventory } from './run';

function connection(engagement: Engagement): ReconcileConnection {
  return { engagementPath: engagement.filePath, actor: engagement.actor, nativeBinding: engagement.context.nativeBinding };
}

/** Claims, targets, adjustments and the misstatement summary, on the figures as imported and as corrected. */
export async function reconcile(engagement: Engagement, onProgress?: (phase: ReconcilePhase) => void): Promise<ReconciliationReport> {
  return (await startReconcileJob({ op: 'report', ...connection(engagement) }, onProgress).result).report;
}

/** A figure's year-on-year change by site or activity, with volume and factor effects that add up exactly. */
export async function varianceBridge(engagement: Engagement, request: BridgeRequest): Promise<FigureBridge> {
  return (await startReconcileJob({ op: 'bridge', request, ...connection(engagement) }).result).bridge;
}

/** The auditor confirms or changes what a claim is about: a figure, or none (then a note says why). Logged. */
export function confirmClaimMatch(engagement: Engagement, claimId: number, figure: string | null, note: string | null): MatchDecision {
  const claim = claimExists(engagement.reader, claimId);
  if (!claim) throw new EngineError('not-found', `No claim ${claimId} in this engagement`);
  if (figure !== null && !figureById(figure)) throw new EngineError('invalid-input', `'${figure}' is not a figure of the catalogue (e.g. scope1, scope2_market, net, scope3.6, pue)`);
  if (figure === null && (note === null || note.trim() === '')) throw new EngineError('invalid-input', 'Say why the claim is about no figure of the inventory');
  const decision: MatchDecision = { figure, note: note?.trim() || null, decidedAt: new Date().toISOString(), decidedBy: engagement.actor };
  const before = selectClaimDecisions(engagement.reader).get(claimId) ?? null;
  engagement.change('reconcile.match', { claimId, metric: claim.metric, before, after: decision }, () => upsertClaimMatch(engagement.db, claimId, decision));
  return decision;
}

/** The auditor confirms or changes what a target is: its figure and kind. Logged. */
export function confirmTargetReading(engagement: Engagement, targetId: number, figure: string, kind: TargetKind): TargetDecision {
  const target = targetExists(engagement.reader, targetId);
  if (!target) throw new EngineError('not-found', `No target ${targetId} in this engagement`);
  if (!figureById(figure)) throw new EngineError('invalid-input', `'${figure}' is not a figure of the catalogue`);
  if (!TARGET_KINDS.includes(kind)) throw new EngineError('invalid-input', `'${kind}' is not a kind of target (${TARGET_KINDS.join(', ')})`);
  const decision: TargetDecision = { figure, kind, decidedAt: new Date().toISOString(), decidedBy: engagement.actor };
  engagement.change('reconcile.targetReading', { targetId, metric: target.metric, after: decision }, () => upsertTargetReading(engagement.db, targetId, decision));
  return decision;
}

/**
 * Saves the mapping a claims file was imported with as a template, with the figures the auditor
 * matched its metrics to, so next year's claims are matched the same way. Logged as any template.
 */
export function saveClaimMatchesAsTemplate(engagement: Engagement, sourceFileId: number, name: string): MappingTemplate {
  const json = selectClaimMappings(engagement.reader).get(sourceFileId);
  if (json === undefined) throw new EngineError('not-found', `No claims file ${sourceFileId} in this engagement`);
  const decisions = selectClaimDecisions(engagement.reader);
  const figureMatches: Record<string, string> = {};
  for (const claim of selectClaims(engagement.reader)) {
    const figure = decisions.get(claim.id)?.figure;
    if (claim.sourceFileId === sourceFileId && figure) figureMatches[claim.metric] = figure;
  }
  if (Object.keys(figureMatches).length === 0) throw new EngineError('invalid-input', 'No claim of that file has a confirmed figure yet: confirm the matches first');
  const mapping = mappingSchema.parse(JSON.parse(json));
  return saveMappingTemplate(engagement, name, { ...mapping, figureMatches: { ...mapping.figureMatches, ...figureMatches } });
}

export interface AdjustmentProposal {
  readonly details: unknown;
  readonly reason: string;
  readonly claimIds?: readonly number[];
}

/** A unit's canonical id and calorific basis, if it measures what the activity is measured in. */
function unitFor(activityKey: string, unitText: string): { readonly unit: string; readonly unitBasis: 'gross' | 'net' | 'unspecified' | null } {
  const activity = activityByKey(activityKey);
  if (!activity) throw new EngineError('invalid-input', `Unknown activity '${activityKey}'`);
  const parsed = parseUnit(unitText);
  if (!parsed.ok) throw new EngineError('invalid-input', `Unit '${unitText}': ${parsed.reason}`);
  if (!activity.dimensions.includes(parsed.unit.dimension)) {
    throw new EngineError('invalid-input', `${unitText} measures ${parsed.unit.dimension}; ${activity.label} is measured in ${activity.dimensions.join(' or ')}`);
  }
  return { unit: parsed.unit.id, unitBasis: parsed.unit.basis ?? null };
}

/** Checks a proposal against the engagement and puts its units in canonical form; refuses with what is wrong. */
function checkedDetails(engagement: Engagement, details: AdjustmentDetails, active: readonly Adjustment[]): AdjustmentDetails {
  switch (details.kind) {
    case 'exclude-record':
    case 'correct-record': {
      const record = recordActivity(engagement.reader, details.recordId);
      if (record === undefined) throw new EngineError('not-found', `No record ${details.recordId} in this engagement`);
      if (record.withdrawnSource !== null) throw new EngineError('conflict', `Record ${details.recordId} comes from ${record.withdrawnSource}, which is withdrawn: it takes no part in the calculation (reinstate the file first)`);
      const other = active.find((adjustment) => 'recordId' in adjustment.details && adjustment.details.recordId === details.recordId);
      if (other) throw new EngineError('conflict', `Record ${details.recordId} already has adjustment #${other.id} (${other.details.kind}): withdraw it first`);
      if (details.kind === 'exclude-record' || details.unit === undefined) return details;
      return { ...details, ...unitFor(record.activity, details.unit) };
    }
    case 'replace-factor': {
      for (const id of [details.factorId, details.replacementFactorId]) {
        if (!factorExists(engagement.reader, id)) throw new EngineError('not-found', `No emission factor ${id} in this engagement`);
      }
      if (details.factorId === details.replacementFactorId) throw new EngineError('invalid-input', 'A factor cannot replace itself');
      const other = active.find((adjustment) => adjustment.details.kind === 'replace-factor' && adjustment.details.factorId === details.factorId);
      if (other) throw new EngineError('conflict', `Factor ${details.factorId} is already replaced by adjustment #${other.id}: withdraw it first`);
      return details;
    }
    case 'add-record': {
      const { record } = details;
      const { unit, unitBasis } = unitFor(record.activity, record.unit);
      const activity = activityByKey(record.activity)!;
      if (!activity.meanings.includes(record.meaning)) throw new EngineError('invalid-input', `${activity.label} cannot be '${record.meaning}' (it may be: ${activity.meanings.join(', ')})`);
      return { kind: 'add-record', record: { ...record, unit, unitBasis: unitBasis ?? record.unitBasis } };
    }
  }
}

/** Records a proposed correction apart from the source data, with who, when and why, and the claims it comes from. Logged. */
export function proposeAdjustment(engagement: Engagement, proposal: AdjustmentProposal): Adjustment {
  const parsed = adjustmentDetailsSchema.safeParse(proposal.details);
  if (!parsed.success) throw new EngineError('invalid-input', `Invalid adjustment: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'details'}: ${issue.message}`).join('; ')}`);
  const reason = proposal.reason.trim();
  if (reason === '') throw new EngineError('invalid-input', 'An adjustment needs its reason');
  const claimIds = [...new Set(proposal.claimIds ?? [])].sort((a, b) => a - b);
  for (const claimId of claimIds) if (!claimExists(engagement.reader, claimId)) throw new EngineError('not-found', `No claim ${claimId} in this engagement`);
  const active = selectAdjustments(engagement.reader).filter((adjustment) => adjustment.withdrawn === null);
  const details = checkedDetails(engagement, parsed.data, active);
  const proposed = { details, reason, claimIds, proposedAt: new Date().toISOString(), proposedBy: engagement.actor };
  const id = engagement.change('adjustment.propose', proposed, () => insertAdjustment(engagement.db, proposed));
  return { id, ...proposed, withdrawn: null };
}

/** Withdraws an adjustment: it stays on record, with who withdrew it, when and why, and no longer corrects anything. Logged. */
export function withdrawAdjustment(engagement: Engagement, adjustmentId: number, reason: string): Adjustment {
  const adjustment = selectAdjustments(engagement.reader).find((candidate) => candidate.id === adjustmentId);
  if (!adjustment) throw new EngineError('not-found', `No adjustment ${adjustmentId} in this engagement`);
  if (adjustment.withdrawn) throw new EngineError('conflict', `Adjustment ${adjustmentId} was withdrawn on ${adjustment.withdrawn.at} by ${adjustment.withdrawn.by}`);
  const withdrawn = withdrawalBy(engagement.actor, reason);
  if (!withdrawn) throw new EngineError('invalid-input', 'Say why the adjustment is withdrawn');
  engagement.change('adjustment.withdraw', { adjustmentId, kind: adjustment.details.kind, ...withdrawn }, () => insertWithdrawal(engagement.db, adjustmentId, withdrawn));
  return { ...adjustment, withdrawn };
}

export function listAdjustments(engagement: Engagement): Adjustment[] {
  return selectAdjustments(engagement.reader);
}
