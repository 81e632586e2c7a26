/**
 * The reconciliation report: claims, targets, adjustments and the misstatement summary, from the
 * inventory as imported and as corrected. What the reconcile service returns, the UI shows, the
 * audited workbook's sheets render, and `carbon-audit reconcile --json` prints (toReconcileJson,
 * documented in docs/reconcile-json.md).
 */
import { fiscalYearByLabel, type FiscalSettings } from '../calc/fiscal';
import { toCalculateJson } from '../calc/inventory-json';
import type { CalcRecord, Finding, InventoryResult, PeriodResult } from '../calc/inventory-types';
import { figureById } from '../figures';
import type { EngagementSettings } from '../settings';
import { adjustmentsByClaim, type Adjustment, type AdjustmentEffect } from './adjustments';
import type { MaterialityYear, MisstatementItem } from './materiality';
import { ratioInputIndex, unpricedIndex, type UnpricedInputs } from './missing-inputs';
import { reconcileClaims, type ClaimResult, type ReconcileClaimsInput } from './reconcile';
import { evaluateTargets, type Retirements, type TargetDecision, type TargetInput, type TargetResult } from './targets';

export const RECONCILE_JSON_VERSION = 1;

/** A row of a claims file that import rejected: not a claim, but listed so nothing reported goes unseen. */
export interface RejectedClaimRow {
  readonly fileName: string;
  readonly sheet: string;
  readonly rowNumber: number;
  readonly reason: string;
}

export interface AdjustmentView extends Adjustment {
  readonly status: 'active' | 'withdrawn';
  /** Records it excludes, corrects or adds, or whose lines used the factor it replaces. */
  readonly recordIds: readonly number[];
  /** Claims it was proposed from, and claims whose figures it moves. */
  readonly touchedClaimIds: readonly number[];
  /** Why it changed nothing, when it did not apply. */
  readonly problem: string | null;
}

export interface ReconciliationReport {
  /** The inventory as imported, per fiscal year and site. */
  readonly periods: readonly PeriodResult[];
  /** The same after the proposed adjustments. */
  readonly correctedPeriods: readonly PeriodResult[];
  readonly findings: readonly Finding[];
  readonly correctedFindings: readonly Finding[];
  readonly claims: readonly ClaimResult[];
  readonly rejectedClaimRows: readonly RejectedClaimRow[];
  readonly targets: readonly TargetResult[];
  readonly adjustments: readonly AdjustmentView[];
  readonly materiality: {
    readonly materialityPercent: number;
    readonly performanceMaterialityPercent: number;
    readonly clearlyTrivialPercent: number;
    readonly metricTolerances: EngagementSettings['metricTolerances'];
    /** The year under audit: the latest with claims; null without claims. */
    readonly current: MaterialityYear | null;
    readonly years: readonly MaterialityYear[];
  };
  /** Factor set versions both calculations used. */
  readonly factorSets: readonly string[];
}

export interface ReportParts extends Pick<ReconcileClaimsInput, 'claims' | 'decisions' | 'templateFigures'> {
  readonly rejectedClaimRows: readonly RejectedClaimRow[];
  readonly targets: readonly TargetInput[];
  readonly targetDecisions: ReadonlyMap<number, TargetDecision>;
  readonly adjustments: readonly Adjustment[];
  readonly effects: readonly AdjustmentEffect[];
  readonly records: readonly CalcRecord[];
  readonly correctedRecords: readonly CalcRecord[];
  readonly uncorrected: InventoryResult;
  readonly corrected: InventoryResult;
  readonly retirements: ReadonlyMap<string, Retirements>;
  readonly correctedRetirements: ReadonlyMap<string, Retirements>;
  readonly settings: EngagementSettings;
  readonly factorSets: readonly string[];
}

export function fiscalSettingsOf(settings: EngagementSettings): FiscalSettings {
  return { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule };
}

