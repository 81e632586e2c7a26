/**
 * The one typed API between the UI and the engine.
 *
 * Each method has an input schema, validated by the engine at the boundary (Electron main
 * process or the browser test harness), and an output type. The preload and the harness
 * bridge build the client from METHOD_NAMES, so a method exists everywhere or nowhere.
 */
import { z } from 'zod';
import type { Cell, RawRow } from './import/cell';
import { mappingSchema, MAPPING_KINDS, type Mapping, type MappingKind } from './import/mapping';
import type { ColumnNotImported, UnitCheck } from './import/column-checks';
import type { ColumnSuggestion } from './import/suggest';
import type { TwinComparison, TwinFindingKind } from './import/twins';
import type { TableGuess } from './import/table';
import type { FindingKind, PeriodResult, SiteInfo, TonnesRange } from './calc/inventory-types';
import type { ResultsStatus } from './calc/results-status';
import type { TraceBreakdown, TracePage } from './calc/trace';
import { FINDING_KINDS } from './calc/inventory-types';
import { TRACE_CSV_COLUMNS, TRACE_SORT_COLUMNS } from './calc/trace';
import { findingQuerySchema, FINDING_STATUSES } from './review/findings';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';
import { TABLE_COLUMNS, TABLE_QUERY_SCHEMAS, tablePageSchema, type TablePage } from './tables';
import { SAMPLE_METHODS, SAMPLE_STRATIFICATIONS } from './review/sampling';
import { SIGN_OFF_AREAS, SIGN_OFF_ROLES } from './review/sign-off';
import type {
  AreaSignOffView, CheckSummary, FindingDetail, FindingPage, LockView, ReviewStatus, RuleView, SampleView, SourceRowView,
} from './review/views';
import { VOUCHING_RESULTS } from './review/vouching';
import { parseFigureReference } from './figures';
import { engagementSettingsSchema, type EngagementSettings } from './settings';
import { adjustmentDetailsSchema, type Adjustment } from './reconcile/adjustments';
import type { FigureBridge } from './reconcile/bridge';
import type { MatchDecision } from './reconcile/claims';
import type { ReconciliationReport } from './reconcile/report';
import type { ReconciliationGlance } from './reconcile/glance';
import type { MonthlyProfile } from './calc/monthly-profile';
import { TARGET_KINDS, type TargetDecision } from './reconcile/targets';
import { RECENT_ID_PATTERN, type MenuCommand } from './menu';
import type { SourceWithdrawal } from './withdrawal';

export interface EngagementSummary {
  readonly path: string;
  readonly fileName: string;
  /** Stable across plain copies of the file (a what-if copy gets its own): what this machine's audit witness is kept under. */
  readonly engagementId: string;
  readonly schemaVersion: number;
  readonly settings: EngagementSettings;
  readonly createdAt: string;
  readonly auditEntries: number;
  readonly auditHeadHash: string;
  /** The audit log against what this machine saw of it before. */
  readonly auditWitness: AuditWitnessStatus;
  /** Finalised: read-only until unlocked with a reason. */
  readonly finalised: boolean;
  /** Where a what-if copy came from, from its `engagement.copy` audit entry; null for an engagement made from new. */
  readonly whatIfCopy: WhatIfCopyOrigin | null;
}

/** The engagement a what-if copy was made from, at which entry of its log, and why. */
export interface WhatIfCopyOrigin {
  readonly file: string;
  readonly engagementId: string;
  /** The original's audit entries when it was copied. */
  readonly auditEntries: number;
  readonly reason: string;
}

/** An audit log's head as this machine saw it. */
export interface AuditHeadSeen {
  readonly entries: number;
  readonly headHash: string;
  readonly seenAt: string;
}

/** An engagement whose audit log is shorter than, or forks from, what this machine saw before. */
export interface AuditWitnessFinding {
  readonly kind: 'cut' | 'forked';
  readonly detectedAt: string;
  readonly filePath: string;
  readonly seen: AuditHeadSeen;
  readonly found: { readonly entries: number; readonly headHash: string };
  readonly message: string;
}

/**
 * The audit log against this machine's witness: 'not-kept' when no witness folder is configured
 * (the engine used as a library), 'first-seen' when this machine has no earlier record (a new
 * engagement, or a file copied from elsewhere), 'consistent' when the log holds every entry seen.
 */
export type AuditWitnessStatus =
  | { readonly status: 'not-kept' | 'first-seen' }
  | { readonly status: 'consistent'; readonly seen: AuditHeadSeen }
  | { readonly status: 'cut' | 'forked'; readonly finding: AuditWitnessFinding };

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly operation: string;
  readonly params: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditVerification =
  | { readonly intact: true; readonly entries: number; readonly headHash: string }
  | { readonly intact: false; readonly entries: number; readonly brokenAt: number; readonly reason: string };

export interface AppInfo {
  readonly version: string;
  /** `browser`: `carbon-audit serve`, where files are uploaded and downloaded instead of chosen in native dialogs. */
  readonly host: 'electron' | 'harness' | 'browser';
}

