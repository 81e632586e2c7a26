/**
 * Row mappers for the reference kinds of import: a generic emission-factor table, targets,
 * and the figures the company reported (claims). Like activity rows, each row becomes one
 * draft or a list of rejections with reasons.
 */
import type { GasMassUnit } from '../factors/types';
import { columnLetter, type RawRow } from './cell';
import { matchActivity } from './headers';
import type { ColumnMapping, Mapping } from './mapping';
import type { Rejection } from './records';
import { cellText, parsePeriod, parseQuantity, parseReportedNumber, type PercentEvidence } from './values';
import type { FiscalSettings } from '../calc/fiscal';

export interface FactorDraft {
  readonly activityKey: string | null;
  /** The row names a residual mix: an electricity factor for market-based Scope 2. */
  readonly residualMix: boolean;
  readonly label: string;
  readonly unitText: string;
  readonly gas: string;
  readonly value: number;
  readonly valueUnit: GasMassUnit;
  readonly region: string | null;
  readonly source: string | null;
  readonly year: number | null;
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
  number(role: ColumnMapping['role'], label: string): number | null;
  /** A reported or target value with its unit (the unit column's, else the value column header's). */
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
      const mapped = column(role);
      return mapped ? accepted(mapped, label, parseQuantity(row.cells[mapped.column], { decimalSeparator: mapping.decimalSeparator })) : null;
    },
    reported(role, label) {
      const mapped = column(role);
      if (!mapped) return null;
      const unitText = text('unit') ?? mapped.unitText ?? null;
      const options = { decimalSeparator: mapping.decimalSeparator, ...(mapped.percentScale ? { percentScale: mapped.percentScale } : {}) };
      const parsed = accepted(mapped, label, parseReportedNumber(row.cells[mapped.column], unitText, options));
      return parsed && { ...parsed, unit: unitText ?? (parsed.percent ? '%' : null) };
    },
  };
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

const MASS_UNITS: Readonly<Record<string, GasMassUnit>> = { kg: 'kg', g: 'g', lb: 'lb', lbs: 'lb', t: 't', tonne: 't', tonnes: 't' };

/** 'kg CO2e/kWh', 'kgCO2e per litre', 'g CH4 / mmBtu' → mass unit, gas, per-unit text. */
export function parseFactorUnit(text: string): { valueUnit: GasMassUnit; gas: string | null; perUnit: string } | null {
  const match = /^\s*(kg|g|lbs?|t|tonnes?)\s*([A-Za-z0-9-]+)?\s*(?:\/|\bper\b)\s*(.+?)\s*$/i.exec(text);
  if (!match) return null;
  const valueUnit = MASS_UNITS[match[1]!.toLowerCase()];
  if (!valueUnit) return null;
  return { valueUnit, gas: match[2] ? match[2].toUpperCase().replace('CO2E', 'CO2e') : null, perUnit: match[3]! };
}

export function mapFactorRow(mapping: Mapping, row: RawRow): RowResult<FactorDraft> {
  const reader = rowReader(mapping, row);
  const activityText = required(reader, 'activity', 'activity');
  const value = reader.number('factor_value', 'factor value');
  const unitText = required(reader, 'factor_unit', 'factor unit');
  const unit = unitText === null ? null : parseFactorUnit(unitText);
  if (unitText !== null && !unit) {
    reader.rejections.push({ column: reader.column('factor_unit')?.column ?? null, reason: `factor unit '${unitText}' is not of the form 'kg CO2e/kWh'` });
  }
  if (value !== null && value < 0) reader.rejections.push({ column: reader.column('factor_value')?.column ?? null, reason: `negative factor ${value}` });
  const yearText = reader.text('year');
  const year = yearText === null ? null : Number(yearText);
  if (year !== null && !Number.isInteger(year)) reader.rejections.push({ column: reader.column('year')?.column ?? null, reason: `'${yearText}' is not a year` });
  return finish(reader, () => {
    const residualMix = RESIDUAL_MIX.test(activityText!);
    const match = matchActivity(activityText!);
    return {
      activityKey: residualMix ? 'electricity' : match.kind === 'match' ? match.activity : null,
      residualMix,
      label: activityText!,
      unitText: unit!.perUnit,
      gas: reader.text('gas') ?? unit!.gas ?? 'CO2e',
      value: value!,
      valueUnit: unit!.valueUnit,
      region: reader.text('region'),
      source: reader.text('source'),
      year,
    };
  });
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

export function mapClaimRow(mapping: Mapping, row: RawRow, fiscal: FiscalSettings): RowResult<ClaimDraft> {
  const reader = rowReader(mapping, row);
  const metric = required(reader, 'metric', 'metric');
  const reported = reader.reported('claim_value', 'reported value');
  let period = fiscalLabel(reader.text('year'));
  const periodColumn = reader.column('period');
  if (period === null && periodColumn) {
    const parsed = parsePeriod(row.cells[periodColumn.column], { dayOrder: mapping.dayOrder ?? 'YMD', fiscal: { startMonth: fiscal.startMonth, labelRule: fiscal.labelRule } });
    if (!parsed.ok) reader.rejections.push({ column: periodColumn.column, reason: parsed.reason });
    else if (parsed.value) period = parsed.value.granularity === 'fiscal-year' ? fiscalLabel(cellText(row.cells[periodColumn.column])) : `${parsed.value.start}..${parsed.value.end}`;
  }
  if (period === null && reader.rejections.length === 0) reader.rejections.push({ column: periodColumn?.column ?? null, reason: 'no period: map a year or period column' });
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
