/** How the review's commands print: a check's summary, findings, one finding, samples and sign-offs. */
import { columnLetter } from '../../../shared/import/cell';
import { FINDING_STATUS_LABELS } from '../../../shared/review/findings';
import { SIGN_OFF_AREA_LABELS } from '../../../shared/review/sign-off';
import type { AreaSignOffView, CheckSummary, FindingDetail, FindingPage, ReviewStatus, RuleView, SampleView, SourceRowView } from '../../../shared/review/views';
import { rowAsRead } from '../../../shared/import/values';
import { withdrawnSourceText } from '../../../shared/withdrawal';

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });
const tonnes = (value: number | null, estimated = false) => (value === null ? '-' : `${estimated ? '~' : ''}${value.toFixed(3)}`);

export function checkLines(check: CheckSummary): string[] {
  const lines = [
    `Check #${check.runId} (${check.trigger}) over ${check.periods.length === 0 ? 'no fiscal year' : check.periods.join(', ')}${check.calculated ? '' : '; without tCO2e (no factors loaded)'}`,
    `${check.current} current findings: ${check.added} new, ${check.reopened} reopened, ${check.resolved} no longer found`,
  ];
  for (const rule of check.rules) lines.push(`  ${rule.name.padEnd(28)} ${String(rule.findings).padStart(6)}`);
  if (check.calculated) lines.push(`  ${'calculation'.padEnd(28)} ${String(check.calculationFindings).padStart(6)}`);
  if (check.totalsRows.length > 0) {
    lines.push('Totals rows tied to the imported sums');
    for (const total of check.totalsRows) {
      lines.push(`  ${total.fileName} › ${total.sheet} ${columnLetter(total.column)}${total.rowNumber} (${total.header}): stated ${number.format(total.stated)}, imported ${number.format(total.imported)}, ${total.agrees ? 'agrees' : `differs by ${number.format(total.difference)}`}`);
    }
  }
  return lines;
}

export function printCheck(check: CheckSummary, out: (text: string) => void): void {
  out(`${checkLines(check).join('\n')}\n`);
}

export function printFindings(page: FindingPage, out: (text: string) => void): void {
  const lines = [`${page.total} findings${page.total > page.findings.length ? ` (${page.offset + 1}–${page.offset + page.findings.length} shown)` : ''}`];
  lines.push(`${'id'.padStart(6)}  ${'severity'.padEnd(8)}  ${'status'.padEnd(14)}  ${'tCO2e'.padStart(12)}  ${'source/rule'.padEnd(34)}  message`);
  for (const finding of page.findings) {
    lines.push(
      `${String(finding.id).padStart(6)}  ${finding.severity.padEnd(8)}  ${FINDING_STATUS_LABELS[finding.status].padEnd(14)}  ${tonnes(finding.tco2eAtStake, finding.atStakeEstimated).padStart(12)}  ${`${finding.source}/${finding.rule}`.padEnd(34)}  ${finding.message}${finding.resolved ? ' [no longer found]' : ''}`,
    );
  }
  const statuses = Object.entries(page.byStatus).map(([status, count]) => `${count} ${status}`).join(', ');
  if (statuses) lines.push(`Current findings by status: ${statuses}`);
  out(`${lines.join('\n')}\n`);
}

function sourceRow(row: SourceRowView): string {
  return `${row.fileName} › ${row.sheet} row ${row.rowNumber}: ${rowAsRead(row.cells)}`;
}

export function printFinding(finding: FindingDetail, out: (text: string) => void): void {
  const lines = [
    `Finding ${finding.id} (${finding.source}/${finding.rule}), ${finding.severity}, ${FINDING_STATUS_LABELS[finding.status]}${finding.adjustmentId === null ? '' : ` by adjustment ${finding.adjustmentId}`}${finding.resolved ? ', no longer found by the check' : ''}`,
    finding.message,
    `tCO2e at stake: ${tonnes(finding.tco2eAtStake, finding.atStakeEstimated)}${finding.atStakeEstimated ? ' (estimated)' : ''}`,
    `Figures: ${Object.entries(finding.figures).map(([name, value]) => `${name} ${value}`).join(', ') || '-'}`,
  ];
  if (finding.records.length > 0) {
    lines.push(`Records (${finding.recordCount}${finding.recordCount > finding.records.length ? `, first ${finding.records.length} shown` : ''})`);
    for (const record of finding.records) lines.push(`  #${record.id} ${record.site ?? '(no site)'} ${record.periodStart}–${record.periodEnd} ${record.activity} ${number.format(record.quantity)} ${record.unit}  ← ${sourceRow(record.source)}`);
  }
  if (finding.rows.length > 0) {
    lines.push('Source rows');
    for (const row of finding.rows) lines.push(`  ${sourceRow(row)}`);
  }
  lines.push('History');
  for (const event of finding.events) {
    const change = event.statusTo && event.statusFrom ? ` ${event.statusFrom} → ${event.statusTo}` : event.statusTo ? ` ${event.statusTo}` : '';
    lines.push(`  ${event.at} ${event.actor}: ${event.kind}${change}${event.adjustmentId === null ? '' : ` (adjustment ${event.adjustmentId})`}${event.text ? `: ${event.text}` : ''}`);
  }
  out(`${lines.join('\n')}\n`);
}