/** A file the user picked through the host's dialog; the engine keeps its path, the UI a token. */
export interface ChosenFile {
  readonly token: string;
  readonly fileName: string;
  readonly sizeBytes: number;
}

/**
 * Extensions a file may have to be dropped for import (the import dialog offers the same). The
 * content still decides the format; this only keeps other files from being handed to the engine.
 */
export const IMPORT_FILE_EXTENSIONS = ['xlsx', 'xlsm', 'csv', 'txt'] as const;

/** An engagement file's extension (no dot): the dialogs' filter, a dropped file, the OS file association. */
export const ENGAGEMENT_FILE_EXTENSION = 'carbonaudit';

/** What a file's name says it is: an engagement to open, a spreadsheet to import, or neither. */
export function droppedFileKind(fileName: string): 'engagement' | 'spreadsheet' | null {
  const dot = fileName.lastIndexOf('.');
  const extension = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  if (extension === ENGAGEMENT_FILE_EXTENSION) return 'engagement';
  return (IMPORT_FILE_EXTENSIONS as readonly string[]).includes(extension) ? 'spreadsheet' : null;
}

/** An engagement opened on this machine lately, newest first (the app-data folder keeps the list). */
export interface RecentEngagement {
  /** Stands for the path: the UI opens a recent engagement by id, never by naming a path. */
  readonly id: string;
  readonly fileName: string;
  readonly folder: string;
  readonly openedAt: string;
  /** The file is not there now (moved, deleted, a drive not mounted): shown, not opened. */
  readonly missing: boolean;
}

export interface ImportPreview {
  readonly fileName: string;
  readonly format: 'xlsx' | 'xlsm' | 'csv';
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly hasMacros: boolean;
  readonly encoding?: string;
  readonly delimiter?: string;
  /** Set when a file with the same SHA-256 was imported before: ask before importing again. */
  readonly duplicateOf: { readonly sourceFileId: number; readonly fileName: string; readonly importedAt: string } | null;
  readonly sheets: readonly string[];
  readonly sheet: string;
  /** The first rows of the sheet as read (up to PREVIEW_ROWS). */
  readonly rows: readonly RawRow[];
  readonly table: TableGuess | null;
  readonly tableProblem: string | null;
  readonly mapping: Mapping | null;
  readonly columns: readonly ColumnSuggestion[];
  /** Unit checks per numeric column: does the unit text parse, and fit the activity? */
  readonly unitChecks: readonly UnitCheck[];
}

