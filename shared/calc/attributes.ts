/**
 * Attributes that tell variants of one activity apart: the refrigerant gas of a top-up, a flight's
 * haul and cabin class, a vehicle's size, a fuel's blend, a spend category. Records and factors
 * carry them alike (read from a column, or from a header), and factor selection matches them:
 * a record is priced only at a factor for its own variant, never at a neighbour's.
 *
 * Values are compared as their key (attributeValueKey): gases by their identity ('R-134a' and
 * 'HFC-134a' are one gas), other values without case, spacing or hyphens ('Short-haul' is
 * 'short haul').
 */
import { parseGas } from './gwp';

export const ATTRIBUTE_NAMES = ['gas', 'haul', 'cabin_class', 'vehicle_size', 'fuel_blend', 'spend_category'] as const;
export type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

export const ATTRIBUTE_LABELS: Readonly<Record<AttributeName, string>> = {
  gas: 'refrigerant gas',
  haul: 'haul',
  cabin_class: 'cabin class',
  vehicle_size: 'vehicle size',
  fuel_blend: 'fuel blend',
  spend_category: 'spend category',
};

/** Attribute name → value as written (trimmed). */
export type Attributes = Readonly<Partial<Record<AttributeName, string>>>;

export function isAttributeName(name: string): name is AttributeName {
  return (ATTRIBUTE_NAMES as readonly string[]).includes(name);
}

/** The value two attributes of one name are compared by. */
export function attributeValueKey(name: AttributeName, value: string): string {
  if (name === 'gas') {
    const gas = parseGas(value);
    if (gas.ok) return gas.gas;
  }
  return value.normalize('NFKC').toLowerCase().replace(/[\s\-–_]+/g, ' ').trim();
}

/** The attributes given (empty values left out), in name order; null when there are none. */
export function normalizeAttributes(attributes: Attributes | null | undefined): Attributes | null {
  if (!attributes) return null;
  // A plain loop: this runs for every record of an import.
  let normalized: Partial<Record<AttributeName, string>> | null = null;
  for (const name of ATTRIBUTE_NAMES) {
    const value = attributes[name]?.trim();
    if (value) (normalized ??= {})[name] = value;
  }
  return normalized;
}

/** Attributes as stored: canonical JSON in name order, or null. */
export function attributesToJson(attributes: Attributes | null | undefined): string | null {
  const normalized = normalizeAttributes(attributes);
  return normalized === null ? null : JSON.stringify(normalized);
}

export function attributesFromJson(text: string | null): Attributes | null {
  if (text === null) return null;
  const parsed = JSON.parse(text) as Record<string, unknown>;
  return normalizeAttributes(Object.fromEntries(Object.entries(parsed).filter((entry): entry is [AttributeName, string] => isAttributeName(entry[0]) && typeof entry[1] === 'string')));
}

/** 'gas R-410A, haul long-haul': for reasons, notes and the trace. */
export function describeAttributes(attributes: Attributes | null | undefined): string {
  const normalized = normalizeAttributes(attributes);
  if (normalized === null) return 'no attributes';
  return ATTRIBUTE_NAMES.flatMap((name) => (normalized[name] === undefined ? [] : [`${ATTRIBUTE_LABELS[name]} ${normalized[name]}`])).join(', ');
}

/** A key equal for two attribute sets exactly when they match value for value. */
export function attributesKey(attributes: Attributes | null | undefined): string {
  const normalized = normalizeAttributes(attributes);
  if (normalized === null) return '';
  return ATTRIBUTE_NAMES.flatMap((name) => (normalized[name] === undefined ? [] : [`${name}=${attributeValueKey(name, normalized[name])}`])).join('\u0002');
}

/**
 * Activities whose variants differ so much that a factor must name the variant to price a record
 * of it: a refrigerant factor that names no gas is no refrigerant's factor.
 */
export const REQUIRED_ATTRIBUTES: Readonly<Record<string, readonly AttributeName[]>> = { refrigerant: ['gas'] };
