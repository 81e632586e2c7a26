/**
 * Row mappers for the reference kinds of import: a generic emission-factor table, targets,
 * and the figures the company reported (claims). Like activity rows, each row becomes one
 * draft or a list of rejections with reasons.
 */
import { activityByKey } from '../activities';
import type { Attributes } from '../calc/attributes';
import { parseUnit } from '../calc/units';
import type { FactorScope, GasMassUnit } from '../factors/types';
import { columnLetter, columnsText, type RawRow } from './cell';
import { createAttributeReader } from './attribute-columns';
import { parseFactorUnit, type FactorUnit } from './factor-units';
import { matchActivity } from './headers';
import { REPORTED_VALUE_ROLES, type ColumnMapping, type Mapping } from './mapping';
import type { Rejection } from './records';
import { cellText, controlReading, fractionToPercentPoints, parsePeriod, parseQuantity, parseReportedNumber, type ControlReading, type PercentEvidence } from './values';
import type { FiscalSettings } from '../calc/fiscal';

/** The Scope 2 method a factor of a company table serves, from its basis column. */
export type FactorBasis = 'location' | 'market' | 'residual-mix' | 'supplier-specific' | 'contractual';

export interface FactorDraft {
  readonly activityKey: string | null;
  /** A residual-mix factor: market-based Scope 2 charges electricity no instrument covers at it. */
  readonly residualMix: boolean;
  /** What the basis column said, when the table has one. */
  readonly basis: FactorBasis | null;
  /** The scope the table gives the factor, checked against its activity. */
  readonly scope: FactorScope | null;
  /** An 'outside of scopes' factor: biogenic CO2, reported apart, never in a scope. */
  readonly biogenic: boolean;
  /** A supplier-specific factor: the instrument (contract, tariff) it is for. */
  readonly variant: string | null;
  readonly label: string;
  readonly unitText: string;
  readonly gas: string;
  readonly value: number;
  readonly valueUnit: GasMassUnit;
  readonly region: string | null;
  readonly source: string | null;
  readonly year: number | null;
  /** The variant the factor is for (refrigerant gas, haul…), from its attribute columns. */
  readonly attributes: Attributes | null;
  /** The dates the table states the factor valid for (valid from / valid to columns), both inclusive. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export interface TargetDraft {
  readonly metric: string;
  readonly targetType: 'absolute' | 'percent-change-vs-base';
  /** A percentage as its fraction (-42 % → -0.42). */
  readonly targetValue: number;
  readonly unit: string | null;
  /** How import knew the value is a percentage; null when it is not one. */
  readonly percent: PercentEvidence | null;
  readonly basePeriod: string | null;
  readonly targetPeriod: string;
  readonly notes: string | null;
}

export interface ClaimDraft {
  readonly metric: string;
  readonly period: string;
  /** A percentage as its fraction (53.9 % → 0.539). */
  readonly value: number;
  readonly unit: string | null;
  /** How import knew the value is a percentage; null when it is not one. */
  readonly percent: PercentEvidence | null;
  /** Decimal places the company showed (in percent points for a percentage); null when the file does not say. */
  readonly decimals: number | null;
  readonly site: string | null;
  readonly notes: string | null;
}

export type RowResult<T> = { readonly ok: true; readonly draft: T } | { readonly ok: false; readonly rejections: Rejection[] };

type RowReader = {
  text(role: ColumnMapping['role']): string | null;
  /** A required number: null with the reason recorded when it is blank, unreadable or has no column. */
  number(role: ColumnMapping['role'], label: string): number | null;
  /** A required reported or target value with its unit (the unit column's, else the value column header's). */
  reported(role: ColumnMapping['role'], label: string): { readonly value: number; readonly unit: string | null; readonly percent: PercentEvidence | null; readonly decimals: number | null } | null;
  column(role: ColumnMapping['role']): ColumnMapping | undefined;
  rejections: Rejection[];
};

