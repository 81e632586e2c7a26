/**
 * The figures a company reports for the two-year engagement (test/helpers/two-year-engagement.ts),
 * written from its independent recalculation and rounded as an ESG report rounds them, with one
 * emissions figure misstated by 6 %: FY2023 net, above the 5 % materiality.
 */
import ExcelJS from 'exceljs';
import type { ExpectedYear as Expected } from './independent-recalculation';

export const round = (value: number, places: number) => Number(value.toFixed(places));
export const net = (year: Expected) => year.scope1 + year.market;

export interface ReportedRow {
  readonly metric: string;
  readonly year: string;
  readonly value: number;
  readonly unit: string | null;
  /** A number format for the value cell, as the company's sheet has it. */
  readonly format?: string;
}

/** What the company reported, as its ESG report rounds it; FY2023 net overstated by 6 %. */
export function reportedFigures(expected: Record<string, Expected>): ReportedRow[] {
  const [fy2022, fy2023] = [expected.FY2022!, expected.FY2023!];
  return [
    { metric: 'Total Scope 1 (tCO2e)', year: 'FY2023', value: round(fy2023.scope1, 1), unit: 'tCO2e' },
    { metric: 'Scope 1 & 2 net, market-based', year: 'FY2023', value: round(net(fy2023) * 1.06, 1), unit: 'tCO2e' },
    { metric: 'Scope 1 & 2 net, market-based', year: 'FY2022', value: round(net(fy2022), 1), unit: 'tCO2e' },
    { metric: 'Location-based Scope 2', year: 'FY2023', value: round(fy2023.location / 1000, 3), unit: 'ktCO2e' },
    { metric: 'Average PUE of our data centres', year: 'FY2023', value: round(fy2023.facilityKwh / fy2023.itKwh, 3), unit: null },
    { metric: 'Average PUE of our data centres', year: 'FY2022', value: round(fy2022.facilityKwh / fy2022.itKwh, 3), unit: null },
    // A fraction in a cell formatted as a percentage, as Excel keeps 53.9 %.
    { metric: 'Share of clean energy in data centres', year: 'FY2023', value: round(fy2023.dcCleanKwh / fy2023.dcElectricityKwh, 3), unit: null, format: '0.0%' },
    { metric: 'Share of clean energy in data centres', year: 'FY2022', value: round(fy2022.dcCleanKwh / fy2022.dcElectricityKwh, 3), unit: null, format: '0.0%' },
  ];
}

export async function writeReported(file: string, rows: readonly ReportedRow[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('ESG report');
  sheet.addRow(['Metric', 'Year', 'Reported value', 'Unit']);
  for (const row of rows) {
    const written = sheet.addRow([row.metric, row.year, row.value, row.unit]);
    if (row.format) written.getCell(3).numFmt = row.format;
  }
  await workbook.xlsx.writeFile(file);
}

