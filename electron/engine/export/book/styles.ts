/**
 * The workbook's one set of styles. Every cell takes one of these objects itself (never a copy):
 * exceljs recognises a style object it has seen before, so a million styled rows cost one lookup
 * per cell instead of building a style each time.
 */
import type { Style } from 'exceljs';

const FONT = 'Calibri';
const GREY = { argb: 'FF595959' };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE5EC' } } as const;
const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } } as const;
const THIN = { style: 'thin', color: { argb: 'FF8C8C8C' } } as const;

/** Number formats: tCO2e to 3 decimals, percentages as percentages, dates as dates. */
export const NUMBER_FORMATS = {
  tco2e: '#,##0.000',
  quantity: '#,##0.00####',
  factor: '0.00000####',
  ratio: '0.000',
  percent: '0.00%',
  integer: '0',
  count: '#,##0',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm:ss',
  general: 'General',
} as const;
export type NumberFormatName = keyof typeof NUMBER_FORMATS;

type CellStyle = Partial<Style>;

/** Numbers keep an indent's room on their right, off the text of the next column. */
const NUMBER_ALIGNMENT = { horizontal: 'right', indent: 1 } as const;
const numeric = (format: NumberFormatName, extra: CellStyle = {}): CellStyle => ({ numFmt: NUMBER_FORMATS[format], alignment: NUMBER_ALIGNMENT, ...extra });

export const STYLES = {
  title: { font: { name: FONT, size: 14, bold: true } },
  subtitle: { font: { name: FONT, size: 10, italic: true, color: GREY } },
  section: { font: { name: FONT, size: 11, bold: true } },
  header: {
    font: { name: FONT, size: 10, bold: true },
    fill: HEADER_FILL,
    border: { bottom: THIN },
    alignment: { vertical: 'top', wrapText: true },
  },
  label: { font: { name: FONT, size: 10, bold: true }, alignment: { vertical: 'top' } },
  text: { font: { name: FONT, size: 10 }, alignment: { vertical: 'top' } },
  wrapped: { font: { name: FONT, size: 10 }, alignment: { vertical: 'top', wrapText: true } },
  /**
   * Long text in a row of fixed height: wrapped, so it stays inside its column (the whole text is
   * in the cell) instead of running over the page and shrinking every printed sheet.
   */
  clipped: { font: { name: FONT, size: 10 }, alignment: { vertical: 'top', wrapText: true } },
  note: { font: { name: FONT, size: 10, italic: true, color: GREY }, alignment: { vertical: 'top' } },
  mono: { font: { name: 'Consolas', size: 9 }, alignment: { vertical: 'top' } },
  link: { font: { name: FONT, size: 10, color: { argb: 'FF0563C1' }, underline: true } },
  tco2e: numeric('tco2e', { font: { name: FONT, size: 10 } }),
  quantity: numeric('quantity', { font: { name: FONT, size: 10 } }),
  factor: numeric('factor', { font: { name: FONT, size: 10 } }),
  general: numeric('general', { font: { name: FONT, size: 10 } }),
  ratio: numeric('ratio', { font: { name: FONT, size: 10 } }),
  percent: numeric('percent', { font: { name: FONT, size: 10 } }),
  integer: numeric('integer', { font: { name: FONT, size: 10 } }),
  count: numeric('count', { font: { name: FONT, size: 10 } }),
  date: numeric('date', { font: { name: FONT, size: 10 } }),
  dateTime: numeric('dateTime', { font: { name: FONT, size: 10 } }),
  /** A date among text, as on the cover: aligned with the text around it. */
  dateTimeLeft: numeric('dateTime', { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left' } }),
  totalLabel: { font: { name: FONT, size: 10, bold: true }, border: { top: THIN } },
  totalTco2e: numeric('tco2e', { font: { name: FONT, size: 10, bold: true }, border: { top: THIN } }),
  totalRatio: numeric('ratio', { font: { name: FONT, size: 10, bold: true }, border: { top: THIN } }),
  totalPercent: numeric('percent', { font: { name: FONT, size: 10, bold: true }, border: { top: THIN } }),
  totalQuantity: numeric('quantity', { font: { name: FONT, size: 10, bold: true }, border: { top: THIN } }),
  /** A cell the reviewer fills in (sign-off, ticks). */
  input: { font: { name: FONT, size: 10 }, fill: INPUT_FILL, border: { top: THIN, bottom: THIN, left: THIN, right: THIN } },
  inputDate: numeric('date', { font: { name: FONT, size: 10 }, fill: INPUT_FILL, border: { top: THIN, bottom: THIN, left: THIN, right: THIN } }),
} as const satisfies Record<string, CellStyle>;

export type StyleName = keyof typeof STYLES;
