/**
 * The review feature's SQL: what the checks read (records, activity sources and their rows, the
 * boundary), the findings with their links and history, the check runs and rule parameters,
 * samples and their vouching, and sign-offs with the audit entries after them.
 */
import type { ActivityMeaning } from '../../../shared/activities';
import type { CalorificBasis } from '../../../shared/calc/units';
import type { Cell } from '../../../shared/import/cell';
import { FINDING_SEVERITIES, type CheckTrigger, type FindingQuery, type FindingSeverity, type FindingSource, type FindingStatus } from '../../../shared/review/findings';
import type { ReviewRecord } from '../../../shared/review/rules';
import type { SampleMethod, SampleStratification } from '../../../shared/review/sampling';
import type { SignOffArea, SignOffRole } from '../../../shared/review/sign-off';
import type { VouchingResult } from '../../../shared/review/vouching';
import type {
  AuditChangeView, FindingEventKind, FindingEventView, FindingRecordView, FindingView, SampleItemView, SampleStratumView, SampleView, SignOffView, SourceRowView,
} from '../../../shared/review/views';
import type { ReadableDb, WritableDb } from '../db/handles';
import { withdrawalInForceJoin, withdrawnSourceColumns, withdrawnSourceOf, type WithdrawnSourceColumns } from '../db/source-withdrawal-sql';

// ---------------------------------------------------------------------------------------------
// What the checks read

/** Every activity record of the files in use (not withdrawn) with where it came from (its row and, in a wide layout, its column); tCO2e is the caller's to add. */
export function selectReviewRecords(db: ReadableDb): (Omit<ReviewRecord, 'tco2e'> & { readonly column: number })[] {
  const rows = db.prepare(
    'SELECT id, source_file_id, raw_row_id, column_index, site, period_start, period_end, activity, meaning, quantity, unit, unit_basis FROM live_activity_record ORDER BY id',
  ).raw().all() as [number, number, number, number, string | null, string, string, string, ActivityMeaning, number, string, CalorificBasis | null][];
  return rows.map(([id, sourceFileId, rawRowId, column, site, periodStart, periodEnd, activity, meaning, quantity, unit, unitBasis]) => ({
    id, sourceFileId, rawRowId, column, site, periodStart, periodEnd, activity, meaning, quantity, unit, unitBasis,
  }));
}

export interface ActivitySource {
  readonly id: number;
  readonly fileName: string;
  readonly mappingJson: string;
}

/** The activity files in use: a withdrawn file's rows are not checked. */
export function selectActivitySources(db: ReadableDb): ActivitySource[] {
  return db.prepare(
    "SELECT id, file_name AS fileName, mapping_json AS mappingJson FROM source_file WHERE kind = 'activity' AND id NOT IN (SELECT source_file_id FROM withdrawn_source) ORDER BY id",
  ).all() as ActivitySource[];
}

/** A file's raw rows as read, sheet by sheet in reading order. */
export function iterateRawRows(db: ReadableDb, sourceFileId: number): IterableIterator<[id: number, sheet: string, rowNumber: number, cellsJson: string]> {
  return db.prepare('SELECT id, sheet, row_number, cells_json FROM raw_row WHERE source_file_id = ? ORDER BY id').raw().iterate(sourceFileId) as IterableIterator<[number, string, number, string]>;
}

/** The sheets of a file where rows were imported or rejected: the sheets its mapping was applied to. */
export function selectSheetsWithData(db: ReadableDb, sourceFileId: number): Set<string> {
  const rows = db.prepare(
    `SELECT DISTINCT w.sheet FROM activity_record r JOIN raw_row w ON w.id = r.raw_row_id WHERE r.source_file_id = ?
     UNION SELECT DISTINCT sheet FROM rejected_row WHERE source_file_id = ? AND reason NOT LIKE 'sheet not imported:%'`,
  ).pluck().all(sourceFileId, sourceFileId) as string[];
  return new Set(rows);
}

