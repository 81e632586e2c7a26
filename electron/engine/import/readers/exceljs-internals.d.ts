// exceljs helpers the xlsx reader uses beyond the package's typed API, so that formula
// results convert exactly as exceljs converts plain cells. Pinned by the reader's tests.

declare module 'exceljs/lib/utils/shared-formula' {
  /** Moves the relative references of a shared formula from its master cell to another cell. */
  export function slideFormula(formula: string, fromAddress: string, toAddress: string): string;
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
