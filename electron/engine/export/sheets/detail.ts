/**
 * Recalculation detail: one row per calculation line (or per group of lines in a summary), with
 * live formulas for converted quantity = quantity × conversion, charged quantity = converted ×
 * charged fraction, and tCO2e = charged quantity × factor × boundary share / 1000. The lead
 * schedule sums these rows with SUMIFS. Beyond Excel's row limit the detail continues on further
 * sheets, and every SUMIFS spans all of them.
 */
import { activityByKey } from '../../../../shared/activities';
import type { Cell } from '../book/book';
import { formula } from '../book/book';
import { EXCEL_MAX_ROWS, col, formulaString, sheetColumnRange } from '../book/refs';
import { closeTable, dataRowHeight, fitWidths, openTable, tableHeaderRow, take, type TableColumn, type TableSpec } from '../book/table';
import type { DetailRow } from '../detail-rows';
import type { DetailMode, ExportContext } from '../context';
import { BASIS_LABELS, UNCATEGORISED } from '../figures';
import type { SheetModule, SheetTab } from './sheet-module';

export const DETAIL_SHEET = 'Recalculation detail';

const NOTES: Readonly<Record<DetailMode, readonly string[]>> = {
  full: [
    'One row per calculation line: a record’s quantity in one fiscal year on one basis. Converted quantity, charged quantity and tCO2e are live formulas;',
    'the lead schedule sums the tCO2e column by fiscal year and figure. Charged fraction: the part of the consumption charged on this basis (below 100% only on',
    'market-based Scope 2, where contractual instruments cover the rest). Per-gas columns show the engine’s split of the total; text is as imported.',
  ],
  summary: [
    'Summary detail: one row per group of calculation lines sharing fiscal year, figure, Scope 3 category, site, activity, unit, conversion, factor and',
    'boundary share, their quantities summed. Each row’s tCO2e is a live formula, and the lead schedule sums the rows. The full detail, one row per line',
    'with its record and source row, is exported with --detail full.',
  ],
};

/** Fixed columns by name; per-gas columns follow the total, the calculation note comes last. */
const FIXED_COLUMNS = [
  { key: 'fiscalYear', header: 'Fiscal year', style: 'text' },
  { key: 'figure', header: 'Figure', style: 'text' },
  { key: 'category', header: 'Scope 3 category', style: 'integer' },
  { key: 'record', header: 'Record', style: 'integer' },
  { key: 'sourceFile', header: 'Source file', style: 'text' },
  { key: 'sheet', header: 'Source sheet', style: 'text' },
  { key: 'row', header: 'Source row', style: 'integer' },
  { key: 'site', header: 'Site', style: 'text' },
  { key: 'periodStart', header: 'Period start', style: 'date' },
  { key: 'periodEnd', header: 'Period end', style: 'date' },
  { key: 'activity', header: 'Activity', style: 'text' },
  { key: 'notes', header: 'Record notes (as imported)', style: 'clipped' },
  { key: 'quantity', header: 'Quantity', style: 'quantity' },
  { key: 'unit', header: 'Unit', style: 'text' },
  { key: 'conversion', header: 'Conversion factor', style: 'general' },
  { key: 'converted', header: 'Converted quantity', style: 'quantity' },
  { key: 'chargedFraction', header: 'Charged fraction', style: 'percent' },
  { key: 'charged', header: 'Charged quantity', style: 'quantity' },
  { key: 'factorUnit', header: 'Factor unit', style: 'text' },
  { key: 'factorValue', header: 'Emission factor (kg CO2e per factor unit)', style: 'factor', width: 16 },
  { key: 'factorLabel', header: 'Emission factor', style: 'text' },
  { key: 'factorSet', header: 'Factor set', style: 'text' },
  { key: 'edition', header: 'Edition', style: 'text' },
  { key: 'factorSource', header: 'Factor source', style: 'text' },
  { key: 'share', header: 'Boundary share', style: 'percent' },
  { key: 'total', header: 'tCO2e', style: 'tco2e' },
] as const satisfies readonly (TableColumn & { key: string })[];

type FixedKey = (typeof FIXED_COLUMNS)[number]['key'];

/** 1-based column numbers of the fixed columns. */
export const DETAIL_COLUMN: Readonly<Record<FixedKey, number>> = Object.fromEntries(FIXED_COLUMNS.map((column, index) => [column.key, index + 1])) as Record<FixedKey, number>;

