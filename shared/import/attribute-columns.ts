/**
 * Attribute columns (shared/calc/attributes.ts): which header names which attribute, and how a
 * row's attributes are read from its attribute columns and its value column's header. A record
 * and a factor read them alike, so both sides of factor selection speak of the same variants.
 */
import { ATTRIBUTE_LABELS, attributeValueKey, normalizeAttributes, type AttributeName, type Attributes } from '../calc/attributes';
import { parseGas } from '../calc/gwp';
import { columnLetter, type RawRow } from './cell';
import type { ColumnMapping } from './mapping';
import type { Rejection } from './records';
import { cellText } from './values';

/** Header words naming each attribute, most specific first ('Spend category' before any category column). */
export const ATTRIBUTE_HEADERS: readonly { readonly attribute: AttributeName; readonly pattern: RegExp }[] = [
  { attribute: 'gas', pattern: /\b(refrigerants?|refrigerant (gas|type)|f[\s-]?gas(es)?|gas (type|name)|hfc)\b/ },
  { attribute: 'haul', pattern: /\b(haul|flight (type|length|band)|distance band)\b/ },
  { attribute: 'cabin_class', pattern: /\b(cabin( class)?|travel class|seat class|class of travel|fare class|class)\b/ },
  { attribute: 'vehicle_size', pattern: /\b(vehicle (size|type|class)|car (size|type)|van (size|class)|hgv (size|type|class))\b/ },
  { attribute: 'fuel_blend', pattern: /\b(fuel blend|blend|biofuel (blend|content))\b/ },
  { attribute: 'spend_category', pattern: /\b((spend|purchase|procurement|expense|expenditure|commodity|supplier|product) (category|type|class)|spend group)\b/ },
];

/** The attribute a header label (lower case) names, if any. */
export function attributeOfHeader(label: string): AttributeName | null {
  return ATTRIBUTE_HEADERS.find((rule) => rule.pattern.test(label))?.attribute ?? null;
}

/** Whether a text names a refrigerant (an HFC or a blend): a gas column of such texts says the variant, not the gas a factor's value is of. */
export function namesRefrigerant(text: string): boolean {
  const gas = parseGas(text);
  return gas.ok && !['CO2', 'CH4', 'N2O', 'CH4_fossil', 'CH4_non_fossil'].includes(gas.gas);
}

/** The refrigerant a header names ('R-410A top-up (kg)'), for a value column's attributes. */
export function gasInHeader(label: string): string | null {
  for (const word of label.split(/[\s,;()]+/)) if (word !== '' && namesRefrigerant(word)) return word;
  return null;
}

export type AttributeReading = { readonly ok: true; readonly attributes: Attributes | null } | { readonly ok: false; readonly rejection: Rejection };

const NO_ATTRIBUTES: AttributeReading = { ok: true, attributes: null };

/**
 * A row's attributes: its attribute columns', over the value column's own (from its header).
 * A row that names a different value from its column's header contradicts itself: refused.
 */
export function createAttributeReader(columns: readonly ColumnMapping[]): (row: RawRow, valueColumn: ColumnMapping | null) => AttributeReading {
  const attributeColumns = columns.filter((column) => column.role === 'attribute' && column.attribute !== undefined);
  return (row, valueColumn) => {
    // Most mappings name no attribute: nothing to read on any row.
    if (attributeColumns.length === 0 && valueColumn?.attributes === undefined) return NO_ATTRIBUTES;
    const attributes: Partial<Record<AttributeName, string>> = { ...(valueColumn?.attributes ?? {}) };
    for (const column of attributeColumns) {
      const name = column.attribute!;
      const text = cellText(row.cells[column.column]).trim();
      if (text === '') continue;
      const fromHeader = attributes[name];
      if (fromHeader !== undefined && attributeValueKey(name, fromHeader) !== attributeValueKey(name, text)) {
        const reason = `column ${columnLetter(column.column)}: ${ATTRIBUTE_LABELS[name]} '${text}' contradicts '${fromHeader}' in the header of column ${columnLetter(valueColumn!.column)}`;
        return { ok: false, rejection: { column: column.column, reason } };
      }
      attributes[name] = text;
    }
    return { ok: true, attributes: normalizeAttributes(attributes) };
  };
}