export function reconciliationReport(parts: ReportParts): ReconciliationReport {
  const { settings } = parts;
  const fiscal = fiscalSettingsOf(settings);
  const unpriced = { uncorrected: unpricedIndex(parts.uncorrected, parts.records, fiscal), corrected: unpricedIndex(parts.corrected, parts.correctedRecords, fiscal) };
  const ratioInputs = { uncorrected: ratioInputIndex(parts.records, fiscal), corrected: ratioInputIndex(parts.correctedRecords, fiscal) };
  // The claims' matches and years first, to find which adjustments touch which claims.
  const provisional = reconcileClaims({ ...claimInputs(parts, fiscal), unpriced, ratioInputs, adjustmentsByClaim: new Map() });
  const dataCentres = new Set(parts.uncorrected.periods.concat(parts.corrected.periods).flatMap((period) => period.sites.filter((site) => site.isDataCentre).map((site) => site.site)));
  const links = adjustmentsByClaim(
    parts.adjustments.filter((adjustment) => adjustment.withdrawn === null),
    parts.effects,
    provisional.claims.map((claim) => {
      const year = claim.fiscalYear === null ? null : fiscalYearByLabel(claim.fiscalYear, fiscal);
      return { id: claim.id, figure: claim.figure === null ? null : (figureById(claim.figure) ?? null), fiscalYear: year?.ok ? year.value : null, site: claim.site };
    }),
    {
      lines: [...parts.uncorrected.lines, ...parts.corrected.lines],
      records: new Map([...parts.records, ...parts.correctedRecords].map((record) => [record.id, record])),
      isDataCentre: (site) => dataCentres.has(site),
    },
  );
  const { claims, materiality } = reconcileClaims({ ...claimInputs(parts, fiscal), unpriced, ratioInputs, adjustmentsByClaim: links });
  const effectOf = new Map(parts.effects.map((effect) => [effect.adjustmentId, effect]));
  const adjustments = [...parts.adjustments].sort((a, b) => a.id - b.id).map((adjustment): AdjustmentView => {
    const effect = effectOf.get(adjustment.id);
    return {
      ...adjustment,
      status: adjustment.withdrawn === null ? 'active' : 'withdrawn',
      recordIds: effect?.recordIds ?? [],
      touchedClaimIds: [...links].filter(([, ids]) => ids.includes(adjustment.id)).map(([claimId]) => claimId).sort((a, b) => a - b),
      problem: adjustment.withdrawn === null ? (effect?.problem ?? null) : null,
    };
  });
  const targets = evaluateTargets({
    targets: parts.targets,
    decisions: parts.targetDecisions,
    uncorrected: parts.uncorrected.periods,
    corrected: parts.corrected.periods,
    retirementsUncorrected: parts.retirements,
    retirementsCorrected: parts.correctedRetirements,
  });
  return {
    periods: parts.uncorrected.periods,
    correctedPeriods: parts.corrected.periods,
    findings: parts.uncorrected.findings,
    correctedFindings: parts.corrected.findings,
    claims,
    rejectedClaimRows: parts.rejectedClaimRows,
    targets,
    adjustments,
    materiality: {
      materialityPercent: settings.materialityPercent,
      performanceMaterialityPercent: settings.performanceMaterialityPercent,
      clearlyTrivialPercent: settings.clearlyTrivialPercent,
      metricTolerances: settings.metricTolerances,
      current: materiality.at(-1) ?? null,
      years: materiality,
    },
    factorSets: parts.factorSets,
  };
}

function claimInputs(parts: ReportParts, fiscal: FiscalSettings) {
  return {
    claims: parts.claims,
    decisions: parts.decisions,
    templateFigures: parts.templateFigures,
    uncorrected: parts.uncorrected.periods,
    corrected: parts.corrected.periods,
    settings: parts.settings,
    fiscal,
  };
}

// ---------------------------------------------------------------------------------------------
// The JSON document (docs/reconcile-json.md)

function materialityJson(year: MaterialityYear) {
  return {
    period: year.period,
    base: year.base,
    base_source: year.baseSource,
    overall: year.amounts?.overall ?? null,
    performance: year.amounts?.performance ?? null,
    clearly_trivial: year.amounts?.clearlyTrivial ?? null,
    uncorrected_total: year.uncorrectedTotal,
    corrected_total: year.correctedTotal,
    conclusion: year.conclusion,
    conclusion_text: year.conclusionText,
    items: year.items.map(itemJson),
    largest_individual: year.largest === null ? null : itemJson(year.largest),
  };
}

function unpricedJson(missing: UnpricedInputs | null) {
  return missing === null ? null : { records: missing.records, kinds: missing.kinds, tco2e_low: missing.low, tco2e_high: missing.high };
}

