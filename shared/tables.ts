/**
 * The engagement's browsable tables (records, rejected rows, findings, the audit log, a set's
 * factors): their columns, which of them sort, and the query a page of one is asked with. The
 * engine sorts, filters and pages them in SQL (electron/engine/tables/), the UI shows them in one
 * virtualised table, and CSV exports write every row the same query matches. Columns are stable
 * ids here; what a person reads above a column (on screen and in the CSV the UI exports) is the
 * UI's message catalogue's, keyed by these ids.
 */
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';
import { FINDING_SEVERITIES, FINDING_SOURCES, FINDING_STATUSES } from './review/findings';

/**
 * How a column's values read: numbers right-aligned and grouped, timestamps in UTC, codes
 * monospaced; a period is an ISO date, or an ISO 8601 interval of two ('2022-04-01/2022-04-30'),
 * shown in the reader's locale and written to CSV as is.
 */
export type TableColumnKind = 'text' | 'number' | 'timestamp' | 'code' | 'period';

export interface TableColumnSpec {
  readonly id: string;
  readonly kind: TableColumnKind;
  /** The engine can sort by it (an index keeps that fast at a million rows). */
  readonly sortable: boolean;
}

/** A record counts while its source file is in use; a withdrawn file's records are out of the calculation. */
export const RECORD_STATUSES = ['in-use', 'withdrawn'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** A column the engine sorts by. */
function column<const Id extends string>(id: Id, kind: TableColumnKind = 'text') {
  return { id, kind, sortable: true } as const;
}

/** A column shown and exported but not sorted by (no index behind it). */
function unsorted<const Id extends string>(id: Id, kind: TableColumnKind = 'text') {
  return { id, kind, sortable: false } as const;
}

export const TABLE_COLUMNS = {
  records: [
    column('id', 'number'),
    column('site'),
    column('period', 'period'),
    column('activity'),
    column('quantity', 'number'),
    unsorted('unit'),
    column('source'),
    unsorted('sheet'),
    unsorted('row', 'number'),
    // Whether the record counts: 'in-use', or 'withdrawn' with its source file (who, when, why).
    unsorted('status', 'code'),
    unsorted('withdrawal'),
  ],
  'rejected-rows': [
    column('id', 'number'),
    column('source'),
    unsorted('sheet'),
    unsorted('row', 'number'),
    unsorted('column'),
    column('reason'),
    unsorted('cells'),
  ],
  findings: [
    column('id', 'number'),
    column('severity'),
    column('status'),
    column('rule', 'code'),
    column('site'),
    column('period'),
    column('atStake', 'number'),
    unsorted('message'),
    column('source'),
  ],
  'audit-log': [
    column('seq', 'number'),
    column('at', 'timestamp'),
    column('actor'),
    column('operation', 'code'),
    unsorted('summary'),
    unsorted('params', 'code'),
    unsorted('hash', 'code'),
  ],
  factors: [
    column('id', 'number'),
    column('label'),
    column('activity', 'code'),
    column('unit'),
    column('region'),
    column('scope'),
    column('co2e', 'number'),
  ],
} as const satisfies Record<string, readonly TableColumnSpec[]>;

export type TableName = keyof typeof TABLE_COLUMNS;
export const TABLE_NAMES = Object.keys(TABLE_COLUMNS) as TableName[];

/** A table's column ids. */
export type TableColumnId<T extends TableName> = (typeof TABLE_COLUMNS)[T][number]['id'];
/** Text for every column of every table, by id: the shape the UI's catalogue gives its column headings. */
export type TableColumnTexts = { readonly [T in TableName]: Readonly<Record<TableColumnId<T>, string>> };

type SortableOf<T extends TableName> = Extract<(typeof TABLE_COLUMNS)[T][number], { readonly sortable: true }>['id'];

/** The columns of a table the engine sorts by: the allow-list a query's `sort` is checked against. */
export function sortableColumns<T extends TableName>(table: T): [SortableOf<T>, ...SortableOf<T>[]] {
  return TABLE_COLUMNS[table].filter((spec) => spec.sortable).map((spec) => spec.id) as [SortableOf<T>, ...SortableOf<T>[]];
}

const text = z.string().trim().max(200).default('');
const optionalText = z.string().trim().min(1).max(200).optional();
const rowId = z.number().int().min(1);

/** Sort and search every table shares; filters a table adds are beside them in its own schema. */
function tableQuery<T extends TableName, F extends z.ZodRawShape>(table: T, filters: F) {
  return z.strictObject({
    table: z.literal(table),
    sort: z.enum(sortableColumns(table)).default(sortableColumns(table)[0]),
    descending: z.boolean().default(false),
    /** Rows containing this text (case-insensitive) in any of their text columns. */
    text,
    ...filters,
  });
}

export const TABLE_QUERY_SCHEMAS = [
  tableQuery('records', { site: optionalText, activity: optionalText, sourceFileId: rowId.optional(), status: z.enum(RECORD_STATUSES).optional() }),
  tableQuery('rejected-rows', { sourceFileId: rowId.optional() }),
  tableQuery('findings', {
    status: z.enum(FINDING_STATUSES).optional(),
    severity: z.enum(FINDING_SEVERITIES).optional(),
    rule: optionalText,
    site: optionalText,
    source: z.enum(FINDING_SOURCES).optional(),
    /** Findings a later check no longer raises are kept with their history, and listed only when asked. */
    includeResolved: z.boolean().default(false),
  }),
  tableQuery('audit-log', { operation: optionalText }),
  tableQuery('factors', { factorSetId: rowId }),
] as const;

/** Which rows of which table, sorted how: everything but the page. */
export const tableQuerySchema = z.discriminatedUnion('table', TABLE_QUERY_SCHEMAS);
export type TableQuery = z.output<typeof tableQuerySchema>;
export type TableQueryInput = z.input<typeof tableQuerySchema>;

/** A page: `limit` rows from `offset`, capped so no answer grows with the table. */
export const tablePageSchema = z.strictObject({
  query: tableQuerySchema,
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  /** Count the rows the query matches (a table asks once, with its first page; later pages skip the count). */
  count: z.boolean().default(true),
});

/** A cell as the engine gives it: formatted by the UI by its column's kind, written as is to CSV. */
export type TableValue = string | number | null;

export interface TableRow {
  /** The row's id in its table (record id, audit seq…). */
  readonly key: number;
  readonly cells: readonly TableValue[];
  /** The raw row it came from, to open beside its sheet's headers and neighbours; null when not kept. */
  readonly rawRowId: number | null;
}

export interface TablePage {
  /** Rows matching the query, for the scroll height and the pager; null when not asked for. */
  readonly total: number | null;
  readonly offset: number;
  readonly rows: readonly TableRow[];
}
