import { InvalidArgumentError, Option, type Command } from 'commander';
import { toBridgeJson } from '../../../shared/reconcile/bridge';
import { toReconcileJson } from '../../../shared/reconcile/report';
import { TARGET_KINDS, type TargetKind } from '../../../shared/reconcile/targets';
import { EngineError } from '../../engine/errors';
import {
  confirmClaimMatch,
  confirmTargetReading,
  listAdjustments,
  proposeAdjustment,
  reconcile,
  saveClaimMatchesAsTemplate,
  varianceBridge,
  withdrawAdjustment,
  type ReconcilePhase,
} from '../../engine/reconcile/service';
import type { CliContext, CommandSet } from '../context';
import { describeAdjustment } from '../../../shared/reconcile/adjustments';
import { adjustmentLines, printBridge, printReconciliation } from './reconcile-report';

const PHASE_TEXT: Readonly<Record<ReconcilePhase, string>> = {
  calculating: 'Calculating the inventory as imported and after the proposed adjustments…',
  reconciling: 'Comparing claims and targets…',
};

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive whole number');
  return number;
}

function finiteNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new InvalidArgumentError('expected a number');
  return number;
}

function fiscalYear(value: string): string {
  const match = /^(?:FY)?(\d{4})$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a fiscal year such as FY2023');
  return `FY${match[1]}`;
}

const collect = (value: string, previous: number[] = []) => [...previous, positiveInteger(value)];

/** reconcile, bridge: the report and the year-on-year bridge. */
function reportCommands(program: Command, { io, withEngagement }: CliContext): void {
  program
    .command('reconcile')
    .description('reported figures and targets against the recomputed inventory: claims, targets, adjustments, misstatement summary and conclusion')
    .argument('<engagement>', 'engagement file')
    .option('--json', 'print the documented JSON document (docs/reconcile-json.md)')
    .action(async (file: string, options: { json?: boolean }) => {
      const report = await withEngagement(file, (engagement) => reconcile(engagement, (phase) => io.err(`${PHASE_TEXT[phase]}\n`)));
      if (options.json) io.out(`${JSON.stringify(toReconcileJson(report), null, 2)}\n`);
      else printReconciliation(report, io.out);
    });

  program
    .command('bridge')
    .description('decompose a figure’s change between two fiscal years by site or activity, into volume and factor effects that add up exactly')
    .argument('<engagement>', 'engagement file')
    .requiredOption('--figure <id>', 'an emissions figure: scope1, scope2_location, scope2_market, scope3, net, scope3.6…')
    .requiredOption('--from <FY>', 'the earlier fiscal year, e.g. FY2022', fiscalYear)
    .requiredOption('--to <FY>', 'the later fiscal year, e.g. FY2023', fiscalYear)
    .addOption(new Option('--by <dimension>', 'lines per site or per activity').choices(['site', 'activity']).default('site'))
    .option('--site <name>', 'only this site’s part of the figure')
    .option('--uncorrected', 'the figures as imported, not after the proposed adjustments')
    .option('--json', 'print JSON (docs/reconcile-json.md)')
    .action(async (file: string, options: { figure: string; from: string; to: string; by: 'site' | 'activity'; site?: string; uncorrected?: boolean; json?: boolean }) => {
      const request = { figure: options.figure, from: options.from, to: options.to, by: options.by, ...(options.site ? { site: options.site } : {}), uncorrected: options.uncorrected ?? false };
      const bridge = await withEngagement(file, (engagement) => varianceBridge(engagement, request));
      if (options.json) io.out(`${JSON.stringify(toBridgeJson(bridge), null, 2)}\n`);
      else printBridge(bridge, io.out);
    });
}

/** claims match|template, targets read: the auditor's decisions about what each claim and target is. */
function decisionCommands(program: Command, { io, withEngagement }: CliContext): void {
  const claims = program.command('claims').description('confirm or change what each reported figure is about');
  claims
    .command('match')
    .description('confirm or change the figure a claim is about (logged); "none" for a claim about no figure of the inventory, with --note')
    .argument('<engagement>', 'engagement file')
    .argument('<claim>', 'claim id (see carbon-audit reconcile)', positiveInteger)
    .argument('<figure>', 'figure id: scope1, scope2_location, scope2_market, scope3, scope3.6, net, scope1_2_location, pue, clean_share, data_centre_clean_share, intensity.revenue.currency:GBP, or none')
    .option('--note <text>', 'why (required with none)')
    .action(async (file: string, claim: number, figure: string, options: { note?: string }) => {
      const decision = await withEngagement(file, (engagement) => confirmClaimMatch(engagement, claim, figure === 'none' ? null : figure, options.note ?? null));
      io.out(`Claim ${claim}: ${decision.figure ?? 'about no figure of the inventory'} (confirmed by ${decision.decidedBy})\n`);
    });
  claims
    .command('template')
    .description('save a claims file’s mapping with the confirmed matches as a template, so next year’s claims are matched alike')
    .argument('<engagement>', 'engagement file')
    .argument('<source-file>', 'the claims file’s source-file number (carbon-audit import reports it)', positiveInteger)
    .requiredOption('--name <name>', 'template name')
    .action(async (file: string, sourceFile: number, options: { name: string }) => {
      const template = await withEngagement(file, (engagement) => saveClaimMatchesAsTemplate(engagement, sourceFile, options.name));
      io.out(`Saved template '${template.name}' with ${Object.keys(template.mapping.figureMatches ?? {}).length} figure matches\n`);
    });

  program
    .command('targets')
    .description('targets: confirm or change what one is')
    .command('read')
    .description('confirm or change a target’s figure and kind (logged)')
    .argument('<engagement>', 'engagement file')
    .argument('<target>', 'target id (see carbon-audit reconcile)', positiveInteger)
    .argument('<figure>', 'figure id, e.g. net, scope1, pue, data_centre_clean_share')
    .addArgument(program.createArgument('<kind>', 'kind of target').choices(TARGET_KINDS))
    .action(async (file: string, target: number, figure: string, kind: TargetKind) => {
      await withEngagement(file, (engagement) => confirmTargetReading(engagement, target, figure, kind));
      io.out(`Target ${target}: ${figure}, ${kind}\n`);
    });
}

