import { InvalidArgumentError, type Command } from 'commander';
import type { Engagement, EngagementContext } from '../engine/engagement/handle';
import { appDataDir, engagementSummary, openEngagement, platformAppDataDir } from '../engine/engagement/service';

/** Exit codes: 0 success, 1 the engine refused or a check failed, 2 bad command-line usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** What every feature's commands get: where to write, who acts, and the engagement named on the command line. */
export interface CliContext {
  readonly io: CliIo;
  /** The global --actor option. */
  actor(): string;
  /** Who acts, and this machine's app-data folder (the platform's, or CARBON_AUDIT_APP_DATA), where the audit witness is kept. */
  engagementContext(): EngagementContext;
  /**
   * Opens the engagement (checked and migrated on a worker), runs `run` on it, and closes it. A
   * log shorter than, or forking from, what this machine saw is a warning on stderr.
   */
  withEngagement<T>(file: string, run: (engagement: Engagement) => T | Promise<T>): Promise<T>;
}

/** One feature's commands, added to the program. */
export type CommandSet = (program: Command, context: CliContext) => void;

export function cliContext(program: Command, io: CliIo): CliContext {
  const actor = () => program.opts<{ actor: string }>().actor;
  const engagementContext = () => ({ actor: actor(), appDataDir: appDataDir(platformAppDataDir()) });
  return {
    io,
    actor,
    engagementContext,
    async withEngagement(file, run) {
      const engagement = await openEngagement(file, engagementContext());
      const { auditWitness } = engagementSummary(engagement);
      if (auditWitness.status === 'cut' || auditWitness.status === 'forked') io.err(`Warning: ${auditWitness.finding.message}\n`);
      try {
        return await run(engagement);
      } finally {
        engagement.close();
      }
    },
  };
}

/** '40' or '40%' as a number from `min` to 100. */
export function percentOption(min: 'zero' | 'above-zero'): (value: string) => number {
  return (value) => {
    const number = Number(value.replace(/%$/, ''));
    const ok = Number.isFinite(number) && number <= 100 && (min === 'zero' ? number >= 0 : number > 0);
    if (!ok) throw new InvalidArgumentError('expected a percentage between 0 and 100');
    return number;
  };
}
