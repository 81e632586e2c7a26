/**
 * Turns a data row into typed records under a mapping, or into rejections with reasons.
 * Pure and allocation-light: it runs once per row of files with millions of rows.
 */
import { activityByKey, type ActivityDefinition, type ActivityMeaning } from '../activities';
import { fiscalYearOf, type FiscalSettings } from '../calc/fiscal';
import { monthsSpan, parseIsoDate, twelveMonthsEnding } from '../civil-date';
import type { CalcRecord } from '../calc/inventory-types';
import { parseUnit, type CalorificBasis, type Unit } from '../calc/units';
import { columnLetter, type Cell, type RawRow } from './cell';
import { createAttributeReader } from './attribute-columns';
import { matchActivity, parseHeader } from './headers';
import type { ColumnMapping, Mapping, StatedCalorificBasis } from './mapping';
import type { ClaimDraft } from './reference-rows';
import { memoByText } from './text-cache';
import { createTwinChecker, type TwinCheck } from './twins';
import { cellText, parsePeriod, parseQuantity, type Period } from './values';

/** A record as the mapping makes it: what the calculation reads, plus what only provenance needs. */
export interface ActivityRecordDraft extends Omit<CalcRecord, 'id'> {
  /** The column the quantity came from (wide layouts make several records per row). */
  readonly column: number;
  readonly entity: string | null;
  /** The unit as the source wrote it, before parsing. */
  readonly unitText: string;
  readonly notes: string | null;
}

export interface Rejection {
  readonly column: number | null;
  readonly reason: string;
}

/** A quantity cell left blank in a row that names its period (and site and activity): a month the source lists but does not fill. */
export interface BlankQuantity {
  readonly column: number;
  readonly site: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly activity: string;
  readonly meaning: ActivityMeaning;
}

/** A row's records and claims, or its rejections: never both. */
export interface MappedRow {
  readonly records: ActivityRecordDraft[];
  /** The figures the source system reported in the row (its claim columns), for its site and period. */
  readonly claims: ClaimDraft[];
  readonly rejections: Rejection[];
  /** Per mapped quantity and claim column: the parsed value (null = blank or not a number), for control totals. */
  readonly quantities: ReadonlyMap<number, number | null>;
  /** Per mapped quantity and claim column: the unit its value is in, as written (null where none is given). */
  readonly quantityUnits: ReadonlyMap<number, string | null>;
  /** The row's blank quantity cells, for the review's gap check (the import itself stores no blank). */
  readonly blanks: readonly BlankQuantity[];
  /** Each twin cell checked against the column it repeats, whether or not the row is imported. */
  readonly twinChecks: readonly TwinCheck[];
}

const NO_BLANKS: readonly BlankQuantity[] = [];
const NO_COLUMNS: readonly ColumnMapping[] = [];

export interface RecordContext {
  readonly fiscal: FiscalSettings;
  /** Records whose period starts before this date are outside the engagement. */
  readonly earliestPeriodStart: string | null;
}

type ColumnsByRole = Partial<Record<ColumnMapping['role'], ColumnMapping>>;

function singleColumns(mapping: Mapping): ColumnsByRole {
  const byRole: ColumnsByRole = {};
  for (const column of mapping.columns) byRole[column.role] ??= column;
  return byRole;
}

function textAt(row: RawRow, column: ColumnMapping | undefined): string | null {
  if (!column) return null;
  const cell = row.cells[column.column];
  // Text is its own cellText: the common case skips the checks for dates, errors and formulas.
  const text = (typeof cell === 'string' ? cell : cellText(cell)).trim();
  return text === '' ? null : text;
}

const where = (column: ColumnMapping) => `column ${columnLetter(column.column)} (${column.header || 'no header'})`;

