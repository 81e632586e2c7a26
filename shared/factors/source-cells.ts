/** Reading label and value cells of published factor tables. */
import { isBlank, isErrorCell, isFormulaCell, shownValue, type Cell } from '../import/cell';

/** The text a cell shows, whitespace collapsed (tables wrap headers over lines); undefined when blank. */
export function cellText(cell: Cell | undefined): string | undefined {
  const shown = shownValue(cell);
  if (typeof shown === 'number') return String(shown);
  if (typeof shown !== 'string') return undefined;
  const text = shown.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** The cell's number when it shows a finite one, otherwise undefined. */
export function cellNumber(cell: Cell | undefined): number | undefined {
  const shown = shownValue(cell);
  return typeof shown === 'number' && Number.isFinite(shown) ? shown : undefined;
}

/** Why a value cell gives no number, for the skipped-rows report. Blank is never read as zero. */
export function nonNumericReason(cell: Cell | undefined): string {
  if (isFormulaCell(cell) && cell.result === undefined) return 'the value is a formula with no stored result';
  const shown = shownValue(cell);
  if (isBlank(shown)) return 'no value (blank)';
  if (isErrorCell(shown)) return `the value is an error (${shown.code})`;
  if (typeof shown === 'string') return `the value is text ('${shown.trim()}'), not a number`;
  return 'the value is not a number';
}

const GAS_NAMES: Readonly<Record<string, string>> = { co2: 'CO2', co2e: 'CO2e', ch4: 'CH4', n2o: 'N2O' };

/** The usual spelling of CO2, CO2e, CH4 and N2O whatever their case; other gases as printed. */
export function gasName(printed: string): string {
  return GAS_NAMES[printed.toLowerCase()] ?? printed;
}
