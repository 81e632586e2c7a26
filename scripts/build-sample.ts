/**
 * Writes the sample engagement's source files in resources/sample/ (committed; run again only to
 * change them):
 *
 *   npx tsx scripts/build-sample.ts resources/sample
 *
 * Fictional data written for this project: Northwind Data Group plc, two fiscal years (April to
 * March, FY2023 and FY2024) of three data centres, two offices and two warehouses, refrigerant
 * top-ups, Scope 3 and avoided emissions, the figures the group reported and its targets. Shaped
 * like real submissions: title rows, units in headers, months as dates, one bad row and one month
 * a site was closed. The figures the group reported are worked out here from the same plan with
 * the DESNZ 2020 factors (as the group's own consultant would), not read from the engine, and one
 * of them is materially wrong. Output is byte-for-byte the same on every run.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import yauzl from 'yauzl';
import yazl from 'yazl';

export const SAMPLE_ENTITY = 'Northwind Data Group plc';
export const OPERATIONS_FILE = 'Northwind operations FY2023-FY2024.xlsx';
export const REPORTED_FILE = 'Northwind reported figures.csv';
export const TARGETS_FILE = 'Northwind targets.csv';
export const DATA_CENTRES_SHEET = 'Data centres';
export const SITES_SHEET = 'Offices and warehouses';
export const REFRIGERANTS_SHEET = 'Refrigerants';
export const SCOPE3_SHEET = 'Scope 3 and avoided';
const HEADER_ROW = 4;
/** Fixed so the workbook's bytes do not depend on when it was written. */
const WRITTEN_AT = new Date(Date.UTC(2024, 4, 15, 9, 0, 0));

/** DESNZ 2020 (the default library): UK grid electricity, natural gas (gross CV), diesel, in kg CO2e. */
const KG_PER_KWH_ELECTRICITY = 0.23314;
const KG_PER_KWH_GAS = 0.18387;
const KG_PER_LITRE_DIESEL = 2.54603;

/** April 2022 to March 2024: FY2023 then FY2024. */
const MONTHS = Array.from({ length: 24 }, (_, index) => {
  const date = new Date(Date.UTC(2022, 3 + index, 1));
  return { index, date, label: date.toISOString().slice(0, 7), fiscalYear: index < 12 ? 'FY2023' : 'FY2024' } as const;
});
type Month = (typeof MONTHS)[number];
/** Cooling load through the year, April first: summer months above average, winter below; sums to zero. */
const SEASON = [0, 1, 2, 3, 2, 1, 0, -1, -2, -3, -2, -1];
/** Heating load, April first: each month's share of the year's gas, in 96ths. */
const HEATING = [6, 4, 3, 3, 3, 5, 8, 11, 14, 15, 14, 10];

interface DataCentrePlan {
  readonly site: string;
  /** MWh of IT load per year, per fiscal year. */
  readonly itMwh: Readonly<Record<'FY2023' | 'FY2024', number>>;
  readonly pue: Readonly<Record<'FY2023' | 'FY2024', number>>;
  /** MWh of renewable electricity under contract (PPA or REGOs) per month. */
  readonly cleanMwhPerMonth: Readonly<Record<'FY2023' | 'FY2024', number>>;
}

const DATA_CENTRES: readonly DataCentrePlan[] = [
  { site: 'DC London Docklands', itMwh: { FY2023: 10_800, FY2024: 14_400 }, pue: { FY2023: 1.22, FY2024: 1.19 }, cleanMwhPerMonth: { FY2023: 500, FY2024: 900 } },
  { site: 'DC Slough', itMwh: { FY2023: 8_400, FY2024: 12_000 }, pue: { FY2023: 1.27, FY2024: 1.22 }, cleanMwhPerMonth: { FY2023: 0, FY2024: 800 } },
  { site: 'DC Manchester', itMwh: { FY2023: 4_800, FY2024: 7_200 }, pue: { FY2023: 1.28, FY2024: 1.23 }, cleanMwhPerMonth: { FY2023: 0, FY2024: 0 } },
];

