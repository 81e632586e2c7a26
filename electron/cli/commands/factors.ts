import type { FactorSetSummary } from '../../../shared/contract';
import { libraryFolder, listFactorSets, loadFactorLibrary, shippedLibrary } from '../../engine/factors/service';
import type { CommandSet } from '../context';
import { oneLine } from '../terminal';

/** One line per factor set: which version, what it is, when it is valid, how many factors, and whether calculations use it. */
function factorSetLines(sets: readonly FactorSetSummary[]): string[] {
  if (sets.length === 0) return ['No factor sets: load the library (factors load-library) or import a factor file (import --kind factors).'];
  return [
    `${'id'.padStart(4)}  ${'set'.padEnd(28)}  ${'edition'.padEnd(16)}  ${'valid'.padEnd(23)}  ${'factors'.padStart(7)}  ${'origin'.padEnd(7)}  ${'used'.padEnd(26)}  source`,
    ...sets.map((set) =>
      `${String(set.id).padStart(4)}  ${oneLine(set.setKey).padEnd(28)}  ${oneLine(set.edition).padEnd(16)}  ${`${set.validFrom ?? '…'} to ${set.validTo ?? '…'}`.padEnd(23)}  ${String(set.factors).padStart(7)}  ${set.origin.padEnd(7)}  ${(set.frozen ? 'frozen for the calculation' : '-').padEnd(26)}  ${oneLine(set.publisher)}, ${oneLine(set.title)}`,
    ),
  ];
}

/** factors list and load-library: the engagement's emission-factor sets, each a version. */
export const factorCommands: CommandSet = (program, { io, withEngagement }) => {
  const factors = program
    .command('factors')
    .description('emission-factor sets, each kept as a version: list them, or load the default library (the first calculation freezes the versions it uses; recalculate moves to newer ones)');
  factors
    .command('list')
    .description('list the factor sets loaded: version, edition, validity, factor count, origin, and whether calculations use it')
    .argument('<engagement>', 'engagement file')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const sets = await withEngagement(file, listFactorSets);
      io.out(options.json ? `${JSON.stringify(sets, null, 2)}\n` : `${factorSetLines(sets).join('\n')}\n`);
    });
  factors
    .command('load-library')
    .description('add the default factor library (DESNZ 2020, EPA Hub 2025) to an engagement as new versions; results change only on recalculate')
    .argument('<engagement>', 'engagement file')
    .option('--dir <folder>', 'a library folder of factor-set JSON files (default: the one shipped with the app)')
    .action(async (file: string, options: { dir?: string }) => {
      const loads = await withEngagement(file, (engagement) => loadFactorLibrary(engagement, options.dir === undefined ? shippedLibrary() : libraryFolder(options.dir)));
      for (const load of loads) io.out(`${load.setKey} (${load.edition}): ${load.factors} factors ${load.added ? 'added as a new version' : 'already present (identical)'}\n`);
    });
};
