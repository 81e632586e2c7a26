/**
 * The suggested mapping: proposed from a detected table, with a reason and a confidence for every
 * column so the auditor can see and correct each choice.
 *
 * A column's role comes from its header first: 'Natural Gas Use (therms)' names an activity and a
 * unit, so with a body of numbers, blanks and placeholders it is that activity's value column,
 * whatever share of its cells say 'Not Available'. The values then confirm or doubt the header.
 * Descriptive columns (identifiers, addresses, alerts, scores) are ignored quietly; derived ones
 * (totals, intensities, weather-normalised figures, shares) are never quantities; a system's own
 * emission figures are offered as claims; one quantity given in two units is imported once, the
 * other column checked against it.
 */
import { activityByKey } from '../activities';
import { ATTRIBUTE_LABELS, type AttributeName } from '../calc/attributes';
import { ATTRIBUTE_HEADERS, gasInHeader, namesRefrigerant } from './attribute-columns';
import { conversionFactor, parseUnit, type Unit } from '../calc/units';
import type { Cell, RawRow } from './cell';
import { columnLetter, columnsText } from './cell';
import { inNumber } from '../count-text';
import { factorUnitInHeader, parseFactorUnit } from './factor-units';
import { isUnitText, matchActivity, parseHeader } from './headers';
import {
  isRepeatableRole,
  LONG_ONLY_ROLES,
  NUMERIC_ROLES,
  PERIOD_ROLES,
  ROLES_BY_KIND,
  UNIT_ROLES,
  type ColumnMapping,
  type ColumnRole,
  type Mapping,
  type MappingKind,
  rowScanOptions,
} from './mapping';
import { DEFAULT_PLACEHOLDERS, placeholderTest, type PlaceholderTest } from './placeholders';
import { parseFactorBasis, parseFactorScope } from './reference-rows';
import type { Confidence, TableGuess } from './table';
import { boundsFromGuess, cellKind, createRowScanner } from './table';
import type { Detection } from './values';
import { cellText, detectDayOrder, detectDecimalSeparator, normalizeSpaces } from './values';

export interface ColumnSuggestion extends ColumnMapping {
  readonly confidence: Confidence;
  readonly reason: string;
  /** Activity keys, when the header names several and the auditor has to choose. */
  readonly candidates?: readonly string[];
}

export interface MappingSuggestion {
  /** Ready to review; it may be incomplete, so validate with `mappingSchema` before saving. */
  readonly mapping: Mapping;
  /** One per column, in column order, with the reason for its role. */
  readonly columns: readonly ColumnSuggestion[];
  readonly confidence: Confidence;
  /** Layout, decimal separator, day order, placeholders and anything missing. */
  readonly reasons: readonly string[];
}

interface RoleRule {
  readonly role: ColumnRole;
  readonly pattern: RegExp;
  /** Attribute columns: the attribute the header names. */
  readonly attribute?: AttributeName;
}

/** Refrigerant gas, haul, cabin class…: before the rules their words would otherwise meet (a category, a type, a fuel). */
const ATTRIBUTE_RULES: readonly RoleRule[] = ATTRIBUTE_HEADERS.map(({ attribute, pattern }) => ({ role: 'attribute', pattern, attribute }));

/** Where a period's start or end comes from: 'From', 'Valid from', 'Bill from', 'Period start', 'Start date'. */
const PERIOD_QUALIFIERS = '(?:valid|validity|bill(?:ing)?|billed|service|usage|supply|read(?:ing)?|contract|coverage|period)';
const NOTES_RULE: RoleRule = { role: 'notes', pattern: /\b(notes?|comments?|remarks?)\b/ };
const PERIOD_START_RULE: RoleRule = {
  role: 'period_start',
  pattern: new RegExp(`^(from|start|begin)\\b|\\b${PERIOD_QUALIFIERS}\\s+(from|start|begin(ning)?)\\b|\\b(start|from)\\s+date\\b|\\bdate\\s+from\\b`),
};
const PERIOD_END_RULE: RoleRule = {
  role: 'period_end',
  pattern: new RegExp(`^(to|end|until)\\b|\\b${PERIOD_QUALIFIERS}\\s+(to|until|end)\\b|\\b(end|to)\\s+date\\b|\\bdate\\s+to\\b`),
};
const ENTITY_RULE: RoleRule = { role: 'entity', pattern: /\b(entity|company|subsidiary|business unit|organi[sz]ation)\b/ };
const SITE_RULE: RoleRule = { role: 'site', pattern: /\b(site|location|facility|data cent(re|er)|building|premises|property|office|campus)\b/ };
const REGION_RULE: RoleRule = { role: 'region', pattern: /\b(region|country|grid region|subregion|zone)\b/ };
const UNIT_WORDS = /\b(units?|uom|unit of measure(ment)?)\b/;
const SCOPE3_CATEGORY_RULE: RoleRule = { role: 'scope3_category', pattern: /\b(category|cat)\b/ };
const METRIC_RULE: RoleRule = { role: 'metric', pattern: /\b(metric|kpi|indicator|measure|scope)\b/ };