export function printRules(rules: readonly RuleView[], out: (text: string) => void): void {
  const lines: string[] = [];
  for (const rule of rules) {
    lines.push(`${rule.name} — ${rule.title} (${rule.severity})`, `  ${rule.doc}`);
    for (const parameter of rule.parameters) {
      const changed = JSON.stringify(parameter.value) !== JSON.stringify(parameter.defaultValue);
      lines.push(`  ${rule.name}.${parameter.name} = ${JSON.stringify(parameter.value)}${changed ? ` (default ${JSON.stringify(parameter.defaultValue)})` : ''}: ${parameter.description}`);
    }
  }
  out(`${lines.join('\n')}\n`);
}

export function printSample(sample: SampleView, out: (text: string) => void): void {
  const lines = [
    `Sample ${sample.id}: ${sample.method === 'mus' ? 'monetary-unit (by tCO2e)' : 'random'} over ${sample.populationCount} ${sample.population}${sample.stratifyBy ? `, stratified by ${sample.stratifyBy}` : ''}, size ${sample.size}, seed ${sample.seed}`,
    `Population tCO2e ${tonnes(sample.populationTco2e)}, SHA-256 ${sample.populationSha256}${sample.notSampleable > 0 ? `; ${sample.notSampleable} items without positive tCO2e cannot be selected by MUS` : ''}`,
    `Drawn ${sample.drawnAt} by ${sample.drawnBy}; ${sample.vouched} of ${sample.items.length} vouched, ${sample.differences} differences${sample.withdrawnItems > 0 ? `; ${sample.withdrawnItems} out of the calculation (source file withdrawn), not to be vouched` : ''}`,
  ];
  for (const stratum of sample.strata) {
    lines.push(`  stratum ${stratum.stratum}: ${stratum.items} items, ${tonnes(stratum.tco2e)} tCO2e, ${stratum.selected} selected${stratum.intervalTco2e === null ? '' : `, interval ${tonnes(stratum.intervalTco2e)} t, start ${tonnes(stratum.startTco2e)} t`}`);
  }
  for (const item of sample.items) {
    lines.push(
      `  ${String(item.drawOrder).padStart(4)}  record ${item.recordId}${item.fiscalYear ? ` ${item.fiscalYear} ${item.basis}` : ''}  ${item.site ?? '(no site)'}  ${item.activity}  ${number.format(item.quantity)} ${item.unit}  ${tonnes(item.tco2e)} t${item.hits > 1 ? ` (${item.hits} hits)` : ''}  ← ${item.source.fileName} › ${item.source.sheet} row ${item.source.rowNumber}  ${item.result ?? 'not yet vouched'}${item.comment ? `: ${item.comment}` : ''}${item.findingId ? ` (finding ${item.findingId})` : ''}`,
    );
    if (item.withdrawn) lines.push(`        WITHDRAWN: ${withdrawnSourceText(item.withdrawn)}`);
  }
  out(`${lines.join('\n')}\n`);
}

function signOffText(area: AreaSignOffView): string[] {
  const lines = [`${SIGN_OFF_AREA_LABELS[area.area]} (${area.area}): ${area.state}`];
  for (const signOff of [area.preparer, area.reviewer]) {
    if (!signOff) continue;
    lines.push(`  ${signOff.role} ${signOff.actor} at ${signOff.at}, audit log at entry ${signOff.auditEntries}, head ${signOff.auditHeadHash}${signOff.comment ? `: ${signOff.comment}` : ''}`);
    if (signOff.changesSince.length > 0) {
      lines.push(`    modified since sign-off: ${signOff.changesSince.map((change) => `#${change.seq} ${change.operation} by ${change.actor}`).join(', ')}`);
    }
  }
  return lines;
}

export function printSignOff(area: AreaSignOffView, out: (text: string) => void): void {
  out(`${signOffText(area).join('\n')}\n`);
}

export function printStatus(status: ReviewStatus, out: (text: string) => void): void {
  const lock = status.lock;
  const lines = [
    lock.finalised ? `Finalised by ${lock.actor} at ${lock.at} (audit log at entry ${lock.auditEntries}, head ${lock.auditHeadHash}): read-only` : 'Not finalised',
    ...(lock.lastUnlock ? [`Last unlocked by ${lock.lastUnlock.actor} at ${lock.lastUnlock.at}: ${lock.lastUnlock.reason}`] : []),
    `${status.openFindings} open findings`,
    ...status.areas.flatMap(signOffText),
  ];
  out(`${lines.join('\n')}\n`);
}
