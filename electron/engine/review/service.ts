/**
 * The review feature: data-quality checks (on demand and after each import), the findings an
 * auditor works through (from the rules, the calculation and every other source), samples for
 * vouching, and sign-off per area. The only entry the API handlers, the CLI and the other features
 * (import runs a check after each import; export writes the findings, samples and sign-offs) use.
 */
import type { z } from 'zod';
import { RULES, ruleByName, ruleParameters } from '../../../shared/review/rules';
import type { CheckSummary, FindingView, ReviewStatus, RuleView, SampleView, SignOffView } from '../../../shared/review/views';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { checkedRuleNames, parametersFor, type CheckOptions } from './check';
import { startReviewJob } from './review-job';
import { listSamples, type SampleInput } from './sampling';
import { reviewStatus } from './sign-off';
import { deleteRuleSetting, iterateFindings, selectLatestRunSummaryJson, selectRuleSettings, selectSignOffHistory, upsertRuleSetting } from './store';

export { findingDetail, listFindings, updateFinding, type FindingUpdate } from './findings';
export { listSamples, vouchSampleItem, SAMPLE_POPULATIONS, type SampleInput, type SamplePopulation, type Vouching } from './sampling';
export { areaSignOffs, reviewStatus, signOffArea } from './sign-off';

function connection(engagement: Engagement) {
  return { engagementPath: engagement.filePath, actor: engagement.actor, nativeBinding: engagement.context.nativeBinding };
}

/** Runs the rules (all, or those named) and merges what they find into the findings, on a worker; logged. */
export async function checkEngagement(engagement: Engagement, options: CheckOptions): Promise<CheckSummary> {
  checkedRuleNames(options.rules);
  engagement.refuseIfFinalised('review.check');
  return (await startReviewJob({ op: 'check', options, ...connection(engagement) }).result).summary;
}

/** Draws a sample on a worker (MUS and calculation lines need the inventory calculated); logged. */
export async function drawSample(engagement: Engagement, input: SampleInput): Promise<SampleView> {
  engagement.refuseIfFinalised('sample.draw');
  return (await startReviewJob({ op: 'sample', input, ...connection(engagement) }).result).sample;
}

/** What the last check reported, or null before the first. */
export function latestCheck(engagement: Engagement): CheckSummary | null {
  const json = selectLatestRunSummaryJson(engagement.reader);
  return json ? (JSON.parse(json) as CheckSummary) : null;
}

function ruleView(rule: (typeof RULES)[number], overrides: Readonly<Record<string, unknown>>): RuleView {
  const defaults = ruleParameters(rule, {});
  const current = ruleParameters(rule, overrides);
  const values = current.ok ? current.value : defaults.ok ? defaults.value : {};
  const shape = rule.parameters.shape as Record<string, z.ZodType>;
  return {
    name: rule.name, title: rule.title, doc: rule.doc, severity: rule.severity,
    parameters: Object.entries(shape).map(([name, schema]) => ({
      name, description: schema.description ?? '', value: values[name], defaultValue: defaults.ok ? defaults.value[name] : undefined,
    })),
  };
}

/** Every rule with its documentation and the parameters this engagement runs it with. */
export function listRules(engagement: Engagement): RuleView[] {
  const settings = selectRuleSettings(engagement.reader);
  return RULES.map((rule) => ruleView(rule, settings.get(rule.name) ?? {}));
}

/**
 * Sets some of a rule's parameters for this engagement (checked against the rule; the others keep
 * their values), or with `reset` returns it to its defaults; logged. The next check uses them.
 */
export function setRuleParameters(engagement: Engagement, name: string, parameters: Readonly<Record<string, unknown>>, reset = false): RuleView {
  const rule = ruleByName(name);
  if (!rule) throw new EngineError('invalid-input', `No rule named '${name}': the rules are ${RULES.map((candidate) => candidate.name).join(', ')}`);
  const before = selectRuleSettings(engagement.reader).get(name) ?? {};
  const after = reset ? {} : { ...before, ...parameters };
  const checked = ruleParameters(rule, after);
  if (!checked.ok) throw new EngineError('invalid-input', `Invalid parameters for ${checked.reason}`);
  engagement.change('review.setRuleParameters', { rule: name, before, after, areas: [] }, () => {
    if (reset) deleteRuleSetting(engagement.db, name);
    else upsertRuleSetting(engagement.db, name, after, new Date().toISOString(), engagement.actor);
  });
  return ruleView(rule, after);
}

/** The rules' parameters as the engagement's next check will run them (for a report). */
export function ruleParametersInForce(engagement: Engagement): Map<string, Record<string, unknown>> {
  const parameters = parametersFor(engagement);
  return new Map(RULES.map((rule) => [rule.name, parameters(rule)]));
}

/** What the audited workbook shows of the review. */
export interface ReviewForExport {
  /** Every finding, current and no longer found, by a cursor. */
  findings(): Iterable<FindingView>;
  readonly samples: readonly SampleView[];
  /** Every sign-off given, superseded ones included, oldest first. */
  readonly signOffHistory: readonly Omit<SignOffView, 'changesSince'>[];
  readonly status: ReviewStatus;
}

export function reviewForExport(engagement: Engagement): ReviewForExport {
  return {
    findings: () => iterateFindings(engagement.reader),
    samples: listSamples(engagement),
    signOffHistory: selectSignOffHistory(engagement.reader),
    status: reviewStatus(engagement),
  };
}
