/**
 * CSV for tables the auditor exports (calculation detail, rejected rows, findings), made safe to
 * open in a spreadsheet program. Imported text is hostile: a cell beginning with `=`, `+`, `-`,
 * `@`, a tab or a carriage return would be run as a formula by Excel or LibreOffice, so it is
 * prefixed with a single quote, as OWASP's "CSV injection" guidance recommends. Numbers are
 * written as numbers (a negative number is data, not a formula) and are never prefixed.
 *
 * One rule for the engine's exports and the UI's table exports.
 */

/** Leading characters a spreadsheet program may read as the start of a formula. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export type CsvValue = string | number | boolean | null | undefined;

/** Text as it may safely stand in a spreadsheet cell: prefixed with `'` when it could start a formula. */
export function neutraliseFormulaText(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}

/** One field: neutralised, then quoted when it holds a delimiter, a quote or a line break. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = neutraliseFormulaText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 writes it. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A byte-order mark so Excel reads the file as UTF-8. */
export const CSV_BOM = '\uFEFF';
