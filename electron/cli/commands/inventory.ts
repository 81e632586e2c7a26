import { InvalidArgumentError, Option } from 'commander';
import { FINDING_KINDS, type FindingKind } from '../../../shared/calc/inventory-types';
import { toCalculateJson } from '../../../shared/calc/inventory-json';
import { TRACE_SORT_COLUMNS, type TraceSortColumn } from '../../../shared/calc/trace';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, resultsStatusMessage, type ResultsStatus } from '../../../shared/contract';
import {
  calculateInventory,
  inventoryResults,
  listFindings,
  recalculateInventory,
  setSite,
  traceBreakdown,
  traceFigure,
} from '../../engine/inventory/service';
import { percentOption, type CliIo, type CommandSet } from '../context';
import { printFindings, printInventory, printTrace } from './inventory-report';

const yesNo = (value: string | undefined) => (value === undefined ? undefined : value === 'yes');

function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) throw new InvalidArgumentError(`expected a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`);
    return number;
  };
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}

/** Out-of-date results are said so on stderr too, where a reader of piped JSON still sees it. */
function warnIfStale(status: ResultsStatus, io: CliIo, json: boolean): void {
  const message = resultsStatusMessage(status);
  if (message !== null && status.state === 'stale' && json) io.err(`Warning: ${message}\n`);
}

const pageOptions = {
  page: new Option('--page <n>', 'page to show, from 1').argParser(wholeNumber(1)).default(1),
  pageSize: new Option('--page-size <n>', `rows per page (at most ${MAX_PAGE_SIZE})`).argParser(wholeNumber(1, MAX_PAGE_SIZE)).default(DEFAULT_PAGE_SIZE),
};

/** site, calculate, results, recalculate, trace, findings: the boundary, the figures, their lineage and what could not be calculated. */
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

  for (const [name, description, run] of [
    ['calculate', 'calculate and store Scope 1, 2 (location and market), 3, net, biogenic, avoided, PUE and clean share per fiscal year (kept as stored when nothing changed)', calculateInventory],
    ['results', 'show the stored results without calculating, and whether they are out of date', inventoryResults],
  ] as const) {
    program
      .command(name)
      .description(description)
      .argument('<engagement>', 'engagement file')
      .option('--json', 'print the documented JSON document (docs/calculate-json.md)')
      .option('--by-site', 'include each site’s figures')
      .action(async (file: string, options: { json?: boolean; bySite?: boolean }) => {
        const results = await withEngagement(file, (engagement) => run(engagement));
        warnIfStale(results.status, io, options.json ?? false);
        if (options.json) io.out(`${JSON.stringify(toCalculateJson(results, { bySite: options.bySite ?? false }), null, 2)}\n`);
        else printInventory(results, { bySite: options.bySite ?? false, engagement: file }, io.out);
      });
  }

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
    .description('show the stored lines of one figure, a page at a time: records, unit conversions, factor versions, source rows')
    .argument('<engagement>', 'engagement file')
    .requiredOption('--figure <figure>', 'e.g. FY2023.scope1, FY2023.scope2_market, FY2023.scope3.6')
    .option('--site <name>', 'only this site’s lines')
    .option('--activity <key>', 'only this activity’s lines, e.g. electricity')
    .option('--source-file <id>', 'only lines of records imported from this source file (its id in the register)', wholeNumber(1))
    .option('--from <date>', 'only records whose period ends on or after this date', isoDate)
    .option('--to <date>', 'only records whose period starts on or before this date', isoDate)
    .addOption(new Option('--sort <column>', 'order of the lines').choices(TRACE_SORT_COLUMNS).default('record'))
    .option('--desc', 'largest first')
    .addOption(pageOptions.page)
    .addOption(pageOptions.pageSize)
    .addOption(new Option('--subtotal <by>', 'subtotals by site or activity').choices(['site', 'activity']))
    .addOption(new Option('--by <period>', 'also break the lines down by fiscal quarter or month').choices(['quarter', 'month']))
    .option('--json', 'print JSON')
    .action(async (file: string, options: {
      figure: string; site?: string; activity?: string; sourceFile?: number; from?: string; to?: string; sort: TraceSortColumn; desc?: boolean; page: number; pageSize: number;
      subtotal?: 'site' | 'activity'; by?: 'quarter' | 'month'; json?: boolean;
    }) => {
      const filters = {
        figure: options.figure,
        ...(options.site === undefined ? {} : { site: options.site }),
        ...(options.activity === undefined ? {} : { activity: options.activity }),
        ...(options.sourceFile === undefined ? {} : { sourceFileId: options.sourceFile }),
        ...(options.from === undefined ? {} : { periodFrom: options.from }),
        ...(options.to === undefined ? {} : { periodTo: options.to }),
      };
      const query = { ...filters, sort: options.sort, descending: options.desc ?? false, page: options.page - 1, pageSize: options.pageSize, ...(options.subtotal ? { subtotalBy: options.subtotal } : {}) };
      const { page, breakdown } = await withEngagement(file, (engagement) => ({
        page: traceFigure(engagement, query),
        breakdown: options.by ? traceBreakdown(engagement, filters) : null,
      }));
      warnIfStale(page.status, io, options.json ?? false);
      if (options.json) io.out(`${JSON.stringify(breakdown ? { ...page, quarters: breakdown.quarters, months: breakdown.months } : page, null, 2)}\n`);
      else printTrace(page, breakdown && options.by ? { by: options.by, parts: options.by === 'quarter' ? breakdown.quarters : breakdown.months } : null, io.out);
    });

  program
    .command('findings')
    .description('list the findings of the stored results one by one, a page at a time')
    .argument('<engagement>', 'engagement file')
    .addOption(new Option('--kind <kind>', 'only findings of this kind').choices(FINDING_KINDS))
    .option('--cause <id>', 'only findings of this cause (its id in `calculate --json`)', wholeNumber(1))
    .addOption(pageOptions.page)
    .addOption(pageOptions.pageSize)
    .option('--json', 'print JSON')
    .action(async (file: string, options: { kind?: FindingKind; cause?: number; page: number; pageSize: number; json?: boolean }) => {
      const page = await withEngagement(file, (engagement) => listFindings(engagement, {
        ...(options.kind === undefined ? {} : { kind: options.kind }),
        ...(options.cause === undefined ? {} : { causeId: options.cause }),
        page: options.page - 1,
        pageSize: options.pageSize,
      }));
      warnIfStale(page.status, io, options.json ?? false);
      if (options.json) io.out(`${JSON.stringify(page, null, 2)}\n`);
      else printFindings(page, io.out);
    });
};
