/**
 * The review's Done-when workbook: two fiscal years (April 2021 to March 2023) of monthly
 * electricity for two sites, with three months left blank for one site (the rows are there, the
 * readings are not), six quantities typed as text ('31,200.5'), and a totals row. The expected
 * findings are derived from the plan the workbook is written from, never from the engine.
 */
import ExcelJS from 'exceljs';

export const REVIEW_SHEET = 'Electricity';
export const REVIEW_HEADER_ROW = 3;
export const BLANK_SITE = 'York Depot';
export const BLANK_MONTHS = ['2022-06', '2022-07', '2022-11'] as const;

export interface ReviewReading {
  readonly rowNumber: number;
  readonly site: string;
  readonly month: string;
  /** Null: the cell is left blank. */
  readonly kwh: number | null;
  readonly asText: boolean;
}

export interface ReviewWorkbookPlan {
  readonly readings: readonly ReviewReading[];
  readonly totalRow: number;
  /** What the totals row states. */
  readonly stated: number;
  /** What import takes in: every reading, text ones included. */
  readonly importedSum: number;
}

const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const index = 2021 * 12 + 3 + i;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
});

/** Positions (site, month index) of the six readings typed as text. */
const TEXT_READINGS = new Set(['Leeds Office:2', 'Leeds Office:7', 'Leeds Office:12', 'Leeds Office:17', 'York Depot:3', 'York Depot:20']);

/**
 * `excelSum`: the totals row is a SUM formula whose cached value is what Excel computes, which
 * leaves text out; otherwise it is the company's typed total of every reading.
 */
export function reviewWorkbookPlan(options: { readonly excelSum?: boolean } = {}): ReviewWorkbookPlan {
  const readings: ReviewReading[] = [];
  let rowNumber = REVIEW_HEADER_ROW + 1;
  for (const [siteIndex, site] of ['Leeds Office', 'York Depot'].entries()) {
    for (const [monthIndex, month] of MONTHS.entries()) {
      const asText = TEXT_READINGS.has(`${site}:${monthIndex}`);
      const blank = site === BLANK_SITE && (BLANK_MONTHS as readonly string[]).includes(month);
      const kwh = blank ? null : 30_000 + 5_000 * siteIndex + 150 * monthIndex + (asText ? 0.5 : 0);
      readings.push({ rowNumber: rowNumber++, site, month, kwh, asText });
    }
  }
  const importedSum = readings.reduce((sum, reading) => sum + (reading.kwh ?? 0), 0);
  const excelSum = readings.reduce((sum, reading) => sum + (reading.asText ? 0 : (reading.kwh ?? 0)), 0);
  return { readings, totalRow: rowNumber, stated: options.excelSum ? excelSum : importedSum, importedSum };
}

export async function writeReviewWorkbook(file: string, plan: ReviewWorkbookPlan = reviewWorkbookPlan(), options: { readonly excelSum?: boolean } = {}): Promise<ReviewWorkbookPlan> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(REVIEW_SHEET);
  sheet.getCell('A1').value = 'Example Group plc: metered electricity by site';
  sheet.getRow(REVIEW_HEADER_ROW).values = ['Site', 'Month', 'Electricity (kWh)', 'Notes'];
  for (const reading of plan.readings) {
    const row = sheet.getRow(reading.rowNumber);
    const quantity = reading.kwh === null ? null : reading.asText ? reading.kwh.toLocaleString('en-GB', { maximumFractionDigits: 3 }) : reading.kwh;
    row.values = [reading.site, new Date(`${reading.month}-01T00:00:00.000Z`), quantity, reading.kwh === null ? 'Meter not read' : null];
    row.getCell(2).numFmt = 'mmm yyyy';
  }
  const last = plan.totalRow - 1;
  sheet.getCell(`A${plan.totalRow}`).value = 'Total';
  sheet.getCell(`C${plan.totalRow}`).value = options.excelSum ? { formula: `SUM(C${REVIEW_HEADER_ROW + 1}:C${last})`, result: plan.stated } : plan.stated;
  await workbook.xlsx.writeFile(file);
  return plan;
}