interface SitePlan {
  readonly site: string;
  readonly electricityKwhPerMonth: number;
  readonly gasKwhPerYear: number;
  readonly dieselLitresPerMonth: number | null;
}

const SITES: readonly SitePlan[] = [
  { site: 'London HQ', electricityKwhPerMonth: 90_000, gasKwhPerYear: 1_440_000, dieselLitresPerMonth: null },
  { site: 'Edinburgh office', electricityKwhPerMonth: 25_000, gasKwhPerYear: 720_000, dieselLitresPerMonth: null },
  { site: 'Leeds warehouse', electricityKwhPerMonth: 60_000, gasKwhPerYear: 1_080_000, dieselLitresPerMonth: 4_000 },
  { site: 'Bristol warehouse', electricityKwhPerMonth: 55_000, gasKwhPerYear: 840_000, dieselLitresPerMonth: 3_500 },
];
/** Each site uses this much less in FY2024 (LED lighting, heat pumps, electric forklifts). */
const FY2024_SAVING = 0.05;

/** The month a site was closed: its row is missing, with a note in its place. */
export const CLOSED_MONTH = { site: 'Leeds warehouse', month: '2023-08', note: 'Leeds warehouse closed for roof repairs in August 2023: no readings.' } as const;
/** The one row import must reject: a quantity typed with a letter O for a zero. */
export const BAD_ROW = { site: 'Edinburgh office', month: '2022-07', column: 'Electricity (kWh)', text: '25,OOO' } as const;

export interface RefrigerantTopUp {
  readonly site: string;
  readonly date: string;
  readonly gas: string;
  readonly kg: number;
}

export const REFRIGERANT_TOP_UPS: readonly RefrigerantTopUp[] = [
  { site: 'DC London Docklands', date: '2022-07-14', gas: 'R-410A', kg: 12.5 },
  { site: 'DC Slough', date: '2022-11-02', gas: 'R-134a', kg: 8 },
  { site: 'London HQ', date: '2023-06-20', gas: 'R-32', kg: 4.2 },
  { site: 'DC Manchester', date: '2023-09-05', gas: 'R-410A', kg: 15 },
  { site: 'DC Slough', date: '2024-01-18', gas: 'R-134a', kg: 6.5 },
];

/** The consultant's F-gas table: 100-year GWPs of IPCC AR5 (the engagement's basis), kg CO2e per kg. */
const GWP_AR5: Readonly<Record<string, number>> = { 'R-410A': 1923.5, 'R-134a': 1300, 'R-32': 677 };

/** Tonnes CO2e of the refrigerant topped up in a fiscal year (April to March): what leaked and was replaced. */
function refrigerantTonnes(fiscalYear: 'FY2023' | 'FY2024'): number {
  const inYear = REFRIGERANT_TOP_UPS.filter((topUp) => MONTHS.find((month) => month.label === topUp.date.slice(0, 7))?.fiscalYear === fiscalYear);
  return inYear.reduce((total, topUp) => total + topUp.kg * GWP_AR5[topUp.gas]!, 0) / 1000;
}

/** Reported in tCO2e by the travel agency and the packaging suppliers; avoided emissions apart. */
const SCOPE3_LINES = [
  { fiscalYear: 'FY2023', category: 'Business travel - air', tco2e: 412.6, source: 'Travel agency annual statement' },
  { fiscalYear: 'FY2023', category: 'Purchased goods - packaging', tco2e: 236, source: 'Packaging suppliers (EPDs)' },
  { fiscalYear: 'FY2023', category: 'Avoided emissions', tco2e: 5_200, source: 'Customer workloads moved from on-premise servers (reported apart)' },
  { fiscalYear: 'FY2024', category: 'Business travel - air', tco2e: 455.3, source: 'Travel agency annual statement' },
  { fiscalYear: 'FY2024', category: 'Purchased goods - packaging', tco2e: 221.4, source: 'Packaging suppliers (EPDs)' },
  { fiscalYear: 'FY2024', category: 'Avoided emissions', tco2e: 7_450, source: 'Customer workloads moved from on-premise servers (reported apart)' },
] as const;

