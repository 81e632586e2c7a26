/**
 * Reconciliation's long work, run on its own worker (reconcile-worker.ts): the inventory as imported
 * (its figures the stored calculation's) and as corrected by the adjustments, through the inventory service, then
 * the rules of shared/reconcile. The adjustments are applied by the same pure function whatever
 * computes the figures.
 */
import type { InventoryInput, InventoryResult } from '../../../shared/calc/inventory';
import { mappingSchema } from '../../../shared/import/mapping';
import { applyAdjustments, type AdjustmentEffect } from '../../../shared/reconcile/adjustments';
import { bridgeCells, varianceBridge, type BridgeDimension, type FigureBridge } from '../../../shared/reconcile/bridge';
import { fiscalSettingsOf, reconciliationReport, type ReconciliationReport } from '../../../shared/reconcile/report';
import { retirementsByYear } from '../../../shared/reconcile/targets';
import { reconciliationGlance, type ReconciliationGlance } from '../../../shared/reconcile/glance';
import { figureById, type EmissionFigure } from '../../../shared/figures';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { factorsById, frozenSetNames } from '../factors/service';
import { calculateHere, calculateVariants, inventoryResults, storedRecordFindings, type InventoryVariants } from '../inventory/service';
import { UNPRICED_KINDS } from '../../../shared/reconcile/missing-inputs';
import {
  selectAdjustments,
  selectClaimDecisions,
  selectClaimMappings,
  selectClaims,
  selectRejectedClaimRows,
  selectRetirementRecords,
  selectTargetDecisions,
  selectTargets,
  selectWithdrawnRecordSources,
  type StoredClaim,
} from './store';

export type ReconcilePhase = 'calculating' | 'reconciling';

/** Both calculations, the corrected one on the records and factors as the active adjustments leave them. */
async function variantsWithAdjustments(engagement: Engagement): Promise<{ variants: InventoryVariants; effects: readonly AdjustmentEffect[] }> {
  const adjustments = selectAdjustments(engagement.reader);
  const replacementIds = adjustments.flatMap((adjustment) => (adjustment.details.kind === 'replace-factor' ? [adjustment.details.replacementFactorId] : []));
  const factors = new Map(factorsById(engagement.reader, replacementIds).map((factor) => [factor.id, factor]));
  const recordIds = adjustments.flatMap((adjustment) => ('recordId' in adjustment.details ? [adjustment.details.recordId] : []));
  const withdrawnRecords = selectWithdrawnRecordSources(engagement.reader, recordIds);
  let effects: readonly AdjustmentEffect[] = [];
  const variants = await calculateVariants(engagement, (input, uncorrected): InventoryInput => {
    // Without an active adjustment the corrected figures are the figures as imported: no second calculation.
    if (adjustments.every((adjustment) => adjustment.withdrawn !== null)) return input;
    const applied = applyAdjustments({ records: input.records, adjustments, factorsById: factors, uncorrectedLines: uncorrected.lines, withdrawnRecords });
    effects = applied.effects;
    return { ...input, records: applied.records, factorReplacements: applied.factorReplacements };
  });
  return { variants, effects };
}

/** The figure a claims template matches each claim's metric to, by claim id. */
function templateFigures(claims: readonly StoredClaim[], mappings: ReadonlyMap<number, string>): Map<number, string> {
  const matchesByFile = new Map<number, Readonly<Record<string, string>>>();
  for (const [fileId, json] of mappings) {
    const parsed = mappingSchema.safeParse(JSON.parse(json));
    if (parsed.success && parsed.data.figureMatches) matchesByFile.set(fileId, parsed.data.figureMatches);
  }
  return new Map(claims.flatMap((claim) => {
    const figure = matchesByFile.get(claim.sourceFileId)?.[claim.metric];
    return figure === undefined ? [] : [[claim.id, figure] as const];
  }));
}

export async function buildReport(engagement: Engagement, progress: (phase: ReconcilePhase) => void): Promise<ReconciliationReport> {
  return (await buildReportWithInventory(engagement, progress)).report;
}

/**
 * Without claims, targets or adjustments there is nothing to compare: the stored figures alone,
 * with no calculation in memory (an export of millions of lines stays bounded).
 */
async function storedOnly(engagement: Engagement): Promise<{ variants: InventoryVariants; effects: readonly AdjustmentEffect[] }> {
  await calculateHere(engagement);
  const uncorrected: InventoryResult = { periods: inventoryResults(engagement).periods, lines: [], findings: [] };
  const input = { records: [], factors: [], settings: { fiscal: fiscalSettingsOf(engagement.settings()), gwpBasis: engagement.settings().gwpBasis, consolidationApproach: engagement.settings().consolidationApproach, defaultRegion: engagement.settings().defaultRegion } };
  return { variants: { input, uncorrected, correctedInput: input, corrected: uncorrected }, effects: [] };
}

