/**
 * A check: the data-quality rules (all, or those named) over the engagement as it stands, plus the
 * calculation's findings, merged into the findings list. A finding found again with the same cause
 * keeps its status and comments; one whose cause changed is reopened, saying so; one no longer
 * found is marked resolved and kept with its history. The run, what it found and every change to a
 * finding land in one transaction with one audit entry.
 */
import { fiscalYearOf } from '../../../shared/calc/fiscal';
import type { InventoryResult } from '../../../shared/calc/inventory-types';
import { canonicalJson } from '../../../shared/canonical-json';
import { calculationFindingDrafts } from '../../../shared/review/calculation-findings';
import { severityAtStake, type CheckTrigger, type FindingDraft, type FindingSource, type MaterialityLevels } from '../../../shared/review/findings';
import { RULE_NAMES, RULES, ruleParameters, runRules, type ReviewData, type ReviewRule } from '../../../shared/review/rules';
import { engagementPeriods } from '../../../shared/review/rules/series';
import { totalsAgree } from '../../../shared/review/rules/source-cells';
import { areaOfFindingSource, type SignOffArea } from '../../../shared/review/sign-off';
import type { CheckSummary } from '../../../shared/review/views';
import type { EngagementSettings } from '../../../shared/settings';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { factorsForCalculation } from '../factors/service';
import { calculateAsItStands } from '../inventory/service';
import { findingRow } from './findings';
import { gatherReviewData } from './gather';
import { countCurrentFindings, finishReviewRun, findingWriter, insertReviewRun, selectFindingsOf, selectRuleSettings, type FindingRow, type StoredFinding } from './store';

export interface CheckOptions {
  /** Rules to run; all of them (and the calculation's findings) when absent. */
  readonly rules?: readonly string[];
  readonly trigger: CheckTrigger;
}

/** The findings one source raised, and which of its stored findings they replace. */
interface SourceFindings {
  readonly source: FindingSource;
  /** The rules covered; null: every finding of the source. */
  readonly rules: readonly string[] | null;
  readonly drafts: readonly FindingDraft[];
}

export function checkedRuleNames(names: readonly string[] | undefined): readonly string[] {
  if (!names || names.length === 0) return RULE_NAMES;
  const unknown = names.filter((name) => !RULE_NAMES.includes(name));
  if (unknown.length > 0) throw new EngineError('invalid-input', `No rule named ${unknown.map((name) => `'${name}'`).join(', ')}: the rules are ${RULE_NAMES.join(', ')}`);
  return names;
}

/** A rule's parameters in this engagement: its defaults, with what the engagement set over them. */
export function parametersFor(engagement: Engagement): (rule: ReviewRule) => Record<string, unknown> {
  const settings = selectRuleSettings(engagement.reader);
  return (rule) => {
    const parameters = ruleParameters(rule, settings.get(rule.name) ?? {});
    if (!parameters.ok) throw new EngineError('invalid-input', `The engagement's parameters for ${parameters.reason}: set them again`);
    return parameters.value;
  };
}

/** Performance materiality and the clearly-trivial threshold in tCO2e, per calculated fiscal year (Scope 1 + location-based Scope 2). */
function materialityLevels(inventory: InventoryResult | null, settings: EngagementSettings): MaterialityLevels {
  const performance = new Map<string, number>();
  const clearlyTrivial = new Map<string, number>();
  for (const period of inventory?.periods ?? []) {
    const base = (period.scope1 ?? 0) + (period.scope2Location ?? 0);
    performance.set(period.label, (base * settings.performanceMaterialityPercent) / 100);
    clearlyTrivial.set(period.label, (base * settings.clearlyTrivialPercent) / 100);
  }
  const latest = inventory?.periods[inventory.periods.length - 1]?.label ?? null;
  return { performance, clearlyTrivial, latestYear: latest };
}

/** The fiscal year a finding is about: its own, or its month's; null when it names no period. */
function fiscalYearOfFinding(draft: FindingDraft, data: ReviewData): string | null {
  if (draft.period === null) return null;
  if (/^FY\d{4}$/.test(draft.period)) return draft.period;
  const year = /^\d{4}-\d{2}$/.test(draft.period) ? fiscalYearOf(`${draft.period}-01`, data.fiscal) : null;
  return year?.ok ? year.value.label : null;
}

type Plan =
  | { readonly kind: 'insert'; readonly row: FindingRow }
  | { readonly kind: 'refresh'; readonly row: FindingRow; readonly stored: StoredFinding; readonly causeChanged: boolean; readonly linksChanged: boolean }
  | { readonly kind: 'resolve'; readonly stored: StoredFinding };

function unchanged(row: FindingRow, stored: StoredFinding): boolean {
  return !stored.resolved && row.causeSha256 === stored.causeSha256 && row.linksSha256 === stored.linksSha256 && row.severity === stored.severity &&
    row.message === stored.message && row.figuresJson === stored.figuresJson && row.tco2eAtStake === stored.tco2eAtStake;
}

/** What the run does to the stored findings of each source it covers. */
function plan(engagement: Engagement, sources: readonly SourceFindings[]): Plan[] {
  const steps: Plan[] = [];
  for (const { source, rules, drafts } of sources) {
    const stored = selectFindingsOf(engagement.db, source, rules);
    const seen = new Set<string>();
    for (const row of drafts.map(findingRow)) {
      if (seen.has(row.identity)) throw new Error(`two findings of one run share the identity ${row.identity}`);
      seen.add(row.identity);
      const before = stored.get(row.identity);
      if (!before) steps.push({ kind: 'insert', row });
      else if (!unchanged(row, before)) {
        steps.push({ kind: 'refresh', row, stored: before, causeChanged: row.causeSha256 !== before.causeSha256, linksChanged: row.linksSha256 !== before.linksSha256 });
      }
    }
    for (const before of stored.values()) if (!before.resolved && !seen.has(before.identity)) steps.push({ kind: 'resolve', stored: before });
  }
  return steps;
}