interface DataCentreRow {
  readonly site: string;
  readonly month: Month;
  readonly facilityMwh: number;
  readonly itMwh: number;
  readonly cleanMwh: number | null;
}

interface SiteRow {
  readonly site: string;
  readonly month: Month;
  readonly electricityKwh: number;
  readonly gasKwh: number;
  readonly dieselLitres: number | null;
}

/** Rounded to `decimals` places through the decimal text, so the figure is the one printed. */
function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

export function dataCentreRows(): DataCentreRow[] {
  return DATA_CENTRES.flatMap((plan) =>
    MONTHS.map((month) => {
      const season = SEASON[month.index % 12]!;
      const itMwh = round((plan.itMwh[month.fiscalYear] / 12) * (1 + 0.01 * season), 1);
      const pue = plan.pue[month.fiscalYear] + 0.01 * season;
      const clean = plan.cleanMwhPerMonth[month.fiscalYear];
      return { site: plan.site, month, itMwh, facilityMwh: round(itMwh * pue, 1), cleanMwh: clean === 0 ? null : clean };
    }),
  );
}

export function siteRows(): SiteRow[] {
  return SITES.flatMap((plan) =>
    MONTHS.filter((month) => !(plan.site === CLOSED_MONTH.site && month.label === CLOSED_MONTH.month)).map((month) => {
      const scale = month.fiscalYear === 'FY2024' ? 1 - FY2024_SAVING : 1;
      return {
        site: plan.site,
        month,
        electricityKwh: Math.round(plan.electricityKwhPerMonth * scale),
        gasKwh: Math.round((plan.gasKwhPerYear * HEATING[month.index % 12]!) / 96 * scale),
        dieselLitres: plan.dieselLitresPerMonth === null ? null : Math.round(plan.dieselLitresPerMonth * scale),
      };
    }),
  );
}

/** What the group reported for one fiscal year, worked out from the plan as its consultant would. */
export function reportedFigures(fiscalYear: 'FY2023' | 'FY2024') {
  const dc = dataCentreRows().filter((row) => row.month.fiscalYear === fiscalYear);
  const sites = siteRows().filter((row) => row.month.fiscalYear === fiscalYear);
  const sum = <T>(rows: readonly T[], pick: (row: T) => number | null) => rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
  const facilityKwh = sum(dc, (row) => row.facilityMwh) * 1000;
  const cleanKwh = sum(dc, (row) => row.cleanMwh) * 1000;
  const siteElectricityKwh = sum(sites, (row) => row.electricityKwh);
  const scope1 = (sum(sites, (row) => row.gasKwh) * KG_PER_KWH_GAS + sum(sites, (row) => row.dieselLitres) * KG_PER_LITRE_DIESEL) / 1000 + refrigerantTonnes(fiscalYear);
  const location = ((facilityKwh + siteElectricityKwh) * KG_PER_KWH_ELECTRICITY) / 1000;
  const market = ((facilityKwh - cleanKwh + siteElectricityKwh) * KG_PER_KWH_ELECTRICITY) / 1000;
  return {
    scope1,
    location,
    market,
    net: scope1 + market,
    pue: facilityKwh / (sum(dc, (row) => row.itMwh) * 1000),
    dataCentreCleanShare: cleanKwh / facilityKwh,
    scope3: SCOPE3_LINES.filter((line) => line.fiscalYear === fiscalYear && line.category !== 'Avoided emissions').reduce((total, line) => total + line.tco2e, 0),
  };
}

/**
 * The reported figure that is materially wrong: FY2024 location-based Scope 2 left out DC
 * Manchester's last quarter (its consultant's spreadsheet stopped at December).
 */
export const WRONG_CLAIM = { metric: 'Scope 2 emissions (location-based)', fiscalYear: 'FY2024' } as const;

function manchesterLastQuarterTonnes(): number {
  const rows = dataCentreRows().filter((row) => row.site === 'DC Manchester' && row.month.fiscalYear === 'FY2024' && row.month.index >= 21);
  return (rows.reduce((total, row) => total + row.facilityMwh, 0) * 1000 * KG_PER_KWH_ELECTRICITY) / 1000;
}

