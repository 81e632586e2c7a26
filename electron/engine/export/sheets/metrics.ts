/**
 * Metrics: PUE and clean-electricity shares with their inputs per site and fiscal year, and the
 * ratios as formulas. PUE = Σ facility energy / Σ IT energy (energy-weighted, never a mean of
 * ratios); clean share = Σ clean instrument electricity / Σ electricity consumed. The year's
 * totals take the sites inside the boundary; the lead schedule reads them.
 */
import type { PeriodResult, SiteResult } from '../../../../shared/calc/inventory';
import { fsum } from '../../../../shared/calc/sum';
import { formula, type Cell } from '../book/book';
import { cellRef, formulaString, sheetCell } from '../book/refs';
import { closeTable, fitWidths, openTable, tableHeaderRow, type TableColumn, type TableSpec } from '../book/table';
import { FIGURES, type MetricFigure } from '../../../../shared/figures';
import { sitePueGap, yearPueNote } from '../../../../shared/reconcile/missing-inputs';
import type { SheetModule } from './sheet-module';

export const METRICS_SHEET = 'Metrics';

const NOTES = [
  'Inputs in kWh per site and fiscal year, as calculated from the records; PUE and clean shares are formulas over them.',
  'A year’s totals take the sites inside the reporting boundary (share above 0%). PUE counts only data centres with both facility and IT energy: a data centre with one of them shows it, its PUE is “not computable”, and the note says what it lacks.',
];

/** A data centre's PUE where one of its two inputs is missing (the note says which). */
export const PUE_NOT_COMPUTABLE = 'not computable';

const COLUMNS: readonly TableColumn[] = [
  { header: 'Fiscal year', style: 'text' },
  { header: 'Site', style: 'text' },
  { header: 'Data centre', style: 'text' },
  { header: 'In boundary', style: 'text' },
  { header: 'Facility energy (kWh)', style: 'quantity' },
  { header: 'IT energy (kWh)', style: 'quantity' },
  { header: 'PUE', style: 'ratio' },
  { header: 'Electricity consumed (kWh)', style: 'quantity' },
  { header: 'Clean electricity (kWh)', style: 'quantity' },
  { header: 'Clean share', style: 'percent' },
  { header: 'Note', style: 'wrapped' },
];
const C = { year: 1, site: 2, dataCentre: 3, inBoundary: 4, facility: 5, it: 6, pue: 7, electricity: 8, clean: 9, share: 10, note: 11 } as const;

interface YearBlock {
  readonly period: PeriodResult;
  readonly sites: readonly SiteResult[];
  readonly firstSiteRow: number;
  readonly totalRow: number;
  readonly dataCentreRow: number;
}

function hasMetricInputs(site: SiteResult): boolean {
  const m = site.metrics;
  return m.facilityKwh !== null || m.itKwh !== null || m.electricityKwh !== null || m.cleanKwh !== null;
}

/** Row positions of every year's sites and totals, known before anything is written. */
export function metricsLayout(periods: readonly PeriodResult[]): YearBlock[] {
  let row = tableHeaderRow(NOTES) + 1;
  return periods.map((period) => {
    const sites = period.sites.filter(hasMetricInputs);
    const block = { period, sites, firstSiteRow: row, totalRow: row + sites.length, dataCentreRow: row + sites.length + 1 };
    row = block.dataCentreRow + 1;
    return block;
  });
}

/**
 * The Metrics cell holding a year's ratio (PUE, on the totals row) or share (on the totals row, or
 * the data centres' row for a share of data centres only), for the lead schedule.
 */
export function metricCell(periods: readonly PeriodResult[], fiscalYear: string, figure: MetricFigure): string {
  const block = metricsLayout(periods).find((candidate) => candidate.period.label === fiscalYear);
  if (!block) throw new Error(`no metrics for ${fiscalYear}`);
  if (figure.kind === 'ratio') return sheetCell(METRICS_SHEET, C.pue, block.totalRow);
  return sheetCell(METRICS_SHEET, C.share, figure.sites === 'data-centres' ? block.dataCentreRow : block.totalRow);
}

/** A flag as the workbook writes it. */
export const yesNo = (flag: boolean) => (flag ? 'Yes' : 'No');

function ratioFormula(numerator: string, denominator: string, result: number | null) {
  return formula(`IF(N(${denominator})>0,${numerator}/${denominator},"")`, result ?? '');
}

/** A site's PUE: the ratio when both inputs are there, "not computable" when only one is. */
function sitePueFormula(facility: string, it: string, site: SiteResult) {
  const result = site.metrics.pue ?? (sitePueGap(site) === null ? '' : PUE_NOT_COMPUTABLE);
  return formula(`IF(COUNT(${facility},${it})=1,${formulaString(PUE_NOT_COMPUTABLE)},IF(N(${it})>0,${facility}/${it},""))`, result);
}

