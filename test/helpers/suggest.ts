/** Sample sheets for suggestion tests: rows from cell arrays, the suggestion for them, a column by header. */
import type { Cell, RawRow } from '../../shared/import/cell';
import type { MappingKind } from '../../shared/import/mapping';
import { suggestMapping, type ColumnSuggestion, type MappingSuggestion } from '../../shared/import/suggest';
import { detectTable } from '../../shared/import/table';

export function rows(...cells: ReadonlyArray<readonly Cell[]>): RawRow[] {
  return cells.map((row, index) => ({ rowNumber: index + 1, cells: row }));
}

/** The suggestion for a sample, on the table detected in it. */
export function suggest(sample: readonly RawRow[], kind: MappingKind = 'activity'): MappingSuggestion {
  const detection = detectTable(sample);
  if (!detection.ok) throw new Error(detection.reason);
  return suggestMapping(detection.table, sample, kind);
}

export function column(columns: readonly ColumnSuggestion[], header: string): ColumnSuggestion {
  const found = columns.find((candidate) => candidate.header === header);
  if (!found) throw new Error(`no column ${header}`);
  return found;
}

/** A date cell as the xlsx reader gives it, for 'YYYY-MM-DD'. */
export function date(iso: string): Cell {
  return { t: 'date', iso: `${iso}T00:00:00.000Z` };
}