export function selectBoundarySites(db: ReadableDb): Set<string> {
  return new Set(db.prepare('SELECT name FROM site').pluck().all() as string[]);
}

// ---------------------------------------------------------------------------------------------
// Rule parameters and check runs

export function selectRuleSettings(db: ReadableDb): Map<string, Record<string, unknown>> {
  const rows = db.prepare('SELECT rule, parameters_json FROM review_rule_setting').raw().all() as [string, string][];
  return new Map(rows.map(([rule, json]) => [rule, JSON.parse(json) as Record<string, unknown>]));
}

export function upsertRuleSetting(db: WritableDb, rule: string, parameters: Readonly<Record<string, unknown>>, at: string, by: string): void {
  db.prepare(
    `INSERT INTO review_rule_setting (rule, parameters_json, set_at, set_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (rule) DO UPDATE SET parameters_json = excluded.parameters_json, set_at = excluded.set_at, set_by = excluded.set_by`,
  ).run(rule, JSON.stringify(parameters), at, by);
}

export function deleteRuleSetting(db: WritableDb, rule: string): void {
  db.prepare('DELETE FROM review_rule_setting WHERE rule = ?').run(rule);
}

export function insertReviewRun(db: WritableDb, run: { readonly at: string; readonly by: string; readonly trigger: CheckTrigger; readonly scopeJson: string }): number {
  return Number(db.prepare("INSERT INTO review_run (run_at, run_by, trigger, scope_json, summary_json) VALUES (?, ?, ?, ?, '{}')").run(run.at, run.by, run.trigger, run.scopeJson).lastInsertRowid);
}

export function finishReviewRun(db: WritableDb, runId: number, summaryJson: string): void {
  db.prepare('UPDATE review_run SET summary_json = ? WHERE id = ?').run(summaryJson, runId);
}

