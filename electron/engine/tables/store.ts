/**
 * The SQL behind the browsable tables: each sorted, filtered and paged in SQLite, never read whole.
 * A page is found through an index first (the ids of `limit` rows from `offset`, in the sorted
 * column's index, which carries the row id), and only those rows are then read in full, so a
 * page deep into a million records costs an index walk, not a million row reads.
 */
import { describeAuditEntry } from '../../../shared/audit-summary';
import type { SourceRowContext } from '../../../shared/contract';
import { columnLetter, type Cell } from '../../../shared/import/cell';
import { rowAsRead } from '../../../shared/import/values';
import type { RecordStatus, TableName, TablePage, TableQuery, TableRow } from '../../../shared/tables';
import { withdrawnSourceText } from '../../../shared/withdrawal';
import type { ReadableDb } from '../db/handles';
import { withdrawalInForceJoin, withdrawnSourceColumns, withdrawnSourceOf, type WithdrawnSourceColumns } from '../db/source-withdrawal-sql';

type QueryOf<T extends TableName> = Extract<TableQuery, { table: T }>;
type Params = Record<string, string | number>;

interface TableSql<T extends TableName> {
  /** The table the page's ids are found in, aliased `t`, and its key column. */
  readonly from: string;
  readonly key: string;
  /** SQL for each sortable column: the allow-list's ids mapped to expressions (over `t`). */
  readonly sort: Record<QueryOf<T>['sort'], string>;
  /** What `text` is searched in (lower-cased), over `t`. */
  readonly searched: string;
  readonly filters: (query: QueryOf<T>) => { readonly clauses: readonly string[]; readonly params: Params };
  /**
   * The full rows of the page's ids (`p.id`), the table again aliased `t` so the page is put in
   * order by the same SQL. `p CROSS JOIN` the table: SQLite then reads p's few rows first and looks
   * each up by id; left to choose, it may walk the whole table in the sorted order to probe p
   * (seconds a page at a million records).
   */
  readonly select: string;
  readonly row: (raw: readonly unknown[]) => TableRow;
}

/** `column = @name` for each filter given; those left undefined do not narrow. */
function equalities(filters: Record<string, readonly [column: string, value: string | number | undefined]>, always: readonly string[] = []): { clauses: string[]; params: Params } {
  const given = Object.entries(filters).filter((entry): entry is [string, [string, string | number]] => entry[1][1] !== undefined);
  return { clauses: [...always, ...given.map(([name, [column]]) => `${column} = @${name}`)], params: Object.fromEntries(given.map(([name, [, value]]) => [name, value])) };
}

