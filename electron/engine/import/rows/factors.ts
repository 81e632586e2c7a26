/**
 * Emission-factor files: a published flat file (DESNZ/BEIS, EPA Hub) recognised by its layout, or
 * any other table through its mapping. Their layouts span rows, so each sheet is collected whole
 * (factor files are small) and parsed when the last row is read; each set is stored as a new
 * version, every factor linked to the raw row it came from.
 */
import { isBlank, type RawRow } from '../../../../shared/import/cell';
import { DESNZ_DATA_SHEET, parseDesnzFlatFile } from '../../../../shared/factors/desnz';
import { EPA_HUB_SHEET, parseEpaHub } from '../../../../shared/factors/epa-hub';
import { FactorFileFormatError, type EmissionFactor, type ParsedFactorSet } from '../../../../shared/factors/types';
import { placeholderTest, withPlaceholdersBlank } from '../../../../shared/import/placeholders';
import { mappedColumnCount } from '../../../../shared/import/mapping';
import { mapFactorRow, type FactorBasis } from '../../../../shared/import/reference-rows';
import { createRowScanner } from '../../../../shared/import/table';
import { FACTOR_TABLE_SET_PREFIX } from '../../../../shared/calc/factor-value';
import { storeFactorSet } from '../../factors/service';
import { isDataRow, type RowContext, type RowHandler } from './handler';

/** How a factor's basis reads in its path, the trace and the factor appendix. */
const BASIS_LABELS: Readonly<Record<FactorBasis, string>> = {
  location: 'location-based (grid average)',
  market: 'market-based',
  'residual-mix': 'market-based (residual mix)',
  'supplier-specific': 'market-based (supplier-specific)',
  contractual: 'market-based (contractual instruments)',
};

interface CollectedSheet {
  readonly rows: RawRow[];
  readonly rawRowIds: Map<number, number>;
}

export function factorRows(context: RowContext): RowHandler {
  const sheets = new Map<string, CollectedSheet>();
  return {
    row(sheet, row, rawRowId) {
      let collected = sheets.get(sheet);
      if (!collected) {
        collected = { rows: [], rawRowIds: new Map() };
        sheets.set(sheet, collected);
      }
      collected.rows.push(row);
      collected.rawRowIds.set(row.rowNumber, rawRowId);
    },
    finish() {
      for (const [sheet, collected] of sheets) {
        const parsed = parsePublishedSheet(sheet, collected.rows);
        if (parsed) storePublishedSet(context, sheet, collected, parsed);
        else storeFactorTable(context, sheet, collected);
      }
    },
  };
}

function parsePublishedSheet(sheet: string, rows: readonly RawRow[]): ParsedFactorSet | null {
  const parser = sheet === EPA_HUB_SHEET ? parseEpaHub : sheet === DESNZ_DATA_SHEET ? parseDesnzFlatFile : null;
  if (!parser) {
    // Other editions name the sheet differently: try the DESNZ layout by content.
    try {
      return parseDesnzFlatFile(rows);
    } catch (error) {
      if (error instanceof FactorFileFormatError) return null;
      throw error;
    }
  }
  return parser(rows);
}

/**
 * A published set's rows, each counted once: imported if it gave at least one factor (a row gives
 * one per gas, or one per waste treatment, so one can be imported with some of its values refused:
 * counted as partly rejected too), rejected if it has reasons and gave none, skipped otherwise
 * (blank rows; table titles, headers and notes between the factor tables). Every reason is stored.
 */
function storePublishedSet(context: RowContext, sheet: string, collected: CollectedSheet, parsed: ParsedFactorSet): void {
  const tally = context.totals.sheet(sheet);
  const stored = storeFactorSet(context.db, parsed.meta, parsed.factors, { kind: 'import', sourceFileId: context.sourceFileId, rawRowIdOf: (rowNumber) => collected.rawRowIds.get(rowNumber) });
  context.totals.recordsCreated += stored.factors;
  const used = new Set(parsed.factors.flatMap((factor) => factor.source.rowNumbers));
  const withReasons = new Set<number>();
  for (const skip of parsed.skipped) {
    withReasons.add(skip.rowNumber);
    context.reject(sheet, skip.rowNumber, { column: null, reason: skip.reason });
  }
  for (const row of collected.rows) {
    if (used.has(row.rowNumber)) {
      tally.imported++;
      if (withReasons.has(row.rowNumber)) tally.partlyRejected++;
    } else if (withReasons.has(row.rowNumber)) tally.rejected++;
    else if (row.cells.every(isBlank)) tally.skipped.blank++;
    else tally.skipped['outside-table']++;
  }
  tally.dataRows = tally.imported + tally.rejected;
}

