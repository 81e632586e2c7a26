/**
 * Gathers what the data-quality rules read from an engagement: its records (with their tCO2e when
 * the inventory can be calculated), and from one pass over each activity file's rows as read,
 * re-interpreted with the mapping it was imported with: the blank quantity cells (and the site,
 * month and activity each row names), the cells written as text numbers, formulas without a cached
 * value or percentages, and each totals row with the sums of the rows it totals. Rows are classified
 * by the import's own table scanner, so a totals row here is exactly a row the import skipped as one.
 */
import { fiscalYearByLabel, type FiscalSettings } from '../../../shared/calc/fiscal';
import { co2eOnUnstatedBasis, publishedOnOtherBasis } from '../../../shared/calc/factor-value';
import type { GwpBasis } from '../../../shared/calc/gwp';
import type { CalcFactor, InventoryResult } from '../../../shared/calc/inventory-types';
import { ExactSum } from '../../../shared/calc/sum';
import { columnLetter, type Cell, type RawRow } from '../../../shared/import/cell';
import { mappedColumnCount, mappingSchema, rowScanOptions, type Mapping } from '../../../shared/import/mapping';
import { createActivityRowMapper, quantityColumns } from '../../../shared/import/records';
import { createRowScanner } from '../../../shared/import/table';
import { parseQuantity } from '../../../shared/import/values';
import { quantityCellForm, writtenText } from '../../../shared/review/cell-form';
import type { ReviewData, ReviewRecord } from '../../../shared/review/rules';
import type { BlankReading, FactorUse, FlaggedCell, TotalsRow } from '../../../shared/review/rules/types';
import type { EngagementSettings } from '../../../shared/settings';
import type { ReadableDb } from '../db/handles';
import { iterateRawRows, selectActivitySources, selectBoundarySites, selectReviewRecords, selectSheetsWithData, type ActivitySource } from './store';

/** Lines that count toward what a record puts at stake: Scope 1, location-based Scope 2, Scope 3. */
export const AT_STAKE_BASES: ReadonlySet<string> = new Set(['scope1', 'location', 'scope3']);

/** Each record's tCO2e on the bases above; null for a record the calculation left out (it has a finding and no line). */
export function recordTonnes(result: InventoryResult): (recordId: number) => number | null {
  const tonnes = new Map<number, number>();
  for (const line of result.lines) if (AT_STAKE_BASES.has(line.basis)) tonnes.set(line.recordId, (tonnes.get(line.recordId) ?? 0) + line.tco2e);
  const withLines = new Set(result.lines.map((line) => line.recordId));
  const leftOut = new Set(result.findings.filter((finding) => finding.recordId !== null && !withLines.has(finding.recordId)).map((finding) => finding.recordId!));
  return (recordId) => (leftOut.has(recordId) ? null : (tonnes.get(recordId) ?? 0));
}

export interface GatherInput {
  readonly db: ReadableDb;
  readonly settings: EngagementSettings;
  readonly inventory: InventoryResult | null;
  /** The factors of the calculation's factor sets; null when none is loaded. */
  readonly factors: readonly CalcFactor[] | null;
}

/** The factors the calculation's lines priced records at, each with those records. */
function factorUses(inventory: InventoryResult | null, factors: readonly CalcFactor[] | null, basis: GwpBasis): FactorUse[] {
  if (!inventory || !factors) return [];
  const recordsOf = new Map<number, Set<number>>();
  for (const line of inventory.lines) {
    if (line.factorId === null) continue;
    (recordsOf.get(line.factorId) ?? recordsOf.set(line.factorId, new Set()).get(line.factorId)!).add(line.recordId);
  }
  return factors.filter((factor) => recordsOf.has(factor.id)).map((factor) => ({
    factorId: factor.id, setKey: factor.setKey, label: factor.label, unitText: factor.unitText, gwpBasis: factor.gwpBasis,
    otherBasis: publishedOnOtherBasis(factor, basis), basisUnstated: co2eOnUnstatedBasis(factor), recordIds: [...recordsOf.get(factor.id)!].sort((a, b) => a - b),
  }));
}

/** The sites the calculation gave no share of any fiscal year. */
function sitesOutsideBoundary(inventory: InventoryResult | null): Set<string> {
  const sites = inventory?.periods.flatMap((period) => period.sites) ?? [];
  const counted = new Set(sites.filter((site) => site.share > 0).map((site) => site.site));
  return new Set(sites.flatMap((site) => (site.site !== null && !counted.has(site.site) ? [site.site] : [])));
}