const TABLES: { readonly [T in TableName]: TableSql<T> } = {
  records: {
    from: 'activity_record t',
    key: 't.id',
    sort: { id: 't.id', site: 't.site', period: 't.period_start', activity: 't.activity', quantity: 't.quantity', source: 't.raw_row_id' },
    searched: "coalesce(t.site, '') || ' ' || t.activity || ' ' || t.unit_text || ' ' || coalesce(t.notes, '')",
    filters: (query) => equalities(
      { site: ['t.site', query.site], activity: ['t.activity', query.activity], sourceFileId: ['t.source_file_id', query.sourceFileId] },
      query.status === undefined ? [] : [`t.source_file_id ${query.status === 'withdrawn' ? '' : 'NOT '}IN (SELECT source_file_id FROM withdrawn_source)`],
    ),
    select: `SELECT t.id, t.site, t.period_start, t.period_end, t.activity, t.quantity, t.unit_text, s.file_name, w.sheet, w.row_number, t.raw_row_id,
                    ${withdrawnSourceColumns('iw', 's')}
               FROM p CROSS JOIN activity_record t ON t.id = p.id JOIN source_file s ON s.id = t.source_file_id JOIN raw_row w ON w.id = t.raw_row_id
                    ${withdrawalInForceJoin('s.id', 'iw')}`,
    // The activity by its key, as the period by its ISO dates and the status by its id: the UI names them from its catalogue; a CSV carries the key.
    row: ([id, site, start, end, activity, quantity, unit, fileName, sheet, rowNumber, rawRowId, withdrawnAt, withdrawnBy, withdrawnReason, withdrawnFileId, withdrawnFileName]) => {
      const withdrawn = withdrawnSourceOf({ withdrawnAt, withdrawnBy, withdrawnReason, withdrawnFileId, withdrawnFileName } as WithdrawnSourceColumns);
      const status: RecordStatus = withdrawn ? 'withdrawn' : 'in-use';
      return {
        key: id as number,
        cells: [
          id as number, site as string | null, start === end ? (start as string) : `${start as string}/${end as string}`, activity as string, quantity as number, unit as string, fileName as string, sheet as string, rowNumber as number,
          status, withdrawn ? withdrawnSourceText(withdrawn) : null,
        ],
        rawRowId: rawRowId as number,
      };
    },
  },
  'rejected-rows': {
    from: 'rejected_row t',
    key: 't.id',
    sort: { id: 't.id', source: 't.source_file_id', reason: 't.reason' },
    searched: "t.reason || ' ' || t.sheet",
    filters: (query) => equalities({ sourceFileId: ['t.source_file_id', query.sourceFileId] }),
    select: `SELECT t.id, s.file_name, t.sheet, t.row_number, t.column_index, t.reason, w.cells_json, w.id
               FROM p CROSS JOIN rejected_row t ON t.id = p.id JOIN source_file s ON s.id = t.source_file_id
               LEFT JOIN raw_row w ON w.source_file_id = t.source_file_id AND w.sheet = t.sheet AND w.row_number = t.row_number`,
    row: ([id, fileName, sheet, rowNumber, column, reason, cellsJson, rawRowId]) => ({
      key: id as number,
      cells: [id as number, fileName as string, sheet as string, rowNumber as number, column === null ? null : columnLetter(column as number), reason as string, cellsJson === null ? null : rowAsRead(JSON.parse(cellsJson as string) as Cell[])],
      rawRowId: rawRowId as number | null,
    }),
  },
  findings: {
    from: 'finding t',
    key: 't.id',
    sort: { id: 't.id', severity: "CASE t.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END", status: 't.status', rule: 't.rule', site: 't.site', period: 't.period', atStake: 't.tco2e_at_stake', source: 't.source' },
    searched: "t.message || ' ' || t.rule || ' ' || coalesce(t.site, '') || ' ' || coalesce(t.activity, '')",
    filters: (query) => equalities(
      { status: ['t.status', query.status], severity: ['t.severity', query.severity], rule: ['t.rule', query.rule], site: ['t.site', query.site], source: ['t.source', query.source] },
      query.includeResolved ? [] : ['t.resolved_run_id IS NULL'],
    ),
    select: `SELECT t.id, t.severity, t.status, t.rule, t.site, t.period, t.tco2e_at_stake, t.message, t.source,
                    (SELECT min(raw_row_id) FROM finding_row WHERE finding_id = t.id)
               FROM p CROSS JOIN finding t ON t.id = p.id`,
    row: ([id, severity, status, rule, site, period, atStake, message, source, rawRowId]) => ({
      key: id as number,
      cells: [id as number, severity as string, status as string, rule as string, site as string | null, period as string | null, atStake as number | null, message as string, source as string],
      rawRowId: rawRowId as number | null,
    }),
  },
  'audit-log': {
    from: 'audit_log t',
    key: 't.seq',
    sort: { seq: 't.seq', at: 't.at', actor: 't.actor', operation: 't.operation' },
    searched: "t.actor || ' ' || t.operation || ' ' || t.params_json",
    filters: (query) => equalities({ operation: ['t.operation', query.operation] }),
    select: 'SELECT t.seq, t.at, t.actor, t.operation, t.params_json, t.hash FROM p CROSS JOIN audit_log t ON t.seq = p.id',
    row: ([seq, at, actor, operation, paramsJson, hash]) => ({
      key: seq as number,
      cells: [seq as number, at as string, actor as string, operation as string, describeAuditEntry(operation as string, JSON.parse(paramsJson as string)).summary, paramsJson as string, hash as string],
      rawRowId: null,
    }),
  },
  factors: {
    from: 'emission_factor t',
    key: 't.id',
    sort: { id: 't.id', label: 't.label', activity: 't.activity_key', unit: 't.unit_text', region: 't.region', scope: 't.scope', co2e: 't.co2e_per_unit_kg' },
    searched: "t.label || ' ' || coalesce(t.activity_key, '') || ' ' || t.unit_text || ' ' || coalesce(t.region, '')",
    filters: (query) => equalities({ factorSetId: ['t.factor_set_id', query.factorSetId] }),
    select: `SELECT t.id, t.label, t.activity_key, t.unit_text, t.region, t.scope, t.co2e_per_unit_kg, t.raw_row_id
               FROM p CROSS JOIN emission_factor t ON t.id = p.id`,
    row: ([id, label, activity, unit, region, scope, co2e, rawRowId]) => ({
      key: id as number,
      cells: [id as number, label as string, activity as string | null, unit as string, region as string | null, scope as string | null, co2e as number | null],
      rawRowId: rawRowId as number | null,
    }),
  },
};