/** The columns a mapping reads quantities from: every value column of a wide layout, the quantity column of a long one. */
export function quantityColumns(mapping: Mapping): readonly ColumnMapping[] {
  if (mapping.layout === 'wide') return mapping.columns.filter((column) => column.role === 'value');
  const quantity = singleColumns(mapping).quantity;
  return quantity ? [quantity] : [];
}

export function createActivityRowMapper(mapping: Mapping, context: RecordContext): (row: RawRow) => MappedRow {
  const byRole = singleColumns(mapping);
  const valueColumns = quantityColumns(mapping);
  const unitOf = memoByText((text) => parseUnit(text, { resolve: mapping.unitResolutions }));
  const activityOf = memoByText(matchActivity);
  const periodOptions = { dayOrder: mapping.dayOrder ?? 'YMD', fiscal: { startMonth: context.fiscal.startMonth, labelRule: context.fiscal.labelRule } } as const;
  const periodOfText = memoByText((text) => parsePeriod(text, periodOptions));
  const periodOf = (cell: Cell | undefined) => (typeof cell === 'string' ? periodOfText(cell) : parsePeriod(cell, periodOptions));
  const decimal = { decimalSeparator: mapping.decimalSeparator };
  const scope3Column = byRole.scope3_category;
  const claimColumns = mapping.columns.filter((column) => column.role === 'claim_value').map((column) => claimColumn(column, mapping));
  const checkTwins = createTwinChecker(mapping);
  const readAttributes = createAttributeReader(mapping.columns);
  const claimPeriodOf = (period: Period) => claimPeriod(period, context.fiscal);

  function readPeriod(row: RawRow, rejections: Rejection[]): Period | null {
    const periodColumn = byRole.period;
    if (periodColumn) {
      const parsed = periodOf(row.cells[periodColumn.column]);
      if (!parsed.ok) return reject(rejections, periodColumn, parsed.reason);
      if (!parsed.value) return reject(rejections, periodColumn, 'the period is blank');
      if (mapping.periodGranularity === 'twelve-months-ending') return twelveMonthsTo(parsed.value.end);
      return mapping.periodGranularity === 'month' && parsed.value.granularity === 'day' ? wholeMonth(parsed.value.start) : parsed.value;
    }
    const startColumn = byRole.period_start;
    const endColumn = byRole.period_end;
    if (!startColumn || !endColumn) {
      rejections.push({ column: null, reason: 'the mapping has no period column (a period, or a start and an end)' });
      return null;
    }
    const start = periodOf(row.cells[startColumn.column]);
    const end = periodOf(row.cells[endColumn.column]);
    if (!start.ok) return reject(rejections, startColumn, start.reason);
    if (!end.ok) return reject(rejections, endColumn, end.reason);
    if (!start.value || !end.value) return reject(rejections, start.value ? endColumn : startColumn, 'the period is blank');
    if (end.value.end < start.value.start) return reject(rejections, endColumn, `the period ends (${end.value.end}) before it starts (${start.value.start})`);
    return { start: start.value.start, end: end.value.end, granularity: 'day' };
  }

  function readActivity(row: RawRow, column: ColumnMapping, rejections: Rejection[]): ActivityDefinition | null {
    if (mapping.layout === 'wide') {
      const activity = column.activity ? activityByKey(column.activity) : undefined;
      return activity ?? reject(rejections, column, 'the value column names no known activity');
    }
    const activityColumn = byRole.activity;
    const text = textAt(row, activityColumn);
    if (text === null) {
      const fallback = mapping.defaults?.activity ? activityByKey(mapping.defaults.activity) : undefined;
      return fallback ?? reject(rejections, activityColumn ?? column, 'no activity: the cell is blank and the mapping has no default activity');
    }
    const match = activityOf(text);
    if (match.kind === 'match') return activityByKey(match.activity) ?? null;
    const reason = match.kind === 'ambiguous'
      ? `activity '${text}' is ambiguous (${match.activities.join(', ')}): name it in the mapping`
      : `unknown activity '${text}'`;
    return reject(rejections, activityColumn!, reason);
  }

  function readMeaning(row: RawRow, column: ColumnMapping, activity: ActivityDefinition, rejections: Rejection[]): ActivityMeaning | null {
    const text = mapping.layout === 'wide' ? null : textAt(row, byRole.meaning);
    const meaning = (column.meaning ?? text?.toLowerCase() ?? mapping.defaults?.meaning ?? activity.meanings[0]) as ActivityMeaning;
    if (!activity.meanings.includes(meaning)) {
      return reject(rejections, byRole.meaning ?? column, `${activity.label} cannot be '${meaning}' (allowed: ${activity.meanings.join(', ')})`);
    }
    return meaning;
  }

  /** A quantity's unit as written: its column header's in a wide layout, else the unit column's, the header's or the mapping's default. */
  function unitTextAt(row: RawRow, column: ColumnMapping): string | null {
    return (mapping.layout === 'wide' ? column.unitText : textAt(row, byRole.unit) ?? column.unitText ?? mapping.defaults?.unit) ?? null;
  }

  /** The unit of a quantity whose unit text (unitTextAt) is `text`. */
  function readUnit(text: string | null, column: ColumnMapping, activity: ActivityDefinition, rejections: Rejection[]): { unit: Unit; text: string; basis: CalorificBasis | null } | null {
    if (text === null) return reject(rejections, byRole.unit ?? column, 'no unit: the cell is blank and the column header names none');
    const parsed = unitOf(text);
    if (!parsed.ok) return reject(rejections, byRole.unit ?? column, parsed.reason);
    if (!activity.dimensions.includes(parsed.unit.dimension)) {
      return reject(rejections, byRole.unit ?? column, `unit '${text}' is ${parsed.unit.dimension}, but ${activity.label} is measured in ${activity.dimensions.join(' or ')}`);
    }
    const basis = statedBasis(parsed.unit, activity, column.calorificBasis);
    if (!basis.ok) return reject(rejections, byRole.unit ?? column, `unit '${text}': ${basis.reason}`);
    return { unit: parsed.unit, text, basis: basis.basis };
  }

  function readScope3Category(row: RawRow, activity: ActivityDefinition, rejections: Rejection[]): number | null | undefined {
    if (activity.scope !== 'scope3') return null;
    const text = textAt(row, scope3Column);
    if (text !== null) {
      const category = Number(text.replace(/^(cat(egory)?\.?\s*)/i, ''));
      if (Number.isInteger(category) && category >= 1 && category <= 15) return category;
      reject(rejections, scope3Column!, `'${text}' is not a Scope 3 category (1–15)`);
      return undefined;
    }
    const category = mapping.defaults?.scope3Category ?? activity.scope3Category;
    if (category === undefined) {
      rejections.push({ column: null, reason: `${activity.label} needs a Scope 3 category: map a category column or set a default` });
      return undefined;
    }
    return category;
  }

  /** What the blank cells would have been, when the row says (its own problems are not this row's rejections). */
  function blankQuantities(row: RawRow, columns: readonly ColumnMapping[], period: Period | null = null): readonly BlankQuantity[] {
    if (columns.length === 0) return NO_BLANKS;
    const ignored: Rejection[] = [];
    const when = period ?? readPeriod(row, ignored);
    if (!when) return NO_BLANKS;
    const site = textAt(row, byRole.site) ?? mapping.defaults?.site ?? null;
    const blanks: BlankQuantity[] = [];
    for (const column of columns) {
      const activity = readActivity(row, column, ignored);
      const meaning = activity && readMeaning(row, column, activity, ignored);
      if (activity && meaning) blanks.push({ column: column.column, site, periodStart: when.start, periodEnd: when.end, activity: activity.key, meaning });
    }
    return blanks;
  }

  // Per row only what the row needs: no array for claims or blank cells a mapping cannot have.
  return (row) => {
    const rejections: Rejection[] = [];
    const quantities = new Map<number, number | null>();
    const quantityUnits = new Map<number, string | null>();
    for (const column of valueColumns) quantityUnits.set(column.column, unitTextAt(row, column));
    for (const claim of claimColumns) quantityUnits.set(claim.mapping.column, claim.mapping.unitText ?? null);
    const twinChecks = checkTwins(row.cells);
    const refused = (blanks: readonly BlankQuantity[] = NO_BLANKS): MappedRow => ({ records: [], claims: [], rejections, quantities, quantityUnits, twinChecks, blanks });
    // The value columns with a quantity to import (in quantities), and those left blank.
    const pending: ColumnMapping[] = [];
    let blankColumns: ColumnMapping[] | undefined;
    for (const column of valueColumns) {
      const parsed = parseQuantity(row.cells[column.column] as Cell, decimal);
      if (!parsed.ok) {
        quantities.set(column.column, null);
        reject(rejections, column, parsed.reason);
        continue;
      }
      quantities.set(column.column, parsed.value);
      if (parsed.value === null) {
        (blankColumns ??= []).push(column);
        continue;
      }
      if (parsed.value < 0) {
        reject(rejections, column, `negative quantity ${parsed.value}: corrections belong in adjustments, not source data`);
        continue;
      }
      pending.push(column);
    }
    const reported: { column: ClaimColumn; value: number }[] = [];
    for (const claim of claimColumns) {
      const parsed = parseQuantity(row.cells[claim.mapping.column] as Cell, decimal);
      quantities.set(claim.mapping.column, parsed.ok ? parsed.value : null);
      if (!parsed.ok) reject(rejections, claim.mapping, parsed.reason);
      else if (parsed.value !== null) reported.push({ column: claim, value: parsed.value });
    }
    if (pending.length === 0 && reported.length === 0) {
      if (rejections.length === 0) {
        const what = claimColumns.length > 0 ? 'every mapped quantity and reported figure is blank' : mapping.layout === 'wide' ? 'every mapped quantity is blank' : 'the quantity is blank';
        rejections.push({ column: null, reason: `${what} (blank is missing, not zero)` });
      }
      return refused(blankQuantities(row, blankColumns ?? NO_COLUMNS));
    }
    const period = readPeriod(row, rejections);
    if (!period) return refused();
    const blanks = blankColumns === undefined ? NO_BLANKS : blankQuantities(row, blankColumns, period);
    if (context.earliestPeriodStart !== null && period.start < context.earliestPeriodStart) {
      rejections.push({ column: byRole.period?.column ?? byRole.period_start?.column ?? null, reason: `period ${period.start}–${period.end} is before the engagement's base year (starts ${context.earliestPeriodStart})` });
      return refused(blanks);
    }
    const site = textAt(row, byRole.site) ?? mapping.defaults?.site ?? null;
    const entity = textAt(row, byRole.entity);
    const region = textAt(row, byRole.region);
    const instrument = textAt(row, byRole.instrument);
    const notes = textAt(row, byRole.notes);
    const records: ActivityRecordDraft[] = [];
    for (const column of pending) {
      const before = rejections.length;
      const activity = readActivity(row, column, rejections);
      const meaning = activity && readMeaning(row, column, activity, rejections);
      const unit = activity && meaning && readUnit(quantityUnits.get(column.column) ?? null, column, activity, rejections);
      const scope3Category = activity && unit ? readScope3Category(row, activity, rejections) : undefined;
      const attributes = readAttributes(row, mapping.layout === 'wide' ? column : null);
      if (!attributes.ok) rejections.push(attributes.rejection);
      if (!activity || !meaning || !unit || scope3Category === undefined || !attributes.ok || rejections.length > before) continue;
      // Built field by field: spreading a shared object here cost more than the rest of the row.
      records.push({
        column: column.column,
        site,
        entity,
        region,
        periodStart: period.start,
        periodEnd: period.end,
        activity: activity.key,
        meaning,
        quantity: quantities.get(column.column)!,
        unit: unit.unit.id,
        unitBasis: unit.basis,
        unitText: unit.text,
        scope3Category,
        instrument,
        attributes: attributes.attributes,
        notes,
      });
    }
    // Reported totals beside activity are emissions, never percentages; their precision is the value's own digits.
    const claims = reported.map(({ column, value }): ClaimDraft => ({ metric: column.metric, period: claimPeriodOf(period), value, unit: column.unit, percent: null, decimals: null, site, notes: column.notes }));
    // A row is imported whole or rejected whole, so rows read always tie out to imported + rejected + skipped.
    return rejections.length > 0 ? refused(blanks) : { records, claims, rejections, quantities, quantityUnits, twinChecks, blanks };
  };
}

