/**
 * Header and cell text matching: the unit a header carries ('Electricity (kWh)'), whether two
 * headers are the same column, and which catalogue activity a text names.
 */
import { ACTIVITIES } from '../activities';
import { columnLetter } from './cell';
import type { ColumnMapping } from './mapping';
import { normalizeSpaces } from './values';

// ---------------------------------------------------------------------------------------------
// Headers and units

/** Unit words recognised in headers. Ambiguous ones ('ton', 'gallon') are here on purpose: the unit parser refuses them with a reason. */
const UNIT_TOKENS: ReadonlySet<string> = new Set([
  'wh', 'kwh', 'mwh', 'gwh', 'twh', 'kj', 'mj', 'gj', 'tj', 'therm', 'therms', 'btu', 'kbtu', 'mmbtu', 'kw', 'mw',
  'l', 'ltr', 'litre', 'litres', 'liter', 'liters', 'ml', 'kl', 'm3', 'm³', 'gal', 'gallon', 'gallons', 'scf', 'mcf', 'ccf', 'ft3',
  'g', 'kg', 't', 'tonne', 'tonnes', 'ton', 'tons', 'kt', 'lb', 'lbs',
  'km', 'mile', 'miles', 'tkm', 'tonne-km', 't-km', 'pkm', 'passenger-km', 'p-km',
  'tco2e', 'kgco2e', 'gco2e', 'ktco2e', 'mtco2e', 'tco2', 'kgco2',
  'm2', 'm²', 'sqm', 'ft2', 'sqft',
  'gbp', 'usd', 'eur', '£', '$', '€', '%',
]);
/** Words that qualify a unit ('kg CO2e', 'US gal', 'sq ft') but are not one alone: 'SF6' is a refrigerant. */
const UNIT_QUALIFIERS: ReadonlySet<string> = new Set(['co2e', 'co2', 'ch4', 'n2o', 'sf6', 'us', 'imp', 'sq', 'ft', 'metric']);

/** A calorific basis after a unit, 'kWh, gross CV', 'GJ (NCV)', 'MWh net': the unit parser reads it (shared/calc/units). */
const CALORIFIC_QUALIFIER = /[\s,;(]*\b(?:gross|net|gcv|ncv|hhv|lhv)\b(?:\s*(?:cv|calorific value|basis))?\s*\)?\s*$/i;

/**
 * Whether text is made only of unit words, e.g. 'kWh', 'kg CO2e/kWh', 'US gal'. A bare single
 * letter ('L', 't') counts only where the header sets it apart, as in 'Diesel (L)'.
 */
export function isUnitText(text: string, setApart: boolean): boolean {
  const unit = text.replace(CALORIFIC_QUALIFIER, '');
  if (unit === '') return false;
  const words = unit.toLowerCase().split(/[\s/·*]+|\bper\b/).filter((word) => word !== '');
  if (words.length === 0 || !words.every((word) => UNIT_TOKENS.has(word) || UNIT_QUALIFIERS.has(word))) return false;
  if (!words.some((word) => UNIT_TOKENS.has(word))) return false;
  return setApart || words.length > 1 || !/^[a-z]$/.test(words[0] ?? '');
}

export interface HeaderParts {
  readonly label: string;
  readonly unitText?: string;
}

/**
 * Whether a sheet's header is the one a mapping was made for. Case and spacing differ between
 * years' files; anything else is a different column. The importer and the wizard both use it.
 */
export function sameHeader(a: string, b: string): boolean {
  const normalize = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  return normalize(a) === normalize(b);
}

export interface HeaderMismatch {
  readonly column: number;
  readonly expected: string;
  readonly found: string;
}

/**
 * Where a sheet's headers differ from the ones a mapping was made for (a renamed or moved column),
 * for every column the mapping reads. A header the mapping wrote with its group ('Electricity /
 * kWh', from a merged group cell above) matches the cell that holds its own part.
 */
export function headerMismatches(columns: readonly Pick<ColumnMapping, 'column' | 'header' | 'role'>[], headerAt: (column: number) => string): HeaderMismatch[] {
  return columns.flatMap((column) => {
    if (column.role === 'ignore') return [];
    const found = normalizeSpaces(headerAt(column.column));
    const matches = sameHeader(found, column.header) || (found !== '' && column.header.toLowerCase().endsWith(` / ${found.toLowerCase()}`));
    return matches ? [] : [{ column: column.column, expected: column.header, found }];
  });
}