function whereOf<T extends TableName>(sql: TableSql<T>, query: QueryOf<T>): { where: string; params: Params } {
  const filters = sql.filters(query);
  const clauses = [...filters.clauses, ...(query.text === '' ? [] : [`instr(lower(${sql.searched}), lower(@text)) > 0`])];
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params: { ...filters.params, ...(query.text === '' ? {} : { text: query.text }) } };
}

/** The ORDER BY of a query: its column, then the key, so rows that tie keep one order on every page. */
function orderOf<T extends TableName>(sql: TableSql<T>, query: QueryOf<T>): string {
  const direction = query.descending ? 'DESC' : 'ASC';
  const column = sql.sort[query.sort as QueryOf<T>['sort']];
  return column === sql.key ? `${column} ${direction}` : `${column} ${direction}, ${sql.key} ${direction}`;
}

/** How many rows a query matches. */
export function countTableRows(db: ReadableDb, query: TableQuery): number {
  const sql = TABLES[query.table] as TableSql<TableName>;
  const { where, params } = whereOf(sql, query);
  return db.prepare(`SELECT count(*) FROM ${sql.from} ${where}`).pluck().get(params) as number;
}

/**
 * From this offset on, a page in the far half of a query is found from its end. SQLite reaches an
 * offset by stepping over every row before it, so the last page of a million is a million steps
 * from the start but a few from the end; the count that tells which half a page is in costs one
 * walk of a narrow index, worth it only this deep.
 */
const FROM_THE_END_AFTER = 10_000;

/**
 * `limit` rows of a query from `offset`, in its order: what the UI asks for, wherever it is
 * scrolled. `total`, when known, is how many rows the query matches.
 */
export function selectTableRows(db: ReadableDb, query: TableQuery, offset: number, limit: number, total?: number): TableRow[] {
  const sql = TABLES[query.table] as TableSql<TableName>;
  const { where, params } = whereOf(sql, query);
  const order = orderOf(sql, query);
  // A text search reads every row to count them: only a query an index answers is worth counting.
  const matching = total ?? (offset > FROM_THE_END_AFTER && query.text === '' ? countTableRows(db, query) : undefined);
  // The reverse order is exactly the order backwards (ties by key, NULLs at the other end), so the
  // page's ids are the rows counted back from the end; the full rows are then put in the query's order.
  const fromEnd = matching !== undefined && offset > matching / 2;
  const bounds = fromEnd ? { limit: Math.min(limit, matching - offset), offset: Math.max(0, matching - offset - limit) } : { limit, offset };
  if (bounds.limit <= 0) return [];
  const ids = `SELECT ${sql.key} AS id FROM ${sql.from} ${where} ORDER BY ${fromEnd ? orderOf(sql, { ...query, descending: !query.descending }) : order} LIMIT @limit OFFSET @offset`;
  return (db.prepare(`WITH p AS MATERIALIZED (${ids}) ${sql.select} ORDER BY ${order}`).raw().all({ ...params, ...bounds }) as unknown[][]).map(sql.row);
}

/**
 * Where a walk through a query stopped: the part of the order it is in (the rows whose sort value
 * is NULL, or the others), and its last row's sort value and key (null before the part's first row).
 */
export interface TableCursor {
  readonly part: 'nulls' | 'values';
  readonly last: { readonly value: string | number | null; readonly key: number } | null;
}

/**
 * Rows after `cursor` (keyset paging), in the query's order: each page starts where the last one
 * ended in the sorted column's index, so a walk through a million rows costs one pass, whatever
 * the filter. SQLite puts NULLs first in ascending order and last in descending order, so the walk
 * goes through those two parts in turn, each a single index range.
 */