function siteCells(period: PeriodResult, site: SiteResult, r: number): Cell[] {
  const m = site.metrics;
  return [
    { value: period.label, style: 'text' },
    { value: site.site ?? '(no site)', style: 'text' },
    { value: yesNo(site.isDataCentre), style: 'text' },
    { value: yesNo(site.share > 0), style: 'text' },
    { value: m.facilityKwh, style: 'quantity' },
    { value: m.itKwh, style: 'quantity' },
    { value: sitePueFormula(cellRef(C.facility, r), cellRef(C.it, r), site), style: 'ratio' },
    { value: m.electricityKwh, style: 'quantity' },
    { value: m.cleanKwh, style: 'quantity' },
    { value: ratioFormula(cellRef(C.clean, r), cellRef(C.electricity, r), m.cleanShare), style: 'percent' },
    { value: sitePueGap(site) === null ? null : `${FIGURES.pue.label} not computable: ${sitePueGap(site)}`, style: 'wrapped' },
  ];
}

function totalCells(block: YearBlock): { total: Cell[]; dataCentres: Cell[] } {
  const { period, firstSiteRow: a, totalRow, dataCentreRow } = block;
  const b = totalRow - 1;
  const label = (text: string): Cell[] => [{ value: period.label, style: 'totalLabel' }, { value: text, style: 'totalLabel' }, { value: null, style: 'totalLabel' }, { value: null, style: 'totalLabel' }];
  if (block.sites.length === 0) {
    const empty: Cell[] = Array.from({ length: 7 }, () => ({ value: null, style: 'totalLabel' }));
    return { total: [...label('No metric inputs this year'), ...empty], dataCentres: [...label('Data centres in the boundary'), ...empty] };
  }
  const range = (column: number) => `${cellRef(column, a)}:${cellRef(column, b)}`;
  const inBoundary = `${range(C.inBoundary)},${formulaString('Yes')}`;
  const sum = (column: number, extra = '', result: number | null = null) => formula(`SUMIFS(${range(column)},${inBoundary}${extra})`, result ?? 0);
  // PUE's inputs: only the data centres with both (a blank total when none has).
  const bothPueInputs = `,${range(C.dataCentre)},${formulaString('Yes')},${range(C.facility)},"<>",${range(C.it)},"<>"`;
  const pueSum = (column: number, result: number | null) =>
    formula(`IF(COUNTIFS(${inBoundary}${bothPueInputs})=0,"",SUMIFS(${range(column)},${inBoundary}${bothPueInputs}))`, result ?? '');
  const m = period.metrics;
  const dataCentres = block.sites.filter((site) => site.isDataCentre && site.share > 0);
  const dcSum = (pick: (site: SiteResult) => number | null) => fsum(dataCentres.map((site) => pick(site) ?? 0));
  const onlyDataCentres = `,${range(C.dataCentre)},${formulaString('Yes')}`;
  return {
    total: [
      ...label('All sites in the boundary'),
      { value: pueSum(C.facility, m.facilityKwh), style: 'totalQuantity' },
      { value: pueSum(C.it, m.itKwh), style: 'totalQuantity' },
      { value: ratioFormula(cellRef(C.facility, totalRow), cellRef(C.it, totalRow), m.pue), style: 'totalRatio' },
      { value: sum(C.electricity, '', m.electricityKwh), style: 'totalQuantity' },
      { value: sum(C.clean, '', m.cleanKwh), style: 'totalQuantity' },
      { value: ratioFormula(cellRef(C.clean, totalRow), cellRef(C.electricity, totalRow), m.cleanShare), style: 'totalPercent' },
      { value: yearPueNote(period), style: 'wrapped' },
    ],
    dataCentres: [
      ...label('Data centres in the boundary'),
      { value: null, style: 'totalLabel' },
      { value: null, style: 'totalLabel' },
      { value: null, style: 'totalLabel' },
      { value: sum(C.electricity, onlyDataCentres, dcSum((site) => site.metrics.electricityKwh)), style: 'totalQuantity' },
      { value: sum(C.clean, onlyDataCentres, dcSum((site) => site.metrics.cleanKwh)), style: 'totalQuantity' },
      { value: ratioFormula(cellRef(C.clean, dataCentreRow), cellRef(C.electricity, dataCentreRow), m.dataCentreCleanShare), style: 'totalPercent' },
      { value: null, style: 'totalLabel' },
    ],
  };
}

export const metricsSheet: SheetModule = {
  tabs: () => [{ name: METRICS_SHEET, description: 'PUE and clean-electricity shares with their inputs per site and year; ratios as formulas' }],

  async write(book, context) {
    const blocks = metricsLayout(context.periods);
    const rows: Cell[][] = [];
    for (const block of blocks) {
      block.sites.forEach((site, index) => rows.push(siteCells(block.period, site, block.firstSiteRow + index)));
      const { total, dataCentres } = totalCells(block);
      rows.push(total, dataCentres);
    }
    const spec: TableSpec = { name: METRICS_SHEET, title: 'Metrics', notes: NOTES, columns: COLUMNS };
    const { sheet, headerRow } = await openTable(book, spec, fitWidths(COLUMNS, rows));
    for (const cells of rows) await sheet.row(cells);
    closeTable(sheet, spec, headerRow);
  },
};