/** A numeric column's values in one unit: summed exactly, never across units. */
export interface UnitControlTotal {
  /** As written (a percentage's is '%', its values in percent points); null where the row gives none. */
  readonly unit: string | null;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

export interface ColumnControlTotal {
  readonly sheet: string;
  readonly column: number;
  readonly header: string;
  /** Data-row cells holding a number as read (a percentage included), whatever the row's fate. */
  readonly count: number;
  readonly blanks: number;
  /** Data-row cells holding something that is not a number (text, an error): their rows are rejected. */
  readonly unreadable: number;
  /** Sum, min and max per unit, in the order first met. */
  readonly byUnit: readonly UnitControlTotal[];
}

export interface SheetControlTotal {
  readonly sheet: string;
  readonly rowsRead: number;
  readonly dataRows: number;
  /** Rows that gave at least one record (factor, target, claim). */
  readonly imported: number;
  /** Rows refused whole: each once, however many reasons it has (`ImportOutcome.rejectedTotal` counts the reasons). */
  readonly rejected: number;
  /**
   * Imported rows some of whose values were refused (already counted in `imported`): a published
   * factor file's row gives one factor per gas or per treatment, and a value that is not a number
   * is refused alone, with its reason listed among the rejections.
   */
  readonly partlyRejected: number;
  /** Rows deliberately not imported, by why: totals, notes, blank rows, rows outside the table. */
  readonly skipped: Readonly<Record<'total' | 'note' | 'blank' | 'outside-table', number>>;
}

export interface RowIssue {
  readonly sheet: string;
  readonly rowNumber: number;
  readonly column: number | null;
  readonly reason: string;
}

/**
 * Something an import found in the data without refusing the row: today, a twin column (the same
 * quantity in another unit) that disagrees with the column imported, or holds a value it lacks.
 */
export interface ImportFinding extends TwinComparison {
  readonly sheet: string;
  readonly rowNumber: number;
  readonly kind: TwinFindingKind;
}

/** A stored import finding, with the file it came from. */
export interface ImportFindingView extends ImportFinding {
  readonly id: number;
  readonly sourceFileId: number;
  readonly fileName: string;
}

export interface ImportOutcome {
  readonly dryRun: boolean;
  /**
   * Whether the import was saved. A dry run never is; nor is an import that creates nothing or
   * rejects more than half its rows (see `shortfall`), unless it was allowed to be.
   */
  readonly committed: boolean;
  readonly sourceFileId: number | null;
  readonly fileName: string;
  readonly sha256: string;
  readonly kind: MappingKind;
  readonly recordsCreated: number;
  /** Claims imported from the claim columns of an activity sheet (a system's own figures per site). */
  readonly claimsCreated: number;
  /** Set when nothing was imported, or more than half of the data rows were rejected: not a success. */
  readonly shortfall: string | null;
  /** Numeric columns (a unit in the header) that were not imported, each with why. */
  readonly columnsNotImported: readonly ColumnNotImported[];
  /** Findings in the data (capped in transit at MAX_ISSUES_IN_OUTCOME; the engagement keeps all). */
  readonly findings: readonly ImportFinding[];
  readonly findingsTotal: number;
  readonly sheets: readonly SheetControlTotal[];
  readonly columns: readonly ColumnControlTotal[];
  /**
   * Every reason a row or a value was refused, by sheet and row (capped in transit at
   * MAX_ISSUES_IN_OUTCOME; the engagement keeps all). A row can have several: the rows are counted
   * in `sheets` (`rejected`, `partlyRejected`).
   */
  readonly rejected: readonly RowIssue[];
  /** How many reasons in all (not rows). */
  readonly rejectedTotal: number;
  /** Totals and note rows that were not imported, each with its reason. */
  readonly skipped: readonly RowIssue[];
  readonly evidenceStored: boolean;
  /** The source file this import replaced: withdrawn in the import's own transaction, so both or neither. */
  readonly replaces: number | null;
  readonly elapsedMs: number;
  /** The check run after a committed import (see the review); absent for a dry run. */
  readonly check?: CheckSummary;
  /** Why that check failed, if it did: the import itself stands. */
  readonly checkError?: string;
}

export const MAX_ISSUES_IN_OUTCOME = 2000;

/** One factor of a set, as the Factor library lists it. */
export interface FactorRowView {
  readonly id: number;
  readonly label: string;
  readonly activityKey: string | null;
  readonly unitText: string;
  readonly region: string | null;
  readonly scope: string | null;
  readonly co2ePerUnitKg: number | null;
}

export interface FactorPage {
  /** Factors matching the filter, for the pager. */
  readonly total: number;
  readonly rows: readonly FactorRowView[];
}

export interface FactorSetSummary {
  readonly id: number;
  readonly setKey: string;
  readonly publisher: string;
  readonly title: string;
  readonly edition: string;
  readonly region: string | null;
  readonly gwpBasis: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly licence: string;
  readonly attribution: string;
  readonly origin: 'library' | 'import';
  readonly factors: number;
  readonly contentSha256: string;
  readonly loadedAt: string;
  /** Used by calculations now; loading a newer version does not change that until recalculation. */
  readonly frozen: boolean;
}

/** A record a group of findings shows as an example. */
export interface FindingExample {
  readonly recordId: number | null;
}

/** Findings that share a kind and a cause (the same ambiguous factors, the same unknown unit): one line of any output, however many records. */
export interface FindingGroup {
  readonly causeId: number;
  readonly kind: FindingKind;
  readonly cause: string;
  readonly count: number;
  /** Σ tCO2e at stake over the findings where it is known (atStakeKnown of count); null when known for none. */
  readonly atStake: TonnesRange | null;
  readonly atStakeKnown: number;
  readonly examples: readonly FindingExample[];
}

export interface FindingsSummary {
  readonly total: number;
  /** The largest groups first, at most MAX_FINDING_GROUPS. */
  readonly groups: readonly FindingGroup[];
  readonly groupsTotal: number;
}

export const MAX_FINDING_GROUPS = 50;

/** The stored inventory of one variant: figures per fiscal year and site, findings grouped, and whether it is out of date. */
export interface InventoryResults {
  readonly variant: string;
  readonly status: ResultsStatus;
  /** False while the engagement has no emission factors: nothing can be calculated. */
  readonly factorsLoaded: boolean;
  readonly periods: readonly PeriodResult[];
  readonly findings: FindingsSummary;
  /** Factor set versions the figures were calculated on. */
  readonly factorSets: readonly string[];
  readonly lines: number;
}

/** One finding of one record, as the findings list pages through them. */
export interface FindingView {
  readonly id: number;
  readonly recordId: number | null;
  readonly kind: FindingKind;
  readonly cause: string;
  readonly detail: string | null;
  readonly atStake: TonnesRange | null;
  /** Where the record came from. */
  readonly source: { readonly fileName: string; readonly sheet: string; readonly rowNumber: number } | null;
}

export interface FindingsPage {
  readonly status: ResultsStatus;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly findings: readonly FindingView[];
}

/** A site in the reporting boundary: the names come from the records; the attributes from the auditor. */
export interface SiteView extends SiteInfo {
  /** False for a site seen in the records but never set: it counts in full, as a non-data-centre. */
  readonly configured: boolean;
  readonly records: number;
  /** The site has IT-energy records, so the calculation treats it as a data centre whether ticked or not. */
  readonly dataCentreByRecords: boolean;
}

export interface FigureChangeView {
  readonly period: string;
  readonly figure: string;
  readonly before: number | null;
  readonly after: number | null;
}
export const PREVIEW_ROWS = 200;
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/**
 * A row as read beside its sheet's own headers (from the import's mapping; the column letter where
 * the mapping named none) and the rows stored around it.
 */
export interface SourceRowContext {
  readonly fileName: string;
  readonly sheet: string;
  /** The row asked for. */
  readonly rowNumber: number;
  readonly headerRowNumber: number | null;
  readonly headers: readonly string[];
  readonly rows: readonly { readonly rawRowId: number; readonly rowNumber: number; readonly cells: readonly Cell[] }[];
}

/** A table saved as CSV: every row its query matches. */
export interface TableCsvOutcome {
  /** To ask for the file again ('export.reveal': a download in the browser, the folder on the desktop). */
  readonly jobId: string;
  readonly fileName: string;
  readonly rows: number;
}

export interface SourceFileSummary {
  readonly id: number;
  readonly fileName: string;
  /** The sheet imported (a CSV's is its file name); null when the mapping named none. */
  readonly sheet: string | null;
  readonly kind: MappingKind;
  readonly format: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly rowsRead: number;
  readonly rowsImported: number;
  /** Rows refused whole, each once: rows read = imported + rejected + skipped. */
  readonly rowsRejected: number;
  /** Imported rows some of whose values were refused (part of `rowsImported`). */
  readonly rowsPartlyRejected: number;
  /** The reasons stored for the rejected rows and refused values (a row can have several). */
  readonly rejectionReasons: number;
  readonly evidenceStored: boolean;
  /**
   * Its latest withdrawal, null if it was never withdrawn. While withdrawn (not reinstated), its
   * records, claims and targets take no part in the calculation, reconciliation or checks; its
   * file, rows and records stay in the engagement.
   */
  readonly withdrawal: SourceWithdrawal | null;
  /** The source file this one was imported to replace. */
  readonly replaces: number | null;
}

/** A source file after it was withdrawn or reinstated, and the check run on the data that changed with it. */
export interface SourceChangeOutcome {
  readonly sourceFileId: number;
  readonly fileName: string;
  /** Its latest withdrawal after the change (reinstated, after a reinstatement). */
  readonly withdrawal: SourceWithdrawal;
  /** Records, claims and targets that left (withdrawn) or rejoined (reinstated) the calculation and reconciliation. */
  readonly records: number;
  readonly claims: number;
  readonly targets: number;
  readonly check?: CheckSummary;
  /** Why that check failed, if it did: the change itself stands. */
  readonly checkError?: string;
}

/** A row an import refused: its reason beside the row as read. */
export interface RejectedRowView {
  readonly id: number;
  readonly column: number | null;
  readonly reason: string;
  readonly row: SourceRowView;
}

export interface RejectedRowPage {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly RejectedRowView[];
}

export interface MappingTemplate {
  readonly name: string;
  readonly kind: MappingKind;
  readonly mapping: Mapping;
  readonly savedAt: string;
  readonly savedBy: string;
}

export interface ImportProgress {
  readonly jobId: string;
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** 0–100, from bytes. */
  readonly percent: number;
}

export type ImportFinished =
  | { readonly jobId: string; readonly ok: true; readonly outcome: ImportOutcome }
  | { readonly jobId: string; readonly ok: false; readonly cancelled: boolean; readonly error: ApiErrorPayload };

export type { Cell, ColumnNotImported, Mapping, MappingKind, UnitCheck };
export type { TraceBreakdown, TraceLine, TracePage, TraceQuery, TraceSubtotal } from './calc/trace';
export { INPUT_PART_LABELS, INPUT_PARTS, resultsStatusMessage, STALE_RESULTS, type InputPart, type ResultsStatus } from './calc/results-status';

// --- Export: the audited workbook and its evidence pack -------------------------------------

export const EXPORT_DETAIL_MODES = ['full', 'summary'] as const;
export type ExportDetailMode = (typeof EXPORT_DETAIL_MODES)[number];

export interface ExportProgress {
  readonly phase: 'calculating' | 'writing' | 'packing' | 'done';
  /** Recalculation-detail rows written, of totalRows. */
  readonly rowsWritten: number;
  readonly totalRows: number;
  /** 0–100 over the whole export. */
  readonly percent: number;
}

export interface ExportOutcome {
  readonly workbookPath: string;
  readonly workbookSha256: string;
  readonly detail: ExportDetailMode;
  readonly detailRows: number;
  readonly calculationLines: number;
  readonly sheets: readonly string[];
  readonly evidencePackPath: string | null;
  readonly evidencePackSha256: string | null;
  /** Source files whose original bytes went into the pack. */
  readonly evidenceFiles: number;
  /** The audit log the workbook shows (the export's own entry follows it). */
  readonly auditEntries: number;
  readonly auditHeadHash: string;
  readonly elapsedMs: number;
}

export type ExportFinished =
  | { readonly jobId: string; readonly ok: true; readonly outcome: ExportOutcome }
  | { readonly jobId: string; readonly ok: false; readonly cancelled: boolean; readonly error: ApiErrorPayload };

// ---------------------------------------------------------------------------------------------

const NO_INPUT = z.object({}).strict();
const id = z.number().int().positive();
/** Why an auditor changes what counts (withdraws, reinstates): required, as the audit log keeps it. */
const reasonSchema = z.string().trim().min(1, 'Give the reason').max(2000);
const fiscalYearLabel = z.string().regex(/^FY\d{4}$/, 'a fiscal year such as FY2023');
const importKind = z.enum(MAPPING_KINDS);
const fileToken = z.string().min(1).max(100);
const recentId = z.string().regex(RECENT_ID_PATTERN, 'a recent engagement’s id');
/** A traceable catalogue figure of one fiscal year, e.g. 'FY2023.scope2_market' or 'FY2023.scope3.6'. */
const figureReference = z.string().max(100).superRefine((text, ctx) => {
  const parsed = parseFigureReference(text, { traceable: true });
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** Which of a figure's lines: one site, activity, source file, or records whose period meets a date range. */
const traceFilters = {
  figure: figureReference,
  site: z.string().min(1).max(200).optional(),
  activity: z.string().min(1).max(100).optional(),
  sourceFileId: z.number().int().min(1).optional(),
  periodFrom: isoDate.optional(),
  periodTo: isoDate.optional(),
};
/** A table or a figure's trace, as a CSV export asks for it: the rows of the query, not a page. */
const csvQuery = z.discriminatedUnion('table', [
  ...TABLE_QUERY_SCHEMAS,
  z.strictObject({ table: z.literal('trace'), ...traceFilters, sort: z.enum(TRACE_SORT_COLUMNS).default('record'), descending: z.boolean().default(false) }),
]);
export type CsvQuery = z.output<typeof csvQuery>;

/** How many columns a CSV export of a query writes: one heading each. */
export function csvColumnCount(query: Pick<CsvQuery, 'table'>): number {
  return query.table === 'trace' ? TRACE_CSV_COLUMNS.length : TABLE_COLUMNS[query.table].length;
}

/**
 * A CSV export: the query's rows under the headings the UI shows for its columns, in its own
 * language (from its catalogue), one per column in order, so the file reads like the table.
 */
const tableCsvRequest = z.strictObject({ query: csvQuery, headers: z.array(z.string().trim().min(1).max(200)).max(100) }).superRefine(({ query, headers }, context) => {
  if (headers.length !== csvColumnCount(query)) context.addIssue({ code: 'custom', path: ['headers'], message: `${headers.length} headings for the ${csvColumnCount(query)} columns of ${query.table}` });
});
const page = { page: z.number().int().min(0).default(0), pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE) };

interface MethodSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Phantom field carrying the output type; never set at run time. */
  readonly output?: Output;
}

function method<Output>() {
  return <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({ input });
}

export const API = {
  'app.info': method<AppInfo>()(NO_INPUT),
  /** Asks the host where to save (a native dialog), then creates the file. Null when cancelled. */
  'engagement.create': method<EngagementSummary | null>()(z.object({ settings: engagementSettingsSchema }).strict()),
  /** Asks the host which file to open (a native dialog). Null when cancelled. */
  'engagement.open': method<EngagementSummary | null>()(NO_INPUT),
  /**
   * Builds a fresh copy of the sample engagement (a fictional group's two years, its reported
   * figures and targets) through the normal import and calculation, where the host's save dialog
   * says, and opens it. Null when cancelled.
   */
  'sample.open': method<EngagementSummary | null>()(NO_INPUT),
  'engagement.current': method<EngagementSummary | null>()(NO_INPUT),
  /** Engagements opened or created on this machine, newest first, each marked when its file is missing. */
  'recent.list': method<readonly RecentEngagement[]>()(NO_INPUT),
  /** Opens a recent engagement by its id; a missing file is refused with its name. */
  'recent.open': method<EngagementSummary>()(z.object({ id: recentId }).strict()),
  /** Takes an engagement off the recent list (its file is left alone). */
  'recent.remove': method<readonly RecentEngagement[]>()(z.object({ id: recentId }).strict()),
  'engagement.close': method<null>()(NO_INPUT),
  'engagement.updateSettings': method<EngagementSummary>()(z.object({ settings: engagementSettingsSchema }).strict()),
  /** Makes the engagement read-only (every change refused and logged) until it is unlocked. */
  'engagement.finalise': method<LockView>()(NO_INPUT),
  'engagement.unlock': method<LockView>()(z.object({ reason: z.string().trim().min(1, 'Unlocking needs a reason').max(2000) }).strict()),
  'audit.verify': method<AuditVerification>()(NO_INPUT),
  'audit.entries': method<readonly AuditEntry[]>()(
    z.object({
      afterSeq: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      operation: z.string().min(1).max(100).optional(),
      text: z.string().max(200).optional(),
    }).strict(),
  ),
  /** Asks the host for a spreadsheet to import (a native dialog). Null when cancelled. */
  'import.chooseFile': method<ChosenFile | null>()(NO_INPUT),
  /** Reads the first rows of a sheet and suggests the table bounds and the mapping. */
  'import.preview': method<ImportPreview>()(
    z.object({ file: fileToken, kind: importKind, sheet: z.string().min(1).optional() }).strict(),
  ),
  /**
   * Starts an import (or a dry run that validates everything and commits nothing) off the UI
   * thread. An import that creates nothing or rejects most rows is not saved unless `allowEmpty`.
   */
  'import.start': method<{ readonly jobId: string }>()(
    z.object({
      file: fileToken,
      mapping: mappingSchema,
      dryRun: z.boolean().default(false),
      allowDuplicate: z.boolean().default(false),
      allowEmpty: z.boolean().default(false),
      /** The source file this import replaces: withdrawn, with the reason, in the import's transaction. */
      replaces: z.object({ sourceFileId: id, reason: reasonSchema }).strict().optional(),
    }).strict(),
  ),
  /** Cancels a running import: it rolls back and the engagement is unchanged. */
  'import.cancel': method<null>()(z.object({ jobId: z.string().min(1) }).strict()),
  'import.sources': method<readonly SourceFileSummary[]>()(NO_INPUT),
  /** Withdraws a source file: it stays on record, its records, claims and targets leave the calculation and reconciliation (logged). */
  'sources.withdraw': method<SourceChangeOutcome>()(z.object({ sourceFileId: id, reason: reasonSchema }).strict()),
  /** Reinstates a withdrawn source file: its records, claims and targets count again (logged). */
  'sources.reinstate': method<SourceChangeOutcome>()(z.object({ sourceFileId: id, reason: reasonSchema }).strict()),
  /** The rows an import refused, each with its reason and its cells as read. */
  'import.rejectedRows': method<RejectedRowPage>()(
    z.object({ sourceFileId: z.number().int().min(1), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ),
  /** What imports found in the data (a twin column disagreeing with the column imported), by file, sheet and row. */
  'import.findings': method<readonly ImportFindingView[]>()(z.object({ sourceFileId: z.number().int().min(1).optional() }).strict()),
  /** A page of a table (records, rejected rows, findings, audit log, factors), sorted and filtered in SQL. */
  'tables.page': method<TablePage>()(tablePageSchema),
  /** A raw row (or a record's) beside its sheet's headers and the rows stored around it. */
  'tables.sourceRow': method<SourceRowContext>()(
    z.union([
      z.strictObject({ rawRowId: id, around: z.number().int().min(0).max(10).default(3) }),
      z.strictObject({ recordId: id, around: z.number().int().min(0).max(10).default(3) }),
    ]),
  ),
  'mapping.list': method<readonly MappingTemplate[]>()(NO_INPUT),
  'mapping.save': method<MappingTemplate>()(z.object({ name: z.string().trim().min(1).max(120), mapping: mappingSchema }).strict()),
  /** Every site named in the records or configured, with its boundary attributes. */
  'boundary.sites': method<readonly SiteView[]>()(NO_INPUT),
  'boundary.setSite': method<SiteView>()(
    z.object({
      name: z.string().trim().min(1).max(200),
      ownershipPercent: z.number().min(0).max(100),
      operationalControl: z.boolean(),
      financialControl: z.boolean(),
      isDataCentre: z.boolean(),
      region: z.string().trim().min(1).max(40).nullable(),
    }).strict(),
  ),
  'factors.sets': method<readonly FactorSetSummary[]>()(NO_INPUT),
  /** A page of one set's factors, filtered by text, in the set's order. */
  'factors.list': method<FactorPage>()(
    z.object({
      factorSetId: z.number().int().min(1),
      text: z.string().max(200).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
  ),
  /** Adds the shipped default library as new versions; figures change only on recalculation. */
  'factors.loadLibrary': method<readonly FactorSetSummary[]>()(NO_INPUT),
  /** The stored inventory as it is, and whether it is out of date: never calculates (nor freezes factor versions). */
  'inventory.results': method<InventoryResults>()(NO_INPUT),
  /** Calculates on the frozen factor versions (freezing the newest first, if none are) and stores the results; reuses them when nothing changed. */
  'inventory.calculate': method<InventoryResults>()(NO_INPUT),
  /** Re-freezes on the newest factor versions and returns what moved (logged). */
  'inventory.recalculate': method<readonly FigureChangeView[]>()(NO_INPUT),
  /** One page of a figure's stored lines, e.g. 'FY2023.scope2_market': filtered, sorted, with the filtered total and subtotals. */
  'inventory.trace': method<TracePage>()(
    z.object({
      ...traceFilters,
      ...page,
      sort: z.enum(TRACE_SORT_COLUMNS).default('record'),
      descending: z.boolean().default(false),
      subtotalBy: z.enum(['site', 'activity']).optional(),
    }).strict(),
  ),
  /** The same lines by fiscal quarter and month (each record spread by days over its period). */
  'inventory.traceBreakdown': method<TraceBreakdown>()(z.object(traceFilters).strict()),
  /** One activity's quantity per site and month over the fiscal years, from the records as stored; a month without records is a gap (null). */
  'inventory.monthlyProfile': method<MonthlyProfile>()(z.object({ activity: z.string().min(1).max(100).optional() }).strict()),
  /** One page of every finding, one per record, optionally of one kind or cause. */
  'inventory.findings': method<FindingsPage>()(
    z.object({ kind: z.enum(FINDING_KINDS).optional(), causeId: z.number().int().min(1).optional(), ...page }).strict(),
  ),
  /** Runs the data-quality rules (all, or those named) and merges what they find into the findings (logged). */
  'review.check': method<CheckSummary>()(z.object({ rules: z.array(z.string().min(1).max(100)).max(50).optional() }).strict()),
  /** What the last check reported (it runs after each import too); null before the first. */
  'review.latestCheck': method<CheckSummary | null>()(NO_INPUT),
  /** Every rule with its documentation and the parameters this engagement runs it with. */
  'review.rules': method<readonly RuleView[]>()(NO_INPUT),
  'review.setRuleParameters': method<RuleView>()(
    z.object({ rule: z.string().min(1).max(100), parameters: z.record(z.string(), z.unknown()).default({}), reset: z.boolean().default(false) }).strict(),
  ),
  /** Findings from every source, filtered, sorted and paged. */
  'findings.list': method<FindingPage>()(findingQuerySchema),
  /** One finding with its records, source rows and history. */
  'findings.get': method<FindingDetail>()(z.object({ id: z.number().int().min(1) }).strict()),
  /** A comment, or a new status with the comment saying why ('adjusted' names the adjustment); logged. */
  'findings.update': method<FindingDetail>()(
    z.object({
      id: z.number().int().min(1),
      status: z.enum(FINDING_STATUSES).optional(),
      comment: z.string().max(4000).optional(),
      adjustmentId: z.number().int().min(1).optional(),
    }).strict(),
  ),
  /** Draws a sample for vouching (seeded: the same seed over the same population selects the same items); logged. */
  'sampling.draw': method<SampleView>()(
    z.object({
      method: z.enum(SAMPLE_METHODS),
      size: z.number().int().min(1).max(10_000),
      seed: z.string().trim().regex(/^\d{1,20}$/, 'The seed is a whole number'),
      stratifyBy: z.enum(SAMPLE_STRATIFICATIONS).nullable().default(null),
      population: z.enum(['records', 'lines']).default('records'),
    }).strict(),
  ),
  'sampling.list': method<readonly SampleView[]>()(NO_INPUT),
  /** Records what vouching an item found; a difference can become a finding; logged. */
  'sampling.vouch': method<SampleView>()(
    z.object({
      sampleId: z.number().int().min(1),
      drawOrder: z.number().int().min(1),
      result: z.enum(VOUCHING_RESULTS),
      comment: z.string().max(4000).optional(),
      raiseFinding: z.boolean().default(false),
    }).strict(),
  ),
  /** Sign-off per area (with what changed since each), the lock, and the open findings. */
  'signoff.status': method<ReviewStatus>()(NO_INPUT),
  'signoff.sign': method<AreaSignOffView>()(
    z.object({ area: z.enum(SIGN_OFF_AREAS), role: z.enum(SIGN_OFF_ROLES), comment: z.string().max(2000).optional() }).strict(),
  ),
  /** Asks the host where to save the workbook (a native dialog), then exports off the UI thread. Null when cancelled. */
  'export.start': method<{ readonly jobId: string; readonly fileName: string } | null>()(
    z.object({ detail: z.enum(EXPORT_DETAIL_MODES).default('full'), evidencePack: z.boolean().default(false) }).strict(),
  ),
  /** Asks the host where to save (a native dialog; a download in the browser), then writes every row of the table as CSV. Null when cancelled. */
  'export.tableCsv': method<TableCsvOutcome | null>()(tableCsvRequest),
  /** Cancels a running export: nothing appears under the chosen names. */
  'export.cancel': method<null>()(z.object({ jobId: z.string().min(1) }).strict()),
  /** Shows a finished export's workbook in the system's file manager. */
  'export.reveal': method<null>()(z.object({ jobId: z.string().min(1) }).strict()),
  /** Claims, targets, adjustments and the misstatement summary, as imported and corrected; off the UI thread, with 'reconcile.progress'. */
  'reconcile.report': method<ReconciliationReport>()(NO_INPUT),
  /** Claim status counts and targets on the stored figures as imported: calculates and writes nothing (the Overview). */
  'reconcile.glance': method<ReconciliationGlance>()(NO_INPUT),
  /** A figure's change between two fiscal years by site or activity, into volume and factor effects. */
  'reconcile.bridge': method<FigureBridge>()(
    z.object({
      figure: z.string().min(1).max(100),
      from: fiscalYearLabel,
      to: fiscalYearLabel,
      by: z.enum(['site', 'activity']),
      site: z.string().min(1).max(200).optional(),
      uncorrected: z.boolean().default(false),
    }).strict(),
  ),
  /** Confirms or changes the figure a claim is about; null with a note: about no figure (logged). */
  'reconcile.confirmMatch': method<MatchDecision>()(
    z.object({ claimId: id, figure: z.string().min(1).max(100).nullable(), note: z.string().max(1000).nullable().default(null) }).strict(),
  ),
  /** Confirms or changes a target's figure and kind (logged). */
  'reconcile.confirmTarget': method<TargetDecision>()(z.object({ targetId: id, figure: z.string().min(1).max(100), kind: z.enum(TARGET_KINDS) }).strict()),
  /** Saves a claims file's mapping with the confirmed matches as a template (logged). */
  'reconcile.saveMatchTemplate': method<MappingTemplate>()(z.object({ sourceFileId: id, name: z.string().trim().min(1).max(120) }).strict()),
  'adjustments.list': method<readonly Adjustment[]>()(NO_INPUT),
  /** Proposes a correction apart from the source data, with its reason and the claims it comes from (logged). */
  'adjustments.propose': method<Adjustment>()(
    z.object({ details: adjustmentDetailsSchema, reason: reasonSchema, claimIds: z.array(id).max(100).default([]) }).strict(),
  ),
  /** Withdraws an adjustment: it stays on record and corrects nothing (logged). */
  'adjustments.withdraw': method<Adjustment>()(z.object({ adjustmentId: id, reason: reasonSchema }).strict()),
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = (typeof API)[M] extends MethodSpec<z.ZodType, infer Output> ? Output : never;

export const METHOD_NAMES = Object.keys(API) as ApiMethod[];

/** Events the engine pushes to the UI (progress of long work). */
export interface ApiEvents {
  readonly 'engagement.changed': EngagementSummary | null;
  readonly 'import.progress': ImportProgress;
  readonly 'import.finished': ImportFinished;
  readonly 'export.progress': ExportProgress & { readonly jobId: string };
  readonly 'export.finished': ExportFinished;
  /** The phase a reconciliation started: both calculations, then the comparison. */
  readonly 'reconcile.progress': { readonly phase: 'calculating' | 'reconciling' };
  /** The step the sample engagement's build has reached (sample.open), e.g. importing one sheet. */
  readonly 'sample.progress': { readonly step: string };
  /** A command chosen in the desktop app's menu, for the window to carry out (see shared/menu.ts). */
  readonly 'app.menu': MenuCommand;
}
export type ApiEventName = keyof ApiEvents;
export const EVENT_NAMES: readonly ApiEventName[] = ['engagement.changed', 'import.progress', 'import.finished', 'export.progress', 'export.finished', 'reconcile.progress', 'sample.progress', 'app.menu'];

/** What crosses the transport: errors travel as data so their code and message survive IPC. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorPayload };

export interface ApiErrorPayload {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export type Transport = (method: ApiMethod, input: unknown) => Promise<Envelope<unknown>>;

/** What the preload (Electron) or the harness bridge (browser tests) puts on `window.carbonAudit`. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(eventName: string, listener: (payload: unknown) => void): () => void;
  /**
   * A spreadsheet the user dropped on the window (a DOM File) to import. The host resolves it itself
   * (Electron's preload reads its path from the OS; the harness uploads it), so the UI never names a
   * path, and checks it: a regular file with one of IMPORT_FILE_EXTENSIONS, not one of the app's own.
   */
  dropFile(file: unknown): Promise<Envelope<ChosenFile>>;
  /**
   * An engagement file dropped on the window, opened in place of the current one. Resolved by the
   * host as dropFile is (Electron by its OS path; the browser by uploading it), never by a path from the page.
   */
  dropEngagement(file: unknown): Promise<Envelope<EngagementSummary>>;
}
export type EventSource = <E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) => () => void;

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The client the renderer uses: `api.call('engagement.open', {})`, typed end to end. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on: EventSource;
  dropFile(file: unknown): Promise<ChosenFile>;
  dropEngagement(file: unknown): Promise<EngagementSummary>;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.value;
}

export function createApiClient(transport: Transport, events: EventSource, drops: Pick<Bridge, 'dropFile' | 'dropEngagement'>): ApiClient {
  return {
    async call(method, input) {
      return unwrap(await transport(method, input)) as never;
    },
    on: events,
    async dropFile(file) {
      return unwrap(await drops.dropFile(file));
    },
    async dropEngagement(file) {
      return unwrap(await drops.dropEngagement(file));
    },
  };
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