interface ClaimColumn {
  readonly mapping: ColumnMapping;
  readonly metric: string;
  /** The canonical unit ('tCO2e') when the header's unit text reads as one, else the text as written. */
  readonly unit: string | null;
  readonly notes: string;
}

/** A claim column of an activity sheet: the metric is its own, else its header's label ('Total (Location-Based) GHG Emissions'). */
function claimColumn(column: ColumnMapping, mapping: Mapping): ClaimColumn {
  const parsed = column.unitText === undefined ? undefined : parseUnit(column.unitText, { resolve: mapping.unitResolutions });
  return {
    mapping: column,
    metric: column.metric ?? parseHeader(column.header).label,
    unit: parsed?.ok ? parsed.unit.id : (column.unitText ?? null),
    notes: `reported by the source system: column ${columnLetter(column.column)} '${column.header}'${mapping.sheet === undefined ? '' : ` of sheet '${mapping.sheet}'`}`,
  };
}

/** A claim's period as claims write it: the fiscal-year label when the period is exactly one, else 'start..end'. */
function claimPeriod(period: Period, fiscal: FiscalSettings): string {
  const year = fiscalYearOf(period.start, fiscal);
  return year.ok && year.value.start === period.start && year.value.end === period.end ? year.value.label : `${period.start}..${period.end}`;
}

