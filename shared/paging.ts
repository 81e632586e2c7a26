/** Rows of a paged answer (trace lines, findings, table pages): what one screen or one CLI page shows. */
export const DEFAULT_PAGE_SIZE = 100;
/** No page is larger, so no answer grows with the engagement. */
export const MAX_PAGE_SIZE = 1000;
