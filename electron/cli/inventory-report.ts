import type { EmissionTotals, InventoryResult } from '../../shared/calc/inventory';
import { SCOPE3_CATEGORIES } from '../../shared/activities';
import type { FigureTrace } from '../engine/inventory/trace';

const tonnes = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const ratio = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

const t = (value: number | null) => (value === null ? '—' : tonnes.format(value));

function figureLines(totals: EmissionTotals, indent: string): string[] {
  const lines = [
    `${indent}Scope 1                     ${t(totals.scope1).padStart(16)} tCO2e`,
    `${indent}Scope 2 (location-based)    ${t(totals.scope2Location).padStart(16)} tCO2e`,
    `${indent}Scope 2 (market-based)      ${t(totals.scope2Market).padStart(16)} tCO2e`,
    `${indent}Scope 3                     ${t(totals.scope3).padStart(16)} tCO2e`,
  ];
  for (const [category, value] of Object.entries(totals.scope3ByCategory)) {
    lines.push(`${indent}  ${category}. ${(SCOPE3_CATEGORIES[Number(category)] ?? category).padEnd(24).slice(0, 24)}${t(value).padStart(16)} tCO2e`);
  }
  lines.push(
    `${indent}Net (Scope 1 + 2 market)    ${t(totals.net).padStart(16)} tCO2e`,
    `${indent}Biogenic CO2 (outside)      ${t(totals.biogenic).padStart(16)} tCO2e`,
    `${indent}Avoided (reported apart)    ${t(totals.avoided).padStart(16)} tCO2e`,
    `${indent}PUE                         ${(totals.metrics.pue === null ? '—' : ratio.format(totals.metrics.pue)).padStart(16)}`,
    `${indent}Clean electricity share     ${(totals.metrics.cleanShare === null ? '—' : percent.format(totals.metrics.cleanShare)).padStart(16)}`,
    `${indent}  in data centres           ${(totals.metrics.dataCentreCleanShare === null ? '—' : percent.format(totals.metrics.dataCentreCleanShare)).padStart(16)}`,
  );
  return lines;
}

export function printInventory(result: InventoryResult, options: { bySite: boolean }, out: (text: string) => void): void {
  const lines: string[] = [];
  for (const period of result.periods) {
    lines.push(`${period.label} (${period.start} to ${period.end})`, ...figureLines(period, '  '));
    for (const intensity of period.intensities) {
      lines.push(`  Intensity per ${intensity.unit} of ${intensity.denominator}: net ${intensity.netTco2ePerUnit ?? '—'} tCO2e, location-based ${intensity.locationTco2ePerUnit ?? '—'} tCO2e (Σ ${intensity.quantity})`);
    }
    if (options.bySite) {
      for (const site of period.sites) lines.push(`  Site: ${site.site ?? '(no site)'}${site.share !== 1 ? ` (share ${percent.format(site.share)})` : ''}${site.isDataCentre ? ' — data centre' : ''}`, ...figureLines(site, '    '));
    }
    lines.push('');
  }
  if (result.findings.length > 0) {
    lines.push(`Findings (${result.findings.length})`);
    for (const finding of result.findings) lines.push(`  ${finding.recordId === null ? '' : `record ${finding.recordId}: `}${finding.kind}: ${finding.message}`);
  }
  out(`${lines.join('\n')}\n`);
}

export function printTrace(trace: FigureTrace, by: 'quarter' | 'month' | null, out: (text: string) => void): void {
  const lines = [`${trace.figure}${trace.site ? ` at ${trace.site}` : ''} = ${t(trace.tco2e)} tCO2e from ${trace.lines.length} lines`];
  for (const line of trace.lines) {
    lines.push(
      `  record ${line.recordId} (${line.source.fileName} › ${line.source.sheet} › row ${line.source.rowNumber}): ${line.quantity} ${line.unit} × ${line.conversionFactor} = ${line.convertedQuantity} ${line.factorUnit}` +
        `${line.chargedQuantity !== line.convertedQuantity ? ` (charged ${line.chargedQuantity})` : ''} × ${line.co2ePerUnitKg} kgCO2e/${line.factorUnit}` +
        `${line.factor ? ` [${line.factor.setKey} ${line.factor.edition}: ${line.factor.label}]` : ''}${line.share !== 1 ? ` × share ${line.share}` : ''} = ${line.tco2e} tCO2e${line.note ? ` — ${line.note}` : ''}`,
    );
  }
  if (by) {
    lines.push(`By fiscal ${by} (each record spread by days over its period):`);
    for (const part of by === 'quarter' ? trace.quarters : trace.months) lines.push(`  ${part.label} (${part.start} to ${part.end}): ${t(part.tco2e)} tCO2e`);
  }
  out(`${lines.join('\n')}\n`);
}