export function gatherReviewData({ db, settings, inventory, factors }: GatherInput): ReviewData {
  const factorActivities = factors ? new Set(factors.map((factor) => factor.activityKey)) : null;
  const fiscal: FiscalSettings = { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule };
  const tonnesOf = inventory ? recordTonnes(inventory) : () => null;
  const records: ReviewRecord[] = [];
  const imported = new Map<number, { id: number; column: number; quantity: number }[]>();
  for (const { column, ...record } of selectReviewRecords(db)) {
    records.push({ ...record, tco2e: tonnesOf(record.id) });
    const fromRow = imported.get(record.rawRowId);
    if (fromRow) fromRow.push({ id: record.id, column, quantity: record.quantity });
    else imported.set(record.rawRowId, [{ id: record.id, column, quantity: record.quantity }]);
  }

  const baseYear = settings.baseYear ? fiscalYearByLabel(settings.baseYear, fiscal) : null;
  const scan: SourceScan = { blanks: [], flaggedCells: [], totalsRows: [] };
  for (const source of selectActivitySources(db)) {
    const mapping = mappingSchema.safeParse(JSON.parse(source.mappingJson));
    if (!mapping.success) continue;
    scanSource(db, source, mapping.data, { fiscal, earliestPeriodStart: baseYear?.ok ? baseYear.value.start : null }, imported, scan);
  }
  return { records, ...scan, boundarySites: selectBoundarySites(db), sitesOutsideBoundary: sitesOutsideBoundary(inventory), factorActivities, factorUses: factorUses(inventory, factors, settings.gwpBasis), gwpBasis: settings.gwpBasis, fiscal };
}

interface SourceScan {
  readonly blanks: BlankReading[];
  readonly flaggedCells: FlaggedCell[];
  readonly totalsRows: TotalsRow[];
}

type Imported = ReadonlyMap<number, readonly { id: number; column: number; quantity: number }[]>;

/** Sums of one quantity column over the data rows of a sheet: since the last totals row, and since the top. */
class ColumnSums {
  section = { imported: new ExactSum(), read: new ExactSum(), rows: 0, notImported: [] as number[] };
  all = { imported: new ExactSum(), read: new ExactSum(), rows: 0, notImported: [] as number[] };

  add(read: number | null, imported: number | null, rawRowId: number): void {
    for (const sums of [this.section, this.all]) {
      sums.rows++;
      if (read !== null) sums.read.add(read);
      if (imported !== null) sums.imported.add(imported);
      else if (read !== null) sums.notImported.push(rawRowId);
    }
  }

  closeSection(): void {
    this.section = { imported: new ExactSum(), read: new ExactSum(), rows: 0, notImported: [] };
  }
}

function scanSource(db: ReadableDb, source: ActivitySource, mapping: Mapping, context: Parameters<typeof createActivityRowMapper>[1], imported: Imported, scan: SourceScan): void {
  const sheets = selectSheetsWithData(db, source.id);
  const mapRow = createActivityRowMapper(mapping, context);
  const valueColumns = quantityColumns(mapping);
  const decimal = { decimalSeparator: mapping.decimalSeparator };
  let sheet = '';
  let classify = createRowScanner(mapping.table, mappedColumnCount(mapping), rowScanOptions(mapping.kind, mapping.decimalSeparator));
  let sums = new Map<number, ColumnSums>();
  for (const [rawRowId, rowSheet, rowNumber, cellsJson] of iterateRawRows(db, source.id)) {
    if (rowSheet !== sheet) {
      sheet = rowSheet;
      classify = createRowScanner(mapping.table, mappedColumnCount(mapping), rowScanOptions(mapping.kind, mapping.decimalSeparator));
      sums = new Map(valueColumns.map((column) => [column.column, new ColumnSums()]));
    }
    if (!sheets.has(rowSheet)) continue;
    const row: RawRow = { rowNumber, cells: JSON.parse(cellsJson) as Cell[] };
    const verdict = classify(row);
    if (!verdict.inTable || verdict.kind === 'blank' || verdict.kind === 'note') continue;
    const where = { sourceFileId: source.id, rawRowId, sheet: rowSheet, rowNumber };
    if (verdict.kind === 'total') {
      for (const column of valueColumns) {
        const stated = parseQuantity(row.cells[column.column], decimal);
        const columnSums = sums.get(column.column)!;
        if (stated.ok && stated.value !== null) {
          // A grand total below subtotals has no rows of its own: it totals everything above it.
          const scope = columnSums.section.rows > 0 ? 'section' : 'all-above';
          const totals = scope === 'section' ? columnSums.section : columnSums.all;
          scan.totalsRows.push({
            ...where, fileName: source.fileName, column: column.column, header: column.header || columnLetter(column.column), stated: stated.value,
            importedSum: totals.imported.value(), readSum: totals.read.value(), scope, dataRows: totals.rows, notImportedRawRowIds: [...totals.notImported],
          });
        }
        columnSums.closeSection();
      }
      continue;
    }
    const mapped = mapRow(row);
    const records = imported.get(rawRowId) ?? [];
    for (const blank of mapped.blanks) scan.blanks.push({ ...where, ...blank });
    for (const [column, read] of mapped.quantities) {
      const record = records.find((candidate) => candidate.column === column);
      sums.get(column)?.add(read, record?.quantity ?? null, rawRowId);
      const form = quantityCellForm(row.cells[column]);
      if (form) scan.flaggedCells.push({ ...where, form, column, text: writtenText(row.cells[column]), recordId: record?.id ?? null });
    }
  }
}
