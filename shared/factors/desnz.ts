/**
 * Parser for the UK Government GHG Conversion Factors "flat file for automatic processing"
 * (Defra / BEIS / DESNZ), sheet 'Factors by Category'.
 *
 * The layout drifts between editions, so nothing is found by position:
 * - the header row is the first row holding both 'Scope' and 'GHG Conversion Factor <year>'
 *   (row 5 in 2020; row 6 in 2024, which adds an 'ID' column and renames 'GHG' to 'GHG/Unit');
 * - columns are located by their header names; the edition year comes from the factor header;
 * - data ends at the 'END' sentinel row.
 *
 * One factor is one (Scope, Level 1–4, Column Text, UOM): its 'kg CO2e' row is the total and its
 * per-gas rows are each gas's contribution ALREADY IN CO2e ('kg CO2e of CH4 per unit'; the 2020
 * file labels them 'kg CH4' but they still sum to the total), so no GWP is ever applied to them.
 *
 * `rowsRead` counts the rows between the header and END; each one is either in exactly one
 * factor's `rowNumbers` or in `skipped` with its reason (text such as '< 1', blanks, energy-use
 * rows in kWh per km, …). A value is never read as zero unless the file says 0.
 */
import { isBlank, isFormulaCell, shownValue, type Cell, type RawRow } from '../import/cell';
import type { GwpBasis } from '../calc/gwp';
import { DESNZ_ACTIVITY_RULES, withActivityKeys } from './activity-keys';
import { cellNumber, cellText, gasName, nonNumericReason } from './source-cells';
import {
  FactorFileFormatError,
  sourceOf,
  type EmissionFactor,
  type FactorScope,
  type FactorSetMeta,
  type FactorSource,
  type GasValue,
  type ParsedFactorSet,
  type SkippedSourceRow,
} from './types';

export const DESNZ_DATA_SHEET = 'Factors by Category';

const TITLE = 'UK Government GHG Conversion Factors for Company Reporting';
const LICENCE = 'Open Government Licence v3.0';
const FACTOR_HEADER = /^GHG Conversion Factor (\d{4})$/i;
const END_SENTINEL = 'END';

/**
 * GWP basis of an edition's CO2e figures. Pinned: 2020 uses AR4, 2024 uses AR5 (the editions'
 * methodology papers). Others follow the UK GHG inventory, which the factors track: AR4 up to
 * the 2022 edition, AR5 from 2023. Check the methodology paper before relying on another edition.
 */
export function desnzGwpBasis(editionYear: number): GwpBasis {
  return editionYear >= 2023 ? 'AR5' : 'AR4';
}

/** The department that published an edition (and holds its Crown copyright). */
function desnzPublisher(editionYear: number): string {
  if (editionYear >= 2023) return 'Department for Energy Security and Net Zero (DESNZ)';
  if (editionYear >= 2016) return 'Department for Business, Energy & Industrial Strategy (BEIS)';
  return 'Department for Environment, Food & Rural Affairs (Defra)';
}

export function desnzMeta(editionYear: number): FactorSetMeta {
  const publisher = desnzPublisher(editionYear);
  return {
    id: `desnz-${editionYear}`,
    publisher,
    title: TITLE,
    edition: String(editionYear),
    year: editionYear,
    region: 'UK',
    gwpBasis: desnzGwpBasis(editionYear),
    // The calendar year the edition is published for; a fiscal year spanning two picks explicitly.
    validFrom: `${editionYear}-01-01`,
    validTo: `${editionYear}-12-31`,
    licence: LICENCE,
    attribution: `Contains public sector information licensed under the ${LICENCE}. © Crown copyright ${editionYear}, ${publisher}: ${TITLE} ${editionYear}.`,
    url: `https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-${editionYear}`,
  };
}

interface Columns {
  readonly scope: number;
  readonly levels: readonly number[];
  readonly columnText?: number;
  readonly uom: number;
  readonly ghg: number;
  readonly value: number;
}

interface Header {
  readonly columns: Columns;
  readonly editionYear: number;
}

