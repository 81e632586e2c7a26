/**
 * Where the recalculation detail reads its lines from: a narrow interface, so the detail sheet
 * streams whatever backs it. Today that is `calculate()`'s lines in memory, joined to their
 * records and source rows by a cursor; once result lines are stored in the engagement, a SQL
 * cursor over them implements the same interface and memory stays flat at any size.
 */
import type { InventoryResult, ResultLine } from '../../../shared/calc/inventory';
import type { ReadableDb } from '../db/handles';
import { iterateRecordSources, selectFactorLabels, type RecordSourceRow } from './store';

/** The record a line came from, as imported. */
export interface DetailRecord {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly notes: string | null;
  readonly sourceFile: string;
  readonly sheet: string;
  readonly rowNumber: number;
}

/** The published factor a line multiplies by. */
export interface DetailFactor {
  readonly id: number;
  readonly label: string;
  readonly setKey: string;
  readonly edition: string;
  readonly publisher: string;
}

export interface DetailLine {
  readonly line: ResultLine;
  readonly record: DetailRecord;
  readonly factor: DetailFactor | null;
}

export interface DetailSource {
  /** How many lines `lines()` yields. */
  readonly lineCount: number;
  /** Every gas named on a line: CO2, CH4 and N2O first, then the rest by name. */
  readonly gases: readonly string[];
  /** The lines in order of record, fiscal year and basis. */
  lines(): AsyncIterable<DetailLine>;
}

const GAS_ORDER = ['CO2', 'CH4', 'N2O'];

export function orderGases(gases: Iterable<string>): string[] {
  const rank = (gas: string) => {
    const index = GAS_ORDER.indexOf(gas);
    return index < 0 ? GAS_ORDER.length : index;
  };
  return [...new Set(gases)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Every factor of the engagement's factor sets, by id (factor tables are small). */
export function loadDetailFactors(db: ReadableDb): Map<number, DetailFactor> {
  return new Map(selectFactorLabels(db).map(([id, label, setKey, edition, publisher]) => [id, { id, label, setKey, edition, publisher }]));
}

/**
 * The lines of a calculation held in memory, each joined to its record by one cursor over the
 * records in id order (the lines are sorted by record), so no lookup per line.
 */
export function calculationDetailSource(db: ReadableDb, result: InventoryResult): DetailSource {
  const gases = orderGases(result.lines.flatMap((line) => line.gases.map((gas) => gas.gas)));
  const factors = loadDetailFactors(db);
  return {
    lineCount: result.lines.length,
    gases,
    async *lines() {
      const records = iterateRecordSources(db);
      try {
        let current: RecordSourceRow | undefined;
        let record: DetailRecord | undefined;
        for (const line of result.lines) {
          while (current === undefined || current[0] < line.recordId) {
            const next = records.next();
            if (next.done) throw new Error(`record ${line.recordId} of a calculation line is not in the engagement`);
            current = next.value;
            record = undefined;
          }
          if (current[0] !== line.recordId) throw new Error(`record ${line.recordId} of a calculation line is not in the engagement`);
          const [, periodStart, periodEnd, notes, sourceFile, sheet, rowNumber] = current;
          record ??= { periodStart, periodEnd, notes, sourceFile, sheet, rowNumber };
          yield { line, record, factor: line.factorId === null ? null : (factors.get(line.factorId) ?? null) };
        }
      } finally {
        records.return?.();
      }
    },
  };
}
