/**
 * The mapping under review: where it starts from, and the edits the wizard makes to it.
 * The engine's preview proposes it; every edit keeps it a plain `Mapping` the engine validates.
 */
import { activityByKey } from '../../../../shared/activities';
import type { ImportPreview } from '../../../../shared/contract';
import { columnLetter } from '../../../../shared/import/cell';
import { parseHeader } from '../../../../shared/import/headers';
import { columnMappingSchema, mappingSchema, type ColumnMapping, type ColumnRole, type Mapping, type MappingKind } from '../../../../shared/import/mapping';
import { suggestMapping, type ColumnSuggestion } from '../../../../shared/import/suggest';
import { DEFAULT_BLANK_RUN_TO_END, type TableBounds } from '../../../../shared/import/table';
import { cellText, normalizeSpaces } from '../../../../shared/import/values';
import { t } from '../../../../shared/messages';

export interface MappingDraft {
  readonly mapping: Mapping;
  /** Why each column got its role, with a confidence: from the engine, or re-suggested after the header row moved. */
  readonly suggestions: readonly ColumnSuggestion[];
}

/** The header texts of a row: the detected ones (group headers combined) for the detected header row. */
function headersAt(preview: ImportPreview, rowNumber: number): string[] {
  if (preview.table?.headerRowNumber === rowNumber) return [...preview.table.headers];
  const cells = preview.rows.find((row) => row.rowNumber === rowNumber)?.cells ?? [];
  const headers = cells.map((cell) => normalizeSpaces(cellText(cell)));
  while (headers.at(-1) === '') headers.pop();
  return headers;
}

function suggestFor(preview: ImportPreview, kind: MappingKind, table: TableBounds): MappingDraft {
  const guess = {
    headerRowNumber: table.headerRowNumber,
    firstDataRowNumber: table.firstDataRowNumber,
    headers: headersAt(preview, table.headerRowNumber),
    confidence: 'medium' as const,
    reasons: [t.tableStep.rowSetAsHeader(table.headerRowNumber)],
  };
  const suggestion = suggestMapping(guess, preview.rows, kind);
  return { mapping: { ...suggestion.mapping, sheet: preview.sheet, table }, suggestions: suggestion.columns };
}

/** The engine's suggestion, or, when it found no table, a fresh one from the first row. */
export function initialDraft(preview: ImportPreview, kind: MappingKind): MappingDraft {
  if (preview.mapping) return { mapping: { ...preview.mapping, sheet: preview.sheet }, suggestions: preview.columns };
  return suggestFor(preview, kind, { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: DEFAULT_BLANK_RUN_TO_END });
}

/** New bounds; moving the header row re-reads the headers and suggests the roles again. */
export function withTable(draft: MappingDraft, preview: ImportPreview, table: TableBounds): MappingDraft {
  if (table.headerRowNumber === draft.mapping.table.headerRowNumber) return { ...draft, mapping: { ...draft.mapping, table } };
  return suggestFor(preview, draft.mapping.kind, table);
}

/** Whether a role's header may carry a unit, as the mapping schema decides. */
export function takesUnit(role: ColumnRole): boolean {
  const result = columnMappingSchema.safeParse({ column: 0, header: '', role, unitText: 'unit' });
  return result.success || !result.error.issues.some((issue) => issue.path[0] === 'unitText');
}

/**
 * A column given another role; a numeric role keeps the unit text, or takes it from the header. A
 * twin repeats the value column with its label ('Electricity Use (GJ)' of 'Electricity Use (kWh)'),
 * else the first value column.
 */
export function withRole(column: ColumnMapping, role: ColumnRole, suggestion: ColumnSuggestion | undefined, columns: readonly ColumnMapping[]): ColumnMapping {
  const { column: index, header } = column;
  const unitText = column.unitText ?? parseHeader(header).unitText;
  const unit = takesUnit(role) && unitText !== undefined ? { unitText } : {};
  if (role === 'twin') {
    const values = columns.filter((other) => other.role === 'value' && other.column !== index);
    const label = parseHeader(header).label.toLowerCase();
    const twinOf = (values.find((other) => parseHeader(other.header).label.toLowerCase() === label) ?? values[0])?.column;
    return { column: index, header, role, ...unit, twinOf: twinOf ?? 0 };
  }
  if (role === 'attribute') {
    const attribute = column.attribute ?? suggestion?.attribute;
    return { column: index, header, role, ...(attribute === undefined ? {} : { attribute }) };
  }
  if (role !== 'value') return { column: index, header, role, ...unit };
  const activity = column.activity ?? suggestion?.activity ?? suggestion?.candidates?.[0];
  return activity === undefined ? { column: index, header, role, ...unit } : withActivity({ column: index, header, role, ...unit }, activity);
}

/** A claim column's metric; cleared, the header's label is the metric. */
export function withMetric(column: ColumnMapping, metric: string): ColumnMapping {
  const { metric: _previous, ...rest } = column;
  return metric.trim() === '' ? rest : { ...rest, metric };
}

/** The mapping with its placeholder list changed, each text once; an empty list is kept, so that nothing is a placeholder. */
export function withPlaceholders(mapping: Mapping, placeholders: readonly string[]): Mapping {
  return { ...mapping, placeholders: [...new Set(placeholders.map((text) => text.trim()).filter((text) => text !== ''))] };
}

/** A value column's activity, with the activity's default meaning. */
/** A value column's activity; a calorific basis stated for a fuel does not carry over to electricity or heat. */
export function withActivity(column: ColumnMapping, activity: string): ColumnMapping {
  const definition = activityByKey(activity);
  const meaning = definition?.meanings[0];
  const { calorificBasis, ...rest } = column;
  const basis = calorificBasis !== undefined && definition?.fuel === true ? { calorificBasis } : {};
  return { ...rest, activity, ...(meaning === undefined ? {} : { meaning }), ...basis };
}

export function withUnitText(column: ColumnMapping, text: string): ColumnMapping {
  const { unitText: _previous, ...rest } = column;
  return text.trim() === '' ? rest : { ...rest, unitText: text };
}

/** What stops the mapping from being used, in words naming the column. */
export function mappingProblems(mapping: Mapping): string[] {
  const result = mappingSchema.safeParse(mapping);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const [field, position] = issue.path;
    const column = field === 'columns' && typeof position === 'number' ? mapping.columns[position] : undefined;
    return column === undefined ? issue.message : `column ${columnLetter(column.column)}: ${issue.message}`;
  });
}
