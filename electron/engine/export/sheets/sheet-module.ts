import type { Book } from '../book/book';
import type { ExportContext } from '../context';

export interface SheetTab {
  readonly name: string;
  /** One line for the cover's index. */
  readonly description: string;
}

/**
 * One kind of sheet. The workbook is the ordered list of modules in `sheets/index.ts`: a new
 * sheet (claims reconciliation, targets, adjustments, findings, sampling) is one module and one
 * line there.
 */
export interface SheetModule {
  /** The tabs this module writes, in order (the detail continues over several when it must). */
  tabs(context: ExportContext): readonly SheetTab[];
  /** Writes its tabs; sheets are written in workbook order, each committed before the next. */
  write(book: Book, context: ExportContext): Promise<void>;
}