/** Header patterns per kind, most specific first: the first that matches the header label wins. */
const ROLE_RULES: Readonly<Record<MappingKind, readonly RoleRule[]>> = {
  activity: [
    NOTES_RULE, PERIOD_START_RULE, PERIOD_END_RULE, ENTITY_RULE, ...ATTRIBUTE_RULES,
    { role: 'unit', pattern: UNIT_WORDS },
    SITE_RULE,
    { role: 'instrument', pattern: /\b(instruments?|certificates?|ppa|rego|recs?|eacs?|guarantees? of origin|green tariff)\b/ },
    SCOPE3_CATEGORY_RULE,
    REGION_RULE,
    { role: 'meaning', pattern: /\bmeaning\b/ },
    { role: 'period', pattern: /\b(month|period|date|quarter|year|fy|week)\b/ },
    { role: 'activity', pattern: /\b(activity|fuel|type|source|commodity)\b/ },
    { role: 'quantity', pattern: /\b(quantity|qty|amount|consumption|usage|use|value|volume|reading|total)\b/ },
  ],
  factors: [
    NOTES_RULE, PERIOD_START_RULE, PERIOD_END_RULE, ...ATTRIBUTE_RULES,
    { role: 'factor_unit', pattern: /\b(factor|ef|emission factor)\s+units?\b/ },
    { role: 'factor_value', pattern: /\b(factor|ef|conversion)\b/ },
    { role: 'unit', pattern: UNIT_WORDS },
    { role: 'basis', pattern: /\b(basis|method|approach|accounting)\b/ },
    { role: 'scope', pattern: /\bscopes?\b/ },
    { role: 'gas', pattern: /\b(gas|ghg)\b/ },
    { role: 'source', pattern: /\b(source|publisher|reference|dataset)\b/ },
    { role: 'year', pattern: /\b(year|edition|version)\b/ },
    REGION_RULE,
    { role: 'instrument', pattern: /\b(instruments?|contract|tariff|supplier)\b/ },
    { role: 'activity', pattern: /\b(activity|fuel|type|level\s*\d|description|name)\b/ },
  ],
  targets: [
    NOTES_RULE,
    { role: 'base_year', pattern: /\bbase(line)?\s*year\b/ },
    { role: 'target_year', pattern: /\b(year|deadline)\b/ },
    { role: 'target_value', pattern: /\b(target|value|level|threshold|reduction)\b/ },
    { role: 'unit', pattern: UNIT_WORDS },
    ENTITY_RULE, SITE_RULE, METRIC_RULE,
  ],
  claims: [
    NOTES_RULE, PERIOD_START_RULE, PERIOD_END_RULE,
    { role: 'year', pattern: /\b(year|fy)\b/ },
    { role: 'period', pattern: /\b(month|period|date|quarter|week)\b/ },
    { role: 'claim_value', pattern: /\b(reported|claimed|disclosed|value|figure|amount)\b/ },
    { role: 'unit', pattern: UNIT_WORDS },
    { role: 'source', pattern: /\b(source|reference|document|page)\b/ },
    ENTITY_RULE, SITE_RULE, METRIC_RULE,
  ],
};

/** Columns that describe a property or a row, never data to import: ignored quietly, with what they are. */
const DESCRIPTIVE: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /^alerts?\b/, what: 'an alert raised by the source system' },
  { pattern: /\bdata quality\b|\bchecker\b/, what: 'a data-quality flag of the source system' },
  { pattern: /\b(score|rating|certification|certified)\b/, what: 'a rating' },
  { pattern: /\bparent\b/, what: 'a parent property or organisation, not the site' },
  { pattern: /\b(address|street|city|town|post\s*code|postal code|zip(\s*code)?|state|province|county)\b/, what: 'part of an address' },
  { pattern: /\b(property|building|primary)\s+(use\s+)?types?\b|\byear\s+built\b|\bconstruction year\b/, what: 'a building attribute' },
  { pattern: /\b(operating hours|hours|occupancy|number of (buildings|workers|employees|people|occupants|computers|servers|beds|rooms|floors|apartments))\b/, what: 'an operating attribute' },
  { pattern: /\b(last modified|modified|updated|created|generated on|run date)\b/, what: 'a record-keeping field of the source system' },
];

/** An identifier ('Property Id', 'Certificate ID'): it keeps the role its other words suggest only where no named column has it. */
const IDENTIFIER = /\b(id|ids|identifier|uuid|guid)\s*$/;

/** Columns computed from others, or ratios: never a quantity, whatever unit their header names. */
const DERIVED: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\beui\b|\bintensity\b|\bper (m2|m²|sq\w*|square|ft2|employee|fte|head|unit)\b/, what: 'an intensity' },
  { pattern: /\bweather[\s-]*normali[sz]ed\b/, what: 'a weather-normalised figure' },
  { pattern: /\b(site|source)\s+energy\b/, what: "a total of the sheet's energy columns" },
  { pattern: /\b(percent|percentage|share|proportion|ratio)\b/, what: 'a percentage or share' },
  { pattern: /\bgenerated\b|\bexported\b|\bsold\b/, what: 'energy generated or sold, not bought' },
  { pattern: /\b(national median|median|benchmark|baseline|target)\b/, what: 'a benchmark or target' },
];

