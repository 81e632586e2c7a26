import { InvalidArgumentError } from 'commander';
import { DEFAULT_METRIC_TOLERANCES, DEFAULT_SETTINGS, MONTH_NAMES, type EngagementSettings, type EngagementSettingsInput } from '../../../shared/settings';
import { whatIfCopyText } from '../../../shared/audit-summary';
import type { AuditWitnessStatus } from '../../../shared/contract';
import { compareAuditHead, copyEngagement, createEngagement, describeMissingEntries, engagementSummary, listAuditEntries, updateSettings, verifyAuditLog, type HeadComparison, type KnownHead } from '../../engine/engagement/service';
import { EXIT_FAILED, EXIT_USAGE, percentOption, type CommandSet } from '../context';

function parseMonth(value: string): number {
  const asNumber = Number(value);
  if (Number.isInteger(asNumber) && asNumber >= 1 && asNumber <= 12) return asNumber;
  const index = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(value.toLowerCase()) && value.length >= 3);
  if (index >= 0) return index + 1;
  throw new InvalidArgumentError('expected a month number 1-12 or a month name such as April');
}

function parseFiscalLabel(value: string): string {
  const match = /^(?:FY)?(\d{4})$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a fiscal year such as FY2020');
  return `FY${match[1]}`;
}

type MetricTolerances = EngagementSettings['metricTolerances'];

/** 'pue=0.005' or 'clean_share=0.5' (percentage points), collected. */
function tolerance(value: string, previous: Partial<MetricTolerances> = {}): Partial<MetricTolerances> {
  const [metric = '', amount = ''] = value.split('=');
  const number = Number(amount);
  if (!Object.prototype.hasOwnProperty.call(DEFAULT_METRIC_TOLERANCES, metric) || amount.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new InvalidArgumentError(`expected ${Object.keys(DEFAULT_METRIC_TOLERANCES).join('|')}=<non-negative number>`);
  }
  return { ...previous, [metric]: number };
}

interface SettingsOptions {
  materiality?: number;
  performanceMateriality?: number;
  clearlyTrivial?: number;
  tolerance?: Partial<MetricTolerances>;
}

/** The settings with the changes asked for; a new materiality re-derives the thresholds not given with it. */
function changedSettings(current: EngagementSettings, options: SettingsOptions): EngagementSettingsInput {
  const rederive = options.materiality !== undefined;
  return {
    ...current,
    materialityPercent: options.materiality ?? current.materialityPercent,
    performanceMaterialityPercent: options.performanceMateriality ?? (rederive ? undefined : current.performanceMaterialityPercent),
    clearlyTrivialPercent: options.clearlyTrivial ?? (rederive ? undefined : current.clearlyTrivialPercent),
    metricTolerances: { ...current.metricTolerances, ...options.tolerance },
  };
}

function parseHash(value: string): string {
  if (!/^[0-9a-f]{64}$/i.test(value.trim())) throw new InvalidArgumentError('expected a SHA-256 head hash (64 hexadecimal digits)');
  return value.trim().toLowerCase();
}

function parseEntryCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('expected a whole number of entries');
  return count;
}

/** One line on what this machine's witness says of the log. */
function witnessLine(witness: AuditWitnessStatus): string {
  switch (witness.status) {
    case 'not-kept':
      return 'not kept';
    case 'first-seen':
      return 'first seen on this machine: its head is recorded from now on';
    case 'consistent':
      return `holds everything this machine saw (${witness.seen.entries} entries on ${witness.seen.seenAt})`;
    default:
      return `${witness.status === 'cut' ? 'CUT' : 'FORKED'}: ${witness.finding.message}`;
  }
}

/** Where a head recorded before stands in the log: a line for stdout, or a failure for stderr. */
function headCheck(comparison: HeadComparison, known: KnownHead): { readonly ok: boolean; readonly line: string } {
  switch (comparison.kind) {
    case 'contains': {
      const after = comparison.entries - comparison.knownAt;
      return { ok: true, line: `Known head is entry ${comparison.knownAt}${after === 0 ? ', the last entry' : `; ${after} ${after === 1 ? 'entry was' : 'entries were'} added after it`}` };
    }
    case 'cut':
      return { ok: false, line: `Audit log CUT: ${describeMissingEntries(comparison.missingFrom, comparison.missingTo)} (the log ends at entry ${comparison.entries}; the known head ${known.headHash} was entry ${comparison.missingTo})` };
    case 'forked':
      return { ok: false, line: `Audit log REWRITTEN: entry ${comparison.at} is not the known head ${known.headHash} (its hash is ${comparison.found})` };
    case 'not-found':
      return { ok: false, line: `Known head ${known.headHash} is NOT in the log's ${comparison.entries} entries: entries after it were cut, or the log was rewritten (give --entries to name the missing entries)` };
  }
}

