/** `carbon-audit export` and `export-csv`: thin adapters over the export service. */
import { Argument, Option } from 'commander';
import type { ExportProgress } from '../../../shared/contract';
import { CSV_TABLES, exportTableCsv, startExport, type CsvTable, type DetailMode } from '../../engine/export/service';
import type { CliIo, CommandSet } from '../context';

const PHASE_WORDS: Readonly<Record<ExportProgress['phase'], string>> = {
  calculating: 'Calculating',
  writing: 'Writing',
  packing: 'Packing evidence',
  done: 'Done',
};

/** Progress on stderr: one updating line on a terminal, a line per phase and per tenth otherwise. */
function progressPrinter(io: CliIo): (progress: ExportProgress) => void {
  let lastPhase = '';
  let lastTenth = -1;
  return (progress) => {
    const rows = progress.totalRows > 0 ? ` ${progress.rowsWritten.toLocaleString('en-GB')} of ${progress.totalRows.toLocaleString('en-GB')} detail rows` : '';
    const text = `${PHASE_WORDS[progress.phase]}: ${Math.floor(progress.percent)}%${progress.phase === 'writing' ? rows : ''}`;
    if (process.stderr.isTTY) {
      io.err(`\r\x1b[K${text}`);
      if (progress.phase === 'done') io.err('\r\x1b[K');
      return;
    }
    const tenth = Math.floor(progress.percent / 10);
    if (progress.phase !== lastPhase || tenth !== lastTenth) io.err(`${text}\n`);
    lastPhase = progress.phase;
    lastTenth = tenth;
  };
}

/** export and export-csv: the audited workbook, its evidence pack, and tables as CSV. */
export const exportCommands: CommandSet = (program, { io, withEngagement }) => {
  program
    .command('export')
    .description('export the audited workbook (.xlsx): lead schedule, recalculation detail with live formulas, metrics, factors, sources, audit log, sign-off')
    .argument('<engagement>', 'engagement file')
    .argument('<out>', 'workbook to write (.xlsx); written beside itself under a temporary name and renamed when complete')
    .addOption(new Option('--detail <mode>', 'one detail row per calculation line (full) or per group of lines sharing factor and share (summary)').choices(['full', 'summary']).default('full'))
    .option('--evidence-pack <zip>', 'also write an evidence pack: the workbook, the source files kept as evidence, and a SHA-256 manifest')
    .action(async (engagementFile: string, out: string, options: { detail: DetailMode; evidencePack?: string }) => {
      const outcome = await withEngagement(engagementFile, async (engagement) => {
        const job = startExport(engagement, { workbookPath: out, detail: options.detail, evidencePackPath: options.evidencePack }, progressPrinter(io));
        const stop = () => job.cancel();
        process.once('SIGINT', stop);
        try {
          return await job.result;
        } finally {
          process.removeListener('SIGINT', stop);
        }
      });
      io.out(`Exported ${outcome.workbookPath} (${outcome.sheets.length} sheets, ${outcome.detailRows.toLocaleString('en-GB')} detail rows)\nSHA-256 ${outcome.workbookSha256}\n`);
      if (outcome.evidencePackPath) io.out(`Evidence pack ${outcome.evidencePackPath} (${outcome.evidenceFiles} source files)\nSHA-256 ${outcome.evidencePackSha256}\n`);
      io.out(`Audit log at export: ${outcome.auditEntries} entries, head ${outcome.auditHeadHash}\n`);
    });

  program
    .command('export-csv')
    .description('export one table as CSV (cells that could start a formula are prefixed with a quote)')
    .argument('<engagement>', 'engagement file')
    .addArgument(new Argument('<table>', 'which table').choices(CSV_TABLES))
    .argument('<out>', 'CSV file to write')
    .action(async (engagementFile: string, table: CsvTable, out: string) => {
      const rows = await withEngagement(engagementFile, (engagement) => exportTableCsv(engagement, table, out));
      io.out(`Exported ${rows.toLocaleString('en-GB')} rows of ${table} to ${out}\n`);
    });
};