/** Numeric columns that name no activity of the catalogue, said so rather than read by a quantity word. */
const NOT_IN_CATALOGUE: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /\bwater\b/, what: 'water, which is not an activity of the catalogue' },
  { pattern: /\bcosts?\b|\bcharges?\b|\bbill(ed)? amount\b/, what: 'a cost, not a quantity' },
];

/** A system's own emission figures ('Total (Location-Based) GHG Emissions (Metric Tons CO2e)'): claims to reconcile, not activity. */
const REPORTED_EMISSIONS = /\b(ghg|emissions?|co2e?|carbon|footprint)\b/;
/** Currency spend ('Spend (GBP)'): a quantity in its currency, priced by spend-based factors. */
const SPEND = /\b(spend|spending|expenditure|purchases?)\b/;
/** 'Year Ending', '12 months ending', 'FY ending', 'Year end': the twelve months ending on the date. */
const YEAR_ENDING = /\b(?:year|fy|financial year|fiscal year|(?:12|twelve)[\s-]*months?)[\s-]+(?:ending|ended|end)\b/;
/** Units a system converts into for its totals (Portfolio Manager's GJ and kBtu), not the ones a meter reads. */
const ACCOUNTING_ENERGY_UNITS: ReadonlySet<string> = new Set(['GJ', 'MJ', 'TJ', 'kBtu', 'mmBtu', 'Btu']);

const MOSTLY = 0.8;
/** At most this share of a header-named value column's filled cells may be text that is not a number. */
const TEXT_TOLERATED = 0.2;

interface ColumnContent {
  readonly cells: readonly Cell[];
  /** Cells with a value: not blank, not a placeholder. */
  readonly nonBlank: number;
  readonly numbers: number;
  readonly dates: number;
  /** Text that is neither a number nor a date nor a placeholder. */
  readonly texts: readonly string[];
  readonly unitTexts: number;
  readonly factorUnitTexts: number;
  readonly basisTexts: number;
  readonly scopeTexts: number;
  /** 1–15, 'Cat 6', 'Category 6'. */
  readonly categories: number;
  readonly placeholders: number;
  /** Formulas without a cached value, error values, true/false: the header decides, the row is refused later. */
  readonly unreadable: number;
}

function describeContent(content: ColumnContent): string {
  if (content.nonBlank === 0) return content.placeholders > 0 ? 'the sample holds only placeholders' : 'the sample has no values in it';
  const shares: Array<[string, number]> = [
    ['numbers', content.numbers],
    ['dates', content.dates],
    ['units', content.unitTexts],
    ['text', content.texts.length - content.unitTexts],
  ];
  const [name] = shares.reduce((best, share) => (share[1] > best[1] ? share : best));
  return `its values are mostly ${name}`;
}

const SCOPE3_CATEGORY_TEXT = /^(?:cat(?:egory)?\.?\s*)?(\d{1,2})$/i;

function isScope3Category(cell: Cell, kind: ReturnType<typeof cellKind>): boolean {
  const text = kind === 'number' || kind === 'text' ? cellText(cell).trim() : '';
  const number = Number(SCOPE3_CATEGORY_TEXT.exec(text)?.[1]);
  return Number.isInteger(number) && number >= 1 && number <= 15;
}

function profileColumn(cells: readonly Cell[], isPlaceholder: PlaceholderTest): ColumnContent {
  const placeholders = cells.filter(isPlaceholder).length;
  const valued = cells.filter((cell) => !isPlaceholder(cell));
  const kinds = valued.map(cellKind);
  const texts = valued.flatMap((cell, index) => (kinds[index] === 'text' ? [normalizeSpaces(cellText(cell))] : []));
  return {
    cells,
    nonBlank: kinds.filter((kind) => kind !== 'blank').length,
    numbers: kinds.filter((kind) => kind === 'number').length,
    dates: kinds.filter((kind) => kind === 'date').length,
    texts,
    unitTexts: texts.filter((text) => isUnitText(text, true)).length,
    factorUnitTexts: texts.filter((text) => parseFactorUnit(text) !== null).length,
    basisTexts: texts.filter((text) => parseFactorBasis(text) !== null).length,
    scopeTexts: valued.filter((cell, index) => kinds[index] !== 'blank' && parseFactorScope(cellText(cell)) !== null).length,
    categories: valued.filter((cell, index) => isScope3Category(cell, kinds[index]!)).length,
    placeholders,
    unreadable: kinds.filter((kind) => kind === 'other').length,
  };
}

function isMostly(count: number, content: ColumnContent): boolean {
  return content.nonBlank > 0 && count >= MOSTLY * content.nonBlank;
}

/** Numbers, blanks and placeholders, with little text: what a header naming a quantity may sit over. */
function numericBody(content: ColumnContent): boolean {
  return content.texts.length <= TEXT_TOLERATED * content.nonBlank;
}

