/**
 * The suggested mapping: proposed from a detected table, with a reason and a confidence for every
 * column so the auditor can see and correct each choice.
 */
import { activityByKey } from '../activities';
import type { Cell, RawRow } from './cell';
import { columnLetter } from './cell';
import { isUnitText, matchActivity, parseHeader } from './headers';
import {
  LONG_ONLY_ROLES,
  NUMERIC_ROLES,
  PERIOD_ROLES,
  REPEATABLE_ROLES,
  ROLES_BY_KIND,
  UNIT_ROLES,
  type ColumnMapping,
  type ColumnRole,
  type Mapping,
  type MappingKind,
  rowScanOptions,
} from './mapping';
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
  /** Layout, decimal separator, day order and anything missing. */
  readonly reasons: readonly string[];
}

interface RoleRule {
  readonly role: ColumnRole;
  readonly pattern: RegExp;
}

const NOTES_RULE: RoleRule = { role: 'notes', pattern: /\b(notes?|comments?|remarks?)\b/ };
const PERIOD_START_RULE: RoleRule = { role: 'period_start', pattern: /^(from|start|begin)\b|\b(start|from)\s+date\b|\bdate\s+from\b|\bperiod\s+(start|from)\b/ };
const PERIOD_END_RULE: RoleRule = { role: 'period_end', pattern: /^(to|end|until)\b|\b(end|to)\s+date\b|\bdate\s+to\b|\bperiod\s+(end|to)\b/ };
const ENTITY_RULE: RoleRule = { role: 'entity', pattern: /\b(entity|company|subsidiary|business unit|organi[sz]ation)\b/ };
const SITE_RULE: RoleRule = { role: 'site', pattern: /\b(site|location|facility|data cent(re|er)|building|premises|property|office|campus)\b/ };
const REGION_RULE: RoleRule = { role: 'region', pattern: /\b(region|country|grid region|subregion|zone)\b/ };
const UNIT_WORDS = /\b(units?|uom|unit of measure(ment)?)\b/;
const METRIC_RULE: RoleRule = { role: 'metric', pattern: /\b(metric|kpi|indicator|measure|scope)\b/ };

