import { InvalidArgumentError, Option } from 'commander';
import fs from 'node:fs';
import { columnLetter } from '../../../shared/import/cell';
import { basisWarnings } from '../../../shared/import/column-checks';
import { MAPPING_KINDS, mappingSchema, type Mapping, type MappingKind } from '../../../shared/import/mapping';
import { EngineError, fileReadError } from '../../engine/errors';
import { findMappingTemplate, fitMappingToFile, listImportFindings, listMappingTemplates, previewFile, saveMappingTemplate, startImport, suggestedMappings } from '../../engine/import/service';
import type { Replacement } from '../../engine/sources/service';
import { EXIT_FAILED, type CommandSet } from '../context';
import { messageOf, oneLine, terminalSafe } from '../terminal';
import { printImportOutcome } from './import-report';

function readMappingFile(file: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EngineError('invalid-input', `Cannot read mapping ${file}: ${messageOf(fileReadError(file, error))}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new EngineError('invalid-input', `Mapping ${file} is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function sourceFileNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a source file number such as 3');
  return number;
}

/** A fuel's energy column with no calorific basis imports, but calculates to findings: said before, with what to set. */
function warnAboutBasis(mapping: Mapping, err: (text: string) => void): void {
  for (const warning of basisWarnings(mapping)) {
    err(`Warning: ${mapping.sheet === undefined ? '' : `${terminalSafe(oneLine(mapping.sheet))} › `}${terminalSafe(oneLine(warning.message))} (set "calorificBasis": "gross" or "net" on column ${columnLetter(warning.column)} in the mapping JSON, or write the unit as '${terminalSafe(oneLine(warning.unitText ?? 'kWh'))} gross')\n`);
  }
}

const kindOption = () => new Option('--kind <kind>', 'what the file holds').choices(MAPPING_KINDS).default('activity');

interface ImportOptions {
  readonly kind: MappingKind;
  readonly sheet?: string;
  readonly mapping?: string;
  readonly template?: string;
  readonly dryRun?: boolean;
  readonly allowDuplicate?: boolean;
  readonly allowEmpty?: boolean;
  readonly replaces?: number;
  readonly reason?: string;
  readonly json?: boolean;
}

/** The source file an import replaces, with the reason, which it needs; only one sheet can replace one file. */
function replacementOf(options: ImportOptions): Replacement | undefined {
  if (options.replaces === undefined) {
    if (options.reason !== undefined) throw new EngineError('invalid-input', '--reason goes with --replaces: say why the source file is replaced');
    return undefined;
  }
  if (options.reason === undefined || options.reason.trim() === '') throw new EngineError('invalid-input', '--replaces needs --reason: say why the source file is replaced');
  return { sourceFileId: options.replaces, reason: options.reason };
}

/** import, and mapping suggest / save / list / export: files into an engagement, and the mappings they are read with. */
export const importCommands: CommandSet = (program, { io, withEngagement }) => {
  program
    .command('import')
    .description('import a spreadsheet (.xlsx, .xlsm, .csv) into an engagement, in one transaction')
    .argument('<engagement>', 'engagement file')
    .argument('<file>', 'spreadsheet to import')
    .addOption(kindOption())
    .option('--sheet <name>', 'import only this sheet (default: every sheet, each with its own suggested mapping)')
    .option('--mapping <file>', 'a mapping JSON (see docs/mapping-format.md); default: the suggested mapping')
    .option('--template <name>', 'a mapping template saved in the engagement (e.g. last year’s)')
    .option('--dry-run', 'validate and print the control totals, commit nothing')
    .option('--allow-duplicate', 'import even if the same file (same SHA-256) was imported before')
    .option('--allow-empty', 'import even if nothing is created or more than half of the rows are rejected (refused otherwise)')
    .option('--replaces <source>', 'replace this source file (its number in the register): it is withdrawn in the import’s transaction, so both land or neither', sourceFileNumber)
    .option('--reason <text>', 'with --replaces: why the source file is replaced')
    .option('--json', 'print the outcome as JSON')
    .action(async (engagementFile: string, file: string, options: ImportOptions) => {
      const replaces = replacementOf(options);
      const outcomes = await withEngagement(engagementFile, async (engagement) => {
        if (options.mapping && options.template) throw new EngineError('invalid-input', 'Give either --mapping or --template, not both');
        const chosen = options.mapping ? readMappingFile(options.mapping) : options.template ? findMappingTemplate(engagement, options.template).mapping : null;
        const fitted = chosen ? await fitMappingToFile(file, chosen, options.sheet) : null;
        if (fitted?.note) io.err(`Note: ${fitted.note}; its headers are checked against this sheet's.\n`);
        const mappings = fitted ? [fitted.mapping] : await suggestedMappings(engagement, file, options.kind, options.sheet);
        if (replaces && mappings.length > 1) throw new EngineError('invalid-input', `--replaces replaces one source file with one sheet, and ${file} has ${mappings.length} with a table: name it with --sheet`);
        const done = [];
        for (const mapping of mappings) {
          warnAboutBasis(mapping, io.err);
          const showProgress = process.stderr.isTTY && !options.json;
          const job = startImport(engagement, { filePath: file, mapping, dryRun: options.dryRun, allowDuplicate: options.allowDuplicate, allowEmpty: options.allowEmpty, replaces }, (progress) => {
            if (!showProgress) return;
            const percent = progress.totalBytes > 0 ? Math.round((100 * progress.bytesRead) / progress.totalBytes) : 0;
            process.stderr.write(`\rImporting ${terminalSafe(oneLine(mapping.sheet ?? ''))}: ${progress.rowsRead} rows, ${percent}%   `);
          });
          const stop = () => job.cancel();
          process.once('SIGINT', stop);
          try {
            done.push(await job.result);
          } finally {
            process.removeListener('SIGINT', stop);
            if (showProgress) process.stderr.write('\r\x1b[K');
          }
        }
        return done;
      });
      if (options.json) io.out(`${JSON.stringify(outcomes.length === 1 ? outcomes[0] : outcomes, null, 2)}\n`);
      else for (const outcome of outcomes) printImportOutcome(outcome, io.out);
      // Nothing imported is not success: a sheet that falls short fails the command (a dry run too, as it predicts the import).
      const fellShort = options.allowEmpty ? [] : outcomes.filter((outcome) => outcome.shortfall !== null);
      if (fellShort.length > 0) {
        const what = fellShort.map((outcome) => `${outcome.sheets.map((sheet) => sheet.sheet).join(', ') || outcome.fileName}: ${outcome.shortfall}`).join('; ');
        io.err(`Error: not imported: ${what}. Nothing was committed; check the mapping, or pass --allow-empty to import anyway.\n`);
        process.exitCode = EXIT_FAILED;
      }
    });

  program
    .command('import-findings')
    .description('list what imports found in the data: twin columns (one quantity in two units) that disagree or hold a value the imported column lacks')
    .argument('<engagement>', 'engagement file')
    .option('--source <id>', 'only the findings of this source file (its number in the register)', sourceFileNumber)
    .option('--json', 'print JSON')
    .action(async (engagementFile: string, options: { source?: number; json?: boolean }) => {
      const findings = await withEngagement(engagementFile, (engagement) => listImportFindings(engagement, options.source));
      if (options.json) {
        io.out(`${JSON.stringify(findings, null, 2)}\n`);
        return;
      }
      if (findings.length === 0) io.out('No import findings.\n');
      for (const finding of findings) {
        io.out(`#${finding.id} ${oneLine(finding.fileName)} › ${oneLine(finding.sheet)} › row ${finding.rowNumber}, column ${columnLetter(finding.column)} against ${columnLetter(finding.comparedColumn)}: ${finding.kind}: ${oneLine(finding.message)}\n`);
      }
    });

  const mapping = program.command('mapping').description('mapping templates: how a sheet’s columns become records');
  mapping
    .command('suggest')
    .description('print the suggested mapping for a file as JSON, to edit and pass to import --mapping')
    .argument('<file>', 'spreadsheet')
    .addOption(kindOption())
    .option('--sheet <name>', 'sheet to suggest for (default: the first)')
    .action(async (file: string, options: { kind: MappingKind; sheet?: string }) => {
      const preview = await previewFile(null, file, options.kind, options.sheet);
      if (!preview.mapping) throw new EngineError('refused', `No table found in sheet '${preview.sheet}': ${preview.tableProblem}`);
      io.out(`${JSON.stringify(preview.mapping, null, 2)}\n`);
      for (const column of preview.columns) io.err(`column ${column.column + 1} '${oneLine(column.header)}': ${column.role} (${column.confidence}) ${oneLine(column.reason)}\n`);
      warnAboutBasis(preview.mapping, io.err);
    });
  mapping
    .command('save')
    .description('save a mapping JSON as a named template in the engagement (replaces one of that name; logged)')
    .argument('<engagement>', 'engagement file')
    .argument('<file>', 'mapping JSON')
    .requiredOption('--name <name>', 'template name, e.g. "Site energy workbook"')
    .action(async (engagementFile: string, file: string, options: { name: string }) => {
      const template = await withEngagement(engagementFile, (engagement) => saveMappingTemplate(engagement, options.name, readMappingFile(file)));
      io.out(`Saved mapping template '${template.name}' (${template.kind})\n`);
    });
  mapping
    .command('list')
    .description('list the mapping templates saved in an engagement')
    .argument('<engagement>', 'engagement file')
    .action(async (engagementFile: string) => {
      const templates = await withEngagement(engagementFile, listMappingTemplates);
      for (const template of templates) io.out(`${oneLine(template.name)}\t${template.kind}\t${oneLine(template.mapping.sheet ?? '(every sheet)')}\tsaved ${template.savedAt} by ${oneLine(template.savedBy)}\n`);
    });
  mapping
    .command('export')
    .description('print a saved mapping template as JSON (to reuse in another engagement or next year)')
    .argument('<engagement>', 'engagement file')
    .argument('<name>', 'template name')
    .action(async (engagementFile: string, name: string) => {
      const template = await withEngagement(engagementFile, (engagement) => findMappingTemplate(engagement, name));
      io.out(`${JSON.stringify(template.mapping, null, 2)}\n`);
    });
};