/** Whether the values fit the role: undefined when there is nothing to judge by. */
function contentFits(role: ColumnRole, content: ColumnContent): boolean | undefined {
  if (content.nonBlank === 0) return undefined;
  if (NUMERIC_ROLES.includes(role)) return isMostly(content.numbers, content);
  if (PERIOD_ROLES.includes(role)) return isMostly(content.dates + content.numbers, content);
  if (role === 'factor_unit') return isMostly(content.factorUnitTexts, content);
  if (UNIT_ROLES.includes(role)) return isMostly(content.unitTexts, content);
  if (role === 'basis') return isMostly(content.basisTexts, content);
  if (role === 'scope') return isMostly(content.scopeTexts, content);
  if (role === 'scope3_category') return isMostly(content.categories, content);
  if (role === 'ignore') return undefined;
  return isMostly(content.texts.length, content);
}

interface Draft extends ColumnSuggestion {
  /** Numeric and named after an activity: evidence for a wide layout. */
  readonly namesActivity: boolean;
  /** The header names an identifier: a named column beats it to its role. */
  readonly identifier?: boolean;
  /** A 'Year Ending' period: each date ends twelve months. */
  readonly yearEnding?: boolean;
}

function draft(column: number, header: string, role: ColumnRole, confidence: Confidence, reason: string, extra: Partial<Draft> = {}): Draft {
  return { column, header, role, confidence, reason, namesActivity: false, ...extra };
}

/** '; all 3 distinct values name a catalogue activity', '; 1 of 3 distinct values names no single catalogue activity ('Biogas')'. */
function activityValuesNote(content: ColumnContent): string {
  const distinct = [...new Set(content.texts)];
  const unmatched = distinct.filter((text) => matchActivity(text).kind !== 'match');
  if (distinct.length === 0) return '';
  const named = unmatched.length === 0 ? 'a catalogue activity' : `no single catalogue activity (${unmatched.slice(0, 3).map((text) => `'${text}'`).join(', ')})`;
  if (distinct.length === 1) return `; its one distinct value names ${named}`;
  if (unmatched.length === 0) return `; all ${distinct.length} distinct values name ${named}`;
  return `; ${unmatched.length} of ${distinct.length} distinct values ${inNumber(unmatched.length, 'names', 'name')} ${named}`;
}

/** '; 41 of 50 cells are placeholders, read as blank; 1 formula has no cached value (that row is refused)'. */
function cellsNote(content: ColumnContent): string {
  const placeholders = content.placeholders > 0 ? `; ${content.placeholders} of ${content.cells.length} cells are placeholders, read as blank` : '';
  const unreadable = content.unreadable > 0 ? `; ${content.unreadable} cell${content.unreadable > 1 ? 's' : ''} cannot be read (a formula without a cached value or an error): ${content.unreadable > 1 ? 'those rows are' : 'that row is'} refused with the reason` : '';
  return placeholders + unreadable;
}

function unitOf(unitText: string | undefined): Unit | undefined {
  if (unitText === undefined) return undefined;
  const parsed = parseUnit(unitText);
  return parsed.ok ? parsed.unit : undefined;
}

/** A unit of one thing per another ('GJ/m²', 'kgCO2e/m²'): an intensity. */
function isRatioUnit(unitText: string | undefined): boolean {
  return unitText !== undefined && /\/|\bper\b/i.test(unitText);
}

