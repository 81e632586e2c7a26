import { libraryFolder, loadFactorLibrary, shippedLibrary } from '../../engine/factors/service';
import type { CommandSet } from '../context';

/** factors load-library: emission-factor sets as versions. */
export const factorCommands: CommandSet = (program, { io, withEngagement }) => {
  const factors = program.command('factors').description('emission-factor sets: versions, library, freezing');
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