export function selectLatestRunSummaryJson(db: ReadableDb): string | undefined {
  return db.prepare('SELECT summary_json FROM review_run ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Findings: synchronising a check's results

export interface StoredFinding {
  readonly id: number;
  readonly identity: string;
  readonly source: FindingSource;
  /** What a rerun compares: what raised it, what it names, and what it says. */
  readonly causeSha256: string;
  readonly linksSha256: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly figuresJson: string;
  readonly tco2eAtStake: number | null;
  readonly status: FindingStatus;
  readonly resolved: boolean;
}

/** The findings of one source (and, for the rules, of the rules named), current or resolved. */
export function selectFindingsOf(db: ReadableDb, source: FindingSource, rules: readonly string[] | null): Map<string, StoredFinding> {
  const rows = db.prepare(
    `SELECT id, identity, source, rule, cause_sha256 AS causeSha256, links_sha256 AS linksSha256, severity, message, figures_json AS figuresJson, tco2e_at_stake AS tco2eAtStake,
            status, resolved_run_id IS NOT NULL AS resolved
       FROM finding WHERE source = ?`,
  ).all(source) as (Omit<StoredFinding, 'resolved'> & { resolved: number; rule: string })[];
  const wanted = rules === null ? null : new Set(rules);
  return new Map(rows.filter((row) => wanted === null || wanted.has(row.rule)).map(({ rule: _rule, ...row }) => [row.identity, { ...row, resolved: row.resolved === 1 }]));
}

export interface FindingRow {
  readonly identity: string;
  readonly source: FindingSource;
  readonly rule: string;
  readonly subject: string;
  readonly causeSha256: string;
  readonly linksSha256: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly site: string | null;
  readonly activity: string | null;
  readonly period: string | null;
  readonly figuresJson: string;
  readonly tco2eAtStake: number | null;
  readonly atStakeEstimated: boolean;
  /** The records and rows it names, up to FINDING_LINK_LIMIT of each; the counts are of all. */
  readonly recordIds: readonly number[];
  readonly rawRowIds: readonly number[];
  readonly recordCount: number;
  readonly rowCount: number;
}

export interface FindingWriter {
  insert(row: FindingRow, at: string, by: string, runId: number | null): number;
  /** Replaces what a rerun reports (message, figures, severity, tCO2e) and marks it current again. */
  refresh(id: number, row: FindingRow): void;
  setStatus(id: number, status: FindingStatus, adjustmentId: number | null, at: string, by: string): void;
  resolve(id: number, runId: number): void;
  replaceLinks(id: number, recordIds: readonly number[], rawRowIds: readonly number[]): void;
  event(event: { findingId: number; at: string; actor: string; kind: FindingEventKind; statusFrom?: FindingStatus | null; statusTo?: FindingStatus | null; adjustmentId?: number | null; text?: string | null; runId?: number | null }): void;
}

export function findingWriter(db: WritableDb): FindingWriter {
  const insert = db.prepare(
    `INSERT INTO finding (identity, source, rule, subject, cause_sha256, links_sha256, severity, message, site, activity, period, figures_json, tco2e_at_stake, at_stake_estimated,
                          status, status_at, status_by, adjustment_id, found_at, found_run_id, resolved_run_id, record_count, row_count)
     VALUES (@identity, @source, @rule, @subject, @causeSha256, @linksSha256, @severity, @message, @site, @activity, @period, @figuresJson, @tco2eAtStake, @atStakeEstimated,
             'open', @at, @by, NULL, @at, @runId, NULL, @recordCount, @rowCount)`,
  );
  const refresh = db.prepare(
    `UPDATE finding SET cause_sha256 = @causeSha256, links_sha256 = @linksSha256, severity = @severity, message = @message, site = @site, activity = @activity, period = @period,
                        figures_json = @figuresJson, tco2e_at_stake = @tco2eAtStake, at_stake_estimated = @atStakeEstimated, resolved_run_id = NULL,
                        record_count = @recordCount, row_count = @rowCount
      WHERE id = @id`,
  );
  const setStatus = db.prepare('UPDATE finding SET status = ?, adjustment_id = ?, status_at = ?, status_by = ? WHERE id = ?');
  const resolve = db.prepare('UPDATE finding SET resolved_run_id = ? WHERE id = ?');
  const deleteRecords = db.prepare('DELETE FROM finding_record WHERE finding_id = ?');
  const deleteRows = db.prepare('DELETE FROM finding_row WHERE finding_id = ?');
  const linkRecord = db.prepare('INSERT INTO finding_record (finding_id, record_id) VALUES (?, ?)');
  const linkRow = db.prepare('INSERT INTO finding_row (finding_id, raw_row_id) VALUES (?, ?)');
  const event = db.prepare(
    'INSERT INTO finding_event (finding_id, at, actor, kind, status_from, status_to, adjustment_id, text, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Named parameters: better-sqlite3 takes the fields each statement names and ignores the rest.
  const values = (row: FindingRow) => ({
    ...row, atStakeEstimated: row.atStakeEstimated ? 1 : 0, recordIds: null, rawRowIds: null,
  });
  const writer: FindingWriter = {
    insert(row, at, by, runId) {
      const id = Number(insert.run({ ...values(row), at, by, runId }).lastInsertRowid);
      writer.replaceLinks(id, row.recordIds, row.rawRowIds);
      return id;
    },
    refresh: (id, row) => void refresh.run({ ...values(row), id }),
    setStatus: (id, status, adjustmentId, at, by) => void setStatus.run(status, adjustmentId, at, by, id),
    resolve: (id, runId) => void resolve.run(runId, id),
    replaceLinks(id, recordIds, rawRowIds) {
      deleteRecords.run(id);
      deleteRows.run(id);
      for (const recordId of recordIds) linkRecord.run(id, recordId);
      for (const rawRowId of rawRowIds) linkRow.run(id, rawRowId);
    },
    event: (e) => void event.run(e.findingId, e.at, e.actor, e.kind, e.statusFrom ?? null, e.statusTo ?? null, e.adjustmentId ?? null, e.text ?? null, e.runId ?? null),
  };
  return writer;
}

// ---------------------------------------------------------------------------------------------
// Findings: reading

const SEVERITY_ORDER = `CASE f.severity ${FINDING_SEVERITIES.map((severity, index) => `WHEN '${severity}' THEN ${index}`).join(' ')} END`;
const SORT_COLUMNS: Readonly<Record<FindingQuery['sort'], string>> = {
  severity: `${SEVERITY_ORDER}, f.tco2e_at_stake IS NULL, f.tco2e_at_stake DESC`,
  tco2e: 'f.tco2e_at_stake IS NULL, f.tco2e_at_stake',
  rule: 'f.source, f.rule',
  site: 'f.site IS NULL, f.site',
  period: 'f.period IS NULL, f.period',
  status: 'f.status',
  id: 'f.id',
};

const FINDING_COLUMNS = `f.id, f.source, f.rule, f.subject, f.severity, f.message, f.site, f.activity, f.period, f.figures_json, f.tco2e_at_stake, f.at_stake_estimated,
  f.status, f.status_at, f.status_by, f.adjustment_id, f.found_at, f.resolved_run_id IS NOT NULL AS resolved, f.record_count, f.row_count,
  (SELECT count(*) FROM finding_event e WHERE e.finding_id = f.id AND e.kind = 'comment') AS comments`;

interface FindingDbRow {
  id: number; source: FindingSource; rule: string; subject: string; severity: FindingSeverity; message: string; site: string | null; activity: string | null; period: string | null;
  figures_json: string; tco2e_at_stake: number | null; at_stake_estimated: number; status: FindingStatus; status_at: string; status_by: string; adjustment_id: number | null;
  found_at: string; resolved: number; record_count: number; row_count: number; comments: number;
}

function toFindingView(row: FindingDbRow): FindingView {
  return {
    id: row.id, source: row.source, rule: row.rule, subject: row.subject, severity: row.severity, message: row.message, site: row.site, activity: row.activity, period: row.period,
    figures: JSON.parse(row.figures_json) as FindingView['figures'], tco2eAtStake: row.tco2e_at_stake, atStakeEstimated: row.at_stake_estimated === 1, status: row.status,
    statusAt: row.status_at, statusBy: row.status_by, adjustmentId: row.adjustment_id, foundAt: row.found_at, resolved: row.resolved === 1,
    recordCount: row.record_count, rowCount: row.row_count, comments: row.comments,
  };
}

function whereOf(query: Omit<FindingQuery, 'sort' | 'descending' | 'offset' | 'limit'>): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    clauses.push(clause);
    params.push(value);
  };
  if (!query.includeResolved) clauses.push('f.resolved_run_id IS NULL');
  if (query.source) add('f.source = ?', query.source);
  if (query.rule) add('f.rule = ?', query.rule);
  if (query.severity) add('f.severity = ?', query.severity);
  if (query.status) add('f.status = ?', query.status);
  if (query.site) add('f.site = ?', query.site);
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

/** One page of findings, filtered and sorted in SQL. */
export function queryFindings(db: ReadableDb, query: FindingQuery): { total: number; findings: FindingView[] } {
  const where = whereOf(query);
  const total = db.prepare(`SELECT count(*) FROM finding f ${where.sql}`).pluck().get(...where.params) as number;
  const direction = query.descending ? 'DESC' : 'ASC';
  const order = SORT_COLUMNS[query.sort].split(', ').map((term) => (/ (ASC|DESC)$/.test(term) || term.endsWith('IS NULL') ? term : `${term} ${direction}`)).join(', ');
  const rows = db.prepare(`SELECT ${FINDING_COLUMNS} FROM finding f ${where.sql} ORDER BY ${order}, f.id LIMIT ? OFFSET ?`).all(...where.params, query.limit, query.offset) as FindingDbRow[];
  return { total, findings: rows.map(toFindingView) };
}

/** Every finding in id order, for the workbook (a cursor: there may be one per record). */
export function* iterateFindings(db: ReadableDb): Generator<FindingView> {
  for (const row of db.prepare(`SELECT ${FINDING_COLUMNS} FROM finding f ORDER BY f.resolved_run_id IS NOT NULL, ${SEVERITY_ORDER}, f.id`).iterate() as Iterable<FindingDbRow>) yield toFindingView(row);
}

export function selectFindingFacets(db: ReadableDb): { rules: string[]; sites: string[]; byStatus: Partial<Record<FindingStatus, number>> } {
  const current = 'FROM finding WHERE resolved_run_id IS NULL';
  return {
    rules: db.prepare(`SELECT DISTINCT rule ${current} ORDER BY rule`).pluck().all() as string[],
    sites: db.prepare(`SELECT DISTINCT site ${current} AND site IS NOT NULL ORDER BY site`).pluck().all() as string[],
    byStatus: Object.fromEntries(db.prepare(`SELECT status, count(*) ${current} GROUP BY status`).raw().all() as [FindingStatus, number][]),
  };
}

export function selectFinding(db: ReadableDb, id: number): FindingView | undefined {
  const row = db.prepare(`SELECT ${FINDING_COLUMNS} FROM finding f WHERE f.id = ?`).get(id) as FindingDbRow | undefined;
  return row ? toFindingView(row) : undefined;
}

const SOURCE_ROW_COLUMNS = 'w.id AS rawRowId, s.file_name AS fileName, w.sheet, w.row_number AS rowNumber, w.cells_json AS cellsJson';
type SourceRowDb = Omit<SourceRowView, 'cells'> & { cellsJson: string };
const toSourceRow = ({ cellsJson, ...row }: SourceRowDb): SourceRowView => ({ ...row, cells: JSON.parse(cellsJson) as Cell[] });

export function selectFindingRecords(db: ReadableDb, findingId: number, limit: number): FindingRecordView[] {
  const rows = db.prepare(
    `SELECT r.id, r.site, r.period_start AS periodStart, r.period_end AS periodEnd, r.activity, r.quantity, r.unit, ${SOURCE_ROW_COLUMNS}
       FROM finding_record l JOIN activity_record r ON r.id = l.record_id JOIN raw_row w ON w.id = r.raw_row_id JOIN source_file s ON s.id = w.source_file_id
      WHERE l.finding_id = ? ORDER BY r.id LIMIT ?`,
  ).all(findingId, limit) as (Omit<FindingRecordView, 'source'> & SourceRowDb)[];
  return rows.map(({ id, site, periodStart, periodEnd, activity, quantity, unit, ...source }) => ({ id, site, periodStart, periodEnd, activity, quantity, unit, source: toSourceRow(source) }));
}

/** The finding's source rows that none of its records came from. */
export function selectFindingRows(db: ReadableDb, findingId: number, limit: number): SourceRowView[] {
  const rows = db.prepare(
    `SELECT ${SOURCE_ROW_COLUMNS} FROM finding_row l JOIN raw_row w ON w.id = l.raw_row_id JOIN source_file s ON s.id = w.source_file_id
      WHERE l.finding_id = ? AND NOT EXISTS (SELECT 1 FROM finding_record fr JOIN activity_record r ON r.id = fr.record_id WHERE fr.finding_id = l.finding_id AND r.raw_row_id = w.id)
      ORDER BY w.id LIMIT ?`,
  ).all(findingId, limit) as SourceRowDb[];
  return rows.map(toSourceRow);
}

export function selectFindingEvents(db: ReadableDb, findingId: number): FindingEventView[] {
  return db.prepare(
    `SELECT at, actor, kind, status_from AS statusFrom, status_to AS statusTo, adjustment_id AS adjustmentId, text FROM finding_event WHERE finding_id = ? ORDER BY id`,
  ).all(findingId) as FindingEventView[];
}

export function countCurrentFindings(db: ReadableDb): number {
  return db.prepare('SELECT count(*) FROM finding WHERE resolved_run_id IS NULL').pluck().get() as number;
}

export function countOpenFindings(db: ReadableDb): number {
  return db.prepare("SELECT count(*) FROM finding WHERE resolved_run_id IS NULL AND status = 'open'").pluck().get() as number;
}

/** Whether an adjustment exists and is not withdrawn (reconciliation's table, when the engagement has it). */
export function adjustmentIsLive(db: ReadableDb, adjustmentId: number): boolean {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('adjustment', 'adjustment_withdrawal')").pluck().all() as string[]);
  if (!tables.has('adjustment')) return false;
  const withdrawn = tables.has('adjustment_withdrawal') ? 'AND NOT EXISTS (SELECT 1 FROM adjustment_withdrawal w WHERE w.adjustment_id = a.id)' : '';
  return db.prepare(`SELECT 1 FROM adjustment a WHERE a.id = ? ${withdrawn}`).get(adjustmentId) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Samples

export type SampleHead = Omit<SampleView, 'items' | 'vouched' | 'differences' | 'withdrawnItems'>;

/** A sample as drawn, before it has an id. */
export type NewSample = Omit<SampleHead, 'id'>;

/** A selected item as drawn: what the view shows of it, with its place in the population. */
export interface NewSampleItem extends Pick<SampleItemView, 'drawOrder' | 'key' | 'recordId' | 'fiscalYear' | 'basis' | 'stratum' | 'hits' | 'site' | 'activity' | 'quantity' | 'unit' | 'tco2e'> {
  readonly populationIndex: number;
}

export function insertSample(db: WritableDb, sample: NewSample, items: readonly NewSampleItem[]): number {
  const id = Number(db.prepare(
    `INSERT INTO sample (drawn_at, drawn_by, method, population, stratify_by, size, seed, population_count, population_tco2e, population_sha256, not_sampleable, strata_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sample.drawnAt, sample.drawnBy, sample.method, sample.population, sample.stratifyBy, sample.size, sample.seed, sample.populationCount, sample.populationTco2e,
    sample.populationSha256, sample.notSampleable, JSON.stringify(sample.strata),
  ).lastInsertRowid);
  const insertItem = db.prepare(
    `INSERT INTO sample_item (sample_id, draw_order, item_key, population_index, record_id, fiscal_year, basis, stratum, hits, site, activity, quantity, unit, tco2e)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const item of items) {
    insertItem.run(id, item.drawOrder, item.key, item.populationIndex, item.recordId, item.fiscalYear, item.basis, item.stratum, item.hits, item.site, item.activity, item.quantity, item.unit, item.tco2e);
  }
  return id;
}

interface SampleDbRow {
  id: number; drawn_at: string; drawn_by: string; method: SampleMethod; population: 'records' | 'lines'; stratify_by: SampleStratification | null; size: number; seed: string;
  population_count: number; population_tco2e: number; population_sha256: string; not_sampleable: number; strata_json: string;
}

export function selectSamples(db: ReadableDb): SampleHead[] {
  const rows = db.prepare('SELECT * FROM sample ORDER BY id').all() as SampleDbRow[];
  return rows.map((row) => ({
    id: row.id, drawnAt: row.drawn_at, drawnBy: row.drawn_by, method: row.method, population: row.population, stratifyBy: row.stratify_by, size: row.size, seed: row.seed,
    populationCount: row.population_count, populationTco2e: row.population_tco2e, populationSha256: row.population_sha256, notSampleable: row.not_sampleable,
    strata: JSON.parse(row.strata_json) as SampleStratumView[],
  }));
}

export function selectSampleItems(db: ReadableDb, sampleId: number): SampleItemView[] {
  const rows = db.prepare(
    `SELECT i.draw_order AS drawOrder, i.item_key AS key, i.record_id AS recordId, i.fiscal_year AS fiscalYear, i.basis, i.stratum, i.hits, i.site, i.activity, i.quantity, i.unit, i.tco2e,
            i.result, i.comment, i.vouched_at AS vouchedAt, i.vouched_by AS vouchedBy, i.finding_id AS findingId, ${SOURCE_ROW_COLUMNS}, ${withdrawnSourceColumns('iw', 's')}
       FROM sample_item i JOIN activity_record r ON r.id = i.record_id JOIN raw_row w ON w.id = r.raw_row_id JOIN source_file s ON s.id = w.source_file_id
            ${withdrawalInForceJoin('s.id', 'iw')}
      WHERE i.sample_id = ? ORDER BY i.draw_order`,
  ).all(sampleId) as (Omit<SampleItemView, 'source' | 'withdrawn'> & SourceRowDb & WithdrawnSourceColumns)[];
  return rows.map(({ rawRowId, fileName, sheet, rowNumber, cellsJson, withdrawnAt, withdrawnBy, withdrawnReason, withdrawnFileId, withdrawnFileName, ...item }) => ({
    ...item,
    source: toSourceRow({ rawRowId, fileName, sheet, rowNumber, cellsJson }),
    withdrawn: withdrawnSourceOf({ withdrawnAt, withdrawnBy, withdrawnReason, withdrawnFileId, withdrawnFileName }),
  }));
}

export function updateVouching(db: WritableDb, sampleId: number, drawOrder: number, vouching: { result: VouchingResult; comment: string | null; at: string; by: string; findingId: number | null }): void {
  db.prepare('UPDATE sample_item SET result = ?, comment = ?, vouched_at = ?, vouched_by = ?, finding_id = coalesce(?, finding_id) WHERE sample_id = ? AND draw_order = ?').run(
    vouching.result, vouching.comment, vouching.at, vouching.by, vouching.findingId, sampleId, drawOrder,
  );
}

// ---------------------------------------------------------------------------------------------
// Sign-offs

export function insertSignOff(db: WritableDb, signOff: { area: SignOffArea; role: SignOffRole; actor: string; at: string; comment: string | null; auditEntries: number; auditHeadHash: string }): void {
  db.prepare('INSERT INTO sign_off (area, role, actor, at, comment, audit_entries, audit_head_hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    signOff.area, signOff.role, signOff.actor, signOff.at, signOff.comment, signOff.auditEntries, signOff.auditHeadHash,
  );
}

/** The latest sign-off per area and role. */
export function selectCurrentSignOffs(db: ReadableDb): Omit<SignOffView, 'changesSince'>[] {
  return db.prepare(
    `SELECT area, role, actor, at, comment, audit_entries AS auditEntries, audit_head_hash AS auditHeadHash FROM sign_off s
      WHERE id = (SELECT max(id) FROM sign_off l WHERE l.area = s.area AND l.role = s.role) ORDER BY area, role`,
  ).all() as Omit<SignOffView, 'changesSince'>[];
}

/** Every sign-off ever given, oldest first, for the workbook. */
export function selectSignOffHistory(db: ReadableDb): Omit<SignOffView, 'changesSince'>[] {
  return db.prepare('SELECT area, role, actor, at, comment, audit_entries AS auditEntries, audit_head_hash AS auditHeadHash FROM sign_off ORDER BY id').all() as Omit<SignOffView, 'changesSince'>[];
}

/** Audit entries after `afterSeq`, with their params, oldest first. */
export function selectAuditEntriesAfter(db: ReadableDb, afterSeq: number): (AuditChangeView & { paramsJson: string })[] {
  return db.prepare('SELECT seq, at, actor, operation, params_json AS paramsJson FROM audit_log WHERE seq > ? ORDER BY seq').all(afterSeq) as (AuditChangeView & { paramsJson: string })[];
}
