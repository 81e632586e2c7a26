import { claimValueKind, figureKindOf, formatAmount, formatFigureDifference, formatFigureValue, NO_VALUE } from '../../../shared/reconcile/format';
import { countOf } from '../../../shared/count-text';
import { describeAdjustment, type Adjustment } from '../../../shared/reconcile/adjustments';
import type { FigureBridge } from '../../../shared/reconcile/bridge';
import type { ReconciliationReport } from '../../../shared/reconcile/report';
import type { MaterialityYear } from '../../../shared/reconcile/materiality';
import { terminalText } from '../terminal-text';

/** Text in a column of `width`, cut with an ellipsis so a space always separates it from the next. */
const column = (text: string, width: number) => (text.length >= width ? `${text.slice(0, width - 2)}… ` : text.padEnd(width));
const number = (text: string, width: number) => text.padStart(width);
const STATUS_TEXT = { agreed: 'agreed', 'within-tolerance': 'within tolerance', exception: 'EXCEPTION', incomplete: 'INCOMPLETE', unmatched: 'unmatched' } as const;

/** A verdict that stands although the recomputed figure misses unpriced records says so beside it. */
const unpricedNote = (claim: ReconciliationReport['claims'][number]) =>
  claim.unpriced === null || claim.status === 'incomplete' ? '' : `, ${countOf(claim.unpriced.records, 'record', 'records')} unpriced`;

function claimsSection(report: ReconciliationReport): string[] {
  const counts = Object.entries(STATUS_TEXT).flatMap(([status, text]) => {
    const count = report.claims.filter((claim) => claim.status === status).length;
    // Incomplete comparisons are counted only when there are some, so a complete engagement's summary reads as it always has.
    return status === 'incomplete' && count === 0 ? [] : [`${count} ${text.toLowerCase()}`];
  });
  const lines = [`Claims (${report.claims.length}: ${counts.join(', ')})`];
  if (report.claims.length === 0) lines.push('  No reported figures imported yet (carbon-audit import … --kind claims).');
  else lines.push(`  ${column('#', 5)}${column('Metric', 34)}${column('Period', 8)}${column('Site', 14)}${column('Figure', 26)}${number('Reported', 16)}${number('Recomputed', 16)}${number('Variance', 16)}  Status`);
  for (const claim of report.claims) {
    const kind = claimValueKind(claim);
    lines.push(
      `  ${column(String(claim.id), 5)}${column(terminalText(claim.metric), 34)}${column(claim.fiscalYear ?? terminalText(claim.period), 8)}${column(terminalText(claim.site ?? ''), 14)}${column(claim.figureLabel ?? NO_VALUE, 26)}` +
        `${number(formatFigureValue(kind, claim.reported), 16)}${number(formatFigureValue(kind, claim.recomputed), 16)}${number(formatFigureDifference(kind, claim.varianceAbs), 16)}  ${STATUS_TEXT[claim.status]}${unpricedNote(claim)}${claim.match.origin === 'suggested' ? ' (match suggested)' : ''}`,
    );
  }
  const explained = report.claims.filter((claim) => claim.status === 'exception' || claim.status === 'incomplete' || claim.status === 'unmatched' || claim.status !== claim.statusUncorrected);
  if (explained.length > 0) {
    lines.push('', 'Why');
    for (const claim of explained) {
      lines.push(`  #${claim.id} ${terminalText(claim.metric)}: ${terminalText(claim.reason)}`);
      if (claim.status !== claim.statusUncorrected) lines.push(`      as imported: ${STATUS_TEXT[claim.statusUncorrected]}, ${terminalText(claim.reasonUncorrected)}`);
    }
  }
  if (report.rejectedClaimRows.length > 0) {
    lines.push('', `Claim rows import rejected (${report.rejectedClaimRows.length}): not compared`);
    for (const row of report.rejectedClaimRows) lines.push(`  ${terminalText(row.fileName)} › ${terminalText(row.sheet)} › row ${row.rowNumber}: ${terminalText(row.reason)}`);
  }
  return lines;
}

function targetsSection(report: ReconciliationReport): string[] {
  const lines = [`Targets (${report.targets.length})`];
  for (const target of report.targets) {
    const kind = figureKindOf(target.figure);
    lines.push(`  #${target.id} ${terminalText(target.name)}: ${target.figureLabel ?? NO_VALUE}, ${target.kind ?? 'kind unknown'} by ${target.targetYear}${target.targetValue === null ? '' : ` (level ${formatFigureValue(kind, target.targetValue)})`}: ${target.status.toUpperCase()}`);
    lines.push(`      ${terminalText(target.reason)}`);
    for (const year of target.years.filter((entry) => entry.actual !== null || entry.period === target.targetYear)) {
      const mark = year.onTrack === null ? '' : year.onTrack ? '  on track' : '  OFF TRACK';
      lines.push(`      ${year.period}: pathway ${formatFigureValue(kind, year.pathway)}, actual ${formatFigureValue(kind, year.actual)}${mark}`);
    }
    lines.push(`      projection: ${formatFigureValue(kind, target.projection.value)} (${target.projection.method})`);
  }
  return lines;
}

