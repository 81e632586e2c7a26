import type { SourceChangeOutcome, SourceFileSummary } from '../../../shared/contract';
import { countOf } from '../../../shared/count-text';
import { listSourceFiles } from '../../engine/import/service';
import { reinstateSource, withdrawSource } from '../../engine/sources/service';
import type { CommandSet } from '../context';
import { oneLine } from '../terminal';
import { sourceFileNumber } from './import';
import { checkLines } from './review-report';

/** A file's standing in the register: in use, withdrawn (by whom, when, why, replaced by), or reinstated. */
export function sourceStatus(source: SourceFileSummary): string {
  const replaces = source.replaces === null ? '' : `; replaces #${source.replaces}`;
  const withdrawal = source.withdrawal;
  if (withdrawal === null) return `in use${replaces}`;
  const withdrawn = `${withdrawal.at} by ${oneLine(withdrawal.by)}: ${oneLine(withdrawal.reason)}${withdrawal.replacedBy === null ? '' : `; replaced by #${withdrawal.replacedBy}`}`;
  if (withdrawal.reinstated === null) return `WITHDRAWN ${withdrawn}${replaces}`;
  return `in use, reinstated ${withdrawal.reinstated.at} by ${oneLine(withdrawal.reinstated.by)}: ${oneLine(withdrawal.reinstated.reason)} (withdrawn ${withdrawn})${replaces}`;
}

function sourceLine(source: SourceFileSummary): string {
  const sheet = source.sheet === null ? '' : ` › ${oneLine(source.sheet)}`;
  return [
    `#${source.id} ${oneLine(source.fileName)}${sheet} (${source.kind}, ${source.format}), imported ${source.importedAt} by ${oneLine(source.importedBy)}`,
    `    SHA-256 ${source.sha256}; rows read ${source.rowsRead}, imported ${source.rowsImported}, rejected ${source.rowsRejected}`,
    `    ${sourceStatus(source)}`,
  ].join('\n');
}

function changeLines(outcome: SourceChangeOutcome, done: 'Withdrew' | 'Reinstated'): string[] {
  const moved = [countOf(outcome.records, 'record'), countOf(outcome.claims, 'claim'), countOf(outcome.targets, 'target')].join(', ');
  const lines = [
    `${done} source file #${outcome.sourceFileId} (${oneLine(outcome.fileName)}): ${moved} ${done === 'Withdrew' ? 'leave' : 'rejoin'} the calculation and reconciliation`,
    done === 'Withdrew' ? 'Its file, rows and records stay in the engagement; adjustments on its records stay on record and correct nothing while it is withdrawn.' : 'Adjustments on its records apply again.',
    'Stored results are out of date: run `carbon-audit calculate` (on the frozen factor versions).',
  ];
  if (outcome.check) lines.push('', ...checkLines(outcome.check));
  if (outcome.checkError) lines.push('', `The check afterwards failed (the change stands): ${outcome.checkError}`);
  return lines;
}

/** sources list / withdraw / reinstate: the source-file register and what counts in it. */
export const sourceCommands: CommandSet = (program, { io, withEngagement }) => {
  const sources = program.command('sources').description('the source-file register: list imported files, withdraw one from the calculation or reinstate it (logged)');
  sources
    .command('list')
    .description('every imported file with its SHA-256, row counts and whether it is in use or withdrawn (by whom, when, why)')
    .argument('<engagement>', 'engagement file')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const list = await withEngagement(file, listSourceFiles);
      if (options.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
      else io.out(list.length === 0 ? 'No source files.\n' : `${list.map(sourceLine).join('\n')}\n`);
    });
  for (const [name, description, reasonHelp, change, done] of [
    ['withdraw', 'withdraw an imported file: its records, claims and targets leave the calculation and reconciliation; the file, its rows and records stay on record (logged). To import a corrected file in its place, use import --replaces', 'why it is withdrawn, e.g. "column C is in MWh, not kWh"', withdrawSource, 'Withdrew'],
    ['reinstate', 'reinstate a withdrawn file: its records, claims and targets count again (logged)', 'why it is reinstated', reinstateSource, 'Reinstated'],
  ] as const) {
    sources
      .command(name)
      .description(description)
      .argument('<engagement>', 'engagement file')
      .argument('<source>', 'source file number in the register (see sources list)', sourceFileNumber)
      .requiredOption('--reason <text>', reasonHelp)
      .action(async (file: string, id: number, options: { reason: string }) => {
        const outcome = await withEngagement(file, (engagement) => change(engagement, id, options.reason));
        io.out(`${changeLines(outcome, done).join('\n')}\n`);
      });
  }
};
