import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import fs from 'node:fs';
import os from 'node:os';
import { MAPPING_KINDS, mappingSchema, type Mapping, type MappingKind } from '../../shared/import/mapping';
import { MONTH_NAMES } from '../../shared/settings';
import { printImportOutcome } from './report';
import { startImportJob } from '../engine/workers/jobs';
import { previewImport } from '../engine/import/preview';
import { listMappingTemplates, saveMappingTemplate } from '../engine/import/registers';
import { openSource } from '../engine/import/readers';
import { DESNZ_DATA_SHEET } from '../../shared/factors/desnz';
import { EPA_HUB_SHEET } from '../../shared/factors/epa-hub';
import { toCalculateJson } from '../../shared/calc/inventory-json';
import { calculate, recalculate } from '../engine/inventory/calculate';
import { libraryFolder, loadFactorLibrary, shippedLibrary } from '../engine/inventory/library';
import { setSite } from '../engine/inventory/boundary';
import { traceFigure } from '../engine/inventory/trace';
import { printInventory, printTrace } from './inventory-report';
import { auditEntries } from '../engine/audit-log';
import { Engagement } from '../engine/engagement';
import { EngineError } from '../engine/errors';
import { APP_VERSION } from '../engine/version';
import { registerExportCommands } from './commands/export';

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
    .option('--region <region>', 'default grid region for location-based factors, e.g. UK')
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
          defaultRegion: (options.region as string | undefined) ?? null,
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

  program
    .command('import')
    .description('import a spreadsheet (.xlsx, .xlsm, .csv) into an engagement, in one transaction')
    .argument('<engagement>', 'engagement file')
    .argument('<file>', 'spreadsheet to import')
    .addOption(new Option('--kind <kind>', 'what the file holds').choices(MAPPING_KINDS).default('activity'))
    .option('--sheet <name>', 'import only this sheet (default: every sheet, each with its own suggested mapping)')
    .option('--mapping <file>', 'a mapping JSON (see docs/mapping-format.md); default: the suggested mapping')
    .option('--template <name>', 'a mapping template saved in the engagement (e.g. last year’s)')
    .option('--dry-run', 'validate and print the control totals, commit nothing')
    .option('--allow-duplicate', 'import even if the same file (same SHA-256) was imported before')
    .option('--json', 'print the outcome as JSON')
    .action(async (engagementFile: string, file: string, options: { kind: MappingKind; sheet?: string; mapping?: string; template?: string; dryRun?: boolean; allowDuplicate?: boolean; json?: boolean }) => {
      const actor = program.opts<{ actor: string }>().actor;
      const engagement = Engagement.open(engagementFile, { actor });
      try {
        if (options.mapping && options.template) throw new EngineError('invalid-input', 'Give either --mapping or --template, not both');
        const chosen = options.mapping ? readMappingFile(options.mapping) : options.template ? mappingTemplate(engagement, options.template).mapping : null;
        const mappings = chosen
          ? [options.sheet ? { ...chosen, sheet: options.sheet } : chosen]
          : await suggestedMappings(file, options.kind, options.sheet, engagement);
        const outcomes = [];
        for (const mapping of mappings) {
          const job = startImportJob(
            { engagementPath: engagementFile, request: { filePath: file, mapping, actor, settings: engagement.settings(), dryRun: options.dryRun, allowDuplicate: options.allowDuplicate } },
            (progress) => {
              if (process.stderr.isTTY && !options.json) {
                const percent = progress.totalBytes > 0 ? Math.round((100 * progress.bytesRead) / progress.totalBytes) : 0;
                process.stderr.write(`\rImporting ${mapping.sheet ?? ''}: ${progress.rowsRead} rows, ${percent}%   `);
              }
            },
          );
          const stop = () => job.cancel();
          process.once('SIGINT', stop);
          try {
            outcomes.push(await job.result);
          } finally {
            process.removeListener('SIGINT', stop);
            if (process.stderr.isTTY && !options.json) process.stderr.write('\r\x1b[K');
          }
        }
        if (options.json) io.out(`${JSON.stringify(outcomes.length === 1 ? outcomes[0] : outcomes, null, 2)}\n`);
        else for (const outcome of outcomes) printImportOutcome(outcome, io.out);
      } finally {
        engagement.close();
      }
    });

  const factors = program.command('factors').description('emission-factor sets: versions, library, freezing');
  factors
    .command('load-library')
    .description('add the default factor library (DESNZ 2020, EPA Hub 2025) to an engagement as new versions; results change only on recalculate')
    .argument('<engagement>', 'engagement file')
    .option('--dir <folder>', 'a library folder of factor-set JSON files (default: the one shipped with the app)')
    .action((file: string, options: { dir?: string }) => {
      const loads = withEngagement(file, (engagement) => loadFactorLibrary(engagement, options.dir === undefined ? shippedLibrary() : libraryFolder(options.dir)));
      for (const load of loads) io.out(`${load.setKey} (${load.edition}): ${load.factors} factors ${load.added ? 'added as a new version' : 'already present (identical)'}\n`);
    });

  program
    .command('site')
    .description('set a site’s boundary: ownership, control, data centre, region')
    .argument('<engagement>', 'engagement file')
    .argument('<name>', 'site name as it appears in the records')
    .option('--ownership <percent>', 'equity share, 0-100', (value: string) => {
      const number = Number(value.replace(/%$/, ''));
      if (!Number.isFinite(number) || number < 0 || number > 100) throw new InvalidArgumentError('expected a percentage between 0 and 100');
      return number;
    })
    .addOption(new Option('--operational-control <yes|no>').choices(['yes', 'no']))
    .addOption(new Option('--financial-control <yes|no>').choices(['yes', 'no']))
    .addOption(new Option('--data-centre <yes|no>').choices(['yes', 'no']))
    .option('--region <region>', 'grid region for location-based factors, e.g. UK or CAMX')
    .action((file: string, name: string, options: { ownership?: number; operationalControl?: string; financialControl?: string; dataCentre?: string; region?: string }) => {
      const yes = (value: string | undefined) => (value === undefined ? undefined : value === 'yes');
      const site = withEngagement(file, (engagement) => setSite(engagement, name, {
        ownershipPercent: options.ownership, operationalControl: yes(options.operationalControl), financialControl: yes(options.financialControl),
        isDataCentre: yes(options.dataCentre), region: options.region,
      }));
      io.out(`${site.name}: ownership ${site.ownershipPercent}%, operational control ${site.operationalControl ? 'yes' : 'no'}, financial control ${site.financialControl ? 'yes' : 'no'}, data centre ${site.isDataCentre ? 'yes' : 'no'}, region ${site.region ?? '-'}\n`);
    });

  program
    .command('calculate')
    .description('Scope 1, 2 (location and market), 3, net, biogenic, avoided, PUE and clean share per fiscal year')
    .argument('<engagement>', 'engagement file')
    .option('--json', 'print the documented JSON document (docs/calculate-json.md)')
    .option('--by-site', 'include each site’s figures')
    .action((file: string, options: { json?: boolean; bySite?: boolean }) => {
      const result = withEngagement(file, (engagement) => calculate(engagement));
      if (options.json) io.out(`${JSON.stringify(toCalculateJson(result, { bySite: options.bySite ?? false }), null, 2)}\n`);
      else printInventory(result, { bySite: options.bySite ?? false }, io.out);
    });

  program
    .command('recalculate')
    .description('recalculate on the newest factor versions, re-freeze them, and print and log what changed')
    .argument('<engagement>', 'engagement file')
    .action((file: string) => {
      const { changes } = withEngagement(file, (engagement) => recalculate(engagement));
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
    .action((file: string, options: { figure: string; site?: string; by?: 'quarter' | 'month'; json?: boolean }) => {
      const trace = withEngagement(file, (engagement) => traceFigure(engagement, options.figure, options.site));
      if (options.json) io.out(`${JSON.stringify(trace, null, 2)}\n`);
      else printTrace(trace, options.by ?? null, io.out);
    });

  const mapping = program.command('mapping').description('mapping templates: how a sheet’s columns become records');
  mapping
    .command('suggest')
    .description('print the suggested mapping for a file as JSON, to edit and pass to import --mapping')
    .argument('<file>', 'spreadsheet')
    .addOption(new Option('--kind <kind>', 'what the file holds').choices(MAPPING_KINDS).default('activity'))
    .option('--sheet <name>', 'sheet to suggest for (default: the first)')
    .action(async (file: string, options: { kind: MappingKind; sheet?: string }) => {
      const preview = await previewImport(null, file, options.kind, { sheet: options.sheet });
      if (!preview.mapping) throw new EngineError('refused', `No table found in sheet '${preview.sheet}': ${preview.tableProblem}`);
      io.out(`${JSON.stringify(preview.mapping, null, 2)}\n`);
      for (const column of preview.columns) io.err(`column ${column.column + 1} '${column.header}': ${column.role} (${column.confidence}) ${column.reason}\n`);
    });
  mapping
    .command('save')
    .description('save a mapping JSON as a named template in the engagement (replaces one of that name; logged)')
    .argument('<engagement>', 'engagement file')
    .argument('<file>', 'mapping JSON')
    .requiredOption('--name <name>', 'template name, e.g. "Site energy workbook"')
    .action((engagementFile: string, file: string, options: { name: string }) => {
      const template = withEngagement(engagementFile, (engagement) => saveMappingTemplate(engagement, options.name, readMappingFile(file)));
      io.out(`Saved mapping template '${template.name}' (${template.kind})\n`);
    });
  mapping
    .command('list')
    .description('list the mapping templates saved in an engagement')
    .argument('<engagement>', 'engagement file')
    .action((engagementFile: string) => {
      const templates = withEngagement(engagementFile, (engagement) => listMappingTemplates(engagement));
      for (const template of templates) io.out(`${template.name}\t${template.kind}\t${template.mapping.sheet ?? '(every sheet)'}\tsaved ${template.savedAt} by ${template.savedBy}\n`);
    });
  mapping
    .command('export')
    .description('print a saved mapping template as JSON (to reuse in another engagement or next year)')
    .argument('<engagement>', 'engagement file')
    .argument('<name>', 'template name')
    .action((engagementFile: string, name: string) => {
      const template = withEngagement(engagementFile, (engagement) => mappingTemplate(engagement, name));
      io.out(`${JSON.stringify(template.mapping, null, 2)}\n`);
    });

  registerExportCommands(program, io);

  return program;
}

function mappingTemplate(engagement: Engagement, name: string) {
  const template = listMappingTemplates(engagement).find((candidate) => candidate.name === name);
  if (!template) throw new EngineError('not-found', `No mapping template named '${name}' in this engagement (see \`carbon-audit mapping list\`)`);
  return template;
}

function readMappingFile(file: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EngineError('invalid-input', `Cannot read mapping ${file}: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new EngineError('invalid-input', `Mapping ${file} is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Published factor files are recognised by their data sheet; anything else gets a suggested mapping per sheet. */
async function suggestedMappings(file: string, kind: MappingKind, sheet: string | undefined, engagement: Engagement): Promise<Mapping[]> {
  const sheets = sheet ? [sheet] : await (await openSource(file)).sheetNames();
  if (kind === 'factors' && !sheet) {
    const published = sheets.find((name) => name === DESNZ_DATA_SHEET || name === EPA_HUB_SHEET);
    if (published) {
      return [{ version: 1, kind, sheet: published, table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 0 }, layout: 'long', columns: [], decimalSeparator: '.' }];
    }
  }
  const mappings: Mapping[] = [];
  for (const name of sheets) {
    const preview = await previewImport(engagement.db, file, kind, { sheet: name });
    if (!preview.mapping) {
      if (sheet) throw new EngineError('refused', `No table found in sheet '${name}': ${preview.tableProblem}`);
      continue;
    }
    const valid = mappingSchema.safeParse(preview.mapping);
    if (!valid.success) {
      throw new EngineError('refused', `The suggested mapping for sheet '${name}' is incomplete (${valid.error.issues.map((issue) => issue.message).join('; ')}): run \`carbon-audit mapping suggest\`, edit it and pass --mapping`);
    }
    mappings.push(valid.data);
  }
  if (mappings.length === 0) throw new EngineError('refused', `No table found in any sheet of ${file}`);
  return mappings;
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
