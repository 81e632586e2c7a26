/** `carbon-audit demo`: the sample engagement, built and exported through the same services as any other. */
import { rowCounts } from '../../../shared/import/row-counts';
import fs from 'node:fs';
import path from 'node:path';
import type { PeriodResult } from '../../../shared/calc/inventory-types';
import type { ReconciliationReport } from '../../../shared/reconcile/report';
import { evidencePackPathFor, startExport } from '../../engine/export/service';
import { buildSampleEngagement, SAMPLE_FILE_NAME, type SampleBuild } from '../../engine/sample/service';
import type { CommandSet } from '../context';
import { countOf } from '../../../shared/count-text';
import { FLAGGED_CLAIM_STATUSES } from '../../../shared/reconcile/claims';

const tonnes = (value: number | null) => (value === null ? '—' : value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const ratio = (value: number | null) => (value === null ? '—' : value.toFixed(3));

/** The figures the sample's story is about, first year against last. */
function headlines(first: PeriodResult, last: PeriodResult): string[] {
  const change = first.net && last.net !== null ? ` (${(((last.net - first.net) / first.net) * 100).toFixed(1)}%)` : '';
  const rows: [string, string, string][] = [
    ['Net (Scope 1 + market-based Scope 2), tCO2e', tonnes(first.net), `${tonnes(last.net)}${change}`],
    ['Scope 1, tCO2e', tonnes(first.scope1), tonnes(last.scope1)],
    ['Scope 2 location-based, tCO2e', tonnes(first.scope2Location), tonnes(last.scope2Location)],
    ['Scope 2 market-based, tCO2e', tonnes(first.scope2Market), tonnes(last.scope2Market)],
    ['Scope 3, tCO2e', tonnes(first.scope3), tonnes(last.scope3)],
    ['Avoided emissions (reported apart), tCO2e', tonnes(first.avoided), tonnes(last.avoided)],
    ['PUE (data centres)', ratio(first.metrics.pue), ratio(last.metrics.pue)],
    ['Data-centre clean-electricity share', percent(first.metrics.dataCentreCleanShare), percent(last.metrics.dataCentreCleanShare)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`  ${''.padEnd(width)}  ${first.label.padStart(12)}  ${last.label.padStart(12)}`, ...rows.map(([label, a, b]) => `  ${label.padEnd(width)}  ${a.padStart(12)}  ${b.padStart(12)}`)];
}

/** Reported figures that do not agree, and targets, each with the engine's reason. */
function reconciliationLines(report: ReconciliationReport): string[] {
  const flagged = report.claims.filter((claim) => FLAGGED_CLAIM_STATUSES.includes(claim.status));
  const count = (status: string) => report.claims.filter((claim) => claim.status === status).length;
  return [
    `Reported figures: ${report.claims.length} (${count('agreed')} agreed, ${count('within-tolerance')} within tolerance, ${flagged.length} flagged)`,
    ...flagged.map((claim) => `  ${claim.status}: ${claim.metric}, ${claim.period}: ${claim.reason}`),
    `Targets: ${report.targets.length}`,
    ...report.targets.map((target) => `  ${target.status}: ${target.name}: ${target.reason}`),
    ...(report.materiality.current ? [`Materiality ${report.materiality.current.period}: ${report.materiality.current.conclusionText}`] : []),
  ];
}

/** What the data-quality check left open, most severe first, for the auditor to work through. */
function reviewLines(build: Pick<SampleBuild, 'check' | 'openFindings'>): string[] {
  const { check, openFindings } = build;
  const shown = openFindings.findings;
  return [
    `Data-quality check: ${check.rules.length} rules; ${openFindings.total} open ${openFindings.total === 1 ? 'finding' : 'findings'} to work through`,
    ...shown.map((finding) => `  ${finding.severity}: ${finding.message}`),
    ...(openFindings.total > shown.length ? [`  … and ${openFindings.total - shown.length} more`] : []),
  ];
}

export const sampleCommands: CommandSet = (program, { io, engagementContext }) => {
  program
    .command('demo')
    .description('build the sample engagement in a folder (import, calculation, reconciliation, review), export its audited workbook and evidence pack, and print the headline figures')
    .argument('<dir>', 'folder to build it in (created if missing; an engagement already there is never overwritten)')
    .action(async (dir: string) => {
      fs.mkdirSync(dir, { recursive: true });
      const engagementPath = path.join(dir, SAMPLE_FILE_NAME);
      const build = await buildSampleEngagement(engagementPath, engagementContext(), { onStep: (step) => io.err(`${step}…\n`) });
      const { engagement, imports, inventory, reconciliation } = build;
      try {
        io.err('Exporting the audited workbook and the evidence pack…\n');
        const workbookPath = path.join(dir, `${path.basename(SAMPLE_FILE_NAME, '.carbonaudit')} audited.xlsx`);
        const exported = await startExport(engagement, { workbookPath, detail: 'full', evidencePackPath: evidencePackPathFor(workbookPath) }, () => undefined).result;
        const rejected = imports.flatMap((outcome) => outcome.rejected.map((row) => ({ fileName: outcome.fileName, ...row })));
        const rejectedRows = imports.reduce((sum, outcome) => sum + rowCounts(outcome).rejected, 0);
        const periods = inventory.periods;
        io.out(
          [
            `The sample engagement (${engagement.settings().entityName}, fictional) is built in ${dir}:`,
            `  Engagement        ${engagementPath}`,
            `  Audited workbook  ${exported.workbookPath}`,
            `  Evidence pack     ${exported.evidencePackPath}`,
            '',
            `Imported ${imports.length} sheets: ${imports.reduce((sum, outcome) => sum + outcome.recordsCreated, 0)} records; ${countOf(rejectedRows, 'row')} rejected${rejected.length === rejectedRows ? '' : ` (${countOf(rejected.length, 'reason')})`}:`,
            ...rejected.map((row) => `  ${row.fileName}, sheet '${row.sheet}' row ${row.rowNumber}: ${row.reason}`),
            '',
            'Headline figures',
            ...(periods.length >= 2 ? headlines(periods[0]!, periods[periods.length - 1]!) : []),
            '',
            ...reconciliationLines(reconciliation),
            '',
            ...reviewLines(build),
            '',
            `Calculation findings: ${inventory.findings.total}`,
            ...inventory.findings.groups.map((group) => `  ${group.count} × ${group.kind}: ${group.cause.length > 100 ? `${group.cause.slice(0, 99)}…` : group.cause}`),
            `Look closer: npx carbon-audit calculate "${engagementPath}" --by-site; open it in the app (npm start), or in your browser: npx carbon-audit serve "${engagementPath}"`,
            '',
          ].join('\n'),
        );
      } finally {
        engagement.close();
      }
    });
};