function rowReader(mapping: Mapping, row: RawRow): RowReader {
  const rejections: Rejection[] = [];
  const column = (role: ColumnMapping['role']) => mapping.columns.find((candidate) => candidate.role === role);
  const text = (role: ColumnMapping['role']) => {
    const mapped = column(role);
    if (!mapped) return null;
    const written = cellText(row.cells[mapped.column]).trim();
    return written === '' ? null : written;
  };
  /** A required number's column; when the mapping has none, every row is refused with that reason (not read as no value). */
  const numberColumn = (role: ColumnMapping['role'], label: string) => {
    const mapped = column(role);
    if (!mapped) rejections.push({ column: null, reason: `the mapping has no ${label} column` });
    return mapped;
  };
  /** The parsed value, or null with the rejection recorded (a blank is rejected too). */
  const accepted = <T>(mapped: ColumnMapping, label: string, parsed: { ok: true; value: T | null } | { ok: false; reason: string }): T | null => {
    const where = `column ${columnLetter(mapped.column)}`;
    if (!parsed.ok) rejections.push({ column: mapped.column, reason: `${where}: ${parsed.reason}` });
    else if (parsed.value === null) rejections.push({ column: mapped.column, reason: `${where}: the ${label} is blank` });
    return parsed.ok ? parsed.value : null;
  };
  return {
    rejections,
    column,
    text,
    number(role, label) {
      const mapped = numberColumn(role, label);
      return mapped ? accepted(mapped, label, parseQuantity(row.cells[mapped.column], { decimalSeparator: mapping.decimalSeparator })) : null;
    },
    reported(role, label) {
      const mapped = numberColumn(role, label);
      if (!mapped) return null;
      const read = readReported(mapping, mapped, row);
      const parsed = accepted(mapped, label, read.parsed);
      return parsed && { ...parsed, unit: read.unitText ?? (parsed.percent ? '%' : null) };
    },
  };
}

/** A reported or target value with the unit it is read in: the unit column's, else the value column header's. */
function readReported(mapping: Mapping, mapped: ColumnMapping, row: RawRow) {
  const unitColumn = mapping.columns.find((candidate) => candidate.role === 'unit');
  const unitText = (unitColumn && cellText(row.cells[unitColumn.column]).trim()) || mapped.unitText || null;
  const options = { decimalSeparator: mapping.decimalSeparator, ...(mapped.percentScale ? { percentScale: mapped.percentScale } : {}) };
  return { unitText, parsed: parseReportedNumber(row.cells[mapped.column], unitText, options) };
}

/**
 * A numeric cell of a targets or claims row as the control totals count it, read as the import
 * reads it: a percentage (a cell so formatted, '20%', or beside the unit '%') in percent points
 * under '%', any other number in the row's unit; a blank; or not a number.
 */
export function referenceReading(mapping: Mapping, mapped: ColumnMapping, row: RawRow): ControlReading {
  if (!REPORTED_VALUE_ROLES.includes(mapped.role)) {
    const parsed = parseQuantity(row.cells[mapped.column], { decimalSeparator: mapping.decimalSeparator });
    return controlReading(parsed.ok ? parsed.value : null, mapped.unitText ?? null, row.cells[mapped.column]);
  }
  const { unitText, parsed } = readReported(mapping, mapped, row);
  if (!parsed.ok || parsed.value === null) return controlReading(null, null, row.cells[mapped.column]);
  const { value, percent } = parsed.value;
  return percent === null ? { kind: 'number', value, unit: unitText } : { kind: 'number', value: fractionToPercentPoints(value), unit: '%' };
}

function required(reader: RowReader, role: ColumnMapping['role'], label: string): string | null {
  const value = reader.text(role);
  if (value === null) reader.rejections.push({ column: reader.column(role)?.column ?? null, reason: `no ${label}` });
  return value;
}

function finish<T>(reader: RowReader, draft: () => T): RowResult<T> {
  return reader.rejections.length > 0 ? { ok: false, rejections: reader.rejections } : { ok: true, draft: draft() };
}

/** 'Residual mix', 'UK residual mix electricity', 'Residual-mix factor'… */
const RESIDUAL_MIX = /\bresidual[\s-]*mix\b/i;

const BASES: readonly { readonly basis: FactorBasis; readonly pattern: RegExp }[] = [
  { basis: 'residual-mix', pattern: /^residual([\s-]*mix)?$/ },
  { basis: 'supplier-specific', pattern: /^supplier([\s-]*specific)?$/ },
  { basis: 'contractual', pattern: /^contractual([\s-]*instruments?)?$|^instruments?$/ },
  { basis: 'location', pattern: /^location$/ },
  { basis: 'market', pattern: /^market$/ },
];

/** 'location', 'Location-based', 'market based', 'residual mix', 'supplier-specific', 'contractual instruments'. */
export function parseFactorBasis(text: string): FactorBasis | null {
  const key = text.trim().toLowerCase().replace(/[\s-]*based$/, '');
  return BASES.find((candidate) => candidate.pattern.test(key))?.basis ?? null;
}