function itemJson(item: MisstatementItem) {
  return {
    figure: item.figure,
    claim: item.claimId,
    uncorrected: item.uncorrected,
    corrected: item.corrected,
    clearly_trivial_uncorrected: item.clearlyTrivialUncorrected,
    clearly_trivial_corrected: item.clearlyTrivialCorrected,
  };
}

export type ReconcileJson = ReturnType<typeof toReconcileJson>;

export function toReconcileJson(report: ReconciliationReport) {
  // The periods as `calculate --json` writes them; the status, findings and lines of a stored run are not the reconciliation's.
  const periodsJson = (periods: readonly PeriodResult[]) =>
    toCalculateJson({ variant: 'reconcile', status: { state: 'none' }, factorsLoaded: true, periods, findings: { total: 0, groups: [], groupsTotal: 0 }, factorSets: report.factorSets, lines: 0 }, { bySite: true });
  const uncorrected = periodsJson(report.periods);
  const corrected = periodsJson(report.correctedPeriods);
  const { materiality } = report;
  return {
    version: RECONCILE_JSON_VERSION,
    factor_sets: report.factorSets,
    periods: uncorrected.periods,
    corrected_periods: corrected.periods,
    claims: report.claims.map((claim) => ({
      id: claim.id,
      metric: claim.metric,
      figure: claim.figure,
      figure_label: claim.figureLabel,
      measure: claim.measure,
      match: claim.match,
      period: claim.period,
      fiscal_year: claim.fiscalYear,
      site: claim.site,
      reported: claim.reported,
      reported_as: claim.reportedAs,
      recomputed: claim.recomputed,
      unit: claim.unit,
      variance_abs: claim.varianceAbs,
      variance_pct: claim.variancePct,
      status: claim.status,
      reason: claim.reason,
      recomputed_uncorrected: claim.recomputedUncorrected,
      variance_abs_uncorrected: claim.varianceAbsUncorrected,
      status_uncorrected: claim.statusUncorrected,
      reason_uncorrected: claim.reasonUncorrected,
      unpriced: unpricedJson(claim.unpriced),
      unpriced_uncorrected: unpricedJson(claim.unpricedUncorrected),
      notes: claim.notes,
      source: { file: claim.source.fileName, sheet: claim.source.sheet, row: claim.source.rowNumber },
      adjustments: claim.adjustments,
    })),
    rejected_claim_rows: report.rejectedClaimRows.map((row) => ({ file: row.fileName, sheet: row.sheet, row: row.rowNumber, reason: row.reason })),
    targets: report.targets.map((target) => ({
      id: target.id,
      name: target.name,
      figure: target.figure,
      kind: target.kind,
      reading: target.reading,
      direction: target.direction,
      base_year: target.baseYear,
      base_value: target.baseValue,
      target_year: target.targetYear,
      target_value: target.targetValue,
      years: target.years.map((year) => ({ period: year.period, pathway: year.pathway, actual: year.actual, actual_uncorrected: year.actualUncorrected, on_track: year.onTrack })),
      status: target.status,
      reason: target.reason,
      projection: { method: target.projection.method, value: target.projection.value, meets_target: target.projection.meetsTarget },
      source: { file: target.source.fileName, sheet: target.source.sheet, row: target.source.rowNumber },
    })),
    adjustments: report.adjustments.map((adjustment) => ({
      id: adjustment.id,
      kind: adjustment.details.kind,
      details: adjustment.details,
      reason: adjustment.reason,
      proposed_by: adjustment.proposedBy,
      proposed_at: adjustment.proposedAt,
      status: adjustment.status,
      withdrawn: adjustment.withdrawn,
      records: adjustment.recordIds,
      claims: adjustment.touchedClaimIds,
      proposed_from_claims: adjustment.claimIds,
      problem: adjustment.problem,
    })),
    materiality: {
      materiality_percent: materiality.materialityPercent,
      performance_materiality_percent: materiality.performanceMaterialityPercent,
      clearly_trivial_percent: materiality.clearlyTrivialPercent,
      metric_tolerances: materiality.metricTolerances,
      ...(materiality.current === null
        ? { period: null, base: null, base_source: null, overall: null, performance: null, clearly_trivial: null, uncorrected_total: 0, corrected_total: 0, conclusion: 'no-claims', conclusion_text: 'No reported figures to judge.', items: [], largest_individual: null }
        : materialityJson(materiality.current)),
      by_period: materiality.years.map(materialityJson),
    },
  };
}
