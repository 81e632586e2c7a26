import type { PeriodPart } from '../../../shared/calc/breakdown';
import type { EmissionTotals, TonnesRange } from '../../../shared/calc/inventory-types';
import { resultsStatusMessage, type FindingGroup, type FindingsPage, type InventoryResults, type ResultsStatus, type TracePage } from '../../../shared/contract';
import { FIGURE_IDS, FIGURES, figureValue, scope3CategoryFigure, UNCATEGORISED, type EmissionFigure, type FigureKind, type MetricFigure } from '../../../shared/figures';
import { oneLine } from '../terminal';
import { describeAttributes } from '../../../shared/calc/attributes';
import { yearPueNote } from '../../../shared/reconcile/missing-inputs';

const tonnes = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const ratio = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-GB');

const t = (value: number | null) => (value === null ? '—' : tonnes.format(value));

const LABEL_WIDTH = 40;

const FORMATS: Readonly<Record<Exclude<FigureKind, 'intensity'>, (value: number | null) => string>> = {
  tco2e: (value) => `${t(value).padStart(16)} tCO2e`,
  ratio: (value) => (value === null ? '—' : ratio.format(value)).padStart(16),
  fraction: (value) => (value === null ? '—' : percent.format(value)).padStart(16),
};

function figureLine(figure: EmissionFigure | MetricFigure, totals: EmissionTotals, indent: string): string {
  return `${indent}${figure.label.padEnd(LABEL_WIDTH).slice(0, LABEL_WIDTH)}${FORMATS[figure.kind](figureValue(figure, totals))}`;
}

/** Every catalogue figure, with the Scope 3 categories under Scope 3. */
function figureLines(totals: EmissionTotals, indent: string): string[] {
  const lines: string[] = [];
  for (const id of FIGURE_IDS) {
    lines.push(figureLine(FIGURES[id], totals, indent));
    if (id !== 'scope3') continue;
    for (const key of Object.keys(totals.scope3ByCategory)) {
      lines.push(figureLine(scope3CategoryFigure(key === UNCATEGORISED ? null : Number(key)), totals, `${indent}  `));
    }
  }
  return lines;
}

/** 'Results of 2026-11-30T10:00:00Z by jo' or the out-of-date warning. */
function statusLines(status: ResultsStatus): string[] {
  const message = resultsStatusMessage(status);
  if (status.state === 'none') return [`No results: ${message}.`];
  const made = `Calculated ${status.calculatedAt} by ${status.calculatedBy} (inputs ${status.inputsSha256.slice(0, 12)})`;
  return message === null ? [made] : [`WARNING: ${message}.`, made];
}

function atStakeText(range: TonnesRange | null): string {
  if (range === null) return '';
  return range.low === range.high ? `${t(range.low)} tCO2e` : `${t(range.low)} to ${t(range.high)} tCO2e`;
}

function groupLine(group: FindingGroup): string {
  const stake = group.atStake === null ? '' : `; at stake ${atStakeText(group.atStake)}${group.atStakeKnown < group.count ? ` (known for ${count.format(group.atStakeKnown)})` : ''}`;
  const examples = group.examples.map((example) => example.recordId ?? '-').join(', ');
  return `  ${group.kind} × ${count.format(group.count)}: ${oneLine(group.cause)}${stake}\n    records ${examples}${group.count > group.examples.length ? ', …' : ''} (cause ${group.causeId})`;
}

export function printInventory(results: InventoryResults, options: { bySite: boolean; engagement: string }, out: (text: string) => void): void {
  const lines: string[] = [...statusLines(results.status)];
  if (results.factorSets.length > 0) lines.push(`On ${results.factorSets.join(', ')}; ${count.format(results.lines)} result lines`);
  lines.push('');
  for (const period of results.periods) {
    lines.push(`${period.label} (${period.start} to ${period.end})`, ...figureLines(period, '  '));
    // A PUE with no value, or over some data centres only, says why (as the workbook's Metrics sheet does).
    const pueNote = yearPueNote(period);
    if (pueNote !== null) lines.push(`  Note: ${oneLine(pueNote)}`);
    for (const intensity of period.intensities) {
      lines.push(`  Intensity per ${intensity.unit} of ${intensity.denominator}: net ${intensity.netTco2ePerUnit ?? '—'} tCO2e, location-based ${intensity.locationTco2ePerUnit ?? '—'} tCO2e (Σ ${intensity.quantity})`);
    }
    if (options.bySite) {
      for (const site of period.sites) lines.push(`  Site: ${oneLine(site.site ?? '(no site)')}${site.share !== 1 ? ` (share ${percent.format(site.share)})` : ''}${site.isDataCentre ? ' — data centre' : ''}`, ...figureLines(site, '    '));
    }
    lines.push('');
  }
  const { findings } = results;
  if (findings.total > 0) {
    lines.push(`Findings: ${count.format(findings.total)} in ${count.format(findings.groupsTotal)} ${findings.groupsTotal === 1 ? 'group' : 'groups'} (each record's: carbon-audit calculation-findings ${options.engagement} [--kind K] [--cause ID])`);
    for (const group of findings.groups) lines.push(groupLine(group));
    if (findings.groupsTotal > findings.groups.length) lines.push(`  … and ${count.format(findings.groupsTotal - findings.groups.length)} smaller groups: carbon-audit calculation-findings ${options.engagement} --kind K`);
  }
  out(`${lines.join('\n')}\n`);
}

