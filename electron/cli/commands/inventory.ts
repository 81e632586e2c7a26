import { Option } from 'commander';
import { toCalculateJson } from '../../../shared/calc/inventory-json';
import { calculateInventory, recalculateInventory, setSite, traceFigure } from '../../engine/inventory/service';
import { percentOption, type CommandSet } from '../context';
import { printInventory, printTrace } from './inventory-report';

const yesNo = (value: string | undefined) => (value === undefined ? undefined : value === 'yes');

/** site, calculate, recalculate, trace: the boundary, the figures and their lineage. */
export const inventoryCommands: CommandSet = (program, { io, withEngagement }) => {
  program
    .command('site')
    .description('set a site’s boundary: ownership, control, data centre, region')
    .argument('<engagement>', 'engagement file')
    .argument('<name>', 'site name as it appears in the records')
    .option('--ownership <percent>', 'equity share, 0-100', percentOption('zero'))
    .addOption(new Option('--operational-control <yes|no>').choices(['yes', 'no']))
    .addOption(new Option('--financial-control <yes|no>').choices(['yes', 'no']))
    .addOption(new Option('--data-centre <yes|no>').choices(['yes', 'no']))
    .option('--region <region>', 'grid region for location-based factors, e.g. UK or CAMX')
    .action(async (file: string, name: string, options: { ownership?: number; operationalControl?: string; financialControl?: string; dataCentre?: string; region?: string }) => {
      const site = await withEngagement(file, (engagement) => setSite(engagement, name, {
        ownershipPercent: options.ownership, operationalControl: yesNo(options.operationalControl), financialControl: yesNo(options.financialControl),
        isDataCentre: yesNo(options.dataCentre), region: options.region,
      }));
      io.out(`${site.name}: ownership ${site.ownershipPercent}%, operational control ${site.operationalControl ? 'yes' : 'no'}, financial control ${site.financialControl ? 'yes' : 'no'}, data centre ${site.isDataCentre ? 'yes' : 'no'}, region ${site.region ?? '-'}\n`);
    });

  program
    .command('calculate')
    .description('Scope 1, 2 (location and market), 3, net, biogenic, avoided, PUE and clean share per fiscal year')
    .argument('<engagement>', 'engagement file')
    .option('--json', 'print the documented JSON document (docs/calculate-json.md)')
    .option('--by-site', 'include each site’s figures')
    .action(async (file: string, options: { json?: boolean; bySite?: boolean }) => {
      const summary = await withEngagement(file, calculateInventory);
      if (options.json) io.out(`${JSON.stringify(toCalculateJson(summary, { bySite: options.bySite ?? false }), null, 2)}\n`);
      else printInventory(summary, { bySite: options.bySite ?? false }, io.out);
    });

  program
    .command('recalculate')
    .description('recalculate on the newest factor versions, re-freeze them, and print and log what changed')
    .argument('<engagement>', 'engagement file')
    .action(async (file: string) => {
      const changes = await withEngagement(file, recalculateInventory);
      if (changes.length === 0) io.out('No figure changed.\n');
      for (const change of changes) io.out(`${change.period} ${change.figure}: ${change.before ?? 'null'} -> ${change.after ?? 'null'}\n`);
    });

  program
    .command('trace')
    .description('show the lineage of one figure: records, unit conversions, factor versions, source rows')
    .argument('<engagement>', 'engagement file')
    .requiredOption('--figure <figure>', 'e.g. FY2023.scope1, FY2023.scope2_market, FY2023.scope3.6')
    .option('--site <name>', 'only this site’s part of the figure')
    .addOption(new Option('--by <period>', 'also break the figure down by fiscal quarter or month').choices(['quarter', 'month']))
    .option('--json', 'print JSON')
    .action(async (file: string, options: { figure: string; site?: string; by?: 'quarter' | 'month'; json?: boolean }) => {
      const trace = await withEngagement(file, (engagement) => traceFigure(engagement, options.figure, options.site));
      if (options.json) io.out(`${JSON.stringify(trace, null, 2)}\n`);
      else printTrace(trace, options.by ?? null, io.out);
    });
};