function suggestColumn(column: number, header: string, content: ColumnContent, kind: MappingKind): Draft {
  const quoted = `'${header}'`;
  if (header === '' && content.nonBlank === 0) return draft(column, header, 'ignore', 'high', `the column has no header and no values${cellsNote(content)}`);
  const { label, unitText } = parseHeader(header);
  const lower = label.toLowerCase();
  const withUnit = unitText === undefined ? {} : { unitText };

  const descriptive = DESCRIPTIVE.find((rule) => rule.pattern.test(lower));
  if (descriptive) return draft(column, header, 'ignore', 'high', `header ${quoted} is ${descriptive.what}: not imported`);

  if (YEAR_ENDING.test(lower) && ROLES_BY_KIND[kind].includes('period')) {
    const fits = contentFits('period', content);
    return draft(column, header, 'period', fits === false ? 'low' : 'high', `header ${quoted} names the end of a twelve-month period: each date is the last day of the twelve months it covers${fits === false ? `, but ${describeContent(content)}` : ''}`, { yearEnding: true });
  }

  if (kind === 'activity') {
    const derived = DERIVED.find((rule) => rule.pattern.test(lower)) ?? (isRatioUnit(unitText) ? { what: `an intensity (${unitText})` } : undefined);
    if (derived) return draft(column, header, 'ignore', 'high', `header ${quoted} is ${derived.what}, derived from other figures: never a quantity, not imported`);
  }

  if (kind === 'factors') {
    const factorUnit = factorUnitInHeader(header);
    if (factorUnit) {
      const per = factorUnit.unit.perUnit === null ? "; 'per unit': each row's unit column gives the unit of activity" : '';
      const fits = contentFits('factor_value', content);
      return draft(column, header, 'factor_value', fits === false ? 'low' : 'high', `header ${quoted} is a factor unit (${factorUnit.text})${per}${fits === false ? ', but' : ';'} ${describeContent(content)}`, { unitText: factorUnit.text });
    }
  }

  const activity = kind === 'activity' ? matchActivity(label) : ({ kind: 'none' } as const);
  const bodyFits = unitText !== undefined ? numericBody(content) : isMostly(content.numbers, content);
  if (activity.kind === 'ambiguous' && bodyFits) {
    const reason = `header ${quoted} names several activities (${activity.activities.join(', ')}): choose one`;
    return draft(column, header, 'ignore', 'low', reason, { candidates: activity.activities, namesActivity: true });
  }
  if (activity.kind === 'match' && bodyFits) {
    const definition = activityByKey(activity.activity);
    const unitNote = unitText === undefined ? '; the header has no unit, so set one' : ` in ${unitText}`;
    const valuesNote = content.nonBlank === 0 ? `; ${describeContent(content)}` : content.numbers === content.nonBlank ? '; values are numbers' : `; ${content.texts.length} of ${content.nonBlank} values are text`;
    const gas = activity.activity === 'refrigerant' ? gasInHeader(label) : null;
    const gasNote = gas === null ? '' : `; the refrigerant gas is ${gas}`;
    return draft(column, header, 'value', unitText === undefined ? 'medium' : 'high', `header ${quoted} names ${definition?.label ?? activity.activity} ('${activity.synonym}')${unitNote}${gasNote}${valuesNote}${cellsNote(content)}`, {
      ...withUnit,
      ...(gas === null ? {} : { attributes: { gas } }),
      activity: activity.activity,
      meaning: definition?.meanings[0],
      namesActivity: true,
    });
  }

  if (kind === 'activity') {
    const unit = unitOf(unitText);
    if (unit?.dimension === 'emissions' && REPORTED_EMISSIONS.test(lower)) {
      return draft(column, header, 'claim_value', 'medium', `header ${quoted} is the source system's own emissions figure in ${unitText}: offered as a claim for each row's site and period, to reconcile with the recomputed figure; not activity data${cellsNote(content)}`, { ...withUnit, metric: label });
    }
    if (unit?.dimension === 'currency' && SPEND.test(lower)) {
      return draft(column, header, 'quantity', 'medium', `header ${quoted} is spend in ${unitText}: a quantity in its currency, for spend-based Scope 3 factors; set its activity${cellsNote(content)}`, withUnit);
    }
    const notInCatalogue = NOT_IN_CATALOGUE.find((rule) => rule.pattern.test(lower));
    if (notInCatalogue) return draft(column, header, 'ignore', 'medium', `header ${quoted} is ${notInCatalogue.what}: not imported unless you map it`);
  }

  const identifier = IDENTIFIER.test(lower);
  const ruled = byRule(column, header, content, kind, withUnit, identifier);
  if (ruled) return ruled;
  if (identifier) return draft(column, header, 'ignore', 'high', `header ${quoted} is an identifier: not imported`);

  const unnamed = header === '' ? 'the column has no header' : `header ${quoted} names no known role`;
  // A category column whose values are text ('Office supplies') was passed over by byRule: say so.
  const textCategory = ROLES_BY_KIND[kind].includes('scope3_category') && SCOPE3_CATEGORY_RULE.pattern.test(lower);
  const why = textCategory ? `header ${quoted} names a category, but its values are text, not Scope 3 categories 1–15` : unnamed;
  return byValues(column, header, content, kind, why) ?? draft(column, header, 'ignore', 'medium', `${why}${textCategory ? '' : `, and ${describeContent(content)}`}: not imported unless you map it`);
}

/** The first role rule the header matches and its values allow; null when none does. */
function byRule(column: number, header: string, content: ColumnContent, kind: MappingKind, withUnit: { unitText?: string }, identifier: boolean): Draft | null {
  const label = parseHeader(header).label.toLowerCase();
  const quoted = `'${header}'`;
  for (const rule of ROLE_RULES[kind]) {
    if (!rule.pattern.test(label)) continue;
    // A factor table's gas column naming refrigerants says which gas a factor is for, not what its value is a mass of.
    const refrigerants = rule.role === 'gas' && isMostly(content.texts.filter(namesRefrigerant).length, content);
    const role = kind === 'factors' && rule.role === 'unit' ? unitRoleByValues(content) : refrigerants ? 'attribute' : rule.role;
    const attribute = refrigerants ? 'gas' : rule.attribute;
    const fits = contentFits(role, content);
    // A category column must hold category numbers: text ('Office supplies') is never 1–15.
    if (role === 'scope3_category' && fits === false) continue;
    const confidence: Confidence = fits === true ? 'high' : fits === undefined ? 'medium' : 'low';
    const verdict = `${fits === false ? ', but' : ';'} ${describeContent(content)}`;
    const activityNote = role === 'activity' && kind === 'activity' ? activityValuesNote(content) : '';
    const what = attribute === undefined ? role.replace(/_/g, ' ') : `the ${ATTRIBUTE_LABELS[attribute]} each row's ${kind === 'factors' ? 'factor is for' : 'record is'}`;
    return draft(column, header, role, confidence, `header ${quoted} suggests ${what}${verdict}${activityNote}`, {
      ...(attribute === undefined ? {} : { attribute }),
      ...(NUMERIC_ROLES.includes(role) ? withUnit : {}),
      ...(identifier ? { identifier } : {}),
    });
  }
  return null;
}