function adjustmentLine(adjustment: Adjustment): string {
  const state = adjustment.withdrawn ? ` — WITHDRAWN ${adjustment.withdrawn.at} by ${terminalText(adjustment.withdrawn.by)}: ${terminalText(adjustment.withdrawn.reason)}` : '';
  return `  #${adjustment.id} ${describeAdjustment(adjustment)} — ${terminalText(adjustment.reason)} (${terminalText(adjustment.proposedBy)}, ${adjustment.proposedAt})${state}`;
}

export function adjustmentLines(adjustments: readonly Adjustment[]): string[] {
  const active = adjustments.filter((adjustment) => adjustment.withdrawn === null).length;
  return [`Adjustments (${active} active, ${adjustments.length - active} withdrawn)`, ...adjustments.map(adjustmentLine)];
}

function adjustmentsSection(report: ReconciliationReport): string[] {
  const lines = adjustmentLines(report.adjustments);
  for (const adjustment of report.adjustments) {
    const touches = [adjustment.recordIds.length > 0 ? `records ${adjustment.recordIds.join(', ')}` : null, adjustment.touchedClaimIds.length > 0 ? `claims ${adjustment.touchedClaimIds.join(', ')}` : null].filter(Boolean);
    if (touches.length > 0 || adjustment.problem) lines.push(`      #${adjustment.id} touches ${touches.join('; ') || 'nothing'}${adjustment.problem ? `; ${adjustment.problem}` : ''}`);
  }
  return lines;
}

function materialityLines(year: MaterialityYear): string[] {
  const tonnes = (value: number | null) => formatFigureValue('tco2e', value);
  const lines = [`  ${year.period}: base ${tonnes(year.base)} tCO2e (${year.baseSource})`];
  if (year.amounts) lines.push(`    materiality ${tonnes(year.amounts.overall)}, performance materiality ${tonnes(year.amounts.performance)}, clearly trivial ${tonnes(year.amounts.clearlyTrivial)} tCO2e`);
  for (const item of year.items) {
    lines.push(`    ${column(item.label, 40)} as imported ${number(formatFigureDifference('tco2e', item.uncorrected), 14)}${item.clearlyTrivialUncorrected ? ' (trivial)' : '          '}  corrected ${number(formatFigureDifference('tco2e', item.corrected), 14)}${item.clearlyTrivialCorrected ? ' (trivial)' : ''}`);
  }
  lines.push(`    uncorrected total ${tonnes(year.uncorrectedTotal)} tCO2e; corrected total ${tonnes(year.correctedTotal)} tCO2e`, `    ${year.conclusionText}`);
  return lines;
}

export function printReconciliation(report: ReconciliationReport, out: (text: string) => void): void {
  const { materiality } = report;
  const lines = [
    ...claimsSection(report),
    '',
    ...targetsSection(report),
    '',
    ...adjustmentsSection(report),
    '',
    `Misstatement summary (materiality ${materiality.materialityPercent}%, performance ${materiality.performanceMaterialityPercent}%, clearly trivial ${materiality.clearlyTrivialPercent}% of reported Scope 1 + 2)`,
    ...materiality.years.flatMap(materialityLines),
    '',
    `Conclusion: ${materiality.current?.conclusionText ?? 'no reported figures to judge.'}`,
  ];
  out(`${lines.join('\n')}\n`);
}

export function printBridge(bridge: FigureBridge, out: (text: string) => void): void {
  const tonnes = (value: number) => formatFigureValue('tco2e', value);
  const signed = (value: number) => formatFigureDifference('tco2e', value);
  const lines = [
    `${bridge.figureLabel}${bridge.site ? ` at ${terminalText(bridge.site)}` : ''}, ${bridge.variant === 'corrected' ? 'after the proposed adjustments' : 'as imported'}: ${bridge.from} ${tonnes(bridge.fromTco2e)} → ${bridge.to} ${tonnes(bridge.toTco2e)} tCO2e` +
      ` (${signed(bridge.change)} tCO2e${bridge.changePct === null ? '' : `, ${bridge.changePct > 0 ? '+' : ''}${formatAmount(bridge.changePct)}%`})`,
    `  ${column(bridge.by === 'site' ? 'Site' : 'Activity', 40)}${number(bridge.from, 16)}${number(bridge.to, 16)}${number('Change', 16)}${number('Volume', 16)}${number('Factor', 16)}`,
    ...bridge.lines.map((line) => `  ${column(terminalText(line.label), 40)}${number(tonnes(line.fromTco2e), 16)}${number(tonnes(line.toTco2e), 16)}${number(signed(line.change), 16)}${number(signed(line.volume), 16)}${number(signed(line.factor), 16)}`),
    `  ${column('Total', 40)}${number(tonnes(bridge.fromTco2e), 16)}${number(tonnes(bridge.toTco2e), 16)}${number(signed(bridge.change), 16)}${number(signed(bridge.volume), 16)}${number(signed(bridge.factor), 16)}`,
    'Volume: the change had tCO2e per unit stayed as it was; factor: the change in tCO2e per unit (emission factors, instrument cover, boundary share).',
  ];
  out(`${lines.join('\n')}\n`);
}
