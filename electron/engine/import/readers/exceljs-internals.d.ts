// exceljs helpers the xlsx reader uses beyond the package's typed API, so that formula
// results convert exactly as exceljs converts plain cells. Pinned by the reader's tests.

declare module 'exceljs/lib/utils/shared-formula' {
  /** Moves the relative references of a shared formula from its master cell to another cell. */
  export function slideFormula(formula: string, fromAddress: string, toAddress: string): string;
}

declare module 'exceljs/lib/utils/col-cache' {
  const colCache: {
    /** `B7` as `{ row: 7, col: 2 }`. */
    decode(address: string): { row: number; col: number };
    /** Column letters as a 1-based number; throws beyond XFD. */
    l2n(letters: string): number;
    /** A 1-based column number as letters; throws outside 1 to 16,384. */
    n2l(column: number): string;
  };
  export default colCache;
}

declare module 'exceljs/lib/utils/utils' {
  const utils: {
    /** True when a number format shows dates or times. */
    isDateFmt(format: string | undefined): boolean;
    /** A serial day number as a UTC instant. */
    excelToDate(serial: number, date1904: boolean): Date;
  };
  export default utils;
}