const L = Object.fromEntries(FIXED_COLUMNS.map((column, index) => [column.key, col(index + 1)])) as Record<FixedKey, string>;

export function detailColumns(mode: DetailMode, gases: readonly string[]): TableColumn[] {
  return [
    ...FIXED_COLUMNS.map((column) => (mode === 'summary' && column.key === 'record' ? { ...column, header: 'Lines summed' } : column)),
    ...gases.map((gas): TableColumn => ({ header: `${gas} (tCO2e)`, style: 'tco2e' })),
    { header: 'Calculation note', style: 'clipped', width: 60 },
  ];
}

export interface DetailSheet {
  readonly name: string;
  readonly firstRow: number;
  readonly lastRow: number;
}

/** Where the detail rows land: which sheets, and the data rows on each. */
export function detailLayout(mode: DetailMode, rowCount: number, rowsPerSheet: number): DetailSheet[] {
  const firstRow = tableHeaderRow(NOTES[mode]) + 1;
  const capacity = Math.min(rowsPerSheet, EXCEL_MAX_ROWS - firstRow + 1);
  const sheets = Math.max(1, Math.ceil(rowCount / capacity));
  return Array.from({ length: sheets }, (_, index) => {
    const rows = Math.min(capacity, rowCount - index * capacity);
    return { name: index === 0 ? DETAIL_SHEET : `${DETAIL_SHEET} ${index + 1}`, firstRow, lastRow: firstRow + Math.max(rows, 1) - 1 };
  });
}

export function contextDetailLayout(context: ExportContext): DetailSheet[] {
  return detailLayout(context.detail.mode, context.detail.count, context.rowsPerDetailSheet);
}

export type DetailCriterion = readonly [column: FixedKey, value: string | number];

/** `fn(range, criteria…)` over every detail sheet, added together. */
function overDetail(layout: readonly DetailSheet[], fn: 'SUMIFS' | 'COUNTIFS', criteria: readonly DetailCriterion[]): string {
  return layout
    .map((sheet) => {
      const range = (key: FixedKey) => sheetColumnRange(sheet.name, DETAIL_COLUMN[key], sheet.firstRow, sheet.lastRow);
      const args = criteria.map(([key, value]) => `${range(key)},${typeof value === 'number' ? value : formulaString(value)}`);
      return `${fn}(${fn === 'SUMIFS' ? `${range('total')},` : ''}${args.join(',')})`;
    })
    .join('+');
}

/**
 * The tCO2e of the detail rows matching any of the sets of criteria (net: the Scope 1 rows and the
 * market-based rows); "" when no row matches (the engine's null, never 0).
 */
export function detailTotalFormula(layout: readonly DetailSheet[], alternatives: readonly (readonly DetailCriterion[])[]): string {
  const over = (fn: 'SUMIFS' | 'COUNTIFS') => alternatives.map((criteria) => overDetail(layout, fn, criteria)).join('+');
  return `IF((${over('COUNTIFS')})=0,"",${over('SUMIFS')})`;
}

export function categoryCriterion(category: number | null): string | number {
  return category ?? UNCATEGORISED;
}

export function detailCells(row: DetailRow, r: number, gasIndex: ReadonlyMap<string, number>, gasCount: number): Cell[] {
  const gases: Cell[] = Array.from({ length: gasCount }, () => ({ value: null, style: 'tco2e' }));
  for (const gas of row.gases) gases[gasIndex.get(gas.gas)!] = { value: gas.tco2e, style: 'tco2e' };
  const record = row.record;
  const chargedFraction = row.convertedQuantity === 0 ? 1 : row.chargedQuantity / row.convertedQuantity;
  return [
    { value: row.fiscalYear, style: 'text' },
    { value: BASIS_LABELS[row.basis], style: 'text' },
    { value: row.basis === 'scope3' ? categoryCriterion(row.scope3Category) : null, style: 'integer' },
    { value: row.recordId ?? row.lineCount, style: 'integer' },
    { value: record?.sourceFile, style: 'text' },
    { value: record?.sheet, style: 'text' },
    { value: record?.rowNumber, style: 'integer' },
    { value: row.site, style: 'text' },
    { value: record ? isoDate(record.periodStart) : null, style: 'date' },
    { value: record ? isoDate(record.periodEnd) : null, style: 'date' },
    { value: activityByKey(row.activity)?.label ?? row.activity, style: 'text' },
    { value: record?.notes, style: 'clipped' },
    { value: row.quantity, style: 'quantity' },
    { value: row.unit, style: 'text' },
    { value: row.conversionFactor, style: 'general' },
    { value: formula(`${L.quantity}${r}*${L.conversion}${r}`, row.convertedQuantity), style: 'quantity' },
    { value: chargedFraction, style: 'percent' },
    { value: formula(`${L.converted}${r}*${L.chargedFraction}${r}`, row.chargedQuantity), style: 'quantity' },
    { value: row.factorUnit, style: 'text' },
    { value: row.co2ePerUnitKg, style: 'factor' },
    { value: row.factor?.label, style: 'text' },
    { value: row.factor?.setKey, style: 'text' },
    { value: row.factor?.edition, style: 'text' },
    { value: row.factor?.publisher, style: 'text' },
    { value: row.share, style: 'percent' },
    { value: formula(`${L.charged}${r}*${L.factorValue}${r}*${L.share}${r}/1000`, row.tco2e), style: 'tco2e' },
    ...gases,
    { value: row.note, style: 'clipped' },
  ];
}

