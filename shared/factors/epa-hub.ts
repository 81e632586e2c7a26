/**
 * Parser for the US EPA GHG Emission Factors Hub workbook (one sheet of stacked tables with
 * merged headers). Tables are found by their title text ('Table 1' + 'Stationary Combustion'),
 * columns by their header text, so rows may move between editions.
 *
 * Values are per gas and are masses of that gas (kg CO2, g CH4, lb N2O…), NOT CO2e: the
 * calculation weights them by GWPs. The set's GWP basis is read from the workbook's own note
 * (January 2025: AR5, CH4 28, N2O 265). The waste table alone is given in CO2e, computed by
 * EPA with AR4 GWPs as its note says; those factors carry that basis themselves.
 *
 * Extracted: stationary combustion (per mmBtu, and per physical unit where given), mobile
 * combustion (CO2 per fuel unit; CH4/N2O per vehicle-mile or per gallon), eGRID subregion
 * electricity, steam and heat, and the Scope 3 transport, waste and business-travel tables.
 * Deliberately not extracted: heat contents (fuel properties, not factors); eGRID non-baseload
 * rates (EPA: not for inventories — the total-output rates are the location-based grid
 * average); grid gross loss; the GWP tables (GWPs live in shared/calc/gwp.ts). Whole tables left
 * out are listed in `skipped` at their title row, as are value cells that hold no number.
 *
 * Units are as printed: 'gallon' is the US gallon and 'short ton' 2,000 lb throughout the Hub.
 * `rowsRead` is every row of the sheet the parser was given.
 */
import type { RawRow } from '../import/cell';
import { GWP_BASES, type GwpBasis } from '../calc/gwp';
import { EPA_HUB_ACTIVITY_RULES, withActivityKeys } from './activity-keys';
import { cellNumber, cellText, gasName, nonNumericReason } from './source-cells';
import {
  FactorFileFormatError,
  sourceOf,
  type EmissionFactor,
  type FactorScope,
  type FactorSetMeta,
  type FactorSource,
  type GasMassUnit,
  type GasValue,
  type ParsedFactorSet,
  type SkippedSourceRow,
} from './types';

export const EPA_HUB_SHEET = 'Emission Factors Hub';

const PUBLISHER = 'U.S. Environmental Protection Agency (EPA)';
const TITLE = 'GHG Emission Factors Hub';
const LICENCE = 'US Government work, public domain';
const HUB_URL = 'https://www.epa.gov/climateleadership/ghg-emission-factors-hub';

const TABLE_NAME = /^Table \d+$/i;
const LAST_MODIFIED = /Last Modified:\s*(([A-Za-z]+)\s+\d{1,2},\s*(\d{4}))/i;
/** The preamble's GWP note: 'Fifth Assessment Report (AR5)'. */
const GWP_BASIS_NOTE = /\b(AR\d)\b/;
/** The waste table's note: 'AR4 GWP values are used to convert all waste emission factors into CO2e.' */
const WASTE_GWP_NOTE = /\b(AR\d) GWP values\b/;
/** A table's data ends at its 'Source:' or 'Notes:' paragraph. */
const TABLE_FOOTER = /^(Source|Notes)\b/i;
/** 'Passenger Car A', 'Agricultural EquipmentA': a footnote letter glued to a label. */
const FOOTNOTE_MARK = /(?<=[a-z)])\s?[A-Z]$/;
/** 'kg CO2 per mmBtu', 'CO2 Factor (kg CO2 / unit)', '(lb CH4 / MWh)', 'Metric Tons CO2e / Short Ton Material'. */
const GAS_HEADER = /(?:^|[\s(])(kg|g|lb|metric tons?)\s+(CO2e|CO2|CH4|N2O)\s*(?:\/|\bper\b)\s*([^)]+)/i;

const MASS_UNITS: Readonly<Record<string, GasMassUnit>> = { kg: 'kg', g: 'g', lb: 'lb', 'metric ton': 't', 'metric tons': 't' };
/** Values 'per unit' take their unit from the row's Unit(s) column. */
const PER_ROW_UNIT = 'unit';

interface HubTable {
  /** 'Table 1' */
  readonly name: string;
  /** 'Stationary Combustion' */
  readonly title: string;
  readonly titleRow: number;
  /** The rows after the title, up to the next table's title. */
  readonly rows: readonly RawRow[];
}

