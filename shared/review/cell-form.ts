/** How a quantity cell was written, when that deserves vouching (see the cells-to-vouch rule). */
import { isFormulaCell, shownValue, type Cell } from '../import/cell';
import { normalizeSpaces, readsAsNumber } from '../import/values';
import type { CellForm } from './rules/types';

/**
 * 'text-number' for a number typed as text ('1,234.5', or a formula whose cached result is such
 * text), 'formula-without-result' for a formula the file stored no value for, 'percent' for a
 * percentage typed into a quantity cell; null for a plain number, a blank, or text that is no number.
 */
export function quantityCellForm(cell: Cell | undefined): CellForm | null {
  if (isFormulaCell(cell) && cell.result === undefined) return 'formula-without-result';
  const shown = shownValue(cell);
  if (typeof shown !== 'string') return null;
  const text = normalizeSpaces(shown);
  if (text === '') return null;
  if (text.endsWith('%') && readsAsNumber(text.slice(0, -1).trim())) return 'percent';
  return readsAsNumber(text.replace(/^\((.*)\)$/, '$1').replace(/^[-+\u2212]\s*/, '')) ? 'text-number' : null;
}

/** The cell as written, for a finding's message: the text, or the formula. */
export function writtenText(cell: Cell | undefined): string {
  if (isFormulaCell(cell)) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  return typeof cell === 'string' ? cell : String(cell ?? '');
}