/** A factor table's unit column: the whole factor unit ('kg CO2e/kWh') or the unit of activity it is per ('kWh'). */
function unitRoleByValues(content: ColumnContent): ColumnRole {
  return content.factorUnitTexts > 0 && content.factorUnitTexts >= content.unitTexts ? 'factor_unit' : 'unit';
}

/** A column whose header says nothing, placed by what it holds. */
function byValues(column: number, header: string, content: ColumnContent, kind: MappingKind, unnamed: string): Draft | null {
  const roles = ROLES_BY_KIND[kind];
  const candidates: readonly [ColumnRole, number, string][] = [
    ['period', content.dates, 'dates'],
    ['factor_unit', content.factorUnitTexts, 'factor units'],
    ['basis', content.basisTexts, 'Scope 2 bases'],
    ['unit', content.unitTexts, 'units'],
  ];
  for (const [role, count, what] of candidates) {
    if (roles.includes(role) && isMostly(count, content)) return draft(column, header, role, 'medium', `${unnamed}, but its values are ${what}`);
  }
  if (kind === 'activity' && isMostly(content.texts.filter((text) => matchActivity(text).kind === 'match').length, content)) {
    return draft(column, header, 'activity', 'medium', `${unnamed}, but its values name activities${activityValuesNote(content)}`);
  }
  return null;
}

function lowest(...confidences: readonly Confidence[]): Confidence {
  if (confidences.includes('low')) return 'low';
  return confidences.includes('medium') ? 'medium' : 'high';
}

interface LayoutChoice {
  readonly layout: 'long' | 'wide';
  readonly confidence: Confidence;
  readonly reason: string;
}

function chooseLayout(drafts: readonly Draft[], kind: MappingKind): LayoutChoice {
  if (kind !== 'activity') return { layout: 'long', confidence: 'high', reason: `${kind} mappings are always long: one row per item` };
  const activityNamed = drafts.filter((column) => column.namesActivity);
  const quantities = drafts.filter((column) => column.role === 'quantity');
  const describers = drafts.filter((column) => column.role === 'activity' || column.role === 'unit');
  if (quantities.length > 0 && (describers.length > 0 || activityNamed.length === 0)) {
    const confidence = describers.length > 0 ? 'high' : 'medium';
    const described = describers.length > 0 ? `with activity or unit in ${columnsText(describers.map((candidate) => candidate.column))}` : 'but no activity or unit column: set defaults';
    return { layout: 'long', confidence, reason: `long layout: the quantity is in ${columnsText(quantities.map((candidate) => candidate.column))}, ${described}` };
  }
  if (activityNamed.length > 0) {
    const confidence = activityNamed.length >= 2 && quantities.length === 0 ? 'high' : 'medium';
    return { layout: 'wide', confidence, reason: `wide layout: ${columnsText(activityNamed.map((candidate) => candidate.column))} ${inNumber(activityNamed.length, 'holds', 'hold')} numbers under headers naming activities` };
  }
  return { layout: 'long', confidence: 'low', reason: 'no quantity column and no numeric column named after an activity: map the quantity yourself' };
}

/** Drops roles the layout cannot use, saying why. */
function fitToLayout(column: Draft, layout: LayoutChoice): Draft {
  if (layout.layout === 'long' && column.namesActivity) {
    return draft(column.column, column.header, 'ignore', 'medium', `${column.reason}; but the layout is long, so it is not read as a quantity`);
  }
  if (layout.layout === 'wide' && LONG_ONLY_ROLES.includes(column.role)) {
    return draft(column.column, column.header, 'ignore', 'medium', `${column.reason}; but a wide layout takes activity and unit from each value column's header`);
  }
  return column;
}

/**
 * One quantity in two units is one quantity: of value columns with the same label, activity and
 * meaning ('Electricity Use - Grid Purchase (kWh)' and '… (GJ)'), the one in the metered unit is
 * imported and the others become its twins, checked against it and never imported. The same
 * column twice in the same unit keeps the first. Columns with different labels are different
 * quantities (fuel oil and kerosene are both fuel oil), except denominators: one floor area.
 */
