/**
 * Tick-mark legend: what each mark on the schedules means. The app marks the procedures it
 * performed itself; the reviewer's own columns are left for the reviewer.
 */
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { SheetModule } from './sheet-module';

export const TICK_SHEET = 'Tick marks';

/** Marks the app writes, each a letter in brackets so it survives any font and any CSV. */
export const TICK = {
  cast: '[S]',
  recalculated: '[R]',
  traced: '[T]',
  prior: '[P]',
  factor: '[F]',
  hashed: '[H]',
} as const;

const LEGEND: readonly (readonly [mark: string, meaning: string, whereUsed: string])[] = [
  [TICK.cast, 'Summed: the figure is a SUMIFS over every detail row of its fiscal year and figure (cast and cross-cast by formula).', 'Lead schedule'],
  [TICK.recalculated, 'Re-performed: recalculated in this workbook by formula (quantity × conversion × factor × share / 1000, or a ratio of its inputs).', 'Lead schedule, Recalculation detail, Metrics'],
  [TICK.traced, 'Traced: each line names its record and source file, sheet and row; the source file’s SHA-256 is on the Source files sheet.', 'Lead schedule, Recalculation detail'],
  [TICK.prior, 'Agreed to prior year: the prior column is a formula over the prior year’s figure in this schedule.', 'Lead schedule'],
  [TICK.factor, 'Factor agreed to its published set and edition (Factor appendix), frozen for the engagement.', 'Factor appendix'],
  [TICK.hashed, 'File identity: SHA-256 recorded at import and checked when the evidence pack is built.', 'Source files, Cover'],
  ['(reviewer)', 'Reviewer’s own marks go in the yellow “Reviewer tick” cells; add them to this legend below.', 'Lead schedule, Sign-off'],
];

const COLUMNS: readonly TableColumn[] = [
  { header: 'Mark', style: 'label' },
  { header: 'Meaning', style: 'wrapped', width: 90 },
  { header: 'Where used', style: 'text' },
];

export const tickMarksSheet: SheetModule = {
  tabs: () => [{ name: TICK_SHEET, description: 'What each tick mark means' }],
  async write(book) {
    const rows: Cell[][] = LEGEND.map(([mark, meaning, where]) => [
      { value: mark, style: 'label' },
      { value: meaning, style: 'wrapped' },
      { value: where, style: 'text' },
    ]);
    rows.push(...Array.from({ length: 4 }, (): Cell[] => [{ value: null, style: 'input' }, { value: null, style: 'input' }, { value: null, style: 'input' }]));
    await writeTable(book, { name: TICK_SHEET, title: 'Tick-mark legend', notes: ['Marks the app applied, and room for the reviewer’s own.'], columns: COLUMNS }, rows);
  },
};
