import { Command, CommanderError, InvalidArgumentError } from 'commander';
import os from 'node:os';
import { MONTH_NAMES } from '../../shared/settings';
import { auditEntries } from '../engine/audit-log';
import { Engagement } from '../engine/engagement';
import { EngineError } from '../engine/errors';
import { APP_VERSION } from '../engine/version';

/** Exit codes: 0 success, 1 the engine refused or a check failed, 2 bad command-line usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const PROCESS_IO: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

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

function parsePercent(value: string): number {
  const number = Number(value.replace(/%$/, ''));
  if (!Number.isFinite(number) || number <= 0 || number > 100) throw new InvalidArgumentError('expected a percentage between 0 and 100');
  return number;
}

export function buildProgram(io: CliIo = PROCESS_IO): Command {
  const program = new Command('carbon-audit')
    .description('Carbon Audit: import, recompute, reconcile and export audited GHG inventories, offline.')
    .version(APP_VERSION)
    .option('--actor <name>', 'who is acting, recorded in the audit log', defaultActor())
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  const withEngagement = <T>(file: string, run: (engagement: Engagement) => T): T => {
    const engagement = Engagement.open(file, { actor: program.opts<{ actor: string }>().actor });
    try {
      return run(engagement);
    } finally {
      engagement.close();
    }
  };

  program
    .command('init')
    .description('create a new engagement file')
    .argument('<file>', 'engagement file to create (e.g. group-fy2024.carbonaudit)')
    .requiredOption('--entity <name>', 'reporting entity name')
    .requiredOption('--fy-start <month>', 'first month of the fiscal year (1-12 or name)', parseMonth)
    .option('--fy-label <rule>', 'label a fiscal year by the calendar year it ends in (end-year) or starts in (start-year)', 'end-year')
    .option('--base-year <FY>', 'base year, e.g. FY2020', parseFiscalLabel)
    .option('--consolidation <approach>', 'operational-control | financial-control | equity-share', 'operational-control')
    .option('--gwp <basis>', 'AR4 | AR5 | AR6', 'AR5')
    .option('--materiality <percent>', 'materiality as % of total emissions', parsePercent, 5)
    .option('--assurance <level>', 'limited | reasonable', 'limited')
    .action((file: string, options: Record<string, unknown>) => {
      const materiality = options.materiality as number;
      const engagement = Engagement.create(
        file,
        {
          entityName: options.entity as string,
          fiscalYearStartMonth: options.fyStart as number,
          fiscalYearLabelRule: options.fyLabel as never,
          baseYear: (options.baseYear as string | undefined) ?? null,
          consolidationApproach: options.consolidation as never,
          gwpBasis: options.gwp as never,
          materialityPercent: materiality,
          performanceMaterialityPercent: materiality * 0.75,
          clearlyTrivialPercent: materiality * 0.05,
          assuranceLevel: options.assurance as never,
        },
        { actor: program.opts<{ actor: string }>().actor },
      );
      const summary = engagement.summary();
      engagement.close();
      io.out(`Created ${summary.path} for ${summary.settings.entityName}\n`);
    });

  program
    .command('info')
    .description('show an engagement’s settings and audit-log head')
    .argument('<file>', 'engagement file')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean }) => {
      const summary = withEngagement(file, (engagement) => engagement.summary());
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
        `Assurance:      ${s.assuranceLevel}`,
        `Created:        ${summary.createdAt}`,
        `Schema version: ${summary.schemaVersion}`,
        `Audit log:      ${summary.auditEntries} entries, head ${summary.auditHeadHash}`,
      ];
      io.out(`${lines.join('\n')}\n`);
    });

  program
    .command('verify')
    .description('walk the audit log’s hash chain; exit 1 and name the first broken entry if it does not hold')
    .argument('<file>', 'engagement file')
    .action((file: string) => {
      const result = withEngagement(file, (engagement) => engagement.verifyAuditLog());
      if (result.intact) {
        io.out(`Audit log intact: ${result.entries} entries, head ${result.headHash}\n`);
      } else {
        io.err(`Audit log BROKEN at entry ${result.brokenAt}: ${result.reason}\n`);
        process.exitCode = EXIT_FAILED;
      }
    });

  program
    .command('log')
    .description('print the audit log')
    .argument('<file>', 'engagement file')
    .option('--json', 'print JSON lines')
    .action((file: string, options: { json?: boolean }) => {
      withEngagement(file, (engagement) => {
        let afterSeq = 0;
        for (;;) {
          const page = auditEntries(engagement.db, afterSeq, 500);
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

  return program;
}

/** Runs the CLI and returns the exit code, so tests can call it in-process. */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const program = buildProgram(io);
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof EngineError) {
      io.err(`Error: ${error.message}\n`);
      return error.code === 'invalid-input' ? EXIT_USAGE : EXIT_FAILED;
    }
    throw error;
  } finally {
    process.exitCode = undefined;
  }
}
