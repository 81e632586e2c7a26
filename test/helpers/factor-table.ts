/**
 * Factor tables in the layout companies send: `Activity | Scope | Basis | Unit | kg CO2e per unit
 * | Source`, the numerator in the value column's header, the unit of activity per row; and the
 * long layout tests write as CSV.
 */
import ExcelJS from 'exceljs';
import { mappingSchema, type Mapping } from '../../shared/import/mapping';

export type CompanyFactorRow = readonly [activity: string, scope: number | string, basis: string | null, unit: string | null, kgCo2ePerUnit: number, source: string];

export const COMPANY_FACTOR_HEADER = ['Activity', 'Scope', 'Basis', 'Unit', 'kg CO2e per unit', 'Source'] as const;

/** A UK table: grid average, residual mix and contractual instruments for electricity; two fuels. */
export const UK_COMPANY_FACTORS: readonly CompanyFactorRow[] = [
  ['Grid electricity', 2, 'location', 'kWh', 0.207, 'DESNZ 2024'],
  ['Grid electricity', 2, 'market', 'kWh', 0.302, 'AIB residual mix 2023'],
  ['Renewable electricity', 2, 'market', 'kWh', 0, 'Contractual instruments (REGOs)'],
  ['Natural gas', 1, null, 'm3', 2.02, 'DESNZ 2024'],
  ['Diesel', 1, null, 'litre', 2.51, 'DESNZ 2024'],
];

export async function writeCompanyFactorTable(file: string, rows: readonly CompanyFactorRow[], sheetName = 'Emission factors'): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...COMPANY_FACTOR_HEADER]);
  for (const row of rows) sheet.addRow([...row]);
  await workbook.xlsx.writeFile(file);
}

/** The columns of a factor table as tests write it: Activity, Region, Factor, Unit, Source. */
export const FACTOR_TABLE_HEADER = 'Activity,Region,Factor,Unit,Source';

/** The mapping of such a table (header on row 1). */
export const FACTOR_TABLE_MAPPING: Mapping = mappingSchema.parse({
  version: 1, kind: 'factors', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, layout: 'long', decimalSeparator: '.',
  columns: [
    { column: 0, header: 'Activity', role: 'activity' },
    { column: 1, header: 'Region', role: 'region' },
    { column: 2, header: 'Factor', role: 'factor_value' },
    { column: 3, header: 'Unit', role: 'factor_unit' },
    { column: 4, header: 'Source', role: 'source' },
  ],
});