function findHeader(row: RawRow): Header | undefined {
  const names = row.cells.map((cell) => cellText(cell)?.toLowerCase());
  const valueColumn = row.cells.findIndex((cell) => FACTOR_HEADER.test(cellText(cell) ?? ''));
  const scope = names.indexOf('scope');
  if (valueColumn < 0 || scope < 0) return undefined;
  const column = (...candidates: string[]): number | undefined => {
    const index = names.findIndex((name) => name !== undefined && candidates.includes(name));
    return index < 0 ? undefined : index;
  };
  const levels = [1, 2, 3, 4].map((n) => column(`level ${n}`)).filter((index) => index !== undefined);
  const uom = column('uom');
  const ghg = column('ghg', 'ghg/unit');
  const yearText = cellText(row.cells[valueColumn])?.match(FACTOR_HEADER)?.[1];
  if (levels.length === 0 || uom === undefined || ghg === undefined || yearText === undefined) {
    throw new FactorFileFormatError(
      `Row ${row.rowNumber} looks like the flat file's header but lacks a 'Level 1', 'UOM' or 'GHG' / 'GHG/Unit' column.`,
    );
  }
  const columnText = column('column text');
  return {
    columns: { scope, levels, uom, ghg, value: valueColumn, ...(columnText === undefined ? {} : { columnText }) },
    editionYear: Number(yearText),
  };
}

/** What a row's GHG / 'GHG/Unit' cell says the value is. */
type Quantity = { readonly kind: 'total' } | { readonly kind: 'gas'; readonly gas: string };

const TOTAL_LABEL = /^kg CO2e$/i;
const GAS_CONTRIBUTION_LABEL = /^kg CO2e of (\S+) per unit$/i;
const LEGACY_GAS_LABEL = /^kg (CO2|CH4|N2O)$/i;
const ENERGY_LABEL = /^kWh\b/i;

function quantityOf(label: string | undefined): Quantity | string {
  if (label === undefined) return 'no GHG/Unit label';
  if (TOTAL_LABEL.test(label)) return { kind: 'total' };
  const gas = label.match(GAS_CONTRIBUTION_LABEL)?.[1] ?? label.match(LEGACY_GAS_LABEL)?.[1];
  if (gas !== undefined) return { kind: 'gas', gas: gasName(gas) };
  if (ENERGY_LABEL.test(label)) return `energy use per unit ('${label}'), not an emission factor`;
  return `unrecognised GHG/Unit label '${label}'`;
}

const SCOPES: readonly FactorScope[] = ['Scope 1', 'Scope 2', 'Scope 3', 'Outside of scopes'];

function scopeOf(text: string | undefined): FactorScope | undefined {
  return SCOPES.find((scope) => scope.toLowerCase() === text?.toLowerCase());
}

/**
 * A Level or Column Text label. The 2020 file fills some of them with formulas copying
 * another row; one pointing at an empty cell shows 0 in Excel, which means "no label".
 */
function labelText(cell: Cell | undefined): string | undefined {
  if (isFormulaCell(cell)) {
    const shown = shownValue(cell);
    if (shown === 0 || shown === undefined) return undefined;
  }
  return cellText(cell);
}

interface FactorRow {
  readonly rowNumber: number;
  readonly scope: FactorScope;
  readonly path: readonly string[];
  readonly variant?: string;
  readonly unitText: string;
  readonly quantity: Quantity;
  readonly value: number;
}

/** Reads one data row into a factor row, or returns why it cannot be one. */
function readRow(row: RawRow, columns: Columns): FactorRow | string {
  const cell = (index: number | undefined) => (index === undefined ? undefined : row.cells[index]);
  const scopeText = cellText(cell(columns.scope));
  const scope = scopeOf(scopeText);
  if (scope === undefined) return scopeText === undefined ? 'no Scope' : `unrecognised Scope '${scopeText}'`;
  const path = columns.levels.map((index) => labelText(cell(index))).filter((name) => name !== undefined);
  if (path.length === 0) return 'no Level 1–4 category';
  const unitText = cellText(cell(columns.uom));
  if (unitText === undefined) return 'no unit (UOM)';
  const quantity = quantityOf(cellText(cell(columns.ghg)));
  if (typeof quantity === 'string') return quantity;
  const value = cellNumber(cell(columns.value));
  if (value === undefined) return nonNumericReason(cell(columns.value));
  const variant = labelText(cell(columns.columnText));
  return { rowNumber: row.rowNumber, scope, path, unitText, quantity, value, ...(variant === undefined ? {} : { variant }) };
}