function reportedCsv(): string {
  const lines = [
    `${SAMPLE_ENTITY}: Sustainability Report FY2024, key figures (as published)`,
    '',
    'Metric,Fiscal year,Reported value,Unit,Report reference',
  ];
  const tonnes = (value: number) => `"${Math.round(value).toLocaleString('en-GB')}"`;
  for (const fiscalYear of ['FY2023', 'FY2024'] as const) {
    const figures = reportedFigures(fiscalYear);
    const location = fiscalYear === WRONG_CLAIM.fiscalYear ? figures.location - manchesterLastQuarterTonnes() : figures.location;
    lines.push(
      `Scope 1 emissions,${fiscalYear},${tonnes(figures.scope1)},tCO2e,p.42 table 3`,
      `${WRONG_CLAIM.metric},${fiscalYear},${tonnes(location)},tCO2e,p.42 table 3`,
      `Scope 2 emissions (market-based),${fiscalYear},${tonnes(figures.market)},tCO2e,p.42 table 3`,
      `"Scope 1 & 2 net, market-based",${fiscalYear},${tonnes(figures.net)},tCO2e,p.43`,
      `Scope 3 emissions,${fiscalYear},${tonnes(figures.scope3)},tCO2e,p.44`,
      `Average PUE of our data centres,${fiscalYear},${figures.pue.toFixed(2)},,p.51`,
      `Data-centre clean electricity share,${fiscalYear},${(figures.dataCentreCleanShare * 100).toFixed(1)}%,,p.51`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function targetsCsv(): string {
  return [
    `${SAMPLE_ENTITY}: climate targets (Board approved, May 2023)`,
    '',
    'Metric,Target value,Unit,Base year,Target year,Notes',
    'Carbon-neutral operations: net Scope 1 and 2 emissions (linear pathway),0,tCO2e,FY2023,FY2030,Straight line from the FY2023 base year',
    'Data-centre clean electricity share,100%,,FY2023,FY2030,Renewable electricity under PPAs and REGOs',
    'Average PUE of our data centres,1.20,,FY2023,FY2025,Energy-weighted across all data centres',
    '',
  ].join('\r\n');
}

function titleRows(sheet: ExcelJS.Worksheet, title: string, subtitle: string, lastColumn: string): void {
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells(`A1:${lastColumn}1`);
  sheet.getCell('A2').value = subtitle;
}

function header(sheet: ExcelJS.Worksheet, names: readonly string[]): void {
  const row = sheet.getRow(HEADER_ROW);
  row.values = [...names];
  row.font = { bold: true };
  names.forEach((_, index) => (sheet.getColumn(index + 1).width = index === 0 ? 24 : 18));
}

async function operationsWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Northwind Group Facilities';
  workbook.lastModifiedBy = 'Northwind Group Facilities';
  workbook.created = WRITTEN_AT;
  workbook.modified = WRITTEN_AT;

  const dc = workbook.addWorksheet(DATA_CENTRES_SHEET);
  titleRows(dc, `${SAMPLE_ENTITY}: data-centre energy`, 'Monthly meter readings, April 2022 to March 2024. Renewable electricity: PPA (Docklands) and REGOs (Slough).', 'E');
  header(dc, ['Site', 'Month', 'Total facility energy (MWh)', 'IT equipment energy (MWh)', 'Renewable electricity (MWh)']);
  let rowNumber = HEADER_ROW + 1;
  for (const reading of dataCentreRows()) {
    const row = dc.getRow(rowNumber++);
    row.values = [reading.site, reading.month.date, reading.facilityMwh, reading.itMwh, reading.cleanMwh];
    row.getCell(2).numFmt = 'mmm yyyy';
  }

  const sites = workbook.addWorksheet(SITES_SHEET);
  titleRows(sites, `${SAMPLE_ENTITY}: offices and warehouses`, 'Utility invoices and fuel deliveries by month. Gas in kWh on a gross calorific value basis, as invoiced.', 'F');
  header(sites, ['Site', 'Month', 'Electricity (kWh)', 'Natural gas (kWh gross CV)', 'Diesel (litres)', 'Notes']);
  rowNumber = HEADER_ROW + 1;
  for (const reading of siteRows()) {
    if (reading.site === CLOSED_MONTH.site && reading.month.label === '2023-09') sites.getRow(rowNumber++).values = [CLOSED_MONTH.note];
    const bad = reading.site === BAD_ROW.site && reading.month.label === BAD_ROW.month;
    const row = sites.getRow(rowNumber++);
    row.values = [reading.site, reading.month.date, bad ? BAD_ROW.text : reading.electricityKwh, reading.gasKwh, reading.dieselLitres, null];
    row.getCell(2).numFmt = 'mmm yyyy';
  }

  const refrigerants = workbook.addWorksheet(REFRIGERANTS_SHEET);
  titleRows(refrigerants, `${SAMPLE_ENTITY}: refrigerant top-ups`, 'From the maintenance contractor’s F-gas log: kilograms of refrigerant added to each system.', 'D');
  header(refrigerants, ['Site', 'Date of top-up', 'Refrigerant', 'Quantity added (kg)']);
  rowNumber = HEADER_ROW + 1;
  for (const topUp of REFRIGERANT_TOP_UPS) {
    const row = refrigerants.getRow(rowNumber++);
    row.values = [topUp.site, new Date(`${topUp.date}T00:00:00.000Z`), topUp.gas, topUp.kg];
    row.getCell(2).numFmt = 'dd/mm/yyyy';
  }

  const scope3 = workbook.addWorksheet(SCOPE3_SHEET);
  titleRows(scope3, `${SAMPLE_ENTITY}: Scope 3 and avoided emissions`, 'As reported to us by suppliers, in tonnes CO2e. Avoided emissions are reported apart, never netted.', 'E');
  header(scope3, ['Fiscal year', 'Activity', 'Quantity', 'Unit', 'Notes']);
  rowNumber = HEADER_ROW + 1;
  for (const line of SCOPE3_LINES) scope3.getRow(rowNumber++).values = [line.fiscalYear, line.category, line.tco2e, 'tCO2e', line.source];

  fs.writeFileSync(file, await withFixedTimes(Buffer.from(await workbook.xlsx.writeBuffer()), WRITTEN_AT));
}

/** The same ZIP with every entry stamped `mtime` (exceljs stamps them with the time of writing). */
async function withFixedTimes(zip: Buffer, mtime: Date): Promise<Buffer> {
  const source = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))));
  const target = new yazl.ZipFile();
  await new Promise<void>((resolve, reject) => {
    source.on('entry', (entry: yauzl.Entry) => {
      // Folder entries are implied by the files' paths.
      if (entry.fileName.endsWith('/')) return source.readEntry();
      source.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          target.addBuffer(Buffer.concat(chunks), entry.fileName, { mtime });
          source.readEntry();
        });
      });
    });
    source.on('end', resolve);
    source.on('error', reject);
    source.readEntry();
  });
  target.end();
  const chunks: Buffer[] = [];
  for await (const chunk of target.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const table = { headerRowNumber: HEADER_ROW, firstDataRowNumber: HEADER_ROW + 1, stopAtBlankRun: 3 };
const csvTable = { headerRowNumber: 3, firstDataRowNumber: 4, stopAtBlankRun: 3 };
const column = (index: number, header: string, role: string, extra: Record<string, string> = {}) => ({ column: index, header, role, ...extra });

/** A wide monthly sheet: site, month, then one column per activity as [header, activity, meaning, unit]. */
function monthlyMapping(name: string, sheet: string, values: readonly (readonly [string, string, string, string])[], notesHeader?: string) {
  const valueColumns = values.map(([header, activity, meaning, unitText], index) => column(index + 2, header, 'value', { activity, meaning, unitText }));
  const notes = notesHeader ? [column(values.length + 2, notesHeader, 'notes')] : [];
  return {
    file: OPERATIONS_FILE,
    mapping: {
      version: 1, name, kind: 'activity', sheet, table, layout: 'wide', periodGranularity: 'month', decimalSeparator: '.',
      columns: [column(0, 'Site', 'site'), column(1, 'Month', 'period'), ...valueColumns, ...notes],
    },
  };
}

/** The mapping of each sheet, as an auditor would save it after reviewing the suggestion. */
const MAPPINGS: readonly { readonly file: string; readonly mapping: object }[] = [
  monthlyMapping('Northwind data centres', DATA_CENTRES_SHEET, [
    ['Total facility energy (MWh)', 'facility_energy', 'consumption', 'MWh'],
    ['IT equipment energy (MWh)', 'it_energy', 'metric', 'MWh'],
    ['Renewable electricity (MWh)', 'clean_electricity', 'instrument', 'MWh'],
  ]),
  monthlyMapping('Northwind offices and warehouses', SITES_SHEET, [
    ['Electricity (kWh)', 'electricity', 'consumption', 'kWh'],
    ['Natural gas (kWh gross CV)', 'natural_gas', 'consumption', 'kWh gross CV'],
    ['Diesel (litres)', 'diesel', 'consumption', 'litres'],
  ], 'Notes'),
  {
    file: OPERATIONS_FILE,
    mapping: {
      version: 1, name: 'Northwind refrigerants', kind: 'activity', sheet: REFRIGERANTS_SHEET, table, layout: 'long', dayOrder: 'DMY', decimalSeparator: '.',
      // Every row is a top-up of refrigerant; the column names the gas, which prices it.
      defaults: { activity: 'refrigerant' },
      columns: [column(0, 'Site', 'site'), column(1, 'Date of top-up', 'period'), column(2, 'Refrigerant', 'attribute', { attribute: 'gas' }), column(3, 'Quantity added (kg)', 'quantity', { unitText: 'kg' })],
    },
  },
  {
    file: OPERATIONS_FILE,
    mapping: {
      version: 1, name: 'Northwind Scope 3 and avoided', kind: 'activity', sheet: SCOPE3_SHEET, table, layout: 'long', decimalSeparator: '.',
      columns: [column(0, 'Fiscal year', 'period'), column(1, 'Activity', 'activity'), column(2, 'Quantity', 'quantity'), column(3, 'Unit', 'unit'), column(4, 'Notes', 'notes')],
    },
  },
  {
    file: REPORTED_FILE,
    mapping: {
      version: 1, name: 'Northwind reported figures', kind: 'claims', table: csvTable, layout: 'long', decimalSeparator: '.',
      columns: [column(0, 'Metric', 'metric'), column(1, 'Fiscal year', 'year'), column(2, 'Reported value', 'claim_value'), column(3, 'Unit', 'unit'), column(4, 'Report reference', 'source')],
    },
  },
  {
    file: TARGETS_FILE,
    mapping: {
      version: 1, name: 'Northwind targets', kind: 'targets', table: csvTable, layout: 'long', decimalSeparator: '.',
      columns: [column(0, 'Metric', 'metric'), column(1, 'Target value', 'target_value'), column(2, 'Unit', 'unit'), column(3, 'Base year', 'base_year'), column(4, 'Target year', 'target_year'), column(5, 'Notes', 'notes')],
    },
  },
];

/** What the engine builds the sample engagement from (electron/engine/sample/manifest.ts reads it). */
function manifest(): object {
  return {
    version: 1,
    settings: { entityName: SAMPLE_ENTITY, fiscalYearStartMonth: 4, fiscalYearLabelRule: 'end-year', baseYear: 'FY2023', defaultRegion: 'UK', materialityPercent: 5 },
    sites: [...DATA_CENTRES, ...SITES].map((plan) => plan.site),
    dataCentres: DATA_CENTRES.map((plan) => plan.site),
    imports: MAPPINGS.map(({ file, mapping }) => ({ file, mapping })),
  };
}

export const MANIFEST_FILE = 'sample.json';

export async function buildSample(outDir: string): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  await operationsWorkbook(path.join(outDir, OPERATIONS_FILE));
  fs.writeFileSync(path.join(outDir, REPORTED_FILE), reportedCsv());
  fs.writeFileSync(path.join(outDir, TARGETS_FILE), targetsCsv());
  fs.writeFileSync(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest(), null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [outDir] = process.argv.slice(2);
  buildSample(outDir ?? 'resources/sample').catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
