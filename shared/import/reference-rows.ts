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
import { cellText, parsePeriod, parseQuantity } from './values';
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
  readonly targetValue: number;
  readonly unit: string | null;
  readonly basePeriod: string | null;
  readonly targetPeriod: string;
  readonly notes: string | null;
}

export interface ClaimDraft {
  readonly metric: string;
  readonly period: string;
  readonly value: number;
  readonly unit: string | null;
  readonly site: string | null;
  readonly notes: string | null;
}

export type RowResult<T> = { readonly ok: true; readonly draft: T } | { readonly ok: false; readonly rejections: Rejection[] };

type RowReader = {
  text(role: ColumnMapping['role']): string | null;
  number(role: ColumnMapping['role'], label: string): number | null;
  /** Whether the number was written with a percent sign ('53.9%'): its value is then as printed, in %. */
  percentWritten(role: ColumnMapping['role']): boolean;
  column(role: ColumnMapping['role']): ColumnMapping | undefined;
  rejections: Rejection[];
};

function rowReader(mapping: Mapping, row: RawRow): RowReader {
  const rejections: Rejection[] = [];
  const column = (role: ColumnMapping['role']) => mapping.columns.find((candidate) => candidate.role === role);
  return {
    rejections,
    column,
    text(role) {
      const mapped = column(role);
      if (!mapped) return null;
      const text = cellText(row.cells[mapped.column]).trim();
      return text === '' ? null : text;
    },
    percentWritten(role) {
      const mapped = column(role);
      const cell = mapped ? row.cells[mapped.column] : undefined;
      return typeof cell === 'string' && /%\s*$/.test(cell);
    },
    number(role, label) {
      const mapped = column(role);
      if (!mapped) return null;
      const cell = row.cells[mapped.column];
      const written = typeof cell === 'string' && /%\s*$/.test(cell) ? cell.replace(/%\s*$/, '') : cell;
      const parsed = parseQuantity(written, { decimalSeparator: mapping.decimalSeparator });
      if (!parsed.ok) {
        rejections.push({ column: mapped.column, reason: `column ${columnLetter(mapped.column)}: ${parsed.reason}` });
        return null;
      }
      if (parsed.value === null) rejections.push({ column: mapped.column, reason: `column ${columnLetter(mapped.column)}: the ${label} is blank` });
      return parsed.value;
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
  const targetValue = reader.number('target_value', 'target value');
  const targetPeriod = fiscalLabel(required(reader, 'target_year', 'target year'));
  const unit = reader.text('unit') ?? (reader.percentWritten('target_value') ? '%' : null);
  const basePeriod = fiscalLabel(reader.text('base_year'));
  const isPercentChange = unit !== null && /^%|percent/i.test(unit.trim());
  if (isPercentChange && basePeriod === null) {
    reader.rejections.push({ column: reader.column('base_year')?.column ?? null, reason: 'a percentage target needs the base year it compares with' });
  }
  return finish(reader, () => ({
    metric: metric!,
    targetType: isPercentChange ? 'percent-change-vs-base' : 'absolute',
    targetValue: targetValue!,
    unit,
    basePeriod,
    targetPeriod: targetPeriod!,
    notes: reader.text('notes'),
  }));
}

export function mapClaimRow(mapping: Mapping, row: RawRow, fiscal: FiscalSettings): RowResult<ClaimDraft> {
  const reader = rowReader(mapping, row);
  const metric = required(reader, 'metric', 'metric');
  const value = reader.number('claim_value', 'reported value');
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
    value: value!,
    unit: reader.text('unit') ?? (reader.percentWritten('claim_value') ? '%' : null),
    site: reader.text('site'),
    notes: reader.text('notes'),
  }));
}
