/**
 * Placeholders: text a system writes where it has no value ('Not Available', 'N/A', '-'). They
 * are missing values, never text that decides a column's type or a value to reject. The list is
 * the mapping's own (suggested with these defaults, visible and editable); an Excel error value
 * such as #N/A stays an error: only the text '#N/A' is a placeholder.
 */
import type { Cell, RawRow } from './cell';
import { memoByText } from './text-cache';

/** What exports from energy and ERP systems write for "no value". */
export const DEFAULT_PLACEHOLDERS: readonly string[] = ['Not Available', 'N/A', 'n/a', '-', '–', '—', '..', '(blank)', 'null', '#N/A'];

/** Compared case-insensitively and with white space folded: 'not available', ' N/A '. */
function placeholderKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether a cell is one of the placeholders; cheap for the cells that are not text. */
export type PlaceholderTest = (cell: Cell | undefined) => boolean;

export function placeholderTest(placeholders: readonly string[] | undefined): PlaceholderTest {
  const keys = new Set((placeholders ?? []).map(placeholderKey));
  if (keys.size === 0) return () => false;
  const longest = Math.max(...[...keys].map((key) => key.length));
  const firstCharacters = new Set([...keys].flatMap((key) => [key[0]!, key[0]!.toUpperCase()]));
  const mayStartPlaceholder = firstCharacterTest(firstCharacters);
  // This runs on every text cell of a streamed sheet: text that is long, or starts with a character
  // no placeholder starts with, is passed over at once; only text with white space inside is
  // folded by a regular expression. The rest ('Natural gas', 'N/A') repeat row after row: each text is judged once.
  const isPlaceholderText = memoByText((text) => {
    const key = text.trim().toLowerCase();
    return keys.has(key) || (/\s/.test(key) && keys.has(placeholderKey(key)));
  });
  return (cell) => {
    if (typeof cell !== 'string' || cell.length === 0 || cell.length > longest + 8) return false;
    return mayStartPlaceholder(cell) && isPlaceholderText(cell);
  };
}

/** Whether text starts with one of the characters, or with white space (placeholders are matched trimmed). */
function firstCharacterTest(characters: ReadonlySet<string>): (text: string) => boolean {
  const starts = (first: string) => characters.has(first) || first.trim() === '';
  // ASCII is decided by a table of character codes: no one-character string per cell.
  const ascii = Array.from({ length: 0x80 }, (_, code) => starts(String.fromCharCode(code)));
  return (text) => {
    const code = text.charCodeAt(0);
    return code < 0x80 ? ascii[code]! : starts(text[0]!);
  };
}

/**
 * The row with its placeholder cells blank; the same row object when it has none, so that a row
 * without placeholders (most of them) costs one pass and no allocation.
 */
export function withPlaceholdersBlank(row: RawRow, isPlaceholder: PlaceholderTest): RawRow {
  const first = row.cells.findIndex(isPlaceholder);
  if (first < 0) return row;
  return { rowNumber: row.rowNumber, cells: row.cells.map((cell, index) => (index >= first && isPlaceholder(cell) ? null : cell)) };
}
