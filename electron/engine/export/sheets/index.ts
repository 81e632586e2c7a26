/**
 * The workbook, sheet by sheet, in tab order. Reconciliation (claims, targets, adjustments and
 * the misstatement summary) and review (findings, sampling) add their sheets here, one module
 * and one line each.
 */
import { auditLogSheet } from './audit-log';
import { calculationFindingsSheet } from './calculation-findings';
import { coverSheet } from './cover';
import { detailSheet } from './detail';
import { factorAppendixSheet } from './factor-appendix';
import { leadScheduleSheet } from './lead-schedule';
import { metricsSheet } from './metrics';
import { rejectedRowsSheet } from './rejected-rows';
import { reviewFindingsSheet } from './review-findings';
import { samplingSheet } from './sampling';
import type { SheetModule } from './sheet-module';
import { signOffSheet } from './sign-off';
import { sourceFilesSheet } from './source-files';
import { tickMarksSheet } from './tick-marks';

export const SHEETS: readonly SheetModule[] = [
  coverSheet,
  leadScheduleSheet,
  detailSheet,
  metricsSheet,
  calculationFindingsSheet,
  reviewFindingsSheet,
  samplingSheet,
  factorAppendixSheet,
  sourceFilesSheet,
  rejectedRowsSheet,
  auditLogSheet,
  tickMarksSheet,
  signOffSheet,
];
