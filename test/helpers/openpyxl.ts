/** openpyxl, an independent reader of the workbooks the app writes (run with the system Python). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const INSPECT = path.join(__dirname, 'inspect_workbook.py');

export interface Inspection {
  readonly sheets: readonly { name: string; maxRow: number; freezePanes: string | null; autoFilter: string | null; orientation: string; fitToWidth: number; fitToPage: boolean; oddHeader: string; formulas: number }[];
  readonly cells: readonly { sheet: string; ref: string; dataType: string; value: unknown }[];
  readonly definedNames: readonly string[];
}

/** openpyxl's view of the workbook and of the cells asked for ('f' formula, 's' text, 'n' number). */
export function inspect(book: string, cells: readonly (readonly [string, string])[] = []): Inspection {
  return JSON.parse(execFileSync('/usr/bin/python3', [INSPECT, book, JSON.stringify(cells)], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Inspection;
}
