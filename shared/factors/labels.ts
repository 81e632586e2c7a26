/**
 * How a factor set's edition, validity and region read to an auditor. A user table without a year
 * is stored as valid for all time (0001-01-01 to 9999-12-31) so any period can use it; that is
 * "undated", not a span of ten thousand years.
 *
 * The words here are the engine's notes', the workbook's and the CLI's (English, as the workbook is); the UI
 * words the same spans from its own catalogue (validitySpan, isUndatedEdition).
 */

export const UNDATED_FROM = '0001-01-01';
export const UNDATED_TO = '9999-12-31';

/** A validity's ends, each null when open (stored as null or as the undated bound). */
export function validitySpan(validFrom: string | null, validTo: string | null): { readonly from: string | null; readonly to: string | null } {
  return { from: validFrom === null || validFrom === UNDATED_FROM ? null : validFrom, to: validTo === null || validTo === UNDATED_TO ? null : validTo };
}

/** '2022-01-01 – 2022-12-31'; 'undated (any period)'; an open end reads 'from …' or 'until …'. */
export function validityLabel(validFrom: string | null, validTo: string | null): string {
  const { from, to } = validitySpan(validFrom, validTo);
  if (from === null && to === null) return 'undated (any period)';
  if (from === null) return `until ${to}`;
  if (to === null) return `from ${from}`;
  return `${from} – ${to}`;
}

/** An edition as stored ('2022', 'undated', '') in words. */
export function editionLabel(edition: string): string {
  return isUndatedEdition(edition) ? 'Undated' : edition;
}

/** A set stored without an edition ('' or 'undated'). */
export function isUndatedEdition(edition: string): boolean {
  return edition === '' || edition === 'undated';
}

/** A set's region, or what its blank region means. */
export function setRegionLabel(region: string | null): string {
  return region === null || region === '' ? 'no region stated' : region;
}
