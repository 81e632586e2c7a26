/**
 * What several rules share: a record's series (site, activity and meaning: one meter, as it were),
 * the months a period touches, the engagement's fiscal years, and quantities in one unit per series.
 */
import { activityByKey, type ActivityMeaning } from '../../activities';
import { fiscalYearOf, type FiscalPeriod, type FiscalSettings } from '../../calc/fiscal';
import { compareText, groupBy } from '../../calc/inventory-totals';
import { convertQuantity, unitById, type CalorificBasis } from '../../calc/units';
import { monthIndex, monthOfIndex, parseIsoDate } from '../../civil-date';
import type { ReviewRecord } from './types';

export { compareText, groupBy };

export const NO_SITE_LABEL = '(no site)';

/** Metered utilities, read every month: a zero or missing month is a missed read or a closed site, not a quiet month. */
export const METERED_ACTIVITIES: readonly string[] = ['electricity', 'heat_steam', 'district_cooling', 'natural_gas', 'it_energy', 'facility_energy'];

export interface SeriesKey {
  readonly site: string | null;
  readonly activity: string;
  readonly meaning: ActivityMeaning;
}

export function seriesKey(record: SeriesKey): string {
  return `${record.site ?? ''}\u0000${record.activity}\u0000${record.meaning}`;
}

/** 'Manchester|electricity|consumption': the readable part of a finding's subject. */
export function seriesSubject(record: SeriesKey): string {
  return `${record.site ?? NO_SITE_LABEL}|${record.activity}|${record.meaning}`;
}

/** 'Manchester, Electricity': how a message names a series. */
export function seriesLabel(record: SeriesKey): string {
  const activity = activityByKey(record.activity)?.label ?? record.activity;
  const meaning = record.meaning === 'consumption' || activityByKey(record.activity)?.meanings.length === 1 ? '' : ` (${record.meaning})`;
  return `${record.site ?? NO_SITE_LABEL}, ${activity}${meaning}`;
}

/** Month index (see civil-date) of an ISO date. */
export function monthOf(date: string): number {
  const civil = parseIsoDate(date)!;
  return monthIndex(civil.year, civil.month);
}

/** 'YYYY-MM' of a month index. */
export function monthLabel(index: number): string {
  const { year, month } = monthOfIndex(index);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Every month a period touches (a bill from 15 January to 14 February touches both). */
export function monthsTouched(periodStart: string, periodEnd: string): number[] {
  const months: number[] = [];
  for (let month = monthOf(periodStart); month <= monthOf(periodEnd); month++) months.push(month);
  return months;
}

/** The fiscal year of a month index. */
export function fiscalYearOfMonth(month: number, fiscal: FiscalSettings): FiscalPeriod | null {
  const year = fiscalYearOf(`${monthLabel(month)}-01`, fiscal);
  return year.ok ? year.value : null;
}

export function monthsOfPeriod(period: FiscalPeriod): number[] {
  return monthsTouched(period.start, period.end);
}

/**
 * The engagement's fiscal years: those in which at least one series covers at least half of the
 * months. A stray record with a mistyped year does not make a year of its own (it is out of period);
 * a site that reports once a year covers all twelve months of its year.
 */
export function engagementPeriods(records: readonly ReviewRecord[], fiscal: FiscalSettings): FiscalPeriod[] {
  const covered = new Map<string, Set<number>>();
  for (const record of records) {
    const key = seriesKey(record);
    let months = covered.get(key);
    if (!months) covered.set(key, (months = new Set()));
    for (const month of monthsTouched(record.periodStart, record.periodEnd)) months.add(month);
  }
  const periods = new Map<string, FiscalPeriod>();
  const perYear = new Map<string, number>();
  for (const months of covered.values()) {
    perYear.clear();
    for (const month of months) {
      const year = fiscalYearOfMonth(month, fiscal);
      if (!year) continue;
      perYear.set(year.label, (perYear.get(year.label) ?? 0) + 1);
      if ((perYear.get(year.label) ?? 0) >= 6) periods.set(year.label, year);
    }
  }
  return [...periods.values()].sort((a, b) => (a.start < b.start ? -1 : 1));
}

/**
 * A record's quantity in `reference`'s unit (the series' most common one), or null when it cannot
 * be converted (another dimension, or an unstated calorific basis): the unit-changes rule reports those.
 */
export function inUnitOf(record: Pick<ReviewRecord, 'quantity' | 'unit' | 'unitBasis'>, reference: { readonly unit: string; readonly unitBasis: CalorificBasis | null }): number | null {
  if (record.unit === reference.unit && record.unitBasis === reference.unitBasis) return record.quantity;
  const from = unitById(record.unit, record.unitBasis ?? undefined);
  const to = unitById(reference.unit, reference.unitBasis ?? undefined);
  if (!from || !to) return null;
  const converted = convertQuantity(record.quantity, from, to);
  return converted.ok ? converted.value : null;
}

/** The most common unit of a series (ties: the first seen). */
export function dominantUnit(records: readonly ReviewRecord[]): { readonly unit: string; readonly unitBasis: CalorificBasis | null } {
  const counts = new Map<string, { unit: string; unitBasis: CalorificBasis | null; count: number }>();
  for (const record of records) {
    const key = `${record.unit}\u0000${record.unitBasis ?? ''}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { unit: record.unit, unitBasis: record.unitBasis, count: 1 });
  }
  let best: { unit: string; unitBasis: CalorificBasis | null; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return { unit: best!.unit, unitBasis: best!.unitBasis };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Sum of the records' tCO2e; null when any is unknown. */
export function tco2eOf(records: readonly Pick<ReviewRecord, 'tco2e'>[]): number | null {
  let sum = 0;
  for (const record of records) {
    if (record.tco2e === null) return null;
    sum += record.tco2e;
  }
  return sum;
}

/** The records' and their source rows' ids, each once, in order. */
export function idsOf(records: readonly Pick<ReviewRecord, 'id' | 'rawRowId'>[]): { recordIds: number[]; rawRowIds: number[] } {
  return {
    recordIds: [...new Set(records.map((record) => record.id))].sort((a, b) => a - b),
    rawRowIds: [...new Set(records.map((record) => record.rawRowId))].sort((a, b) => a - b),
  };
}

/** Rounds for display and for a finding's fingerprint: float noise must not reopen a finding. */
export function round(value: number, digits = 6): number {
  return Number(value.toFixed(digits));
}
