/**
 * check, rules, findings, finding, sample, samples, vouch, signoff, signoffs, finalise, unlock:
 * the review, as thin adapters over the review service (and the engagement's lock).
 */
import { InvalidArgumentError, Option } from 'commander';
import { FINDING_SEVERITIES, FINDING_SORTS, FINDING_SOURCES, FINDING_STATUSES, findingQuerySchema, findingSourceAndRule, type FindingStatus } from '../../../shared/review/findings';
import { SAMPLE_METHODS, SAMPLE_STRATIFICATIONS, type SampleMethod, type SampleStratification } from '../../../shared/review/sampling';
import { SIGN_OFF_AREAS, SIGN_OFF_ROLES, type SignOffArea, type SignOffRole } from '../../../shared/review/sign-off';
import { VOUCHING_RESULTS, type VouchingResult } from '../../../shared/review/vouching';
import { finaliseEngagement, unlockEngagement } from '../../engine/engagement/service';
import {
  checkEngagement, drawSample, findingDetail, listFindings, listRules, listSamples, reviewStatus, SAMPLE_POPULATIONS, setRuleParameters, signOffArea, updateFinding,
  vouchSampleItem, type SamplePopulation,
} from '../../engine/review/service';
import type { CommandSet } from '../context';
import { printCheck, printFinding, printFindings, printRules, printSample, printSignOff, printStatus } from './review-report';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return number;
}