/** The report, and the inventory as imported it compares with (what the audited workbook's other sheets show). */
export async function buildReportWithInventory(engagement: Engagement, progress: (phase: ReconcilePhase) => void = () => undefined): Promise<{ report: ReconciliationReport; uncorrected: InventoryResult }> {
  const claims = selectClaims(engagement.reader);
  const targets = selectTargets(engagement.reader);
  const adjustments = selectAdjustments(engagement.reader);
  progress('calculating');
  const nothingToCompare = claims.length === 0 && targets.length === 0 && adjustments.length === 0;
  const { variants, effects } = nothingToCompare ? await storedOnly(engagement) : await variantsWithAdjustments(engagement);
  progress('reconciling');
  const settings = engagement.settings();
  const fiscal = fiscalSettingsOf(settings);
  const report = reconciliationReport({
    claims,
    decisions: selectClaimDecisions(engagement.reader),
    templateFigures: templateFigures(claims, selectClaimMappings(engagement.reader)),
    rejectedClaimRows: selectRejectedClaimRows(engagement.reader),
    targets,
    targetDecisions: selectTargetDecisions(engagement.reader),
    adjustments,
    effects,
    records: variants.input.records,
    correctedRecords: variants.correctedInput.records,
    uncorrected: variants.uncorrected,
    corrected: variants.corrected,
    retirements: retirementsByYear(variants.input.records, fiscal),
    correctedRetirements: retirementsByYear(variants.correctedInput.records, fiscal),
    settings,
    factorSets: frozenSetNames(engagement),
  });
  return { report, uncorrected: variants.uncorrected };
}

/**
 * Claims and targets against the stored figures as imported, for the Overview: no calculation
 * and nothing written, so opening it stays cheap however large the engagement.
 */
export function glanceOnStoredFigures(engagement: Engagement): ReconciliationGlance {
  const stored = inventoryResults(engagement);
  // The records the stored calculation could not price, so claims on figures that miss them say so.
  const unpriced = storedRecordFindings(engagement, UNPRICED_KINDS);
  const result: InventoryResult = { periods: stored.periods, lines: [], findings: unpriced.findings };
  const settings = engagement.settings();
  const retirements = retirementsByYear(selectRetirementRecords(engagement.reader), fiscalSettingsOf(settings));
  const claims = selectClaims(engagement.reader);
  const report = reconciliationReport({
    claims,
    decisions: selectClaimDecisions(engagement.reader),
    templateFigures: templateFigures(claims, selectClaimMappings(engagement.reader)),
    rejectedClaimRows: [],
    targets: selectTargets(engagement.reader),
    targetDecisions: selectTargetDecisions(engagement.reader),
    adjustments: [],
    effects: [],
    records: unpriced.records,
    correctedRecords: unpriced.records,
    uncorrected: result,
    corrected: result,
    retirements,
    correctedRetirements: retirements,
    settings,
    factorSets: stored.factorSets,
  });
  const activeAdjustments = selectAdjustments(engagement.reader).filter((adjustment) => adjustment.withdrawn === null).length;
  return reconciliationGlance(report, stored.status, activeAdjustments);
}

export interface BridgeRequest {
  /** An emission figure's id: 'net', 'scope1', 'scope3.6'. */
  readonly figure: string;
  readonly from: string;
  readonly to: string;
  readonly by: BridgeDimension;
  /** Only this site's part of the figure. */
  readonly site?: string;
  /** The figures as imported rather than after the proposed adjustments. */
  readonly uncorrected?: boolean;
}

export async function buildBridge(engagement: Engagement, request: BridgeRequest): Promise<FigureBridge> {
  const figure = figureById(request.figure);
  if (!figure) throw new EngineError('invalid-input', `'${request.figure}' is not a figure of the catalogue`);
  if (figure.kind !== 'tco2e') throw new EngineError('invalid-input', `${figure.label} is not in tCO2e: a bridge decomposes emissions into volume and factor effects`);
  const { variants } = await variantsWithAdjustments(engagement);
  const result = request.uncorrected ? variants.uncorrected : variants.corrected;
  const years = new Set(result.periods.map((period) => period.label));
  for (const year of [request.from, request.to]) {
    if (!years.has(year)) throw new EngineError('invalid-input', `no recomputed figures for ${year}: the engagement has ${[...years].join(', ') || 'no fiscal years'}`);
  }
  const cells = bridgeCells(result.lines, figure as EmissionFigure, [request.from, request.to], request.site);
  return {
    ...varianceBridge(cells, { from: request.from, to: request.to, by: request.by }),
    figure: figure.id,
    figureLabel: figure.label,
    site: request.site ?? null,
    variant: request.uncorrected ? 'uncorrected' : 'corrected',
  };
}