const SCOPE_BY_NUMBER: Readonly<Record<string, FactorScope>> = { '1': 'Scope 1', '2': 'Scope 2', '3': 'Scope 3' };
const SCOPE_OF_ACTIVITY: Readonly<Record<string, FactorScope>> = { scope1: 'Scope 1', scope2: 'Scope 2', scope3: 'Scope 3' };

/** '2', 'Scope 2', 'S2', 'Outside of scopes', 'biogenic'; null when it is none of them. */
export function parseFactorScope(text: string): FactorScope | null {
  const key = text.trim().toLowerCase();
  if (/^(outside\s+(of\s+)?(the\s+)?scopes?|biogenic)$/.test(key)) return 'Outside of scopes';
  const number = /^(?:scope\s*|s)?([123])(?:\.0+)?$/.exec(key)?.[1];
  return number === undefined ? null : (SCOPE_BY_NUMBER[number] ?? null);
}

/**
 * The factor unit of a row: a factor-unit column ('kg CO2e/kWh'), else the value column's unit
 * ('kg CO2e per unit' from its header, or typed in the mapping); a 'per unit' takes the activity
 * unit from the row's unit column. Where the header names a unit and the row names another, the
 * row is refused: the table contradicts itself.
 */
function readFactorUnit(reader: RowReader, mapping: Mapping): { readonly unit: FactorUnit; readonly perUnit: string } | null {
  const unitColumn = reader.column('factor_unit');
  const valueColumn = reader.column('factor_value');
  const rowText = reader.text('factor_unit');
  const text = rowText ?? valueColumn?.unitText ?? null;
  const where = rowText !== null ? unitColumn : valueColumn;
  const refuse = (reason: string) => {
    reader.rejections.push({ column: where?.column ?? null, reason });
    return null;
  };
  if (text === null) return refuse("no factor unit: map a factor-unit column, or give the value column's unit (such as kg CO2e/kWh, or kg CO2e per unit with a unit column)");
  const unit = parseFactorUnit(text);
  if (!unit) return refuse(`factor unit '${text}' is not a mass of a gas per unit of activity, such as 'kg CO2e/kWh'`);
  const activityUnit = reader.text('unit');
  if (unit.perUnit === null) {
    if (activityUnit === null) return refuse(`the factor is per unit ('${text}'), but the row names no unit${mapping.columns.some((column) => column.role === 'unit') ? '' : ': map the column that holds each row’s unit'}`);
    return { unit, perUnit: activityUnit };
  }
  if (activityUnit !== null && !sameActivityUnit(unit.perUnit, activityUnit)) {
    reader.rejections.push({ column: reader.column('unit')?.column ?? null, reason: `the factor unit '${text}' is per ${unit.perUnit}, but the row's unit is '${activityUnit}'` });
    return null;
  }
  return { unit, perUnit: unit.perUnit };
}