/** init, info, copy, settings, verify, log: the engagement file, its settings and its audit log. */
export const engagementCommands: CommandSet = (program, { io, engagementContext, withEngagement }) => {
  program
    .command('init')
    .description('create a new engagement file')
    .argument('<file>', 'engagement file to create (e.g. group-fy2024.carbonaudit)')
    .requiredOption('--entity <name>', 'reporting entity name')
    .requiredOption('--fy-start <month>', 'first month of the fiscal year (1-12 or name)', parseMonth)
    .option('--fy-label <rule>', 'label a fiscal year by the calendar year it ends in (end-year) or starts in (start-year)', DEFAULT_SETTINGS.fiscalYearLabelRule)
    .option('--base-year <FY>', 'base year, e.g. FY2020', parseFiscalLabel)
    .option('--consolidation <approach>', 'operational-control | financial-control | equity-share', DEFAULT_SETTINGS.consolidationApproach)
    .option('--gwp <basis>', 'AR4 | AR5 | AR6', DEFAULT_SETTINGS.gwpBasis)
    .option('--materiality <percent>', 'materiality as % of total emissions (performance materiality and the clearly-trivial threshold follow from it)', percentOption('above-zero'), DEFAULT_SETTINGS.materialityPercent)
    .option('--assurance <level>', 'limited | reasonable', DEFAULT_SETTINGS.assuranceLevel)
    .option('--region <region>', 'default grid region for location-based factors, e.g. UK')
    .option('--instrument-matching <window>', 'market-based Scope 2: match instruments to consumption per fiscal-year (GHG Protocol) or per fiscal-month (stricter)', DEFAULT_SETTINGS.instrumentMatching)
    .option('--category15-investments', 'under a control approach, report the ownership share of sites outside control as Scope 3 category 15')
    .action((file: string, options: Record<string, unknown>) => {
      // Enumerated options are checked by the settings schema, which names the field it refuses.
      const settings = {
        entityName: options.entity,
        fiscalYearStartMonth: options.fyStart,
        fiscalYearLabelRule: options.fyLabel,
        baseYear: options.baseYear ?? null,
        consolidationApproach: options.consolidation,
        gwpBasis: options.gwp,
        materialityPercent: options.materiality,
        assuranceLevel: options.assurance,
        defaultRegion: options.region ?? null,
        instrumentMatching: options.instrumentMatching,
        category15Investments: options.category15Investments === true,
      } as EngagementSettingsInput;
      const engagement = createEngagement(file, settings, engagementContext());
      const summary = engagementSummary(engagement);
      engagement.close();
      io.out(`Created ${summary.path} for ${summary.settings.entityName}\n`);
    });

  program
    .command('info')
    .description('show an engagement’s settings and audit-log head')
    .argument('<file>', 'engagement file')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const summary = await withEngagement(file, engagementSummary);
      if (options.json) {
        io.out(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      const s = summary.settings;
      const lines = [
        `Engagement:     ${summary.path}`,
        `Entity:         ${s.entityName}`,
        `Fiscal year:    starts in ${MONTH_NAMES[s.fiscalYearStartMonth - 1]}, labelled by the ${s.fiscalYearLabelRule === 'end-year' ? 'year it ends in' : 'year it starts in'}`,
        `Base year:      ${s.baseYear ?? '(not set)'}`,
        `Consolidation:  ${s.consolidationApproach}`,
        `GWP basis:      ${s.gwpBasis}`,
        `Materiality:    ${s.materialityPercent}% (performance ${s.performanceMaterialityPercent}%, clearly trivial ${s.clearlyTrivialPercent}%)`,
        `Tolerances:     PUE ±${s.metricTolerances.pue}, clean share ±${s.metricTolerances.clean_share} pp, data-centre clean share ±${s.metricTolerances.data_centre_clean_share} pp`,
        `Assurance:      ${s.assuranceLevel}`,
        `Instruments:    matched per ${s.instrumentMatching}${s.category15Investments ? '; sites outside control reported as Scope 3 category 15' : ''}`,
        `Created:        ${summary.createdAt}`,
        `Schema version: ${summary.schemaVersion}`,
        `Engagement id:  ${summary.engagementId}`,
        `Audit log:      ${summary.auditEntries} entries, head ${summary.auditHeadHash}`,
        `Witness:        ${witnessLine(summary.auditWitness)}`,
        ...(summary.whatIfCopy === null ? [] : [`Origin:         ${whatIfCopyText(summary.whatIfCopy)}`]),
      ];
      io.out(`${lines.join('\n')}\n`);
    });

  program
    .command('copy')
    .description('copy an engagement into a new file to try something (a what-if): a new engagement whose audit log says what it was copied from, and why')
    .argument('<file>', 'engagement file to copy (only read)')
    .argument('<copy>', 'new engagement file for the copy')
    .requiredOption('--reason <text>', 'why the copy is made (recorded in its audit log)')
    .action(async (file: string, copyFile: string, options: { reason: string }) => {
      const summary = await withEngagement(file, async (engagement) => {
        const copy = await copyEngagement(engagement, copyFile, options.reason);
        try {
          return { original: engagementSummary(engagement), copy: engagementSummary(copy) };
        } finally {
          copy.close();
        }
      });
      io.out(
        `Copied ${summary.original.path} (engagement ${summary.original.engagementId}, audit log at entry ${summary.original.auditEntries}, head ${summary.original.auditHeadHash})\n` +
          `  to ${summary.copy.path}: a new engagement ${summary.copy.engagementId}; its audit log records where it came from and why\n`,
      );
    });

  program
    .command('settings')
    .description('change materiality and the tolerances reconciliation judges by (logged with before and after)')
    .argument('<file>', 'engagement file')
    .option('--materiality <percent>', 'materiality as % of total reported Scope 1 + 2 (performance materiality and the clearly-trivial threshold follow it unless given)', percentOption('above-zero'))
    .option('--performance-materiality <percent>', 'performance materiality as % of total reported Scope 1 + 2', percentOption('above-zero'))
    .option('--clearly-trivial <percent>', 'the clearly-trivial threshold as % of total reported Scope 1 + 2', percentOption('zero'))
    .option('--tolerance <metric=value>', 'a ratio’s or share’s tolerance: pue=0.005, clean_share=0.5, data_centre_clean_share=0.5 (shares in percentage points); repeatable', tolerance)
    .action(async (file: string, options: SettingsOptions) => {
      const summary = await withEngagement(file, (engagement) => updateSettings(engagement, changedSettings(engagementSummary(engagement).settings, options)));
      const s = summary.settings;
      const tolerances = Object.entries(s.metricTolerances).map(([metric, value]) => `${metric} ±${value}`).join(', ');
      io.out(`Materiality ${s.materialityPercent}%, performance materiality ${s.performanceMaterialityPercent}%, clearly trivial ${s.clearlyTrivialPercent}%; tolerances ${tolerances}\n`);
    });

  program
    .command('verify')
    .description('walk the audit log’s hash chain and compare it with what this machine saw of it; exit 1 and say what is wrong if it does not hold')
    .argument('<file>', 'engagement file')
    .option('--head <hash>', 'also check the log against a head recorded before (by an export, a sign-off, `info`): a cut or rewritten log fails', parseHash)
    .option('--entries <count>', 'the entry count recorded with that head, to name the entries missing from a cut log', parseEntryCount)
    .action(async (file: string, options: { head?: string; entries?: number }) => {
      if (options.entries !== undefined && options.head === undefined) {
        io.err('error: --entries goes with --head, the head it was recorded with\n');
        process.exitCode = EXIT_USAGE;
        return;
      }
      const known: KnownHead | undefined = options.head === undefined ? undefined : { headHash: options.head, entries: options.entries };
      const { result, head, witness } = await withEngagement(file, (engagement) => ({
        result: verifyAuditLog(engagement),
        head: known && headCheck(compareAuditHead(engagement, known), known),
        witness: engagementSummary(engagement).auditWitness,
      }));
      if (result.intact) {
        io.out(`Audit log intact: ${result.entries} entries, head ${result.headHash}\n`);
      } else {
        io.err(`Audit log BROKEN at entry ${result.brokenAt}: ${result.reason}\n`);
        process.exitCode = EXIT_FAILED;
      }
      if (head) {
        if (head.ok) io.out(`${head.line}\n`);
        else io.err(`${head.line}\n`);
        if (!head.ok) process.exitCode = EXIT_FAILED;
      }
      if (witness.status === 'cut' || witness.status === 'forked') {
        io.err(`Audit log does not hold what this machine saw of it: see the warning above\n`);
        process.exitCode = EXIT_FAILED;
      }
    });

  program
    .command('log')
    .description('print the audit log')
    .argument('<file>', 'engagement file')
    .option('--json', 'print JSON lines')
    .action(async (file: string, options: { json?: boolean }) => {
      await withEngagement(file, (engagement) => {
        let afterSeq = 0;
        for (;;) {
          const page = listAuditEntries(engagement, afterSeq, 500);
          if (page.length === 0) break;
          for (const entry of page) {
            io.out(options.json
              ? `${JSON.stringify(entry)}\n`
              : `#${entry.seq}  ${entry.at}  ${entry.actor}  ${entry.operation}  ${JSON.stringify(entry.params)}\n    ${entry.hash}\n`);
          }
          afterSeq = page[page.length - 1]!.seq;
        }
      });
    });
};