interface GasHeader {
  readonly gas: string;
  readonly valueUnit: GasMassUnit;
  readonly perUnit: string;
}

interface ValueColumn extends GasHeader {
  readonly column: number;
}

function rowTexts(row: RawRow): (string | undefined)[] {
  return row.cells.map((cell) => cellText(cell));
}

function firstText(row: RawRow): string | undefined {
  return rowTexts(row).find((text) => text !== undefined);
}

function withoutFootnoteMark(text: string): string {
  return text.replace(FOOTNOTE_MARK, '');
}

function parseGasHeader(text: string | undefined): GasHeader | undefined {
  const match = text?.match(GAS_HEADER);
  if (!match) return undefined;
  const [, unit = '', gas = '', perUnit = ''] = match;
  const valueUnit = MASS_UNITS[unit.toLowerCase()];
  if (valueUnit === undefined) return undefined;
  return { gas: gasName(gas), valueUnit, perUnit: perUnit.trim() };
}

function splitTables(rows: readonly RawRow[]): { preamble: RawRow[]; tables: HubTable[] } {
  const preamble: RawRow[] = [];
  const tables: { name: string; title: string; titleRow: number; rows: RawRow[] }[] = [];
  for (const row of rows) {
    const [name, title] = rowTexts(row).filter((text) => text !== undefined);
    if (name !== undefined && title !== undefined && TABLE_NAME.test(name)) {
      tables.push({ name, title, titleRow: row.rowNumber, rows: [] });
    } else {
      (tables[tables.length - 1]?.rows ?? preamble).push(row);
    }
  }
  return { preamble, tables };
}

/** The rows of a table before its footer paragraph. */
function bodyRows(table: HubTable): RawRow[] {
  const footer = table.rows.findIndex((row) => TABLE_FOOTER.test(firstText(row) ?? ''));
  return footer < 0 ? [...table.rows] : table.rows.slice(0, footer);
}

function findColumn(rows: readonly RawRow[], header: string): number | undefined {
  const wanted = header.toLowerCase();
  for (const row of rows) {
    const index = rowTexts(row).findIndex((text) => text?.toLowerCase() === wanted);
    if (index >= 0) return index;
  }
  return undefined;
}

/** Columns under the merged group header matching `group`: from its cell to the next header cell. */
function groupColumns(rows: readonly RawRow[], group: RegExp): { text: string; from: number; to: number } | undefined {
  for (const row of rows) {
    const texts = rowTexts(row);
    const from = texts.findIndex((text) => text !== undefined && group.test(text));
    if (from < 0) continue;
    const next = texts.findIndex((text, index) => index > from && text !== undefined);
    return { text: texts[from] ?? '', from, to: next < 0 ? Number.POSITIVE_INFINITY : next - 1 };
  }
  return undefined;
}

/** What every reader needs besides its table. */
interface ReadContext {
  readonly source: Omit<FactorSource, 'rowNumbers'>;
  readonly factors: EmissionFactor[];
  readonly skipped: SkippedSourceRow[];
  /** Fuels listed under a 'Biomass…' heading: their CO2 is biogenic wherever they appear. */
  readonly biomassFuels: Set<string>;
}

/** How to read a table of per-gas value columns. */
interface GasTableSpec {
  readonly title: RegExp;
  readonly scope: FactorScope;
  /** Headers of the columns naming a row, outermost first; blank cells repeat the row above (but the last). */
  readonly labelHeaders?: readonly string[];
  /** The label column that tells variants apart (a model year) rather than naming the row. */
  readonly variantHeader?: string;
  /** The column giving the unit of 'per unit' values. */
  readonly unitHeader?: string;
  /** Keep only the value columns under this merged group header; its text becomes the variant. */
  readonly group?: RegExp;
  /** Rows with a label and no values are headings over the rows below (Table 1's fuel groups). */
  readonly hasHeadings?: boolean;
  readonly regionOf?: (labels: readonly string[]) => string;
}

/**
 * The labels of a data row. A blank label cell repeats the row above (rows are grouped under
 * their vehicle or fuel type) until an outer label changes; the last column never repeats.
 * In a repeating column, '(…)' is the wrapped rest of the label above, not a new label.
 */
function rowLabels(texts: readonly (string | undefined)[], labelColumns: readonly number[], above: readonly (string | undefined)[]): (string | undefined)[] {
  let outerUnchanged = true;
  return labelColumns.map((column, index) => {
    const text = texts[column];
    const repeats = index < labelColumns.length - 1 && (text === undefined || text.startsWith('('));
    if (repeats && outerUnchanged) return above[index];
    outerUnchanged = false;
    return text === undefined ? undefined : withoutFootnoteMark(text);
  });
}

