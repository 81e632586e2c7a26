/**
 * What the data-quality rules read and return. The engine gathers a ReviewData from the engagement
 * (records, the blank and text cells of the source rows, the totals rows and the sums they should
 * equal, the boundary, the activities the factor sets price); each rule is a pure function of it
 * and of its parameters, returning findings that name the records and source rows they are about.
 */
import type { z } from 'zod';
import type { FiscalPeriod, FiscalSettings } from '../../calc/fiscal';
import type { GwpBasis } from '../../calc/gwp';
import type { CalcRecord } from '../../calc/inventory-types';
import type { BlankQuantity } from '../../import/records';
import type { FindingDraft, FindingSeverity } from '../findings';

/** A record as the rules read it: the calculation's fields, where it came from, and its tCO2e. */
export interface ReviewRecord extends Pick<CalcRecord, 'id' | 'site' | 'periodStart' | 'periodEnd' | 'activity' | 'meaning' | 'quantity' | 'unit' | 'unitBasis'> {
  readonly sourceFileId: number;
  readonly rawRowId: number;
  /** tCO2e of the record (Scope 1, location-based Scope 2, Scope 3 lines); null when not calculated. */
  readonly tco2e: number | null;
}

/** A quantity cell left blank in a source row that still names its site, period and activity. */
export interface BlankReading extends BlankQuantity {
  readonly sourceFileId: number;
  readonly rawRowId: number;
  readonly sheet: string;
  readonly rowNumber: number;
}

export const CELL_FORMS = ['text-number', 'formula-without-result', 'percent'] as const;
/** How a quantity cell was written, when it deserves vouching: a number typed as text, a formula with no cached value, a percentage. */
export type CellForm = (typeof CELL_FORMS)[number];

export interface FlaggedCell {
  readonly form: CellForm;
  readonly sourceFileId: number;
  readonly rawRowId: number;
  readonly sheet: string;
  readonly rowNumber: number;
  readonly column: number;
  /** The cell as written: the text, or the formula. */
  readonly text: string;
  /** The record made from it; null when the row was rejected. */
  readonly recordId: number | null;
}

/** One quantity column of a totals row in a source sheet, and what the rows it totals add up to. */
export interface TotalsRow {
  readonly sourceFileId: number;
  readonly fileName: string;
  readonly sheet: string;
  readonly rawRowId: number;
  readonly rowNumber: number;
  readonly column: number;
  readonly header: string;
  /** The figure the source states (a typed number or a formula's cached result). */
  readonly stated: number;
  /** Exact sums over the data rows it totals: those imported, and every one read (imported or not). */
  readonly importedSum: number;
  readonly readSum: number;
  /** Which rows it totals: those since the previous totals row, or (a grand total) all above it. */
  readonly scope: 'section' | 'all-above';
  readonly dataRows: number;
  /** Rows read with a value in the column that were not imported: they explain a difference. */
  readonly notImportedRawRowIds: readonly number[];
}

/** A factor the calculation priced records at, with the GWP basis of the CO2e it publishes. */
export interface FactorUse {
  readonly factorId: number;
  readonly setKey: string;
  readonly label: string;
  readonly unitText: string;
  readonly gwpBasis: GwpBasis;
  /** Its CO2e is published on another basis than the engagement's, and not re-weighted (factor-value.ts). */
  readonly otherBasis: boolean;
  /** Its CO2e is taken as published on a basis nobody stated (an engagement's own factor table): the basis is assumed. */
  readonly basisUnstated: boolean;
  readonly recordIds: readonly number[];
}

export interface ReviewData {
  readonly records: readonly ReviewRecord[];
  readonly blanks: readonly BlankReading[];
  readonly flaggedCells: readonly FlaggedCell[];
  readonly totalsRows: readonly TotalsRow[];
  /** Sites with a boundary entry. */
  readonly boundarySites: ReadonlySet<string>;
  /** Sites the calculation counted at no share (outside the reporting boundary): their metrics leave them out. Empty when it could not run. */
  readonly sitesOutsideBoundary: ReadonlySet<string>;
  /** Activities some loaded factor set prices; null when no factor set is loaded. */
  readonly factorActivities: ReadonlySet<string> | null;
  /** The factors the calculation used (none when it could not run). */
  readonly factorUses: readonly FactorUse[];
  /** The engagement's GWP basis. */
  readonly gwpBasis: GwpBasis;
  readonly fiscal: FiscalSettings;
}

/** What every rule is given besides its parameters. */
export interface RuleContext {
  /** The engagement's fiscal years (see engagementPeriods). */
  readonly periods: readonly FiscalPeriod[];
}

/** A rule's finding: a FindingDraft whose source is 'rule' and whose rule is the rule's name. */
export type RuleFinding = Omit<FindingDraft, 'source' | 'rule'>;

export interface ReviewRule<Parameters extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title: string;
  /** One line: what it finds and why it matters. */
  readonly doc: string;
  /** The severity of its findings before what is at stake raises it. */
  readonly severity: FindingSeverity;
  /** Its parameters, each with a default and a description. */
  readonly parameters: Parameters;
  run(data: ReviewData, parameters: z.output<Parameters>, context: RuleContext): RuleFinding[];
}

/** A rule, its parameter types inferred from its schema. */
export function defineRule<Parameters extends z.ZodObject>(rule: ReviewRule<Parameters>): ReviewRule<Parameters> {
  return rule;
}
