/** What vouching a sampled item against its evidence found. */
export const VOUCHING_RESULTS = ['agreed', 'difference', 'not-vouched'] as const;
export type VouchingResult = (typeof VOUCHING_RESULTS)[number];

/** In the audited workbook's and the CLI's words (English, as the workbook is); the UI names them from its own catalogue. */
export const VOUCHING_RESULT_LABELS: Readonly<Record<VouchingResult, string>> = {
  agreed: 'Agreed to evidence',
  difference: 'Difference',
  'not-vouched': 'Not vouched',
};