function readGasTable(table: HubTable, spec: GasTableSpec, context: ReadContext): void {
  const rows = bodyRows(table);
  const tableName = `${table.name} ${table.title}`;
  const requireColumn = (header: string): number => {
    const column = findColumn(rows, header);
    if (column === undefined) throw new FactorFileFormatError(`${tableName}: no '${header}' column.`);
    return column;
  };
  const headerColumns = (spec.labelHeaders ?? []).map(requireColumn);
  const variantIndex = spec.variantHeader === undefined ? -1 : (spec.labelHeaders ?? []).indexOf(spec.variantHeader);
  const unitColumn = spec.unitHeader === undefined ? undefined : requireColumn(spec.unitHeader);
  const group = spec.group === undefined ? undefined : groupColumns(rows, spec.group);
  if (spec.group !== undefined && group === undefined) throw new FactorFileFormatError(`${tableName}: no '${spec.group.source}' header.`);

  let valueColumns: ValueColumn[] = [];
  let labelColumns = headerColumns;
  let heading: string | undefined;
  let above: (string | undefined)[] = [];
  for (const row of rows) {
    const texts = rowTexts(row);
    const units = texts.map((text, column) => ({ column, header: parseGasHeader(text) }));
    if (units.some(({ header }) => header !== undefined)) {
      // A units row (re)defines the value columns: Table 1 restates them per fuel family.
      valueColumns = units
        .filter(({ column }) => group === undefined || (column >= group.from && column <= group.to))
        .flatMap(({ column, header }) => (header === undefined ? [] : [{ column, ...header }]));
      // A table without label headers names its rows just left of the values (Table 7).
      if (headerColumns.length === 0) labelColumns = [Math.min(...valueColumns.map(({ column }) => column)) - 1];
      continue;
    }
    if (valueColumns.length === 0 || texts.every((text) => text === undefined)) continue;

    const labels = rowLabels(texts, labelColumns, above);
    above = labels;
    const names = labels.flatMap((label, index) => (index === variantIndex || label === undefined ? [] : [label]));
    const name = names.at(-1);
    const valuesBlank = valueColumns.every(({ column }) => texts[column] === undefined);
    if (spec.hasHeadings && valuesBlank && name !== undefined) {
      heading = name;
      above = [];
      continue;
    }
    if (name === undefined) {
      context.skipped.push({ rowNumber: row.rowNumber, reason: `${tableName}: a row with values but no label` });
      continue;
    }
    const path = [table.title, ...(heading === undefined ? [] : [heading]), ...names];
    const variant = group?.text ?? (variantIndex < 0 ? undefined : labels[variantIndex]);
    const region = spec.regionOf?.(names);
    const biogenic = heading?.startsWith('Biomass') === true || context.biomassFuels.has(name);
    if (biogenic) context.biomassFuels.add(name);

    const byUnit = valueColumnsByUnit(valueColumns, unitColumn === undefined ? undefined : texts[unitColumn]);
    if (byUnit === undefined) {
      context.skipped.push({ rowNumber: row.rowNumber, reason: `${tableName}: '${name}' has values per unit but no unit` });
      continue;
    }
    for (const [unitText, columns] of byUnit) {
      const gases = readGases(row, columns, `${tableName}: '${name}' per ${unitText}`, context.skipped);
      if (gases.length === 0) continue;
      context.factors.push({
        path,
        label: variant === undefined ? name : `${name} — ${variant}`,
        ...(variant === undefined ? {} : { variant }),
        unitText,
        ...(region === undefined ? {} : { region }),
        scope: spec.scope,
        gases,
        ...(biogenic ? { biogenic } : {}),
        source: { ...context.source, rowNumbers: [row.rowNumber] },
      });
    }
  }
}

/**
 * Value columns grouped into factors by the unit they are per (Table 1 gives each fuel per
 * mmBtu and per physical unit); 'per unit' columns take the row's Unit(s) cell. Undefined
 * when such a column has no unit on this row.
 */