function sameActivityUnit(a: string, b: string): boolean {
  const [first, second] = [parseUnit(a), parseUnit(b)];
  if (first.ok && second.ok) return first.unit.id === second.unit.id && first.unit.basis === second.unit.basis;
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

interface FactorIdentity {
  readonly activityKey: string | null;
  readonly residualMix: boolean;
  readonly variant: string | null;
}

const ELECTRICITY_KEYS = ['electricity', 'clean_electricity'];

/**
 * What the basis column makes of a factor: location → the grid average; residual mix → the
 * residual mix; market → the residual mix for grid electricity, the instrument factor for clean
 * electricity; contractual → the factor of contractual instruments (clean electricity);
 * supplier-specific → the factor of the instrument it names (the instrument column, else the
 * activity text). A market-side basis on anything but electricity is refused: the inventory
 * prices only electricity by instruments.
 */
function identifyFactor(reader: RowReader, activityText: string, basis: FactorBasis | null): FactorIdentity | null {
  const namesResidualMix = RESIDUAL_MIX.test(activityText);
  const match = matchActivity(activityText);
  const matched = namesResidualMix ? 'electricity' : match.kind === 'match' ? match.activity : null;
  const basisColumn = reader.column('basis')?.column ?? null;
  const refuse = (reason: string) => {
    reader.rejections.push({ column: basisColumn, reason });
    return null;
  };
  if (basis === null) return { activityKey: matched, residualMix: namesResidualMix, variant: null };
  if (basis === 'location') {
    return namesResidualMix ? refuse(`'${activityText}' names a residual mix, but its basis is location`) : { activityKey: matched, residualMix: false, variant: null };
  }
  if (matched === null || !ELECTRICITY_KEYS.includes(matched)) {
    return refuse(`a ${basis} factor is for electricity (market-based Scope 2), but '${activityText}' ${matched === null ? 'names no catalogue activity' : `is ${activityByKey(matched)?.label ?? matched}`}`);
  }
  switch (basis) {
    case 'residual-mix':
      return { activityKey: 'electricity', residualMix: true, variant: null };
    case 'market':
      return matched === 'clean_electricity' ? { activityKey: matched, residualMix: false, variant: null } : { activityKey: 'electricity', residualMix: true, variant: null };
    case 'contractual':
      return { activityKey: 'clean_electricity', residualMix: false, variant: null };
    case 'supplier-specific':
      return { activityKey: matched, residualMix: false, variant: reader.text('instrument') ?? activityText };
  }
}

function readBasis(reader: RowReader): FactorBasis | null | undefined {
  const text = reader.text('basis');
  if (text === null) return null;
  const basis = parseFactorBasis(text);
  if (basis === null) reader.rejections.push({ column: reader.column('basis')?.column ?? null, reason: `basis '${text}' is not one of location, market, residual mix, supplier-specific, contractual` });
  return basis ?? undefined;
}

/** The scope column, checked against the activity: a Scope 1 fuel given as Scope 2 is a table error, not a choice. */
function readScope(reader: RowReader, activityKey: string | null, activityText: string): FactorScope | null {
  const text = reader.text('scope');
  if (text === null) return null;
  const column = reader.column('scope')?.column ?? null;
  const scope = parseFactorScope(text);
  if (scope === null) {
    reader.rejections.push({ column, reason: `scope '${text}' is not 1, 2, 3 or outside of scopes` });
    return null;
  }
  const activity = activityKey === null ? undefined : activityByKey(activityKey);
  const expected = activity === undefined ? undefined : SCOPE_OF_ACTIVITY[activity.scope];
  if (scope !== 'Outside of scopes' && expected !== undefined && scope !== expected) {
    reader.rejections.push({ column, reason: `'${activityText}' is ${activity!.label}, a ${expected} activity, but the table says ${scope}` });
  }
  return scope;
}

/** Validity dates are read on the calendar: a factor table's dates are not fiscal labels. */
const VALIDITY_DATES = { fiscal: { startMonth: 1, labelRule: 'end-year' } } as const;

/**
 * The validity a row states: its valid-from column's first day to its valid-to column's last
 * ('2024-03' ends on 31 March). Either alone leaves the other side open; none, no stated validity.
 */
function readValidity(reader: RowReader, mapping: Mapping, row: RawRow): { readonly validFrom: string | null; readonly validTo: string | null } {
  const read = (role: 'period_start' | 'period_end'): string | null => {
    const column = reader.column(role);
    if (!column) return null;
    const parsed = parsePeriod(row.cells[column.column], { dayOrder: mapping.dayOrder ?? 'YMD', ...VALIDITY_DATES });
    if (!parsed.ok || (parsed.value !== null && parsed.value.granularity === 'fiscal-year')) {
      reader.rejections.push({ column: column.column, reason: `column ${columnLetter(column.column)}: ${parsed.ok ? `'${cellText(row.cells[column.column])}' is a fiscal year, not a date` : parsed.reason}` });
      return null;
    }
    return parsed.value === null ? null : role === 'period_start' ? parsed.value.start : parsed.value.end;
  };
  const validFrom = read('period_start');
  const validTo = read('period_end');
  if (validFrom !== null && validTo !== null && validTo < validFrom) {
    reader.rejections.push({ column: reader.column('period_end')?.column ?? null, reason: `the factor is valid to ${validTo}, before it is valid from ${validFrom}` });
  }
  return { validFrom, validTo };
}

export function mapFactorRow(mapping: Mapping, row: RawRow): RowResult<FactorDraft> {
  const reader = rowReader(mapping, row);
  const attributes = createAttributeReader(mapping.columns)(row, null);
  if (!attributes.ok) reader.rejections.push(attributes.rejection);
  const validity = readValidity(reader, mapping, row);
  const activityText = required(reader, 'activity', 'activity');
  const value = reader.number('factor_value', 'factor value');
  const unit = readFactorUnit(reader, mapping);
  if (value !== null && value < 0) reader.rejections.push({ column: reader.column('factor_value')?.column ?? null, reason: `negative factor ${value}` });
  const yearText = reader.text('year');
  const year = yearText === null ? null : Number(yearText);
  if (year !== null && !Number.isInteger(year)) reader.rejections.push({ column: reader.column('year')?.column ?? null, reason: `'${yearText}' is not a year` });
  const basis = readBasis(reader);
  const identity = activityText === null || basis === undefined ? null : identifyFactor(reader, activityText, basis);
  const scope = activityText === null ? null : readScope(reader, identity?.activityKey ?? null, activityText);
  return finish(reader, () => ({
    ...identity!,
    basis: basis ?? null,
    scope,
    biogenic: scope === 'Outside of scopes',
    label: activityText!,
    unitText: unit!.perUnit,
    gas: reader.text('gas') ?? unit!.unit.gas ?? 'CO2e',
    value: value!,
    valueUnit: unit!.unit.valueUnit,
    region: reader.text('region'),
    source: reader.text('source'),
    year,
    attributes: attributes.ok ? attributes.attributes : null,
    ...validity,
  }));
}

function fiscalLabel(text: string | null): string | null {
  if (text === null) return null;
  const match = /^(?:FY)?\s*(\d{4})$/i.exec(text.trim());
  return match ? `FY${match[1]}` : text.trim();
}

export function mapTargetRow(mapping: Mapping, row: RawRow): RowResult<TargetDraft> {
  const reader = rowReader(mapping, row);
  const metric = required(reader, 'metric', 'metric');
  const target = reader.reported('target_value', 'target value');
  const targetPeriod = fiscalLabel(required(reader, 'target_year', 'target year'));
  const basePeriod = fiscalLabel(reader.text('base_year'));
  // Whether a percentage is a change (against a base or the prior year), a rate per year or a
  // share to reach is read with the target's metric when it is reconciled; import keeps the hint.
  const isPercent = target !== null && target.percent !== null;
  return finish(reader, () => ({
    metric: metric!,
    targetType: isPercent ? 'percent-change-vs-base' : 'absolute',
    targetValue: target!.value,
    unit: target!.unit,
    percent: target!.percent,
    basePeriod,
    targetPeriod: targetPeriod!,
    notes: reader.text('notes'),
  }));
}

/**
 * A claim's period: its year column's fiscal-year label, else its period column's (a fiscal year
 * keeps its label, any other period runs from its first day to its last). Null, with the reason,
 * when neither gives one: the period column's own when it cannot be read, else that they are blank.
 */
function readClaimPeriod(reader: RowReader, mapping: Mapping, row: RawRow, fiscal: FiscalSettings): string | null {
  const year = fiscalLabel(reader.text('year'));
  if (year !== null) return year;
  const periodColumn = reader.column('period');
  if (periodColumn) {
    const parsed = parsePeriod(row.cells[periodColumn.column], { dayOrder: mapping.dayOrder ?? 'YMD', fiscal: { startMonth: fiscal.startMonth, labelRule: fiscal.labelRule } });
    if (!parsed.ok) {
      reader.rejections.push({ column: periodColumn.column, reason: parsed.reason });
      return null;
    }
    if (parsed.value) return parsed.value.granularity === 'fiscal-year' ? fiscalLabel(cellText(row.cells[periodColumn.column])) : `${parsed.value.start}..${parsed.value.end}`;
  }
  reader.rejections.push(noClaimPeriod(reader.column('year'), periodColumn));
  return null;
}

/** Why a claim has no period: its year and period columns are blank, naming them, or the mapping has neither. */
function noClaimPeriod(yearColumn: ColumnMapping | undefined, periodColumn: ColumnMapping | undefined): Rejection {
  const blank = [yearColumn && { column: yearColumn.column, label: 'year' }, periodColumn && { column: periodColumn.column, label: 'period' }].filter((mapped) => mapped !== undefined);
  if (blank.length === 0) return { column: null, reason: 'no period: map a year or period column' };
  const labels = blank.map((mapped) => `the ${mapped.label}`).join(' and ');
  return { column: blank[0]!.column, reason: `${columnsText(blank.map((mapped) => mapped.column))}: ${labels} ${blank.length === 1 ? 'is' : 'are'} blank` };
}

export function mapClaimRow(mapping: Mapping, row: RawRow, fiscal: FiscalSettings): RowResult<ClaimDraft> {
  const reader = rowReader(mapping, row);
  const metric = required(reader, 'metric', 'metric');
  const reported = reader.reported('claim_value', 'reported value');
  const period = readClaimPeriod(reader, mapping, row, fiscal);
  return finish(reader, () => ({
    metric: metric!,
    period: period!,
    value: reported!.value,
    unit: reported!.unit,
    percent: reported!.percent,
    decimals: reported!.decimals,
    site: reader.text('site'),
    notes: reader.text('notes'),
  }));
}