const DATES = new Map<string, Date>();
const DATES_REMEMBERED = 10_000;

/** An ISO date as the UTC midnight Excel shows as that date; lines share a few periods, so each is made once. */
export function isoDate(date: string): Date {
  let value = DATES.get(date);
  if (!value) {
    if (DATES.size >= DATES_REMEMBERED) DATES.clear();
    value = new Date(`${date}T00:00:00.000Z`);
    DATES.set(date, value);
  }
  return value;
}

const SAMPLE_ROWS = 500;

export const detailSheet: SheetModule = {
  tabs(context): SheetTab[] {
    const layout = contextDetailLayout(context);
    return layout.map((sheet, index) => ({
      name: sheet.name,
      description: layout.length === 1
        ? 'Every calculation line re-performed by formula: quantity × conversion × factor × share'
        : `Calculation lines, part ${index + 1} of ${layout.length} (Excel holds at most ${EXCEL_MAX_ROWS.toLocaleString('en-GB')} rows a sheet)`,
    }));
  },

  async write(book, context) {
    const { detail } = context;
    const layout = contextDetailLayout(context);
    const columns = detailColumns(detail.mode, detail.gases);
    const gasIndex = new Map(detail.gases.map((gas, index) => [gas, index]));
    const iterator = detail.rows()[Symbol.asyncIterator]();
    // A cursor may stand behind the rows: close it whatever happens (cancel included).
    try {
      // Widths from the first rows, as they will be written on the first sheet.
      const firstRow = layout[0]!.firstRow;
      const sampleRows = await take(iterator, SAMPLE_ROWS);
      const widths = fitWidths(columns, sampleRows.map((row, index) => detailCells(row, firstRow + index, gasIndex, detail.gases.length)));
      const pending = sampleRows[Symbol.iterator]();
      const nextRow = async (): Promise<DetailRow | undefined> => {
        const buffered = pending.next();
        if (!buffered.done) return buffered.value;
        const next = await iterator.next();
        return next.done ? undefined : next.value;
      };
      let written = 0;
      for (const part of layout) {
        const spec: TableSpec = { name: part.name, title: DETAIL_SHEET + (layout.length > 1 ? ` (part ${layout.indexOf(part) + 1} of ${layout.length})` : ''), notes: NOTES[detail.mode], columns };
        const { sheet, headerRow } = await openTable(book, spec, widths);
        const height = dataRowHeight(spec);
        for (let r = part.firstRow; r <= part.lastRow && written < detail.count; r++) {
          const row = await nextRow();
          if (!row) throw new Error(`the detail source yielded ${written} rows, not the ${detail.count} it announced`);
          if (row.factor) context.usedFactorIds.add(row.factor.id);
          await sheet.row(detailCells(row, r, gasIndex, detail.gases.length), height);
          written++;
          if (written % 1000 === 0) {
            context.signal?.throwIfAborted();
            context.progress.add(1000);
          }
        }
        closeTable(sheet, spec, headerRow);
      }
      if ((await nextRow()) !== undefined) throw new Error(`the detail source yielded more than the ${detail.count} rows it announced`);
      context.progress.add(written % 1000);
    } finally {
      await iterator.return?.();
    }
  },
};
