/**
 * The workbook, sheet by sheet, in tab order. Review (findings, sampling) adds its sheets here,
 * one module and one line each.
 */
import { adjustmentsSheet } from './adjustments';
import { auditLogSheet } from './audit-log';
import { calculationFindingsSheet } from './calculation-findings';
import { claimsReconciliationSheet } from './claims-reconciliation';
import { coverSheet } from './cover';
import { detailSheet } from './detail';
import { factorAppendixSheet } from './factor-appendix';
import { leadScheduleSheet } from './lead-schedule';
import { metricsSheet } from './metrics';
import { misstatementsSheet } from './misstatements';
import { rejectedRowsSheet } from './rejected-rows';
import type { SheetModule } from './sheet-module';
import { signOffSheet } from './sign-off';
import { sourceFilesSheet } from './source-files';
import { targetsSheet } from './targets';
import { tickMarksSheet } from './tick-marks';

export const SHEETS: readonly SheetModule[] = [
  coverSheet,
  leadScheduleSheet,
  detailSheet,
  metricsSheet,
  targetsSheet,
  claimsReconciliationSheet,
  calculationFindingsSheet,
  adjustmentsSheet,
  misstatementsSheet,
  factorAppendixSheet,
  sourceFilesSheet,
  rejectedRowsSheet,
  auditLogSheet,
  tickMarksSheet,
  signOffSheet,
];