/** The twelve months ending on a date, for a 'Year Ending' column. */
function twelveMonthsTo(date: string): Period {
  return { ...twelveMonthsEnding(parseIsoDate(date)!), granularity: 'twelve-months-ending' };
}

function wholeMonth(date: string): Period {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return { ...monthsSpan(year, month, 1), granularity: 'month' };
}

/**
 * A record's calorific basis: the unit's own ('kWh gross'), else the one the mapping states for a
 * fuel's energy column. The mapping's basis says nothing about electricity or litres beside it.
 */
export function statedBasis(unit: Unit, activity: ActivityDefinition, stated: StatedCalorificBasis | undefined): BasisResult {
  const own = unit.basis ?? 'none';
  if (stated === undefined || own === 'none' || activity.fuel !== true) return BASIS_RESULTS[own];
  if (own === 'unspecified' || own === stated) return BASIS_RESULTS[stated];
  return { ok: false, reason: `the unit says ${own} CV, but the mapping states ${stated} CV for this column` };
}

type BasisResult = { readonly ok: true; readonly basis: CalorificBasis | null } | { readonly ok: false; readonly reason: string };
// Shared results: this runs for every quantity of every row.
const BASIS_RESULTS: Readonly<Record<CalorificBasis | 'none', BasisResult>> = {
  gross: { ok: true, basis: 'gross' },
  net: { ok: true, basis: 'net' },
  unspecified: { ok: true, basis: 'unspecified' },
  none: { ok: true, basis: null },
};

function reject(rejections: Rejection[], column: ColumnMapping, reason: string): null {
  rejections.push({ column: column.column, reason: `${where(column)}: ${reason}` });
  return null;
}
