/**
 * A property export in the shape of ENERGY STAR Portfolio Manager's (issue 17): four title lines
 * above a header of 44 columns; identifiers, addresses, operating hours, scores and alerts;
 * derived columns (EUIs, site and source energy, weather-normalised figures, shares); each
 * energy in its metered unit and again in GJ; district steam, chilled water and wood in GJ; a
 * floor area; a 'Year Ending' date; the system's own location-based and direct GHG totals; and
 * 'Not Available' in most numeric cells. The expected records, claims and findings are derived
 * from the same plan the workbook is written from, never from the engine.
 */
import ExcelJS from 'exceljs';
import type { CompanyFactorRow } from './factor-table';

export const PM_SHEET = 'Properties';
export const PM_HEADER_ROW = 5;
const NOT_AVAILABLE = 'Not Available';

/** Exact: 1 kWh = 3.6 MJ; 1 therm = 0.1 mmBtu = 29.307107 kWh = 0.105505585 GJ (to the digits a system shows). */
export const GJ_PER_KWH = 0.0036;
export const GJ_PER_THERM = 0.1055055852;

/** The factor table for the region, in the company layout: kg CO2e per unit, the unit per row. */
export const US_FACTORS = {
  electricity: 0.3712,
  residualMix: 0.4105,
  naturalGasPerTherm: 5.31145,
  steamPerGj: 66.33,
  chilledWaterPerGj: 52.7,
  woodScope1PerGj: 0.2995,
  woodBiogenicPerGj: 88.99,
} as const;

/** US_FACTORS as the company's factor table gives them. */
export const US_COMPANY_FACTORS: readonly CompanyFactorRow[] = [
  ['Grid electricity', 2, 'location', 'kWh', US_FACTORS.electricity, 'eGRID US average'],
  ['Grid electricity', 2, 'residual mix', 'kWh', US_FACTORS.residualMix, 'Green-e residual mix'],
  ['Natural gas', 1, null, 'therm', US_FACTORS.naturalGasPerTherm, 'EPA Hub 2025'],
  ['District steam', 2, 'location', 'GJ', US_FACTORS.steamPerGj, 'EPA Hub 2025'],
  ['District chilled water', 2, 'location', 'GJ', US_FACTORS.chilledWaterPerGj, 'Supplier 2023'],
  ['Wood', 1, null, 'GJ', US_FACTORS.woodScope1PerGj, 'EPA Hub 2025 (CH4, N2O)'],
  ['Wood', 'Outside of scopes', null, 'GJ', US_FACTORS.woodBiogenicPerGj, 'EPA Hub 2025 (biogenic CO2)'],
];

export interface Property {
  readonly id: number;
  readonly name: string;
  readonly yearEnding: string;
  readonly gfaM2: number | null;
  readonly electricityKwh: number | null;
  /** As the export writes it: the kWh in GJ, rounded to 0.1; a wrong one where the plan says so. */
  readonly electricityGj: number | null;
  readonly gasTherms: number | null;
  readonly gasGj: number | null;
  readonly steamGj: number | null;
  readonly chilledWaterGj: number | null;
  readonly woodGj: number | null;
  /** The system's figures: direct (Scope 1) and location-based total, in t CO2e rounded to 0.1. */
  readonly directTco2e: number | null;
  readonly locationTotalTco2e: number | null;
}

