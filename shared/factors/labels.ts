/**
 * How a factor set's edition, validity and region read to an auditor. A user table without a year
 * is stored as valid for all time (0001-01-01 to 9999-12-31) so any period can use it; that is
 * "undated", not a span of ten thousand years.
 */

export const UNDATED_FROM = '0001-01-01';
export const UNDATED_TO = '9999-12-31';

/** '2022-01-01 – 2022-12-31'; 'undated (any period)'; an open end reads 'from …' or 'until …'. */
export function validityLabel(validFrom: string | null, validTo: string | null): string {
  const from = validFrom === null || validFrom === UNDATED_FROM ? null : validFrom;
  const to = validTo === null || validTo === UNDATED_TO ? null : validTo;
  if (from === null && to === null) return 'undated (any period)';
  if (from === null) return `until ${to}`;
  if (to === null) return `from ${from}`;
  return `${from} – ${to}`;
}

/** An edition as stored ('2022', 'undated', '') in words. */
export function editionLabel(edition: string): string {
  return edition === '' || edition === 'undated' ? 'Undated' : edition;
}

/** A set's region, or what its blank region means. */
export function setRegionLabel(region: string | null): string {
  return region === null || region === '' ? 'no region stated' : region;
}