function valueColumnsByUnit(valueColumns: readonly ValueColumn[], rowUnit: string | undefined): Map<string, ValueColumn[]> | undefined {
  const byUnit = new Map<string, ValueColumn[]>();
  for (const column of valueColumns) {
    const unit = column.perUnit === PER_ROW_UNIT ? rowUnit : column.perUnit;
    if (unit === undefined) return undefined;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), column]);
  }
  return byUnit;
}

/**
 * The numeric cells of one factor as gas masses. Cells without a number are reported: one entry
 * when the factor has no value at all, otherwise one per missing gas.
 */
function readGases(row: RawRow, columns: readonly ValueColumn[], what: string, skipped: SkippedSourceRow[]): GasValue[] {
  const gases: GasValue[] = [];
  const missing: string[] = [];
  for (const { column, gas, valueUnit } of columns) {
    const value = cellNumber(row.cells[column]);
    if (value === undefined) missing.push(`${gas}: ${nonNumericReason(row.cells[column])}`);
    else gases.push({ gas, value, valueUnit, alreadyCo2e: gas === 'CO2e' });
  }
  if (gases.length === 0) skipped.push({ rowNumber: row.rowNumber, reason: `${what}: no values (${missing.join('; ')})` });
  else for (const reason of missing) skipped.push({ rowNumber: row.rowNumber, reason: `${what}: ${reason}` });
  return gases;
}

/**
 * The waste table: one row per material, one CO2e column per disposal method, a single units
 * header over all of them ('Metric Tons CO2e / Short Ton Material').
 */
function readWasteTable(table: HubTable, context: ReadContext): void {
  const rows = bodyRows(table);
  const tableName = `${table.name} ${table.title}`;
  const headerRow = rows.find((row) => rowTexts(row).some((text) => text === 'Material'));
  const units = rows.flatMap((row) => rowTexts(row)).map(parseGasHeader).find((header) => header !== undefined);
  if (headerRow === undefined || units === undefined || units.gas !== 'CO2e') {
    throw new FactorFileFormatError(`${tableName}: expected a 'Material' header and a CO2e units header.`);
  }
  const headerTexts = rowTexts(headerRow);
  const materialColumn = headerTexts.indexOf('Material');
  const methods = headerTexts.flatMap((text, column) => (column > materialColumn && text !== undefined ? [{ column, method: withoutFootnoteMark(text) }] : []));
  // 'Short Ton Material' → 'short ton', as Table 1 writes the unit.
  const unitText = units.perUnit.replace(/\s+material$/i, '').toLowerCase();
  const gwpBasis = findGwpBasis(table.rows, WASTE_GWP_NOTE);

  for (const row of rows.slice(rows.indexOf(headerRow) + 1)) {
    const material = cellText(row.cells[materialColumn]);
    if (material === undefined) continue;
    for (const { column, method } of methods) {
      const gases = readGases(row, [{ column, ...units }], `${tableName}: '${material}' ${method}`, context.skipped);
      if (gases.length === 0) continue;
      context.factors.push({
        path: [table.title, material],
        label: `${material} — ${method}`,
        variant: method,
        unitText,
        scope: 'Scope 3',
        gases,
        ...(gwpBasis === undefined ? {} : { gwpBasis }),
        source: { ...context.source, rowNumbers: [row.rowNumber] },
      });
    }
  }
}

type TableReader = (table: HubTable, context: ReadContext) => void;

function gasTable(spec: GasTableSpec): { readonly title: RegExp; readonly read: TableReader } {
  return { title: spec.title, read: (table, context) => readGasTable(table, spec, context) };
}

const VEHICLE_TYPE = 'Vehicle Type';
const FUEL_TYPE = 'Fuel Type';
const MODEL_YEAR = 'Model Year';

