/**
 * Data-quality findings and exceptions: every finding the review holds, from the rules, the
 * calculation and every other source, with its severity, the tCO2e at stake, its status with who
 * set it and when, the adjustment it led to, and whether the latest check still raises it.
 */
import { FINDING_STATUS_LABELS } from '../../../../shared/review/findings';
import type { FindingView } from '../../../../shared/review/views';
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { SheetModule } from './sheet-module';

export const REVIEW_FINDINGS_SHEET = 'Data-quality findings';

const COLUMNS: readonly TableColumn[] = [
  { header: 'No.', style: 'integer' },
  { header: 'Source', style: 'text' },
  { header: 'Rule', style: 'text' },
  { header: 'Severity', style: 'text' },
  { header: 'Status', style: 'text' },
  { header: 'Status set by', style: 'text' },
  { header: 'Status set (UTC)', style: 'dateTimeLeft' },
  { header: 'Adjustment', style: 'integer' },
  { header: 'Site', style: 'text' },
  { header: 'Activity', style: 'text' },
  { header: 'Period', style: 'text' },
  { header: 'tCO2e at stake', style: 'tco2e' },
  { header: 'At stake estimated', style: 'text' },
  { header: 'Records', style: 'count' },
  { header: 'Comments', style: 'count' },
  { header: 'Still found', style: 'text' },
  { header: 'Finding', style: 'clipped', width: 100 },
];

function* findingRows(findings: Iterable<FindingView>): Generator<Cell[]> {
  for (const finding of findings) {
    yield [
      { value: finding.id, style: 'integer' },
      { value: finding.source, style: 'text' },
      { value: finding.rule, style: 'text' },
      { value: finding.severity, style: 'text' },
      { value: FINDING_STATUS_LABELS[finding.status], style: 'text' },
      { value: finding.statusBy, style: 'text' },
      { value: new Date(finding.statusAt), style: 'dateTimeLeft' },
      { value: finding.adjustmentId, style: 'integer' },
      { value: finding.site, style: 'text' },
      { value: finding.activity, style: 'text' },
      { value: finding.period, style: 'text' },
      { value: finding.tco2eAtStake, style: 'tco2e' },
      { value: finding.tco2eAtStake === null ? null : finding.atStakeEstimated ? 'Estimated' : 'Computed', style: 'text' },
      { value: finding.recordCount, style: 'count' },
      { value: finding.comments, style: 'count' },
      { value: finding.resolved ? 'No longer found' : 'Yes', style: 'text' },
      { value: finding.message, style: 'clipped' },
    ];
  }
}

export const reviewFindingsSheet: SheetModule = {
  tabs: () => [{ name: REVIEW_FINDINGS_SHEET, description: 'Every review finding with its severity, tCO2e at stake, status and the adjustment it led to' }],
  async write(book, context) {
    const { status } = context.review;
    await writeTable(book, {
      name: REVIEW_FINDINGS_SHEET,
      title: 'Data-quality findings and exceptions',
      notes: [
        `Every finding from the data-quality rules, the calculation, sampling and the other checks; ${status.openFindings} still open. Each finding's comments and history are in the engagement's audit log.`,
        'Status: open, explained, adjusted (by the adjustment named), accepted, or false positive. A finding the latest check no longer raises is kept with its history.',
      ],
      columns: COLUMNS,
    }, findingRows(context.review.findings()), context.signal);
  },
};
