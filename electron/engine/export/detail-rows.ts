/**
 * The rows of the recalculation detail: one per calculation line (full), or one per group of
 * lines that share everything the formula multiplies by (summary: fiscal year, basis, category,
 * site, activity, unit, conversion, factor, share), their quantities summed exactly. Either way
 * the row's total is charged quantity × factor × share / 1000 and the lead schedule sums the rows.
 */
import { LINE_BASES, type ResultLine } from '../../../shared/calc/inventory';
import { compareText } from '../../../shared/calc/inventory-totals';
import { ExactSum } from '../../../shared/calc/sum';
import type { DetailMode } from './context';
import type { DetailFactor, DetailRecord, DetailSource } from './detail-source';

/** A line's lineage fields, with its record and factor; a summary row sums its lines' quantities. */
export interface DetailRow extends Pick<
  ResultLine,
  'fiscalYear' | 'basis' | 'scope3Category' | 'site' | 'activity' | 'quantity' | 'unit' | 'conversionFactor' | 'convertedQuantity' | 'chargedQuantity' | 'factorUnit' | 'co2ePerUnitKg' | 'share' | 'gases' | 'tco2e'
> {
  /** The record of a full row; null in a summary row. */
  readonly recordId: number | null;
  readonly record: DetailRecord | null;
  /** Calculation lines the row stands for: 1 in full detail. */
  readonly lineCount: number;
  readonly factor: DetailFactor | null;
  readonly note: string | null;
}

export interface DetailRows {
  readonly mode: DetailMode;
  readonly count: number;
  readonly gases: readonly string[];
  rows(): AsyncIterable<DetailRow>;
}

export function fullDetailRows(source: DetailSource): DetailRows {
  return {
    mode: 'full',
    count: source.lineCount,
    gases: source.gases,
    async *rows() {
      for await (const { line, record, factor } of source.lines()) {
        const { recordId, note, ...lineage } = line;
        yield { ...lineage, recordId, record, lineCount: 1, factor, note: note ?? null };
      }
    },
  };
}

interface Group {
  readonly first: DetailRow;
  lineCount: number;
  readonly quantity: ExactSum;
  readonly converted: ExactSum;
  readonly charged: ExactSum;
  readonly tco2e: ExactSum;
  readonly gases: Map<string, ExactSum>;
  readonly notes: Set<string>;
}

/** Reads every line once and groups them; memory grows with the number of groups, not lines. */
export async function summaryDetailRows(source: DetailSource, signal?: AbortSignal): Promise<DetailRows> {
  const groups = new Map<string, Group>();
  let seen = 0;
  for await (const row of fullDetailRows(source).rows()) {
    if (++seen % 10_000 === 0) signal?.throwIfAborted();
    const key = JSON.stringify([row.fiscalYear, row.basis, row.scope3Category, row.site, row.activity, row.unit, row.conversionFactor, row.factorUnit, row.co2ePerUnitKg, row.factor?.id ?? null, row.share]);
    let group = groups.get(key);
    if (!group) {
      group = { first: row, lineCount: 0, quantity: new ExactSum(), converted: new ExactSum(), charged: new ExactSum(), tco2e: new ExactSum(), gases: new Map(), notes: new Set() };
      groups.set(key, group);
    }
    group.lineCount++;
    group.quantity.add(row.quantity);
    group.converted.add(row.convertedQuantity);
    group.charged.add(row.chargedQuantity);
    group.tco2e.add(row.tco2e);
    for (const gas of row.gases) {
      const sum = group.gases.get(gas.gas) ?? new ExactSum();
      sum.add(gas.tco2e);
      group.gases.set(gas.gas, sum);
    }
    if (row.note) group.notes.add(row.note);
  }
  const rows = [...groups.values()].map((group): DetailRow => ({
    ...group.first,
    recordId: null,
    record: null,
    lineCount: group.lineCount,
    quantity: group.quantity.value(),
    convertedQuantity: group.converted.value(),
    chargedQuantity: group.charged.value(),
    gases: [...group.gases].map(([gas, sum]) => ({ gas, tco2e: sum.value() })),
    tco2e: group.tco2e.value(),
    note: group.notes.size === 0 ? null : [...group.notes].join('; '),
  })).sort(compareSummaryRows);
  return {
    mode: 'summary',
    count: rows.length,
    gases: source.gases,
    async *rows() {
      yield* rows;
    },
  };
}

/** By fiscal year, basis, category, site, activity, unit and factor: the order a reviewer reads in. */
function compareSummaryRows(a: DetailRow, b: DetailRow): number {
  return (
    compareText(a.fiscalYear, b.fiscalYear) ||
    LINE_BASES.indexOf(a.basis) - LINE_BASES.indexOf(b.basis) ||
    (a.scope3Category ?? 99) - (b.scope3Category ?? 99) ||
    compareText(a.site ?? '', b.site ?? '') ||
    compareText(a.activity, b.activity) ||
    compareText(a.unit, b.unit) ||
    (a.factor?.id ?? 0) - (b.factor?.id ?? 0) ||
    a.share - b.share
  );
}