/** "column C is 'Electricity (MWh)', expected 'Electricity (kWh)'; column E is blank, expected 'Diesel (L)'". */
export function describeHeaderMismatches(mismatches: readonly HeaderMismatch[]): string {
  return mismatches
    .map((mismatch) => `column ${columnLetter(mismatch.column)} is ${mismatch.found === '' ? 'blank' : `'${mismatch.found}'`}, expected '${mismatch.expected}'`)
    .join('; ');
}

/**
 * Splits a header into its label and the unit text it carries: 'Electricity (kWh)',
 * 'Electricity [kWh]', 'Electricity - kWh', 'Electricity / kWh', 'Electricity kWh'. Only unit
 * words count, so 'Site (name)' keeps its brackets. The unit text is not validated here.
 */
export function parseHeader(text: string): HeaderParts {
  const header = normalizeSpaces(text);
  const setApart = /^(.*?)\s*\(\s*([^()]+?)\s*\)$/.exec(header) ?? /^(.*?)\s*\[\s*([^[\]]+?)\s*\]$/.exec(header) ?? /^(.*\S)(?:\s*[,:]|\s+[-–—/])\s*(\S.*)$/.exec(header);
  const [, label = '', unit = ''] = setApart ?? [];
  if (setApart && isUnitText(unit, true)) return { label: label === '' ? header : label, unitText: unit };
  if (isUnitText(header, false)) return { label: header, unitText: header };
  const words = header.split(' ');
  for (let cut = 1; cut < words.length; cut += 1) {
    const trailing = words.slice(cut).join(' ');
    if (isUnitText(trailing, false)) return { label: words.slice(0, cut).join(' '), unitText: trailing };
  }
  return { label: header };
}

// ---------------------------------------------------------------------------------------------
// Activities

export type ActivityMatch =
  | { readonly kind: 'match'; readonly activity: string; readonly synonym: string }
  | { readonly kind: 'ambiguous'; readonly activities: readonly string[] }
  | { readonly kind: 'none' };

interface SynonymHit {
  readonly activity: string;
  readonly synonym: string;
  readonly start: number;
  readonly end: number;
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[a-z0-9]/.test(character);
}

/** Where a synonym found at `end` really ends: there, or after a plural 's' ('guarantees of origin', 'flights'); -1 inside a longer word. */
function wordEnd(text: string, end: number): number {
  if (!isWordCharacter(text[end])) return end;
  return text[end] === 's' && !isWordCharacter(text[end + 1]) ? end + 1 : -1;
}

function synonymHits(text: string): SynonymHit[] {
  return ACTIVITIES.flatMap((activity) =>
    activity.synonyms.flatMap((synonym) => {
      const hits: SynonymHit[] = [];
      for (let start = text.indexOf(synonym); start >= 0; start = text.indexOf(synonym, start + 1)) {
        const end = wordEnd(text, start + synonym.length);
        if (!isWordCharacter(text[start - 1]) && end >= 0) hits.push({ activity: activity.key, synonym, start, end });
      }
      return hits;
    }),
  );
}

/**
 * The catalogue activity a header or cell names. A longer synonym wins over one inside it
 * ('natural gas' over 'gas'); several activities named side by side ('Gas and electricity')
 * or equally well are ambiguous.
 */
export function matchActivity(text: string): ActivityMatch {
  const hits = synonymHits(normalizeSpaces(text).toLowerCase().replace(/_/g, ' '));
  const outermost = hits.filter(
    (hit) => !hits.some((other) => other !== hit && other.end - other.start > hit.end - hit.start && other.start <= hit.start && hit.end <= other.end),
  );
  const activities = [...new Set(outermost.map((hit) => hit.activity))];
  const [only] = activities;
  if (only === undefined) return { kind: 'none' };
  if (activities.length > 1) return { kind: 'ambiguous', activities };
  const longest = outermost.reduce((best, hit) => (hit.synonym.length > best.synonym.length ? hit : best));
  return { kind: 'match', activity: only, synonym: longest.synonym };
}
