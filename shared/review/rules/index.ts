/**
 * The data-quality rules, in the order they run and are listed. A rule is one module's pure
 * function of the engagement's review data and its parameters; a new rule is one line here.
 */
import type { z } from 'zod';
import { duplicatesRule, nearDuplicatesRule } from './duplicates';
import { gapsRule } from './gaps';
import { gwpBasisRule } from './gwp-basis';
import { pueInputsRule } from './metric-inputs';
import { monthlyOutlierRule, yearOnYearRule } from './outliers';
import { boundaryRule, factorCoverageRule, outOfPeriodRule, quantitiesRule, unitChangesRule } from './records';
import { engagementPeriods } from './series';
import { cellFormsRule, totalsRowsRule } from './source-cells';
import type { ReviewData, ReviewRule, RuleFinding } from './types';

export const RULES: readonly ReviewRule[] = [
  duplicatesRule,
  nearDuplicatesRule,
  gapsRule,
  yearOnYearRule,
  monthlyOutlierRule,
  quantitiesRule,
  unitChangesRule,
  outOfPeriodRule,
  boundaryRule,
  factorCoverageRule,
  gwpBasisRule,
  pueInputsRule,
  cellFormsRule,
  totalsRowsRule,
];

export const RULE_NAMES: readonly string[] = RULES.map((rule) => rule.name);

export function ruleByName(name: string): ReviewRule | undefined {
  return RULES.find((rule) => rule.name === name);
}

/** A rule's parameters: its defaults with the engagement's settings over them; an error names what does not fit. */
export function ruleParameters(rule: ReviewRule, overrides: Readonly<Record<string, unknown>>): { ok: true; value: z.output<ReviewRule['parameters']> } | { ok: false; reason: string } {
  const parsed = rule.parameters.strict().safeParse(overrides);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: `${rule.name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'parameters'}: ${issue.message}`).join('; ')}` };
}

export interface RuleRun {
  readonly rule: ReviewRule;
  readonly findings: readonly RuleFinding[];
}

/** Runs the named rules (default: all) with their parameters over one engagement's data. */
export function runRules(data: ReviewData, parameters: (rule: ReviewRule) => z.output<ReviewRule['parameters']>, names: readonly string[] = RULE_NAMES): RuleRun[] {
  const context = { periods: engagementPeriods(data.records, data.fiscal) };
  return RULES.filter((rule) => names.includes(rule.name)).map((rule) => ({ rule, findings: rule.run(data, parameters(rule), context) }));
}

export type { ReviewData, ReviewRecord, ReviewRule, RuleFinding } from './types';