function oneQuantityPerColumn(drafts: readonly Draft[]): Draft[] {
  const groups = new Map<string, Draft[]>();
  for (const column of drafts) {
    if (column.role !== 'value') continue;
    const sameQuantity = column.meaning === 'denominator' ? '' : parseHeader(column.header).label.toLowerCase();
    const key = JSON.stringify([column.activity, column.meaning, sameQuantity]);
    groups.set(key, [...(groups.get(key) ?? []), column]);
  }
  const replaced = new Map<number, Draft>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const main = group.find((column) => !ACCOUNTING_ENERGY_UNITS.has(unitOf(column.unitText)?.id ?? '')) ?? group[0]!;
    const mainUnit = unitOf(main.unitText);
    const letter = columnLetter(main.column);
    const twins = group.filter((column) => column !== main);
    for (const other of twins) {
      const otherUnit = unitOf(other.unitText);
      const label = activityByKey(main.activity ?? '')?.label ?? main.activity;
      if (main.meaning === 'denominator' || !mainUnit || !otherUnit || (otherUnit.id === mainUnit.id && otherUnit.basis === mainUnit.basis)) {
        replaced.set(other.column, draft(other.column, other.header, 'ignore', 'low', `${other.reason}; but column ${letter} already gives ${label}${main.unitText ? ` in ${main.unitText}` : ''}: one of them is imported, choose which`));
        continue;
      }
      const convertible = conversionFactor(otherUnit, mainUnit);
      const check = convertible.ok
        ? `checked against it where both are filled (they must agree after conversion, within rounding)`
        : `not checked: ${convertible.reason}`;
      replaced.set(other.column, {
        ...draft(other.column, other.header, 'twin', 'high', `same quantity as column ${letter} (${main.header}) in another unit: not imported, ${check}`, { unitText: other.unitText! }),
        twinOf: main.column,
      });
    }
    const checked = twins.filter((other) => replaced.get(other.column)?.role === 'twin');
    if (checked.length > 0) {
      replaced.set(main.column, { ...main, reason: `${main.reason}; imported in the unit a meter reads, its twin${checked.length > 1 ? 's' : ''} in ${checked.map((other) => other.unitText).join(', ')} checked against it` });
    }
  }
  return drafts.map((column) => replaced.get(column.column) ?? column);
}

/**
 * A data-centre sheet with total facility energy but no electricity column: the facility's
 * total is the electricity it consumed, so it is suggested as consumption (Scope 2 and the PUE
 * numerator), with the reason shown. Beside an electricity column it stays metric-only, so
 * nothing is counted twice.
 */
function facilityEnergyAsElectricity(drafts: readonly Draft[]): Draft[] {
  const hasElectricity = drafts.some((column) => column.role === 'value' && column.activity === 'electricity' && column.meaning === 'consumption');
  if (hasElectricity) return [...drafts];
  return drafts.map((column) =>
    column.role === 'value' && column.activity === 'facility_energy'
      ? { ...column, meaning: 'consumption', reason: `${column.reason}; no electricity column here, so the facility's total energy is taken as its electricity consumption (Scope 2) as well as the PUE numerator` }
      : column,
  );
}

const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { high: 2, medium: 1, low: 0 };

/** Named columns first, then the most confident, then the leftmost. */
function preferred(a: Draft, b: Draft): Draft {
  if (Boolean(a.identifier) !== Boolean(b.identifier)) return a.identifier ? b : a;
  return CONFIDENCE_RANK[b.confidence] > CONFIDENCE_RANK[a.confidence] ? b : a;
}

/** One column per single-use role: a named column over an identifier, then the most confident, then the leftmost; the others say why they lost it. */
function resolveDuplicateRoles(drafts: readonly Draft[], kind: MappingKind): Draft[] {
  return drafts.map((column) => {
    if (isRepeatableRole(kind, column.role)) return column;
    const rivals = drafts.filter((other) => other.role === column.role);
    const winner = rivals.reduce(preferred);
    const others = rivals.filter((other) => other !== winner);
    if (column !== winner) {
      const quiet = column.identifier && !winner.identifier;
      const because = quiet ? `is an identifier, and column ${columnLetter(winner.column)} gives the ${column.role} by name` : `column ${columnLetter(winner.column)} was preferred as ${column.role}`;
      return draft(column.column, column.header, 'ignore', quiet ? 'high' : 'low', `${quiet ? `header '${column.header}'` : `${column.reason}; but`} ${because}`);
    }
    if (others.length === 0 || others.every((other) => other.identifier && !column.identifier)) return column;
    return { ...column, confidence: 'low', reason: `${column.reason}; ${columnsText(others.map((candidate) => candidate.column))} could also be the ${column.role}` };
  });
}

function toColumnMapping(column: ColumnSuggestion): ColumnMapping {
  const { column: index, header, role, activity, meaning, unitText, twinOf, metric, attribute, attributes } = column;
  return {
    column: index,
    header,
    role,
    ...(activity === undefined ? {} : { activity }),
    ...(meaning === undefined ? {} : { meaning }),
    ...(unitText === undefined ? {} : { unitText }),
    ...(twinOf === undefined ? {} : { twinOf }),
    ...(metric === undefined ? {} : { metric }),
    ...(attribute === undefined ? {} : { attribute }),
    ...(attributes === undefined ? {} : { attributes }),
  };
}

function toSuggestion(column: Draft): ColumnSuggestion {
  const { confidence, reason, candidates } = column;
  return { ...toColumnMapping(column), confidence, reason, ...(candidates === undefined ? {} : { candidates }) };
}

function cellsOf(columns: readonly ColumnSuggestion[], roles: readonly ColumnRole[], contents: readonly ColumnContent[]): Cell[] {
  return columns.filter((column) => roles.includes(column.role)).flatMap((column) => contents[column.column]?.cells ?? []);
}