export interface PortfolioPlan {
  readonly properties: readonly Property[];
  /** Data rows by property name. */
  readonly rowOf: ReadonlyMap<string, number>;
  /** The property whose GJ twin disagrees with its kWh, and the one with GJ but no kWh. */
  readonly twinDisagrees: string;
  readonly twinOnly: string;
  /** The property whose system total is misstated (8% high). */
  readonly misstated: string;
  /** The property with nothing but placeholders: its row is rejected. */
  readonly empty: string;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

interface Energy {
  readonly name: string;
  readonly yearEnding?: string;
  readonly gfaM2?: number | null;
  readonly kwh?: number | null;
  readonly therms?: number | null;
  readonly steamGj?: number | null;
  readonly chilledWaterGj?: number | null;
  readonly woodGj?: number | null;
}

const ENERGIES: readonly Energy[] = [
  { name: 'Alder Court', gfaM2: 12_500, kwh: 2_345_678.9, therms: 45_678.2 },
  { name: 'Birch House', gfaM2: 8_200, kwh: 1_234_567.4 },
  { name: 'Cedar Works', gfaM2: 20_100, kwh: null, therms: 88_000.5 },
  { name: 'Dogwood Offices', gfaM2: 5_400, kwh: 654_321.1 },
  { name: 'Elm Plaza', yearEnding: '2023-06-30', gfaM2: 15_000, kwh: 1_800_000.2, therms: 12_345.6 },
  { name: 'Fir Lodge', gfaM2: 9_900, kwh: 987_654.3, steamGj: 5_000.4 },
  { name: 'Gum Tower', gfaM2: 30_000, kwh: 4_321_000.7, chilledWaterGj: 3_200.8 },
  { name: 'Hazel Mill', gfaM2: 7_700, kwh: 765_432.1, therms: 23_456.7, woodGj: 800.3 },
  { name: 'Ivy Hall', gfaM2: 6_600, kwh: 876_543.2 },
  { name: 'Juniper Yard', gfaM2: null, kwh: null },
  { name: 'Kauri Point', gfaM2: 4_300, kwh: 432_109.8 },
  { name: 'Larch Depot', gfaM2: 11_000, kwh: 1_111_111.1, therms: 9_876.5 },
];

export function portfolioPlan(options: { readonly nothingAvailable?: boolean } = {}): PortfolioPlan {
  const twinDisagrees = 'Birch House';
  const twinOnly = 'Cedar Works';
  const misstated = 'Ivy Hall';
  const empty = 'Juniper Yard';
  const rowOf = new Map<string, number>();
  const properties = ENERGIES.map((energy, index): Property => {
    rowOf.set(energy.name, PM_HEADER_ROW + 1 + index);
    const blank = options.nothingAvailable === true;
    const kwh = blank ? null : (energy.kwh ?? null);
    const therms = blank ? null : (energy.therms ?? null);
    const steam = blank ? null : (energy.steamGj ?? null);
    const chilled = blank ? null : (energy.chilledWaterGj ?? null);
    const wood = blank ? null : (energy.woodGj ?? null);
    const gfa = blank ? null : (energy.gfaM2 ?? null);
    // The system prices the energy it has, whichever column it reads it from.
    const systemKwh = energy.name === twinOnly ? 1_500_000 : (kwh ?? 0);
    const direct = ((therms ?? 0) * US_FACTORS.naturalGasPerTherm + (wood ?? 0) * US_FACTORS.woodScope1PerGj) / 1000;
    const indirect = (systemKwh * US_FACTORS.electricity + (steam ?? 0) * US_FACTORS.steamPerGj + (chilled ?? 0) * US_FACTORS.chilledWaterPerGj) / 1000;
    const hasEnergy = !blank && energy.name !== empty;
    return {
      id: 4_000_101 + index,
      name: energy.name,
      yearEnding: energy.yearEnding ?? '2023-12-31',
      gfaM2: gfa,
      electricityKwh: kwh,
      electricityGj: blank ? null : energy.name === twinOnly ? round1(1_500_000 * GJ_PER_KWH) : kwh === null ? null : round1(kwh * GJ_PER_KWH * (energy.name === twinDisagrees ? 1.1 : 1)),
      gasTherms: therms,
      gasGj: therms === null ? null : round1(therms * GJ_PER_THERM),
      steamGj: steam,
      chilledWaterGj: chilled,
      woodGj: wood,
      directTco2e: hasEnergy ? round1(direct) : null,
      locationTotalTco2e: hasEnergy ? round1((direct + indirect) * (energy.name === misstated ? 1.08 : 1)) : null,
    };
  });
  return { properties, rowOf, twinDisagrees, twinOnly, misstated, empty };
}

type CellValue = string | number | Date | null;
const or = (value: number | null): CellValue => (value === null ? NOT_AVAILABLE : value);

/** The export's columns, each with how a property fills it. */
export const PM_COLUMNS: readonly (readonly [string, (property: Property, index: number) => CellValue])[] = [
  ['Property Id', (p) => p.id],
  ['Property Name', (p) => p.name],
  ['Parent Property Id', () => 'Not Applicable: Standalone Property'],
  ['Parent Property Name', () => 'Not Applicable: Standalone Property'],
  ['Address 1', (_p, i) => `${100 + i} Harbor Street`],
  ['City', () => 'Portland'],
  ['State/Province', () => 'OR'],
  ['Postal Code', (_p, i) => `9720${i % 10}`],
  ['Country', () => 'United States'],
  ['Year Built', (_p, i) => 1960 + 4 * i],
  ['Primary Property Type - Self Selected', () => 'Office'],
  ['Property GFA - Self-Reported (m²)', (p) => or(p.gfaM2)],
  ['Number of Buildings', () => 1],
  ['Occupancy (%)', () => 95],
  ['Operating Hours', (_p, i) => (i % 3 === 0 ? NOT_AVAILABLE : 60)],
  ['Year Ending', (p) => new Date(`${p.yearEnding}T00:00:00.000Z`)],
  ['ENERGY STAR Score', (_p, i) => (i % 2 === 0 ? 70 + i : NOT_AVAILABLE)],
  ['Site EUI (GJ/m²)', (p) => (p.electricityKwh === null || p.gfaM2 === null ? NOT_AVAILABLE : round1((p.electricityKwh * GJ_PER_KWH) / p.gfaM2))],
  ['Weather Normalized Site EUI (GJ/m²)', () => NOT_AVAILABLE],
  ['Source EUI (GJ/m²)', () => NOT_AVAILABLE],
  ['National Median Site EUI (GJ/m²)', () => 0.9],
  ['Site Energy Use (GJ)', (p) => or(p.electricityGj === null ? null : round1(p.electricityGj + (p.gasGj ?? 0) + (p.steamGj ?? 0) + (p.chilledWaterGj ?? 0) + (p.woodGj ?? 0)))],
  ['Weather Normalized Site Energy Use (GJ)', () => NOT_AVAILABLE],
  ['Source Energy Use (GJ)', () => NOT_AVAILABLE],
  ['Electricity Use - Grid Purchase (kWh)', (p) => or(p.electricityKwh)],
  ['Electricity Use - Grid Purchase (GJ)', (p) => or(p.electricityGj)],
  ['Natural Gas Use (therms)', (p) => or(p.gasTherms)],
  ['Natural Gas Use (GJ)', (p) => or(p.gasGj)],
  ['District Steam Use (GJ)', (p) => or(p.steamGj)],
  ['District Chilled Water Use (GJ)', (p) => or(p.chilledWaterGj)],
  ['Wood Use (GJ)', (p) => or(p.woodGj)],
  ['Fuel Oil #2 Use (GJ)', () => NOT_AVAILABLE],
  ['Green Power - Onsite and Offsite (kWh)', () => NOT_AVAILABLE],
  ['Percent of Electricity that is Green Power', () => 0],
  ['Total (Location-Based) GHG Emissions (Metric Tons CO2e)', (p) => or(p.locationTotalTco2e)],
  ['Total GHG Emissions Intensity (kgCO2e/m²)', (p) => (p.locationTotalTco2e === null || p.gfaM2 === null ? NOT_AVAILABLE : round1((p.locationTotalTco2e * 1000) / p.gfaM2))],
  ['Direct GHG Emissions (Metric Tons CO2e)', (p) => or(p.directTco2e)],
  ['Water Use (All Water Sources) (kgal)', (_p, i) => (i % 2 === 0 ? NOT_AVAILABLE : 1200 + i)],
  ['Alert - Data Center Issue (with Estimates, IT Configuration, or IT Meter)', () => 'Ok'],
  ['Alert - Energy Meter has less than 12 full calendar months of data', (_p, i) => (i === 4 ? 'Possible Issue' : 'Ok')],
  ['Alert - Property has no uses', () => 'Ok'],
  ['Data Quality Checker Run?', () => 'No'],
  ['Last Modified Date - Property', () => new Date('2024-04-30T00:00:00.000Z')],
  ['Last Modified By - Property', () => 'facilities.team'],
];

export const columnIndex = (header: string): number => PM_COLUMNS.findIndex(([name]) => name === header);

export async function writePortfolioWorkbook(file: string, plan: PortfolioPlan = portfolioPlan()): Promise<PortfolioPlan> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(PM_SHEET);
  sheet.getCell('A1').value = 'ENERGY STAR Portfolio Manager';
  sheet.getCell('A2').value = 'Property data: energy and emissions';
  sheet.getCell('A3').value = 'Generated on 2024-05-02 by facilities.team';
  sheet.getCell('A4').value = 'Units: metric (GJ, m², Metric Tons CO2e)';
  sheet.getRow(PM_HEADER_ROW).values = PM_COLUMNS.map(([header]) => header);
  plan.properties.forEach((property, index) => {
    const row = sheet.getRow(plan.rowOf.get(property.name)!);
    row.values = PM_COLUMNS.map(([, value]) => value(property, index));
    for (const header of ['Year Ending', 'Last Modified Date - Property']) row.getCell(columnIndex(header) + 1).numFmt = 'yyyy-mm-dd';
  });
  await workbook.xlsx.writeFile(file);
  return plan;
}