/** 'gaps.withinSeriesOnly=true' → ['gaps', 'withinSeriesOnly', true]: the value read as JSON when it is JSON, else as text. */
function parameterSetting(text: string): [rule: string, name: string, value: unknown] {
  const match = /^([a-z0-9-]+)\.([A-Za-z0-9]+)=(.*)$/s.exec(text);
  if (!match) throw new InvalidArgumentError(`expected rule.parameter=value, e.g. outliers-year-on-year.thresholdPercent=20, not '${text}'`);
  let value: unknown = match[3];
  try {
    value = JSON.parse(match[3]!);
  } catch {
    // Plain text.
  }
  return [match[1]!, match[2]!, value];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export const reviewCommands: CommandSet = (program, { io, withEngagement }) => {
  program
    .command('check')
    .description('run the data-quality rules (all, or those named) and merge what they find into the findings; logged')
    .argument('<engagement>', 'engagement file')
    .option('--rule <name>', 'run only this rule (repeatable; see `carbon-audit rules`)', collect)
    .option('--json', 'print the check summary as JSON')
    .action(async (file: string, options: { rule?: string[]; json?: boolean }) => {
      const check = await withEngagement(file, (engagement) => checkEngagement(engagement, { rules: options.rule, trigger: 'on-demand' }));
      if (options.json) io.out(json(check));
      else printCheck(check, io.out);
    });

  program
    .command('rules')
    .description('list the data-quality rules with their documentation and parameters; --set changes a parameter for this engagement (logged)')
    .argument('<engagement>', 'engagement file')
    .option('--set <rule.parameter=value>', 'set a parameter, e.g. gaps.withinSeriesOnly=true (repeatable)', collect)
    .option('--reset <rule>', 'return a rule to its default parameters')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { set?: string[]; reset?: string; json?: boolean }) => {
      const rules = await withEngagement(file, (engagement) => {
        if (options.reset) setRuleParameters(engagement, options.reset, {}, true);
        const byRule = new Map<string, Record<string, unknown>>();
        for (const [rule, name, value] of (options.set ?? []).map(parameterSetting)) byRule.set(rule, { ...byRule.get(rule), [name]: value });
        for (const [rule, parameters] of byRule) setRuleParameters(engagement, rule, parameters);
        return listRules(engagement);
      });
      if (options.json) io.out(json(rules));
      else printRules(rules, io.out);
    });

  program
    .command('findings')
    .description('list findings from every source (rules, calculation, sampling…), filtered and sorted')
    .argument('<engagement>', 'engagement file')
    .addOption(new Option('--status <status>', 'only findings with this status').choices(FINDING_STATUSES))
    .addOption(new Option('--severity <severity>', 'only this severity').choices(FINDING_SEVERITIES))
    .addOption(new Option('--source <source>', "only findings from this source ('rule': the data-quality rules)").choices(FINDING_SOURCES))
    .option('--rule <name>', "only this rule, as the check's summary names it (gaps, outliers-monthly…; 'calculation' is every calculation finding, as --source calculation), or one calculation finding kind")
    .option('--site <name>', 'only this site')
    .addOption(new Option('--sort <key>', 'sort by').choices(FINDING_SORTS).default('severity'))
    .option('--desc', 'sort descending')
    .option('--all', 'include findings the latest check no longer raises')
    .option('--page <n>', 'page number, from 1', positiveInteger, 1)
    .option('--page-size <n>', 'findings per page', positiveInteger, 50)
    .option('--json', 'print the page as JSON')
    .action(async (file: string, options: { status?: FindingStatus; severity?: string; source?: string; rule?: string; site?: string; sort: string; desc?: boolean; all?: boolean; page: number; pageSize: number; json?: boolean }) => {
      const query = findingQuerySchema.parse({
        status: options.status, severity: options.severity, ...findingSourceAndRule(options), site: options.site, sort: options.sort, descending: options.desc ?? false,
        includeResolved: options.all ?? false, offset: (options.page - 1) * Math.min(options.pageSize, 1000), limit: Math.min(options.pageSize, 1000),
      });
      const page = await withEngagement(file, (engagement) => listFindings(engagement, query));
      if (options.json) io.out(json(page));
      else printFindings(page, io.out);
    });

  program
    .command('finding')
    .description('show one finding with its records, source rows and history; --status and --comment work it (logged)')
    .argument('<engagement>', 'engagement file')
    .argument('<id>', 'finding id', positiveInteger)
    .addOption(new Option('--status <status>', 'new status (needs --comment saying why)').choices(FINDING_STATUSES))
    .option('--comment <text>', 'a comment, or why the status changes')
    .option('--adjustment <id>', "the adjustment the finding led to (with --status adjusted)", positiveInteger)
    .option('--json', 'print JSON')
    .action(async (file: string, id: number, options: { status?: FindingStatus; comment?: string; adjustment?: number; json?: boolean }) => {
      const finding = await withEngagement(file, (engagement) =>
        options.status !== undefined || options.comment !== undefined || options.adjustment !== undefined
          ? updateFinding(engagement, id, { status: options.status, comment: options.comment, adjustmentId: options.adjustment })
          : findingDetail(engagement, id),
      );
      if (options.json) io.out(json(finding));
      else printFinding(finding, io.out);
    });

  program
    .command('sample')
    .description('draw a seeded sample for vouching: random, or monetary-unit (MUS) by tCO2e; logged')
    .argument('<engagement>', 'engagement file')
    .addOption(new Option('--method <method>', 'random or mus (by tCO2e)').choices(SAMPLE_METHODS).makeOptionMandatory())
    .requiredOption('--size <n>', 'items to select', positiveInteger)
    .requiredOption('--seed <seed>', 'a whole number: the same seed over the same population selects the same items')
    .addOption(new Option('--by <stratum>', 'stratify by site or activity').choices(SAMPLE_STRATIFICATIONS))
    .addOption(new Option('--population <population>', 'sample records or calculation lines').choices(SAMPLE_POPULATIONS).default('records'))
    .option('--json', 'print JSON')
    .action(async (file: string, options: { method: SampleMethod; size: number; seed: string; by?: SampleStratification; population: SamplePopulation; json?: boolean }) => {
      const sample = await withEngagement(file, (engagement) =>
        drawSample(engagement, { method: options.method, size: options.size, seed: options.seed, stratifyBy: options.by ?? null, population: options.population }),
      );
      if (options.json) io.out(json(sample));
      else printSample(sample, io.out);
    });

  program
    .command('samples')
    .description('list the samples drawn, with their items and vouching')
    .argument('<engagement>', 'engagement file')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const samples = await withEngagement(file, listSamples);
      if (options.json) io.out(json(samples));
      else for (const sample of samples) printSample(sample, io.out);
    });

  program
    .command('vouch')
    .description('record what vouching a sampled item against its evidence found; --finding makes a difference a finding (logged)')
    .argument('<engagement>', 'engagement file')
    .argument('<sample>', 'sample id', positiveInteger)
    .argument('<item>', 'item number in the sample', positiveInteger)
    .addOption(new Option('--result <result>', 'what vouching found').choices(VOUCHING_RESULTS).makeOptionMandatory())
    .option('--comment <text>', 'what was seen (required unless agreed)')
    .option('--finding', 'raise a finding for a difference')
    .action(async (file: string, sampleId: number, item: number, options: { result: VouchingResult; comment?: string; finding?: boolean }) => {
      const sample = await withEngagement(file, (engagement) => vouchSampleItem(engagement, sampleId, item, { result: options.result, comment: options.comment, raiseFinding: options.finding }));
      printSample(sample, io.out);
    });

  program
    .command('signoff')
    .description('sign an area off as its preparer or reviewer, at the audit log’s current head (logged)')
    .argument('<engagement>', 'engagement file')
    .addOption(new Option('--area <area>', 'what is signed off').choices(SIGN_OFF_AREAS).makeOptionMandatory())
    .addOption(new Option('--role <role>', 'preparer, or reviewer (someone else)').choices(SIGN_OFF_ROLES).makeOptionMandatory())
    .option('--comment <text>', 'a note with the sign-off')
    .action(async (file: string, options: { area: SignOffArea; role: SignOffRole; comment?: string }) => {
      const area = await withEngagement(file, (engagement) => signOffArea(engagement, options.area, options.role, options.comment));
      const signed = options.role === 'preparer' ? area.preparer! : area.reviewer!;
      io.out(`Signed off ${options.area} as ${options.role}: ${signed.actor} at ${signed.at}\nAudit log at entry ${signed.auditEntries}, head ${signed.auditHeadHash}\n`);
      printSignOff(area, io.out);
    });

  program
    .command('signoffs')
    .description('sign-off per area (and what changed since), whether the engagement is finalised, and its open findings')
    .argument('<engagement>', 'engagement file')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const status = await withEngagement(file, reviewStatus);
      if (options.json) io.out(json(status));
      else printStatus(status, io.out);
    });

  program
    .command('finalise')
    .description('make the engagement read-only: every change is refused, and the refusal logged, until it is unlocked')
    .argument('<engagement>', 'engagement file')
    .action(async (file: string) => {
      const lock = await withEngagement(file, finaliseEngagement);
      io.out(`Finalised by ${lock.actor} at ${lock.at}\nAudit log at entry ${lock.auditEntries}, head ${lock.auditHeadHash}\n`);
    });

  program
    .command('unlock')
    .description('make a finalised engagement changeable again; the reason is logged')
    .argument('<engagement>', 'engagement file')
    .requiredOption('--reason <text>', 'why it is unlocked')
    .action(async (file: string, options: { reason: string }) => {
      const lock = await withEngagement(file, (engagement) => unlockEngagement(engagement, options.reason));
      io.out(`Unlocked by ${lock.lastUnlock!.actor} at ${lock.lastUnlock!.at}: ${lock.lastUnlock!.reason}\n`);
    });
};