function pageRange(page: number, pageSize: number, total: number): string {
  if (total === 0) return 'none';
  const first = page * pageSize + 1;
  const pages = Math.ceil(total / pageSize);
  return `${count.format(Math.min(first, total + 1))}–${count.format(Math.min(first + pageSize - 1, total))} of ${count.format(total)} (page ${page + 1} of ${count.format(pages)})`;
}

export function printTrace(page: TracePage, breakdown: { by: 'quarter' | 'month'; parts: readonly PeriodPart[] } | null, out: (text: string) => void): void {
  const { query } = page;
  const filters = [
    query.site && `site ${oneLine(query.site)}`, query.activity && `activity ${query.activity}`, query.sourceFileId && `source file ${query.sourceFileId}`,
    query.periodFrom && `from ${query.periodFrom}`, query.periodTo && `to ${query.periodTo}`,
  ].filter(Boolean);
  const lines = [
    ...statusLines(page.status).filter((line) => line.startsWith('WARNING')),
    `${page.figure}${filters.length > 0 ? ` (${filters.join(', ')})` : ''} = ${t(page.tco2e)} tCO2e from ${count.format(page.lineCount)} lines; lines ${pageRange(query.page, query.pageSize, page.lineCount)}`,
  ];
  for (const line of page.lines) {
    lines.push(
      `  record ${line.recordId} (${oneLine(line.source.fileName)} › ${oneLine(line.source.sheet)} › row ${line.source.rowNumber})${line.attributes ? ` [${oneLine(describeAttributes(line.attributes))}]` : ''}: ${line.quantity} ${line.unit} × ${line.conversionFactor} = ${line.convertedQuantity} ${line.factorUnit}` +
        `${line.chargedQuantity !== line.convertedQuantity ? ` (charged ${line.chargedQuantity})` : ''} × ${line.co2ePerUnitKg} kgCO2e/${line.factorUnit}` +
        `${line.factor ? ` [${line.factor.setKey} ${line.factor.edition}: ${oneLine(line.factor.label)}${line.factor.attributes ? `, for ${oneLine(describeAttributes(line.factor.attributes))}` : ''}${line.factor.validFrom === null ? '' : `, valid ${oneLine(line.factor.validFrom)} to ${oneLine(line.factor.validTo ?? '…')}`}]` : ''}${line.share !== 1 ? ` × share ${line.share}` : ''} = ${line.tco2e} tCO2e${line.note ? ` — ${oneLine(line.note)}` : ''}`,
    );
  }
  if (page.subtotals) {
    lines.push(`By ${query.subtotalBy}:`);
    for (const subtotal of page.subtotals) lines.push(`  ${(subtotal.key ?? '(none)').padEnd(LABEL_WIDTH)}${t(subtotal.tco2e).padStart(16)} tCO2e from ${count.format(subtotal.lines)} lines`);
  }
  if (breakdown) {
    lines.push(`By fiscal ${breakdown.by} (each record spread by days over its period):`);
    for (const part of breakdown.parts) lines.push(`  ${part.label} (${part.start} to ${part.end}): ${t(part.tco2e)} tCO2e`);
  }
  out(`${lines.join('\n')}\n`);
}

export function printFindings(page: FindingsPage, out: (text: string) => void): void {
  const lines = [...statusLines(page.status).filter((line) => line.startsWith('WARNING')), `Findings ${pageRange(page.page, page.pageSize, page.total)}`];
  for (const finding of page.findings) {
    const where = finding.source ? ` (${oneLine(finding.source.fileName)} › ${oneLine(finding.source.sheet)} › row ${finding.source.rowNumber})` : '';
    const stake = finding.atStake === null ? '' : ` — at stake ${atStakeText(finding.atStake)}`;
    lines.push(`  #${finding.id} record ${finding.recordId ?? '-'}${where}: ${finding.kind}: ${oneLine(finding.cause)}${finding.detail === null ? '' : `; ${oneLine(finding.detail)}`}${stake}`);
  }
  out(`${lines.join('\n')}\n`);
}