export function selectTableRowsAfter(db: ReadableDb, query: TableQuery, cursor: TableCursor | null, limit: number): { rows: TableRow[]; cursor: TableCursor | null } {
  const sql = TABLES[query.table] as TableSql<TableName>;
  const { where, params } = whereOf(sql, query);
  const column = sql.sort[query.sort as never] as string;
  const than = query.descending ? '<' : '>';
  const order = orderOf(sql, query);
  const parts: TableCursor['part'][] = column === sql.key ? ['values'] : query.descending ? ['values', 'nulls'] : ['nulls', 'values'];
  let at: TableCursor = cursor ?? { part: parts[0]!, last: null };
  const rows: TableRow[] = [];
  for (;;) {
    const range = at.part === 'nulls'
      ? [`${column} IS NULL`, ...(at.last === null ? [] : [`${sql.key} ${than} @afterKey`])]
      : [...(column === sql.key ? [] : [`${column} IS NOT NULL`]), ...(at.last === null ? [] : [column === sql.key ? `${sql.key} ${than} @afterKey` : `(${column}, ${sql.key}) ${than} (@afterValue, @afterKey)`])];
    const clauses = [where.replace(/^WHERE /, ''), ...range].filter((clause) => clause !== '');
    const ids = `SELECT ${sql.key} AS id, ${column} AS sortValue FROM ${sql.from} ${clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`} ORDER BY ${order} LIMIT @limit`;
    const bound = { ...params, limit: limit - rows.length, ...(at.last === null ? {} : { afterKey: at.last.key, ...(at.part === 'values' && column !== sql.key ? { afterValue: at.last.value } : {}) }) };
    const page = db.prepare(`WITH p AS MATERIALIZED (${ids}) ${sql.select.replace('SELECT ', 'SELECT p.sortValue, ')} ORDER BY ${order}`).raw().all(bound) as unknown[][];
    rows.push(...page.map((raw) => sql.row(raw.slice(1))));
    const end = page.at(-1);
    if (end !== undefined) at = { part: at.part, last: { value: end[0] as string | number | null, key: rows.at(-1)!.key } };
    if (rows.length === limit) return { rows, cursor: at };
    const next = parts[parts.indexOf(at.part) + 1];
    if (next === undefined) return { rows, cursor: null };
    at = { part: next, last: null };
  }
}

export function selectTablePage(db: ReadableDb, query: TableQuery, offset: number, limit: number, count = true): TablePage {
  const total = count ? countTableRows(db, query) : null;
  return { total, offset, rows: selectTableRows(db, query, offset, limit, total ?? undefined) };
}

/** A raw row with its sheet's headers (from the mapping the file was imported with) and its stored neighbours. */
export function selectSourceRowContext(db: ReadableDb, rawRowId: number, around: number): SourceRowContext | undefined {
  const row = db.prepare(
    `SELECT w.source_file_id AS sourceFileId, w.sheet, w.row_number AS rowNumber, s.file_name AS fileName, s.mapping_json AS mappingJson
       FROM raw_row w JOIN source_file s ON s.id = w.source_file_id WHERE w.id = ?`,
  ).get(rawRowId) as { sourceFileId: number; sheet: string; rowNumber: number; fileName: string; mappingJson: string } | undefined;
  if (!row) return undefined;
  const rows = (db.prepare(
    `SELECT id, row_number, cells_json FROM raw_row WHERE source_file_id = ? AND sheet = ? AND row_number BETWEEN ? AND ? ORDER BY row_number, id`,
  ).raw().all(row.sourceFileId, row.sheet, row.rowNumber - around, row.rowNumber + around) as [number, number, string][])
    .map(([id, rowNumber, cellsJson]) => ({ rawRowId: id, rowNumber, cells: JSON.parse(cellsJson) as Cell[] }));
  const mapping = JSON.parse(row.mappingJson) as { table?: { headerRowNumber?: number }; columns?: { column: number; header: string }[] };
  const named = new Map((mapping.columns ?? []).map((column) => [column.column, column.header]));
  const width = Math.max(0, ...rows.map((stored) => stored.cells.length), ...[...named.keys()].map((column) => column + 1));
  const headers = Array.from({ length: width }, (_, column) => named.get(column)?.trim() || columnLetter(column));
  return { fileName: row.fileName, sheet: row.sheet, rowNumber: row.rowNumber, headerRowNumber: mapping.table?.headerRowNumber ?? null, headers, rows };
}

export function selectRecordRawRowId(db: ReadableDb, recordId: number): number | undefined {
  return db.prepare('SELECT raw_row_id FROM activity_record WHERE id = ?').pluck().get(recordId) as number | undefined;
}
