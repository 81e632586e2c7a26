/**
 * Builds the kind of workbook a company sends an auditor: title rows and a merged title above
 * the header, units in header text, a wide layout (one column per activity), numbers typed as
 * text, blank months, a negative reading, and a totals row of SUM formulas. Two fiscal years
 * (April start): FY2022 and FY2023. Expected outcomes are derived from the same plan the
 * workbook is written from, never from the engine.
 */
import ExcelJS from 'exceljs';

export const OFFICES_SHEET = 'UK offices';
export const DATA_CENTRES_SHEET = 'Data centres';

export interface OfficeReading {
  readonly rowNumber: number;
  readonly site: string;
  readonly month: string; // YYYY-MM
  readonly electricityKwh: number | null;
  readonly gasM3: number | null;
  readonly dieselL: number | null;
  readonly renewableKwh: number | null;
  /** How the quantity cells are written: numbers, or text with thousands separators. */
  readonly asText: boolean;
}

export interface DataCentreReading {
  readonly rowNumber: number;
  readonly site: string;
  readonly month: string;
  readonly facilityMwh: number;
  readonly itMwh: number;
  readonly cleanMwh: number;
}

export interface CompanyWorkbookPlan {
  readonly offices: readonly OfficeReading[];
  /** Rows that must be rejected, with the words their reason must contain. */
  readonly rejectedOfficeRows: ReadonlyMap<number, string>;
  readonly officesTotalRow: number;
  readonly dataCentres: readonly DataCentreReading[];
  readonly dataCentresTotalRow: number;
}

export const HEADER_ROW = 4;
const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const date = new Date(Date.UTC(2021, 3 + i, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
});

export function companyWorkbookPlan(): CompanyWorkbookPlan {
  const offices: OfficeReading[] = [];
  const rejected = new Map<number, string>();
  let rowNumber = HEADER_ROW + 1;
  for (const [siteIndex, site] of ['London HQ', 'Manchester'].entries()) {
    for (const [monthIndex, month] of MONTHS.entries()) {
      const closedMonth = site === 'Manchester' && month === '2022-08';
      const negative = site === 'London HQ' && month === '2022-11';
      const electricity = closedMonth ? null : negative ? -500 : 40_000 + 1_000 * siteIndex + 250 * monthIndex;
      offices.push({
        rowNumber,
        site,
        month,
        electricityKwh: electricity,
        gasM3: closedMonth || (site === 'Manchester' && monthIndex % 6 === 5) ? null : 3_000 + 37.5 * monthIndex + 500 * siteIndex,
        dieselL: closedMonth ? null : 120.5 + monthIndex,
        renewableKwh: closedMonth || negative ? null : site === 'London HQ' && month >= '2022-04' ? 20_000 : null,
        asText: monthIndex % 5 === 2,
      });
      if (closedMonth) rejected.set(rowNumber, 'every mapped quantity is blank');
      if (negative) rejected.set(rowNumber, 'negative quantity');
      rowNumber++;
    }
  }
  const dataCentres: DataCentreReading[] = [];
  let dcRow = HEADER_ROW + 1;
  for (const [siteIndex, site] of ['DC North', 'DC South'].entries()) {
    for (const [monthIndex, month] of MONTHS.entries()) {
      const fy2023 = month >= '2022-04';
      const it = 1_000 + 20 * monthIndex + 300 * siteIndex;
      const pue = (fy2023 ? 1.2 : 1.25) + 0.01 * (monthIndex % 3) + 0.05 * siteIndex;
      dataCentres.push({ rowNumber: dcRow++, site, month, itMwh: it, facilityMwh: Math.round(it * pue * 10) / 10, cleanMwh: fy2023 ? 700 + 10 * siteIndex : 250 });
    }
  }
  return { offices, rejectedOfficeRows: rejected, officesTotalRow: rowNumber, dataCentres, dataCentresTotalRow: dcRow };
}

function monthDate(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

function asCell(value: number | null, asText: boolean): ExcelJS.CellValue {
  if (value === null) return null;
  return asText ? value.toLocaleString('en-GB', { maximumFractionDigits: 3 }) : value;
}

function titleRows(sheet: ExcelJS.Worksheet, title: string, lastColumn: string): void {
  sheet.getCell('A1').value = title;
  sheet.mergeCells(`A1:${lastColumn}1`);
  sheet.getCell('A2').value = 'Fiscal years FY2022–FY2023 (April to March). Prepared by Group Facilities.';
}

function sumRow(sheet: ExcelJS.Worksheet, rowNumber: number, columns: readonly string[], lastDataRow: number, plan: readonly (number | null)[]): void {
  sheet.getCell(`A${rowNumber}`).value = 'Total';
  columns.forEach((column, index) => {
    sheet.getCell(`${column}${rowNumber}`).value = { formula: `SUM(${column}${HEADER_ROW + 1}:${column}${lastDataRow})`, result: plan[index] ?? 0 };
  });
}

export async function writeCompanyWorkbook(file: string, plan: CompanyWorkbookPlan = companyWorkbookPlan()): Promise<CompanyWorkbookPlan> {
  const workbook = new ExcelJS.Workbook();
  const offices = workbook.addWorksheet(OFFICES_SHEET);
  titleRows(offices, 'Example Group plc — site energy and fuels', 'G');
  offices.getRow(HEADER_ROW).values = ['Site', 'Month', 'Electricity (kWh)', 'Natural gas (m3)', 'Diesel (L)', 'Renewable electricity (kWh)', 'Notes'];
  for (const reading of plan.offices) {
    const row = offices.getRow(reading.rowNumber);
    row.values = [
      reading.site,
      monthDate(reading.month),
      asCell(reading.electricityKwh, reading.asText),
      asCell(reading.gasM3, reading.asText),
      asCell(reading.dieselL, false),
      asCell(reading.renewableKwh, false),
      reading.electricityKwh === null ? 'Site closed for refurbishment' : null,
    ];
    row.getCell(2).numFmt = 'mmm yyyy';
  }
  const sumOf = (pick: (reading: OfficeReading) => number | null) => plan.offices.reduce((sum, reading) => sum + (pick(reading) ?? 0), 0);
  sumRow(offices, plan.officesTotalRow, ['C', 'D', 'E', 'F'], plan.officesTotalRow - 1, [
    sumOf((r) => r.electricityKwh), sumOf((r) => r.gasM3), sumOf((r) => r.dieselL), sumOf((r) => r.renewableKwh),
  ]);

  const dataCentres = workbook.addWorksheet(DATA_CENTRES_SHEET);
  titleRows(dataCentres, 'Example Group plc — data-centre energy', 'E');
  dataCentres.getRow(HEADER_ROW).values = ['Site', 'Month', 'Total facility energy (MWh)', 'IT equipment energy (MWh)', 'Renewable electricity (MWh)'];
  for (const reading of plan.dataCentres) {
    const row = dataCentres.getRow(reading.rowNumber);
    row.values = [reading.site, monthDate(reading.month), reading.facilityMwh, reading.itMwh, reading.cleanMwh];
    row.getCell(2).numFmt = 'mmm yyyy';
  }
  const dcSum = (pick: (reading: DataCentreReading) => number) => plan.dataCentres.reduce((sum, reading) => sum + pick(reading), 0);
  sumRow(dataCentres, plan.dataCentresTotalRow, ['C', 'D', 'E'], plan.dataCentresTotalRow - 1, [dcSum((r) => r.facilityMwh), dcSum((r) => r.itMwh), dcSum((r) => r.cleanMwh)]);
  await workbook.xlsx.writeFile(file);
  return plan;
}
