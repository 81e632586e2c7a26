/**
 * Rules about the source as written: quantity cells that deserve vouching (numbers typed as text,
 * formulas without a cached value, percentages), and the source's own totals rows tied to the sums
 * of what was imported.
 */
import { z } from 'zod';
import { columnLetter } from '../../import/cell';
import { round } from './series';
import { CELL_FORMS, defineRule, type CellForm, type RuleFinding } from './types';
import { countOf } from '../../count-text';

const FORM_WORDS: Readonly<Record<CellForm, string>> = {
  'text-number': 'a number typed as text',
  'formula-without-result': 'a formula with no cached value (the file was saved by a program that does not calculate)',
  percent: 'a percentage',
};

export const cellFormsRule = defineRule({
  name: 'cells-to-vouch',
  title: 'Cells to vouch',
  doc: 'Quantity cells written as text numbers, formulas without a cached result, or percentages: imported or refused as they read, and listed to vouch against the evidence.',
  severity: 'low',
  parameters: z.object({
    forms: z.array(z.enum(CELL_FORMS)).default([...CELL_FORMS]).describe('Which ways of writing a cell are listed'),
  }),
  run(data, { forms }) {
    const wanted = new Set<CellForm>(forms);
    return data.flaggedCells.filter((cell) => wanted.has(cell.form)).map((cell): RuleFinding => ({
      subject: `${cell.form}|file ${cell.sourceFileId}|${cell.sheet}|${columnLetter(cell.column)}${cell.rowNumber}`,
      cause: cell.text,
      severity: cell.form === 'text-number' ? 'low' : 'medium',
      message: `${cell.sheet}!${columnLetter(cell.column)}${cell.rowNumber} holds ${FORM_WORDS[cell.form]}: '${cell.text}'${cell.recordId === null ? '; the row was not imported' : ''}`,
      site: null,
      activity: null,
      period: null,
      figures: { form: cell.form, cell: `${columnLetter(cell.column)}${cell.rowNumber}`, text: cell.text },
      tco2eAtStake: null,
      atStakeEstimated: false,
      recordIds: cell.recordId === null ? [] : [cell.recordId],
      rawRowIds: [cell.rawRowId],
    }));
  },
});

/** True when a stated total and a sum agree within the tolerances. */
export function totalsAgree(stated: number, sum: number, tolerances: { readonly absolute: number; readonly relative: number }): boolean {
  return Math.abs(stated - sum) <= Math.max(tolerances.absolute, tolerances.relative * Math.max(Math.abs(stated), Math.abs(sum)));
}

export const totalsRowsRule = defineRule({
  name: 'totals-rows',
  title: 'Totals rows tied out',
  doc: 'Each totals row in a source sheet (not imported as data) tied to the sum of the rows imported above it; a difference is listed with the rows that explain it.',
  severity: 'high',
  parameters: z.object({
    absoluteTolerance: z.number().min(0).default(0).describe('Difference, in the column’s unit, that still ties'),
    relativeTolerance: z.number().min(0).default(1e-9).describe('Difference as a fraction of the total that still ties (rounding in the source’s own arithmetic)'),
  }),
  run(data, { absoluteTolerance, relativeTolerance }) {
    const findings: RuleFinding[] = [];
    for (const total of data.totalsRows) {
      if (totalsAgree(total.stated, total.importedSum, { absolute: absoluteTolerance, relative: relativeTolerance })) continue;
      const cell = `${columnLetter(total.column)}${total.rowNumber}`;
      const difference = total.stated - total.importedSum;
      findings.push({
        subject: `file ${total.sourceFileId}|${total.sheet}|${cell}`,
        cause: [total.stated, round(total.importedSum)],
        severity: 'high',
        message: `${total.fileName} › ${total.sheet} ${cell} (${total.header}): the source's total ${total.stated} differs from the ${round(total.importedSum, 6)} imported by ${round(difference, 6)}` +
          (total.notImportedRawRowIds.length > 0 ? `; ${countOf(total.notImportedRawRowIds.length, 'row')} with a value ${total.notImportedRawRowIds.length === 1 ? 'was' : 'were'} not imported` : ''),
        site: null,
        activity: null,
        period: null,
        figures: { stated: total.stated, imported: round(total.importedSum), read: round(total.readSum), difference: round(difference), rows: total.dataRows, scope: total.scope },
        tco2eAtStake: null,
        atStakeEstimated: false,
        recordIds: [],
        rawRowIds: [total.rawRowId, ...total.notImportedRawRowIds],
      });
    }
    return findings;
  },
});
