import type { EmissionTotals, InventoryResult } from '../../../shared/calc/inventory';
import type { FigureTrace } from '../../../shared/calc/trace';
import { FIGURE_IDS, FIGURES, figureValue, scope3CategoryFigure, UNCATEGORISED, type EmissionFigure, type FigureKind, type MetricFigure } from '../../../shared/figures';
import { oneLine } from '../terminal';

const tonnes = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const ratio = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

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

export function printInventory(result: Pick<InventoryResult, 'periods' | 'findings'>, options: { bySite: boolean }, out: (text: string) => void): void {
  const lines: string[] = [];
  for (const period of result.periods) {
    lines.push(`${period.label} (${period.start} to ${period.end})`, ...figureLines(period, '  '));
    for (const intensity of period.intensities) {
      lines.push(`  Intensity per ${intensity.unit} of ${intensity.denominator}: net ${intensity.netTco2ePerUnit ?? '—'} tCO2e, location-based ${intensity.locationTco2ePerUnit ?? '—'} tCO2e (Σ ${intensity.quantity})`);
    }
    if (options.bySite) {
      for (const site of period.sites) lines.push(`  Site: ${oneLine(site.site ?? '(no site)')}${site.share !== 1 ? ` (share ${percent.format(site.share)})` : ''}${site.isDataCentre ? ' — data centre' : ''}`, ...figureLines(site, '    '));
    }
    lines.push('');
  }
  if (result.findings.length > 0) {
    lines.push(`Findings (${result.findings.length})`);
    for (const finding of result.findings) lines.push(`  ${finding.recordId === null ? '' : `record ${finding.recordId}: `}${finding.kind}: ${oneLine(finding.message)}`);
  }
  out(`${lines.join('\n')}\n`);
}

export function printTrace(trace: FigureTrace, by: 'quarter' | 'month' | null, out: (text: string) => void): void {
  const lines = [`${trace.figure}${trace.site ? ` at ${oneLine(trace.site)}` : ''} = ${t(trace.tco2e)} tCO2e from ${trace.lines.length} lines`];
  for (const line of trace.lines) {
    lines.push(
      `  record ${line.recordId} (${oneLine(line.source.fileName)} › ${oneLine(line.source.sheet)} › row ${line.source.rowNumber}): ${line.quantity} ${line.unit} × ${line.conversionFactor} = ${line.convertedQuantity} ${line.factorUnit}` +
        `${line.chargedQuantity !== line.convertedQuantity ? ` (charged ${line.chargedQuantity})` : ''} × ${line.co2ePerUnitKg} kgCO2e/${line.factorUnit}` +
        `${line.factor ? ` [${line.factor.setKey} ${line.factor.edition}: ${oneLine(line.factor.label)}]` : ''}${line.share !== 1 ? ` × share ${line.share}` : ''} = ${line.tco2e} tCO2e${line.note ? ` — ${oneLine(line.note)}` : ''}`,
    );
  }
  if (by) {
    lines.push(`By fiscal ${by} (each record spread by days over its period):`);
    for (const part of by === 'quarter' ? trace.quarters : trace.months) lines.push(`  ${part.label} (${part.start} to ${part.end}): ${t(part.tco2e)} tCO2e`);
  }
  out(`${lines.join('\n')}\n`);
}
