import type { MappingKind } from '../../../../shared/contract';

export const KIND_LABELS: Readonly<Record<MappingKind, string>> = {
  activity: 'Activity data',
  factors: 'Emission factors',
  targets: 'Targets',
  claims: 'Reported figures',
};

const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/** 1536 → '1.5 KB'. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

const NUMBER_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });

/** Numbers in control totals: grouped, up to six decimals, never rounded to a misleading whole. */
export function formatNumber(value: number | null): string {
  return value === null ? '—' : NUMBER_FORMAT.format(value);
}

/** '2024-05-03T10:15:00.000Z' → '2024-05-03 10:15:00' (UTC). */
export function formatTimestamp(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}