/**
 * A factor table of the engagement's own: one factor per row under the mapping, as one set named
 * after the sheet; a table holding several editions (its year column) as one set per edition, so
 * each edition is in force for its own year. Validity stated per row stays on the factor.
 */
function storeFactorTable(context: RowContext, sheet: string, collected: CollectedSheet): void {
  const { mapping, totals } = context;
  const tally = totals.sheet(sheet);
  const scan = createRowScanner(mapping.table, mappedColumnCount(mapping), { decimalSeparator: mapping.decimalSeparator });
  const isPlaceholder = placeholderTest(mapping.placeholders);
  const factors: EmissionFactor[] = [];
  for (const row of collected.rows) {
    const verdict = scan(row);
    if (!verdict.inTable) { tally.skipped['outside-table']++; continue; }
    if (!isDataRow(context, sheet, row, verdict, tally)) continue;
    const result = mapFactorRow(mapping, withPlaceholdersBlank(row, isPlaceholder));
    if (!result.ok) {
      context.rejectRow(sheet, row.rowNumber, result.rejections);
      continue;
    }
    tally.imported++;
    const draft = result.draft;
    factors.push({
      activityKey: draft.activityKey ?? undefined,
      residualMix: draft.residualMix || undefined,
      path: draft.basis === null ? [draft.label] : [draft.label, BASIS_LABELS[draft.basis]],
      label: draft.label,
      ...(draft.variant === null ? {} : { variant: draft.variant }),
      unitText: draft.unitText,
      region: draft.region ?? undefined,
      ...(draft.scope === null ? {} : { scope: draft.scope }),
      ...(draft.biogenic ? { biogenic: true } : {}),
      ...(draft.attributes === null ? {} : { attributes: draft.attributes }),
      ...(draft.validFrom === null ? {} : { validFrom: draft.validFrom }),
      ...(draft.validTo === null ? {} : { validTo: draft.validTo }),
      gases: [{ gas: draft.gas, value: draft.value, valueUnit: draft.valueUnit, alreadyCo2e: draft.gas === 'CO2e' }],
      source: { publisher: draft.source ?? 'User factor table', title: sheet, edition: String(draft.year ?? ''), year: draft.year ?? 0, licence: 'Provided by the engagement', sheet, rowNumbers: [row.rowNumber] },
    });
  }
  if (factors.length === 0) return;
  const editions = new Map<number, EmissionFactor[]>();
  for (const factor of factors) editions.set(factor.source.year, [...(editions.get(factor.source.year) ?? []), factor]);
  const setKey = `${FACTOR_TABLE_SET_PREFIX}${sheet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  for (const [year, edition] of [...editions].sort(([a], [b]) => a - b)) {
    const dated = year > 0;
    storeFactorSet(
      context.db,
      {
        id: editions.size > 1 && dated ? `${setKey}-${year}` : setKey,
        publisher: edition[0]!.source.publisher,
        title: `${sheet} (imported)`,
        edition: dated ? String(year) : 'undated',
        year,
        region: '',
        gwpBasis: 'AR5',
        validFrom: dated ? `${year}-01-01` : '0001-01-01',
        validTo: dated ? `${year}-12-31` : '9999-12-31',
        licence: 'Provided by the engagement',
        attribution: 'Factor table supplied to the engagement',
      },
      edition,
      { kind: 'import', sourceFileId: context.sourceFileId, rawRowIdOf: (rowNumber) => collected.rawRowIds.get(rowNumber) },
    );
  }
  totals.recordsCreated += factors.length;
}
