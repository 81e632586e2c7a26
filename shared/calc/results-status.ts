/**
 * Stored results and their inputs: whether a stored calculation is there, and whether what it
 * was calculated from is still what the engagement holds. Every answer read from stored results
 * carries this, so out-of-date figures are never shown as current.
 */

/** What a stored calculation depends on: a change to any part makes it out of date. */
export const INPUT_PARTS = ['boundary', 'factors', 'method', 'records', 'settings'] as const;
export type InputPart = (typeof INPUT_PARTS)[number];

export const INPUT_PART_LABELS: Readonly<Record<InputPart, string>> = {
  boundary: 'the reporting boundary',
  factors: 'the factor versions',
  method: 'the calculation method (a newer Carbon Audit)',
  records: 'the activity records',
  settings: 'the engagement settings',
};

/** Whether stored results are there, and whether their inputs are still what they were calculated from. */
export type ResultsStatus =
  | { readonly state: 'none' }
  | {
      readonly state: 'current' | 'stale';
      /** The inputs that changed since (none when current). */
      readonly changed: readonly InputPart[];
      readonly calculatedAt: string;
      readonly calculatedBy: string;
      readonly inputsSha256: string;
    };

/** What every answer from out-of-date results says, in the CLI and on screen. */
export const STALE_RESULTS = 'results are out of date: recalculate';

/** 'results are out of date: recalculate (the activity records changed)', or null when current; for no results, what to do. */
export function resultsStatusMessage(status: ResultsStatus): string | null {
  if (status.state === 'none') return 'no results yet: calculate';
  if (status.state === 'current') return null;
  return `${STALE_RESULTS} (${status.changed.map((part) => INPUT_PART_LABELS[part]).join(', ')} changed)`;
}