const TABLE_READERS: readonly { readonly title: RegExp; readonly read: TableReader }[] = [
  gasTable({ title: /^Stationary Combustion$/i, scope: 'Scope 1', labelHeaders: [FUEL_TYPE], hasHeadings: true }),
  gasTable({ title: /^Mobile Combustion CO2$/i, scope: 'Scope 1', labelHeaders: [FUEL_TYPE], unitHeader: 'Unit' }),
  gasTable({ title: /^Mobile Combustion CH4 and N2O for On-Road Gasoline/i, scope: 'Scope 1', labelHeaders: [VEHICLE_TYPE, MODEL_YEAR], variantHeader: MODEL_YEAR }),
  gasTable({ title: /^Mobile Combustion CH4 and N2O for On-Road Diesel/i, scope: 'Scope 1', labelHeaders: [VEHICLE_TYPE, FUEL_TYPE, MODEL_YEAR], variantHeader: MODEL_YEAR }),
  gasTable({ title: /^Mobile Combustion CH4 and N2O for Non-Road/i, scope: 'Scope 1', labelHeaders: [VEHICLE_TYPE, FUEL_TYPE] }),
  gasTable({
    title: /^Electricity$/i,
    scope: 'Scope 2',
    labelHeaders: ['eGRID Subregion Acronym', 'eGRID Subregion Name'],
    group: /^Total Output Emission Factors$/i,
    // The national row has no acronym of its own ('US Average').
    regionOf: ([acronym = '']) => (acronym === 'US Average' ? 'US' : acronym),
  }),
  gasTable({ title: /^Steam and Heat$/i, scope: 'Scope 2' }),
  gasTable({ title: /^Scope 3 Category 4:/i, scope: 'Scope 3', labelHeaders: [VEHICLE_TYPE], unitHeader: 'Units' }),
  { title: /^Scope 3 Category 5:/i, read: readWasteTable },
  gasTable({ title: /^Scope 3 Category 6:/i, scope: 'Scope 3', labelHeaders: [VEHICLE_TYPE], unitHeader: 'Units' }),
];

const NOT_EXTRACTED: readonly { readonly title: RegExp; readonly reason: string }[] = [
  { title: /^Global Warming Potential/i, reason: 'GWP values, not emission factors' },
];

const REQUIRED_TABLES = [/^Stationary Combustion$/i, /^Electricity$/i];

/** The GWP basis a note names, if it names a known one. */
function findGwpBasis(rows: readonly RawRow[], note: RegExp): GwpBasis | undefined {
  const named = rows.flatMap(rowTexts).map((text) => text?.match(note)?.[1]).find((found) => found !== undefined);
  return GWP_BASES.find((basis) => basis === named);
}

function hubMeta(preamble: readonly RawRow[]): FactorSetMeta {
  const modified = preamble.flatMap(rowTexts).map((text) => text?.match(LAST_MODIFIED)).find((match) => match != null);
  const gwpBasis = findGwpBasis(preamble, GWP_BASIS_NOTE);
  if (!modified || gwpBasis === undefined) {
    throw new FactorFileFormatError(
      `Not the EPA Hub layout: expected 'Last Modified: <date>' and a GWP note naming AR4, AR5 or AR6 above Table 1 (sheet '${EPA_HUB_SHEET}').`,
    );
  }
  const [, lastModified = '', month = '', yearText = ''] = modified;
  const year = Number(yearText);
  const edition = `${month} ${year}`;
  return {
    id: `epa-hub-${year}`,
    publisher: PUBLISHER,
    title: TITLE,
    edition,
    year,
    region: 'US',
    gwpBasis,
    // The calendar year the edition is published for; a fiscal year spanning two picks explicitly.
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    licence: LICENCE,
    attribution: `${PUBLISHER}, ${TITLE}, ${edition} (last modified ${lastModified}). ${LICENCE}.`,
    url: HUB_URL,
  };
}

/** Parses the rows of the Hub's sheet. Throws FactorFileFormatError when a required table is missing. */
export function parseEpaHub(rows: Iterable<RawRow>): ParsedFactorSet {
  const allRows = [...rows];
  const { preamble, tables } = splitTables(allRows);
  const meta = hubMeta(preamble);
  const context: ReadContext = { source: sourceOf(meta, EPA_HUB_SHEET), factors: [], skipped: [], biomassFuels: new Set() };

  for (const title of REQUIRED_TABLES) {
    if (!tables.some((table) => title.test(table.title))) {
      throw new FactorFileFormatError(`No '${title.source}' table found: is this the EPA GHG Emission Factors Hub (sheet '${EPA_HUB_SHEET}')?`);
    }
  }
  for (const table of tables) {
    const reader = TABLE_READERS.find(({ title }) => title.test(table.title));
    if (reader) {
      reader.read(table, context);
      continue;
    }
    const reason = NOT_EXTRACTED.find(({ title }) => title.test(table.title))?.reason ?? 'a table this parser does not know';
    context.skipped.push({ rowNumber: table.titleRow, reason: `${table.name} ${table.title} not extracted: ${reason}` });
  }
  return { meta, factors: withActivityKeys(context.factors, EPA_HUB_ACTIVITY_RULES), skipped: context.skipped, rowsRead: allRows.length };
}