/** True when the period column holds only date cells on the 1st of a month: monthly readings. */
function datesAreMonths(cells: readonly Cell[]): boolean {
  const dates = cells.filter((cell) => cell !== null);
  return dates.length > 0 && dates.every((cell) => typeof cell === 'object' && cell.t === 'date' && cell.iso.slice(8, 10) === '01');
}

function detectionConfidence(detection: Detection<unknown>): Confidence {
  if (detection.ok) return 'high';
  return detection.ambiguous ? 'medium' : 'low';
}

/** What an activity mapping still needs before it can import. */
function missingForActivity(columns: readonly ColumnSuggestion[], layout: 'long' | 'wide'): string[] {
  const has = (role: ColumnRole): boolean => columns.some((column) => column.role === role);
  const missing: string[] = [];
  if (!has('period') && !(has('period_start') && has('period_end'))) missing.push('no period column: map one or set the period');
  const quantity = columns.find((column) => column.role === 'quantity');
  if (layout === 'long' && quantity && quantity.unitText === undefined && !has('unit')) missing.push('no unit column and no unit in the quantity header: set a default unit');
  return missing;
}

function periodGranularity(drafts: readonly Draft[], columns: readonly ColumnSuggestion[], contents: readonly ColumnContent[]): Mapping['periodGranularity'] {
  const period = drafts.find((column) => column.role === 'period');
  if (period?.yearEnding) return 'twelve-months-ending';
  return datesAreMonths(cellsOf(columns, ['period'], contents)) ? 'month' : undefined;
}

const GRANULARITY_REASONS: Readonly<Record<NonNullable<Mapping['periodGranularity']>, string>> = {
  day: '',
  month: 'period: every date in the period column is the 1st of a month, so each stands for its whole month',
  'twelve-months-ending': "period: each date ends a twelve-month period ('Year Ending'), which is split across fiscal years by days",
};

function placeholderReason(contents: readonly ColumnContent[]): string {
  const count = contents.reduce((sum, content) => sum + content.placeholders, 0);
  const listed = DEFAULT_PLACEHOLDERS.map((text) => `'${text}'`).join(', ');
  return `placeholders read as blank: ${listed}${count > 0 ? ` (${count} cells of the sample)` : ''}; edit the list in the mapping`;
}

/**
 * Proposes a mapping for a detected table from its header texts and the data rows in the
 * sample. Every column gets a role, a reason and a confidence; columns it cannot place are
 * 'ignore' with the reason.
 */
export function suggestMapping(table: TableGuess, sample: readonly RawRow[], kind: MappingKind): MappingSuggestion {
  const bounds = boundsFromGuess(table);
  const scan = createRowScanner(bounds, table.headers.length, rowScanOptions(kind));
  const dataRows = sample.filter((row) => {
    const verdict = scan(row);
    return verdict.inTable && verdict.kind === 'data';
  });
  const isPlaceholder = placeholderTest(DEFAULT_PLACEHOLDERS);
  const contents = table.headers.map((_, column) => profileColumn(dataRows.map((row) => row.cells[column] ?? null), isPlaceholder));

  const initial = table.headers.map((header, column) => suggestColumn(column, header, contents[column] ?? profileColumn([], isPlaceholder), kind));
  const layout = chooseLayout(initial, kind);
  const fitted = initial.map((column) => fitToLayout(column, layout));
  const drafts = facilityEnergyAsElectricity(resolveDuplicateRoles(layout.layout === 'wide' ? oneQuantityPerColumn(fitted) : fitted, kind));
  const columns = drafts.map(toSuggestion);

  const decimal = detectDecimalSeparator(cellsOf(columns, NUMERIC_ROLES, contents));
  const dayOrder = detectDayOrder(cellsOf(columns, PERIOD_ROLES, contents));
  const provenDayOrder = dayOrder.ok ? dayOrder.value : null;
  const granularity = periodGranularity(drafts, columns, contents);
  const missing = kind === 'activity' ? missingForActivity(columns, layout.layout) : [];
  const mapping: Mapping = {
    version: 1,
    kind,
    table: bounds,
    layout: layout.layout,
    columns: columns.map(toColumnMapping),
    decimalSeparator: decimal.ok ? decimal.value : '.',
    ...(provenDayOrder === null ? {} : { dayOrder: provenDayOrder }),
    ...(granularity === undefined ? {} : { periodGranularity: granularity }),
    placeholders: [...DEFAULT_PLACEHOLDERS],
  };
  return {
    mapping,
    columns,
    confidence: lowest(layout.confidence, detectionConfidence(decimal), detectionConfidence(dayOrder), missing.length > 0 ? 'medium' : 'high'),
    reasons: [
      layout.reason,
      `decimal separator: ${decimal.reason}${decimal.ok ? '' : "; '.' assumed until you choose"}`,
      `day order: ${dayOrder.reason}`,
      ...(granularity === undefined ? [] : [GRANULARITY_REASONS[granularity]]),
      placeholderReason(contents),
      ...missing,
    ],
  };
}