/** The rows of one factor as they accumulate. */
interface FactorDraft {
  readonly first: FactorRow;
  readonly rowNumbers: number[];
  total?: number;
  readonly gases: GasValue[];
}

function draftKey(row: FactorRow): string {
  return JSON.stringify([row.scope, ...row.path, row.variant ?? '', row.unitText]);
}

/** Adds a row to its factor, or returns why not (a second value for the same quantity). */
function addToDraft(draft: FactorDraft, row: FactorRow): string | undefined {
  const { quantity } = row;
  if (quantity.kind === 'total') {
    if (draft.total !== undefined) return 'a second kg CO2e total for the same factor';
    draft.total = row.value;
  } else {
    if (draft.gases.some((gas) => gas.gas === quantity.gas)) return `a second ${quantity.gas} value for the same factor`;
    draft.gases.push({ gas: quantity.gas, value: row.value, valueUnit: 'kg', alreadyCo2e: true });
  }
  draft.rowNumbers.push(row.rowNumber);
  return undefined;
}

function toFactor(draft: FactorDraft, source: Omit<FactorSource, 'rowNumbers'>): EmissionFactor {
  const { scope, path, variant, unitText } = draft.first;
  const name = path[path.length - 1] ?? '';
  return {
    path,
    label: variant === undefined ? name : `${name} — ${variant}`,
    ...(variant === undefined ? {} : { variant }),
    unitText,
    scope,
    gases: draft.gases,
    ...(draft.total === undefined ? {} : { co2ePerUnitKg: draft.total }),
    ...(scope === 'Outside of scopes' ? { biogenic: true } : {}),
    source: { ...source, rowNumbers: [...draft.rowNumbers].sort((a, b) => a - b) },
  };
}

function isEndSentinel(row: RawRow): boolean {
  const first = row.cells.find((cell) => !isBlank(cell));
  return cellText(first) === END_SENTINEL;
}

/** Parses the rows of the 'Factors by Category' sheet. Throws FactorFileFormatError without a header. */
export function parseDesnzFlatFile(rows: Iterable<RawRow>): ParsedFactorSet {
  let header: Header | undefined;
  let rowsRead = 0;
  const drafts = new Map<string, FactorDraft>();
  const skipped: SkippedSourceRow[] = [];
  const skip = (rowNumber: number, reason: string) => skipped.push({ rowNumber, reason });

  for (const row of rows) {
    if (header === undefined) {
      header = findHeader(row);
      continue;
    }
    if (isEndSentinel(row)) break;
    rowsRead += 1;
    if (row.cells.every((cell) => isBlank(cell))) {
      skip(row.rowNumber, 'blank row');
      continue;
    }
    const factorRow = readRow(row, header.columns);
    if (typeof factorRow === 'string') {
      skip(row.rowNumber, factorRow);
      continue;
    }
    const key = draftKey(factorRow);
    const draft = drafts.get(key) ?? { first: factorRow, rowNumbers: [], gases: [] };
    drafts.set(key, draft);
    const refusal = addToDraft(draft, factorRow);
    if (refusal !== undefined) skip(row.rowNumber, refusal);
  }

  if (header === undefined) {
    throw new FactorFileFormatError(
      `No header row found: expected a row with 'Scope', 'Level 1', 'UOM', 'GHG' and 'GHG Conversion Factor <year>' (sheet '${DESNZ_DATA_SHEET}').`,
    );
  }
  const meta = desnzMeta(header.editionYear);
  const source = sourceOf(meta, DESNZ_DATA_SHEET);
  const factors = withActivityKeys([...drafts.values()].map((draft) => toFactor(draft, source)), DESNZ_ACTIVITY_RULES);
  return { meta, factors, skipped, rowsRead };
}
