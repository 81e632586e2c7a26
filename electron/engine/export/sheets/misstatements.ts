/**
 * Misstatements: per fiscal year, the base materiality is set from, the thresholds (formulas over
 * the base and the engagement's percentages), the differences that add up to the reported Scope
 * 1 + 2 and Scope 3 (as imported and after the adjustments), whether each is clearly trivial and
 * their totals (formulas), the largest single difference, and the conclusion.
 */
import type { MaterialityYear, MisstatementItem } from '../../../../shared/reconcile/materiality';
import { formula, type Cell } from '../book/book';
import { absoluteRef, cellRef, formulaString } from '../book/refs';
import { tableHeaderRow, writeTable, type TableColumn } from '../book/table';
import type { ExportContext } from '../context';
import type { SheetModule } from './sheet-module';

export const MISSTATEMENTS_SHEET = 'Misstatements';

const NOTES = [
  'Materiality and its thresholds are percentages of the total Scope 1 + 2 the company reported for the year (else the recomputed net). Differences are reported − recomputed, tCO2e.',
  'Clearly trivial differences are listed, not added; the rest add up without offsetting. The conclusion is drawn after the proposed adjustments, in aggregate and on the largest single difference.',
];

const COLUMNS: readonly TableColumn[] = [
  { header: 'Fiscal year', style: 'text' },
  { header: 'Line', style: 'text' },
  { header: 'Claim', style: 'text' },
  { header: 'As imported (tCO2e)', style: 'tco2e' },
  { header: 'Corrected (tCO2e)', style: 'tco2e' },
  { header: 'Clearly trivial as imported', style: 'text' },
  { header: 'Clearly trivial corrected', style: 'text' },
  { header: 'Note', style: 'clipped', width: 90 },
];
const C = { asImported: 4, corrected: 5, trivialImported: 6, trivialCorrected: 7 } as const;

const CONCLUSIONS: Readonly<Record<MaterialityYear['conclusion'], string>> = {
  material: 'Materially misstated',
  'approaching-materiality': 'Above performance materiality',
  'not-material': 'Not materially misstated',
  incomplete: 'No conclusion: records could not be priced',
  'no-base': 'No materiality',
};

/** One year's rows, from `first`: base, thresholds, items, totals, largest, conclusion. */
function yearRows(year: MaterialityYear, first: number, context: ExportContext): Cell[][] {
  const { materialityPercent, performanceMaterialityPercent, clearlyTrivialPercent } = context.reconciliation.materiality;
  const label = (text: string, claim: string | null = null): Cell[] => [{ value: year.period, style: 'text' }, { value: text, style: 'text' }, { value: claim, style: 'text' }];
  const baseCell = absoluteRef(C.asImported, first);
  const trivialCell = absoluteRef(C.asImported, first + 3);
  const threshold = (name: string, percent: number, amount: number | undefined): Cell[] => [
    ...label(`${name} (${percent}%)`),
    { value: year.base === null ? null : formula(`${baseCell}*${percent}/100`, amount ?? 0), style: 'tco2e' },
  ];
  const trivialFlag = (column: number, row: number, flag: boolean, value: number | null): Cell => ({
    value: value === null || year.amounts === null ? null : formula(`IF(ABS(${cellRef(column, row)})<=${trivialCell},${formulaString('Yes')},${formulaString('No')})`, flag ? 'Yes' : 'No'),
    style: 'text',
  });
  const itemRow = (item: MisstatementItem, row: number, text: string): Cell[] => [
    ...label(text, `#${item.claimId}`),
    { value: item.uncorrected, style: 'tco2e' },
    { value: item.corrected, style: 'tco2e' },
    trivialFlag(C.asImported, row, item.clearlyTrivialUncorrected, item.uncorrected),
    trivialFlag(C.corrected, row, item.clearlyTrivialCorrected, item.corrected),
  ];
  const rows: Cell[][] = [
    [...label('Base'), { value: year.base, style: 'tco2e' }, { value: null }, { value: null }, { value: null }, { value: year.baseSource, style: 'clipped' }],
    threshold('Materiality', materialityPercent, year.amounts?.overall),
    threshold('Performance materiality', performanceMaterialityPercent, year.amounts?.performance),
    threshold('Clearly trivial', clearlyTrivialPercent, year.amounts?.clearlyTrivial),
  ];
  const firstItem = first + rows.length;
  year.items.forEach((item, index) => rows.push(itemRow(item, firstItem + index, item.label)));
  const lastItem = firstItem + year.items.length - 1;
  const sum = (value: number, trivial: number, column: number): Cell => ({
    value: year.items.length === 0
      ? 0
      : formula(`SUMPRODUCT((${cellRef(trivial, firstItem)}:${cellRef(trivial, lastItem)}<>${formulaString('Yes')})*ABS(${cellRef(column, firstItem)}:${cellRef(column, lastItem)}))`, value),
    style: 'totalTco2e',
  });
  rows.push([
    { value: year.period, style: 'totalLabel' },
    { value: 'Total, not offsetting', style: 'totalLabel' },
    { value: null, style: 'totalLabel' },
    sum(year.uncorrectedTotal, C.trivialImported, C.asImported),
    sum(year.correctedTotal, C.trivialCorrected, C.corrected),
  ]);
  if (year.largest) rows.push(itemRow(year.largest, first + rows.length, `Largest single: ${year.largest.label}`));
  rows.push([...label(`Conclusion: ${CONCLUSIONS[year.conclusion]}`), { value: null }, { value: null }, { value: null }, { value: null }, { value: year.conclusionText, style: 'clipped' }]);
  rows.push([{ value: null }]);
  return rows;
}

export const misstatementsSheet: SheetModule = {
  tabs: () => [{ name: MISSTATEMENTS_SHEET, description: 'Materiality, the differences per figure as imported and corrected, their totals and the conclusion' }],

  async write(book, context) {
    const rows: Cell[][] = [];
    const first = tableHeaderRow(NOTES) + 1;
    for (const year of [...context.reconciliation.materiality.years].reverse()) rows.push(...yearRows(year, first + rows.length, context));
    if (rows.length === 0) rows.push([{ value: null }, { value: 'No reported figures: nothing to judge against materiality.', style: 'note' }]);
    await writeTable(book, { name: MISSTATEMENTS_SHEET, title: 'Misstatement summary', notes: NOTES, columns: COLUMNS }, rows, context.signal);
  },
};