/** Header patterns per kind, most specific first: the first that matches the header label wins. */
const ROLE_RULES: Readonly<Record<MappingKind, readonly RoleRule[]>> = {
  activity: [
    NOTES_RULE, PERIOD_START_RULE, PERIOD_END_RULE, ENTITY_RULE,
    { role: 'unit', pattern: UNIT_WORDS },
    SITE_RULE,
    { role: 'instrument', pattern: /\b(instruments?|certificates?|ppa|rego|recs?|eacs?|guarantees? of origin|green tariff)\b/ },
    { role: 'scope3_category', pattern: /\b(category|cat)\b/ },
    REGION_RULE,
    { role: 'meaning', pattern: /\bmeaning\b/ },
    { role: 'period', pattern: /\b(month|period|date|quarter|year|fy|week)\b/ },
    { role: 'activity', pattern: /\b(activity|fuel|type|source|commodity)\b/ },
    { role: 'quantity', pattern: /\b(quantity|qty|amount|consumption|usage|use|value|volume|reading|total)\b/ },
  ],
  factors: [
    NOTES_RULE, PERIOD_START_RULE, PERIOD_END_RULE,
    { role: 'factor_value', pattern: /\b(factor|ef|conversion)\b/ },
    { role: 'factor_unit', pattern: UNIT_WORDS },
    { role: 'gas', pattern: /\b(gas|ghg)\b/ },
    { role: 'source', pattern: /\b(source|publisher|reference|dataset)\b/ },
    { role: 'year', pattern: /\b(year|edition|version)\b/ },
    REGION_RULE,
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

const MOSTLY = 0.8;

interface ColumnContent {
  readonly cells: readonly Cell[];
  readonly nonBlank: number;
  readonly numbers: number;
  readonly dates: number;
  readonly texts: readonly string[];
  readonly unitTexts: number;
}

function describeContent(content: ColumnContent): string {
  if (content.nonBlank === 0) return 'the sample has no values in it';
  const shares: Array<[string, number]> = [
    ['numbers', content.numbers],
    ['dates', content.dates],
    ['units', content.unitTexts],
    ['text', content.texts.length - content.unitTexts],
  ];
  const [name] = shares.reduce((best, share) => (share[1] > best[1] ? share : best));
  return `its values are mostly ${name}`;
}

function profileColumn(cells: readonly Cell[]): ColumnContent {
  const kinds = cells.map(cellKind);
  const texts = cells.flatMap((cell, index) => (kinds[index] === 'text' ? [normalizeSpaces(cellText(cell))] : []));
  return {
    cells,
    nonBlank: kinds.filter((kind) => kind !== 'blank').length,
    numbers: kinds.filter((kind) => kind === 'number').length,
    dates: kinds.filter((kind) => kind === 'date').length,
    texts,
    unitTexts: texts.filter((text) => isUnitText(text, true)).length,
  };
}

function isMostly(count: number, content: ColumnContent): boolean {
  return content.nonBlank > 0 && count >= MOSTLY * content.nonBlank;
}

/** Whether the values fit the role: undefined when there is nothing to judge by. */
function contentFits(role: ColumnRole, content: ColumnContent): boolean | undefined {
  if (content.nonBlank === 0) return undefined;
  if (NUMERIC_ROLES.includes(role)) return isMostly(content.numbers, content);
  if (PERIOD_ROLES.includes(role)) return isMostly(content.dates + content.numbers, content);
  if (UNIT_ROLES.includes(role)) return isMostly(content.unitTexts, content);
  if (role === 'scope3_category' || role === 'ignore') return undefined;
  return isMostly(content.texts.length, content);
}

interface Draft extends ColumnSuggestion {
  /** Numeric and named after an activity: evidence for a wide layout. */
  readonly namesActivity: boolean;
}

function draft(column: number, header: string, role: ColumnRole, confidence: Confidence, reason: string, extra: Partial<Draft> = {}): Draft {
  return { column, header, role, confidence, reason, namesActivity: false, ...extra };
}

function activityValuesNote(content: ColumnContent): string {
  const distinct = [...new Set(content.texts)];
  const unmatched = distinct.filter((text) => matchActivity(text).kind !== 'match');
  if (distinct.length === 0) return '';
  if (unmatched.length === 0) return `; all ${distinct.length} distinct values name a catalogue activity`;
  return `; ${unmatched.length} of ${distinct.length} distinct values name no single catalogue activity (${unmatched.slice(0, 3).map((text) => `'${text}'`).join(', ')})`;
}

function suggestColumn(column: number, header: string, content: ColumnContent, kind: MappingKind): Draft {
  const quoted = `'${header}'`;
  if (header === '' && content.nonBlank === 0) return draft(column, header, 'ignore', 'high', 'the column has no header and no values');
  const { label, unitText } = parseHeader(header);
  const withUnit = unitText === undefined ? {} : { unitText };

  const looksNumeric = content.nonBlank > 0 ? isMostly(content.numbers, content) : unitText !== undefined;
  const activity = kind === 'activity' && looksNumeric ? matchActivity(label) : ({ kind: 'none' } as const);
  if (activity.kind === 'ambiguous') {
    const reason = `header ${quoted} names several activities (${activity.activities.join(', ')}): choose one`;
    return draft(column, header, 'ignore', 'low', reason, { candidates: activity.activities, namesActivity: true });
  }
  if (activity.kind === 'match') {
    const definition = activityByKey(activity.activity);
    const unitNote = unitText === undefined ? '; the header has no unit, so set one' : ` in ${unitText}`;
    return draft(column, header, 'value', unitText === undefined ? 'medium' : 'high', `header ${quoted} names ${definition?.label ?? activity.activity} ('${activity.synonym}')${unitNote}; values are numbers`, {
      ...withUnit,
      activity: activity.activity,
      meaning: definition?.meanings[0],
      namesActivity: true,
    });
  }

  const rule = ROLE_RULES[kind].find((candidate) => candidate.pattern.test(label.toLowerCase()));
  if (rule) {
    const fits = contentFits(rule.role, content);
    const confidence: Confidence = fits === true ? 'high' : fits === undefined ? 'medium' : 'low';
    const verdict = `${fits === false ? ', but' : ';'} ${describeContent(content)}`;
    const activityNote = rule.role === 'activity' && kind === 'activity' ? activityValuesNote(content) : '';
    return draft(column, header, rule.role, confidence, `header ${quoted} suggests ${rule.role}${verdict}${activityNote}`, NUMERIC_ROLES.includes(rule.role) ? withUnit : {});
  }

  const unnamed = header === '' ? 'the column has no header' : `header ${quoted} names no known role`;
  if (isMostly(content.dates, content) && ROLES_BY_KIND[kind].includes('period')) {
    return draft(column, header, 'period', 'medium', `${unnamed}, but its values are dates`);
  }
  const unitRole = kind === 'factors' ? 'factor_unit' : 'unit';
  if (isMostly(content.unitTexts, content) && ROLES_BY_KIND[kind].includes(unitRole)) {
    return draft(column, header, unitRole, 'medium', `${unnamed}, but its values are units`);
  }
  if (kind === 'activity' && isMostly(content.texts.filter((text) => matchActivity(text).kind === 'match').length, content)) {
    return draft(column, header, 'activity', 'medium', `${unnamed}, but its values name activities${activityValuesNote(content)}`);
  }
  return draft(column, header, 'ignore', 'medium', `${unnamed}, and ${describeContent(content)}: not imported unless you map it`);
}

function lowest(...confidences: readonly Confidence[]): Confidence {
  if (confidences.includes('low')) return 'low';
  return confidences.includes('medium') ? 'medium' : 'high';
}

/** 'column C' or 'columns C, E'. */
function columnsPhrase(drafts: readonly Draft[]): string {
  return `column${drafts.length > 1 ? 's' : ''} ${drafts.map((column) => columnLetter(column.column)).join(', ')}`;
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
    const described = describers.length > 0 ? `with activity or unit in ${columnsPhrase(describers)}` : 'but no activity or unit column: set defaults';
    return { layout: 'long', confidence, reason: `long layout: the quantity is in ${columnsPhrase(quantities)}, ${described}` };
  }
  if (activityNamed.length > 0) {
    const confidence = activityNamed.length >= 2 && quantities.length === 0 ? 'high' : 'medium';
    return { layout: 'wide', confidence, reason: `wide layout: ${columnsPhrase(activityNamed)} hold numbers under headers naming activities` };
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

/** One column per single-use role: the most confident (then the leftmost) keeps it, the others say why they lost it. */
function resolveDuplicateRoles(drafts: readonly Draft[]): Draft[] {
  return drafts.map((column) => {
    if (REPEATABLE_ROLES.includes(column.role)) return column;
    const rivals = drafts.filter((other) => other.role === column.role);
    const winner = rivals.reduce((best, other) => (CONFIDENCE_RANK[other.confidence] > CONFIDENCE_RANK[best.confidence] ? other : best));
    const others = rivals.filter((other) => other !== winner);
    if (column !== winner) {
      return draft(column.column, column.header, 'ignore', 'low', `${column.reason}; but column ${columnLetter(winner.column)} was preferred as ${column.role}`);
    }
    if (others.length === 0) return column;
    return { ...column, confidence: 'low', reason: `${column.reason}; ${columnsPhrase(others)} could also be the ${column.role}` };
  });
}

function toColumnMapping(column: ColumnSuggestion): ColumnMapping {
  const { column: index, header, role, activity, meaning, unitText } = column;
  return { column: index, header, role, ...(activity === undefined ? {} : { activity }), ...(meaning === undefined ? {} : { meaning }), ...(unitText === undefined ? {} : { unitText }) };
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
  const contents = table.headers.map((_, column) => profileColumn(dataRows.map((row) => row.cells[column] ?? null)));

  const initial = table.headers.map((header, column) => suggestColumn(column, header, contents[column] ?? profileColumn([]), kind));
  const layout = chooseLayout(initial, kind);
  const columns = facilityEnergyAsElectricity(resolveDuplicateRoles(initial.map((column) => fitToLayout(column, layout)))).map(toSuggestion);

  const decimal = detectDecimalSeparator(cellsOf(columns, NUMERIC_ROLES, contents));
  const dayOrder = detectDayOrder(cellsOf(columns, PERIOD_ROLES, contents));
  const provenDayOrder = dayOrder.ok ? dayOrder.value : null;
  const monthly = datesAreMonths(cellsOf(columns, ['period'], contents));
  const missing = kind === 'activity' ? missingForActivity(columns, layout.layout) : [];
  const mapping: Mapping = {
    version: 1,
    kind,
    table: bounds,
    layout: layout.layout,
    columns: columns.map(toColumnMapping),
    decimalSeparator: decimal.ok ? decimal.value : '.',
    ...(provenDayOrder === null ? {} : { dayOrder: provenDayOrder }),
    ...(monthly ? { periodGranularity: 'month' as const } : {}),
  };
  return {
    mapping,
    columns,
    confidence: lowest(layout.confidence, detectionConfidence(decimal), detectionConfidence(dayOrder), missing.length > 0 ? 'medium' : 'high'),
    reasons: [
      layout.reason,
      `decimal separator: ${decimal.reason}${decimal.ok ? '' : "; '.' assumed until you choose"}`,
      `day order: ${dayOrder.reason}`,
      ...(monthly ? ['period: every date in the period column is the 1st of a month, so each stands for its whole month'] : []),
      ...missing,
    ],
  };
}