function apply(engagement: Engagement, steps: readonly Plan[], runId: number, at: string): void {
  const writer = findingWriter(engagement.db);
  const actor = engagement.actor;
  for (const step of steps) {
    if (step.kind === 'insert') {
      const id = writer.insert(step.row, at, actor, runId);
      writer.event({ findingId: id, at, actor, kind: 'found', statusTo: 'open', runId });
    } else if (step.kind === 'resolve') {
      writer.resolve(step.stored.id, runId);
      writer.event({ findingId: step.stored.id, at, actor, kind: 'resolved', text: 'no longer found by the check', runId });
    } else {
      const { row, stored } = step;
      writer.refresh(stored.id, row);
      if (step.linksChanged) writer.replaceLinks(stored.id, row.recordIds, row.rawRowIds);
      if (step.causeChanged) {
        const reopen = stored.status !== 'open';
        if (reopen) writer.setStatus(stored.id, 'open', null, at, actor);
        writer.event({ findingId: stored.id, at, actor, kind: 'cause-changed', statusFrom: reopen ? stored.status : null, statusTo: reopen ? 'open' : null, text: row.message, runId });
      } else if (stored.resolved) {
        writer.event({ findingId: stored.id, at, actor, kind: 'found-again', runId });
      }
    }
  }
}

/** Runs a check on this thread (a worker's): see the module comment. */
export function runCheck(engagement: Engagement, options: CheckOptions): CheckSummary {
  const names = checkedRuleNames(options.rules);
  const allRules = names.length === RULE_NAMES.length;
  const settings = engagement.settings();
  const calculation = calculateAsItStands(engagement);
  const inventory = calculation?.result ?? null;
  const factors = calculation ? factorsForCalculation(engagement.reader, calculation.factorSetIds) : null;
  const data = gatherReviewData({ db: engagement.reader, settings, inventory, factors });
  const parameters = parametersFor(engagement);
  const runs = runRules(data, parameters, names);
  const levels = materialityLevels(inventory, settings);
  const withSeverity = (draft: FindingDraft): FindingDraft => ({ ...draft, severity: severityAtStake(draft.severity, draft.tco2eAtStake, fiscalYearOfFinding(draft, data), levels) });

  const sources: SourceFindings[] = [
    { source: 'rule', rules: names, drafts: runs.flatMap(({ rule, findings }) => findings.map((finding) => withSeverity({ ...finding, source: 'rule', rule: rule.name }))) },
  ];
  const calculationDrafts = inventory && allRules ? calculationFindingDrafts(inventory.findings, data).map(withSeverity) : [];
  if (inventory && allRules) sources.push({ source: 'calculation', rules: null, drafts: calculationDrafts });

  const steps = plan(engagement, sources);
  const count = (kind: Plan['kind'], test: (step: Plan) => boolean = () => true) => steps.filter((step) => step.kind === kind && test(step)).length;
  const areas = [...new Set(steps.filter((step) => step.kind !== 'refresh' || step.causeChanged || step.stored.resolved).map((step) => areaOfFindingSource(step.kind === 'insert' ? step.row.source : step.stored.source)))] as SignOffArea[];
  const ruleSummaries = runs.map(({ rule, findings }) => ({ name: rule.name, parameters: parameters(rule), findings: findings.length }));
  const at = new Date().toISOString();
  const totalsParameters = parameters(RULES.find((rule) => rule.name === 'totals-rows')!) as { absoluteTolerance: number; relativeTolerance: number };
  const summaryBase = {
    trigger: options.trigger,
    rules: ruleSummaries,
    periods: engagementPeriods(data.records, data.fiscal).map((period) => period.label),
    calculated: inventory !== null,
    calculationFindings: calculationDrafts.length,
    added: count('insert'),
    reopened: count('refresh', (step) => step.kind === 'refresh' && step.causeChanged && step.stored.status !== 'open'),
    resolved: count('resolve'),
    totalsRows: data.totalsRows.map((total) => ({
      fileName: total.fileName, sheet: total.sheet, rowNumber: total.rowNumber, column: total.column, header: total.header, stated: total.stated, imported: total.importedSum,
      difference: total.stated - total.importedSum, agrees: totalsAgree(total.stated, total.importedSum, { absolute: totalsParameters.absoluteTolerance, relative: totalsParameters.relativeTolerance }),
    })),
  };
  return engagement.change('review.check', { trigger: options.trigger, rules: names, calculated: inventory !== null, added: summaryBase.added, reopened: summaryBase.reopened, resolved: summaryBase.resolved, areas }, () => {
    const runId = insertReviewRun(engagement.db, { at, by: engagement.actor, trigger: options.trigger, scopeJson: canonicalJson({ sources: sources.map(({ source, rules }) => ({ source, rules })), parameters: ruleSummaries }) });
    apply(engagement, steps, runId, at);
    const summary: CheckSummary = { runId, ...summaryBase, current: countCurrentFindings(engagement.db) };
    finishReviewRun(engagement.db, runId, JSON.stringify(summary));
    return summary;
  });
}