interface ProposeOptions {
  kind: 'exclude-record' | 'correct-record' | 'replace-factor' | 'add-record';
  reason: string;
  record?: number;
  quantity?: number;
  unit?: string;
  factor?: number;
  replacement?: number;
  site?: string;
  activity?: string;
  meaning?: string;
  start?: string;
  end?: string;
  category?: number;
  region?: string;
  instrument?: string;
  claim?: number[];
}

function need<T>(value: T | undefined, option: string, kind: string): T {
  if (value === undefined) throw new EngineError('invalid-input', `--kind ${kind} needs ${option}`);
  return value;
}

/** The adjustment's details from the command line's options, for the service to check. */
function detailsOf(options: ProposeOptions): unknown {
  const { kind } = options;
  switch (kind) {
    case 'exclude-record':
      return { kind, recordId: need(options.record, '--record', kind) };
    case 'correct-record':
      return { kind, recordId: need(options.record, '--record', kind), ...(options.quantity === undefined ? {} : { quantity: options.quantity }), ...(options.unit === undefined ? {} : { unit: options.unit }) };
    case 'replace-factor':
      return { kind, factorId: need(options.factor, '--factor', kind), replacementFactorId: need(options.replacement, '--replacement', kind) };
    case 'add-record':
      return {
        kind,
        record: {
          site: options.site ?? null,
          periodStart: need(options.start, '--start', kind),
          periodEnd: need(options.end, '--end', kind),
          activity: need(options.activity, '--activity', kind),
          meaning: options.meaning ?? 'consumption',
          quantity: need(options.quantity, '--quantity', kind),
          unit: need(options.unit, '--unit', kind),
          scope3Category: options.category ?? null,
          region: options.region ?? null,
          instrument: options.instrument ?? null,
        },
      };
  }
}

/** adjust propose|list|withdraw: proposed corrections, apart from the source data. */
function adjustCommands(program: Command, { io, withEngagement }: CliContext): void {
  const adjust = program.command('adjust').description('proposed corrections, kept apart from the source data: propose, list, withdraw');
  adjust
    .command('propose')
    .description('propose a correction (logged with who, when and why)')
    .argument('<engagement>', 'engagement file')
    .addOption(new Option('--kind <kind>', 'what it corrects').choices(['exclude-record', 'correct-record', 'replace-factor', 'add-record']).makeOptionMandatory())
    .requiredOption('--reason <text>', 'why: the evidence for the correction')
    .option('--record <id>', 'exclude-record, correct-record: the record', positiveInteger)
    .option('--quantity <number>', 'correct-record, add-record: the quantity', finiteNumber)
    .option('--unit <unit>', 'correct-record, add-record: the unit, e.g. kWh, MWh, L, tCO2e')
    .option('--factor <id>', 'replace-factor: the factor used now', positiveInteger)
    .option('--replacement <id>', 'replace-factor: the factor to use instead', positiveInteger)
    .option('--site <name>', 'add-record: the site')
    .option('--activity <key>', 'add-record: the activity key, e.g. diesel, electricity')
    .option('--meaning <meaning>', 'add-record: consumption (default), instrument, metric, avoided or denominator')
    .option('--start <date>', 'add-record: first day, e.g. 2022-04-01')
    .option('--end <date>', 'add-record: last day, e.g. 2022-04-30')
    .option('--category <n>', 'add-record: Scope 3 category 1-15', positiveInteger)
    .option('--region <region>', 'add-record: grid region')
    .option('--instrument <name>', 'add-record: contractual instrument')
    .option('--claim <id>', 'the claim it is proposed from (repeatable)', collect)
    .action(async (file: string, options: ProposeOptions) => {
      const adjustment = await withEngagement(file, (engagement) => proposeAdjustment(engagement, { details: detailsOf(options), reason: options.reason, claimIds: options.claim ?? [] }));
      io.out(`Proposed adjustment #${adjustment.id}: ${describeAdjustment(adjustment)}\n`);
    });
  adjust
    .command('list')
    .description('every adjustment, active and withdrawn')
    .argument('<engagement>', 'engagement file')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const adjustments = await withEngagement(file, listAdjustments);
      io.out(options.json ? `${JSON.stringify(adjustments, null, 2)}\n` : `${adjustmentLines(adjustments).join('\n')}\n`);
    });
  adjust
    .command('withdraw')
    .description('withdraw an adjustment: it stays on record and corrects nothing (logged)')
    .argument('<engagement>', 'engagement file')
    .argument('<adjustment>', 'adjustment id', positiveInteger)
    .requiredOption('--reason <text>', 'why it is withdrawn')
    .action(async (file: string, id: number, options: { reason: string }) => {
      await withEngagement(file, (engagement) => withdrawAdjustment(engagement, id, options.reason));
      io.out(`Withdrew adjustment #${id}\n`);
    });
}

export const reconcileCommands: CommandSet = (program, context) => {
  reportCommands(program, context);
  decisionCommands(program, context);
  adjustCommands(program, context);
};
