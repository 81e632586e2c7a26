/**
 * Where the recalculation detail reads its lines from: a narrow interface, so the detail sheet
 * streams whatever backs it: the stored result lines, read by a cursor, so memory stays flat at
 * any size.
 */
import type { ResultLine } from '../../../shared/calc/inventory';
import type { Engagement } from '../engagement/handle';
import { storedResultLines } from '../inventory/service';

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

/** The engagement's stored result lines (calculated beforehand), each with its record, source row and factor. */
export function storedDetailSource(engagement: Engagement): DetailSource {
  const stored = storedResultLines(engagement);
  return { lineCount: stored.lineCount, gases: orderGases(stored.gases), lines: () => stored.lines() };
}
