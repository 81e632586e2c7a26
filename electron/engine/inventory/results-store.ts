/**
 * The inventory's stored results, in SQL: runs (one per variant), their lines, pricings, totals
 * and finding groups, and the findings themselves (see migration 004). Writers stream: lines and
 * findings go to the database in batches as the calculation makes them.
 */
import type { CalcRecord, Finding, FindingKind, LineBasis, LinePricing, PeriodResult, ResultLine } from '../../../shared/calc/inventory';
import { CountedSum } from '../../../shared/calc/inventory-totals';
import { ExactDecimal, ExactScale, productOfRationals, rational, ratioFromText } from '../../../shared/calc/rational';
import { ExactSum } from '../../../shared/calc/sum';
import type { FindingGroup, FindingView } from '../../../shared/contract';
import { BatchInsert } from '../db/batch-insert';
import type { ReadableDb, WritableDb } from '../db/handles';
import type { GroupDefinition, LineBatch } from './stream-protocol';

// ---------------------------------------------------------------------------------------------
// Runs

export interface StoredRun {
  readonly id: number;
  readonly variant: string;
  readonly inputsSha256: string;
  readonly inputsJson: string;
  readonly calculatedAt: string;
  readonly calculatedBy: string;
  readonly factorSets: readonly string[];
  readonly periods: readonly PeriodResult[];
  readonly firstLineId: number | null;
  readonly lastLineId: number | null;
  readonly lineCount: number;
  readonly findingCount: number;
}

interface RunRow {
  id: number; variant: string; inputs_sha256: string; inputs_json: string; calculated_at: string; calculated_by: string; factor_sets_json: string;
  periods_json: string; first_line_id: number | null; last_line_id: number | null; line_count: number; finding_count: number;
}

export function selectRun(db: ReadableDb, variant: string): StoredRun | null {
  const row = db.prepare('SELECT * FROM calc_run WHERE variant = ?').get(variant) as RunRow | undefined;
  if (!row) return null;
  return {
    id: row.id, variant: row.variant, inputsSha256: row.inputs_sha256, inputsJson: row.inputs_json, calculatedAt: row.calculated_at, calculatedBy: row.calculated_by,
    factorSets: JSON.parse(row.factor_sets_json) as string[], periods: JSON.parse(row.periods_json) as PeriodResult[],
    firstLineId: row.first_line_id, lastLineId: row.last_line_id, lineCount: row.line_count, findingCount: row.finding_count,
  };
}

/** Deletes a variant's stored run with its lines, pricings, totals and finding groups (its findings stay until the next run settles them). */
export function deleteRun(db: WritableDb, variant: string): void {
  const run = db.prepare('SELECT id, first_line_id, last_line_id FROM calc_run WHERE variant = ?').get(variant) as { id: number; first_line_id: number | null; last_line_id: number | null } | undefined;
  if (!run) return;
  // A run's lines are one range of ids: deleting by range walks the table in order.
  if (run.first_line_id !== null) db.prepare('DELETE FROM calc_line WHERE id BETWEEN ? AND ?').run(run.first_line_id, run.last_line_id);
  for (const table of ['calc_pricing', 'calc_group', 'calc_finding_group']) db.prepare(`DELETE FROM ${table} WHERE run_id = ?`).run(run.id);
  db.prepare('DELETE FROM calc_run WHERE id = ?').run(run.id);
}

export interface RunStart {
  readonly variant: string;
  readonly inputsSha256: string;
  readonly inputsJson: string;
  readonly calculatedAt: string;
  readonly calculatedBy: string;
  readonly factorSets: readonly string[];
}

/**
 * Stores a new run under an id no earlier run had, not even the one it replaces: a finding the run
 * does not find again is told apart by the id of the run that last found it (see the findings'
 * writer), and a reused id would keep it listed as found by this run.
 */
export function insertRun(db: WritableDb, run: RunStart): number {
  return Number(
    db.prepare(
      `INSERT INTO calc_run (id, variant, inputs_sha256, inputs_json, calculated_at, calculated_by, factor_sets_json, periods_json, line_count, finding_count)
       VALUES (max((SELECT coalesce(max(id), 0) FROM calc_run), (SELECT coalesce(max(run_id), 0) FROM calc_finding)) + 1, ?, ?, ?, ?, ?, ?, '[]', 0, 0)`,
    ).run(run.variant, run.inputsSha256, run.inputsJson, run.calculatedAt, run.calculatedBy, JSON.stringify(run.factorSets)).lastInsertRowid,
  );
}

export function finishRun(db: WritableDb, runId: number, outcome: { periods: readonly PeriodResult[]; firstLineId: number | null; lastLineId: number | null; lineCount: number; findingCount: number }): void {
  db.prepare('UPDATE calc_run SET periods_json = ?, first_line_id = ?, last_line_id = ?, line_count = ?, finding_count = ? WHERE id = ?').run(
    JSON.stringify(outcome.periods), outcome.firstLineId, outcome.lastLineId, outcome.lineCount, outcome.findingCount, runId,
  );
}

// ---------------------------------------------------------------------------------------------
// Writing a run: lines, pricings, totals, findings

/** Lines per INSERT: fewer statements, the cost that dominates a million-line run. */
const LINES_PER_STATEMENT = 128;

/**
 * Writes a run as its stream worker sends it: lines in batches (ids in record order), findings
 * under their interned causes, then the groups and pricings the lines point at.
 *
 * A line's id is left to SQLite, which gives the next after the highest (an explicit id costs
 * a search of the table for every line): written in order within the run's transaction, the
 * lines take consecutive ids from the highest before the run, and `finish` checks they did.
 * Most lines have no charged quantity or per-gas tCO2e of their own (see calc_line): they are
 * written five values a line; a statement holding a line charged a matched fraction writes all
 * seven for each of its lines.
 */
export class RunWriter {
  lineCount = 0;
  findingCount = 0;
  private readonly plainLines: BatchInsert;
  private readonly fractionalLines: BatchInsert;
  private readonly findings: BatchInsert;
  private readonly causes: CauseIds;
  /** By cause: as many as the run has causes, which records share. */
  private readonly groups = new Map<number, FindingGroupSums>();
  private readonly firstLineId: number;
  /** The causes of the record being added: a record has at most one finding per cause (its identity). */
  private recordFindings: { recordId: number | null; causes: Set<number> } = { recordId: null, causes: new Set() };

  constructor(
    private readonly db: WritableDb,
    private readonly runId: number,
    private readonly variant: string,
  ) {
    this.firstLineId = selectNextLineId(db);
    this.plainLines = new BatchInsert(db, 'calc_line', ['record_id', 'group_id', 'pricing_id', 'quantity', 'tco2e'], { batchSize: LINES_PER_STATEMENT });
    this.fractionalLines = new BatchInsert(db, 'calc_line', ['record_id', 'group_id', 'pricing_id', 'quantity', 'tco2e', 'charged_quantity', 'gas_tco2e_json'], {
      batchSize: LINES_PER_STATEMENT,
    });
    this.findings = new BatchInsert(db, 'calc_finding', ['variant', 'record_id', 'cause_id', 'detail', 'at_stake_low', 'at_stake_high', 'run_id'], {
      // A finding found again keeps its id: only what may have changed is updated.
      onConflict: 'ON CONFLICT (variant, record_id, cause_id) DO UPDATE SET detail = excluded.detail, at_stake_low = excluded.at_stake_low, at_stake_high = excluded.at_stake_high, run_id = excluded.run_id',
    });
    this.causes = new CauseIds(db);
  }

  writeBatch(batch: LineBatch, findings: readonly Finding[]): void {
    const gases = new Map(batch.gases);
    // A statement's worth of lines at a time, plain unless one of them is charged a fraction;
    // the other kind's pending lines are written first, so lines keep their order.
    for (let start = 0; start < batch.count; start += LINES_PER_STATEMENT) {
      const end = Math.min(batch.count, start + LINES_PER_STATEMENT);
      if (batch.charged.subarray(start, end).every(Number.isNaN)) {
        this.fractionalLines.flush();
        for (let i = start; i < end; i++) this.plainLines.add(batch.recordIds[i], batch.groupIds[i], batch.pricingIds[i], batch.quantities[i], batch.tco2e[i]);
      } else {
        this.plainLines.flush();
        for (let i = start; i < end; i++) {
          const charged = batch.charged[i]!;
          this.fractionalLines.add(batch.recordIds[i], batch.groupIds[i], batch.pricingIds[i], batch.quantities[i], batch.tco2e[i], Number.isNaN(charged) ? null : charged, gases.get(i) ?? null);
        }
      }
    }
    this.lineCount += batch.count;
    for (const finding of findings) this.writeFinding(finding);
  }

  private writeFinding(finding: Finding): void {
    const causeId = this.causes.idOf(finding.kind, finding.cause);
    if (this.recordFindings.recordId !== finding.recordId) this.recordFindings = { recordId: finding.recordId, causes: new Set() };
    if (this.recordFindings.causes.has(causeId)) throw new Error(`record ${finding.recordId} has two findings with one cause: ${finding.cause}`);
    this.recordFindings.causes.add(causeId);
    this.findings.add(this.variant, finding.recordId, causeId, finding.detail, finding.atStake?.low ?? null, finding.atStake?.high ?? null, this.runId);
    this.findingCount++;
    let group = this.groups.get(causeId);
    if (!group) {
      group = new FindingGroupSums();
      this.groups.set(causeId, group);
    }
    group.add(finding);
  }

  /** Writes what is still batched, the pricings and the groups with their sums, and settles the variant's findings. */
  finish(groups: readonly GroupDefinition[], pricings: readonly (readonly [number, LinePricing])[]): { firstLineId: number | null; lastLineId: number | null } {
    this.plainLines.flush();
    this.fractionalLines.flush();
    this.findings.flush();
    const lastLineId = this.firstLineId + this.lineCount - 1;
    if (selectNextLineId(this.db) !== lastLineId + 1) throw new Error(`a run's ${this.lineCount} lines did not take the ids from ${this.firstLineId} to ${lastLineId}`);
    const insertPricing = this.db.prepare(
      `INSERT INTO calc_pricing (run_id, id, factor_id, factor_set_key, factor_unit, conversion_factor, unit_ratio, co2e_per_unit_kg, kg_per_unit, gases_json, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [id, p] of pricings) {
      insertPricing.run(this.runId, id, p.factorId, p.factorSetKey, p.factorUnit, p.conversionFactor, p.unitRatio, p.co2ePerUnitKg, p.kgPerUnit, JSON.stringify(p.gases), p.note ?? null);
    }
    const insertGroup = this.db.prepare(
      `INSERT INTO calc_group (run_id, id, fiscal_year, basis, scope3_category, site, activity, share, share_exact, lines, tco2e, exact_parts_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const g of groups) {
      insertGroup.run(this.runId, g.id, g.fiscalYear, g.basis, g.scope3Category, g.site, g.activity, g.share, g.shareExact, g.lines, g.tco2e, JSON.stringify(g.exactParts));
    }
    this.db.prepare('DELETE FROM calc_finding WHERE variant = ? AND run_id <> ?').run(this.variant, this.runId);
    insertFindingGroups(this.db, this.runId, this.groups);
    return this.lineCount === 0 ? { firstLineId: null, lastLineId: null } : { firstLineId: this.firstLineId, lastLineId };
  }
}

function selectNextLineId(db: ReadableDb): number {
  return (db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM calc_line').get() as { id: number }).id;
}

/** Causes are interned for good (so a finding's identity survives recalculations); the most recent are remembered. */
class CauseIds {
  private readonly known = new Map<string, number>();
  private readonly insert;
  private readonly select;

  constructor(db: WritableDb) {
    this.insert = db.prepare('INSERT INTO finding_cause (kind, cause) VALUES (?, ?) ON CONFLICT (kind, cause) DO NOTHING');
    this.select = db.prepare('SELECT id FROM finding_cause WHERE kind = ? AND cause = ?');
  }

  idOf(kind: FindingKind, cause: string): number {
    const key = `${kind}\u0001${cause}`;
    let id = this.known.get(key);
    if (id === undefined) {
      this.insert.run(kind, cause);
      id = (this.select.get(kind, cause) as { id: number }).id;
      if (this.known.size >= MAX_REMEMBERED_CAUSES) this.known.clear();
      this.known.set(key, id);
    }
    return id;
  }
}

const MAX_REMEMBERED_CAUSES = 10_000;

/** Example records kept per group of findings. */
export const FINDING_EXAMPLES = 5;

/** A run's findings of one cause as they stream past: count, the exact sums of what is at stake, the first records. */
class FindingGroupSums {
  count = 0;
  known = 0;
  readonly low = new ExactSum();
  readonly high = new ExactSum();
  readonly examples: (number | null)[] = [];

  add(finding: Finding): void {
    this.count++;
    if (this.examples.length < FINDING_EXAMPLES) this.examples.push(finding.recordId);
    if (finding.atStake !== null) {
      this.known++;
      this.low.add(finding.atStake.low);
      this.high.add(finding.atStake.high);
    }
  }
}

function insertFindingGroups(db: WritableDb, runId: number, groups: ReadonlyMap<number, FindingGroupSums>): void {
  const insert = db.prepare(
    'INSERT INTO calc_finding_group (run_id, cause_id, findings, at_stake_known, at_stake_low, at_stake_high, example_record_ids_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [causeId, group] of groups) {
    const known = group.known > 0;
    insert.run(runId, causeId, group.count, group.known, known ? group.low.value() : null, known ? group.high.value() : null, JSON.stringify(group.examples));
  }
}

// ---------------------------------------------------------------------------------------------
// Reading groups

/** A stored group of lines with its exact sum. */
export type StoredGroup = Omit<GroupDefinition, 'lines' | 'tco2e' | 'exactParts'> & { readonly total: CountedSum };

/** Which groups of a run: one fiscal year on some bases, narrowed by Scope 3 category, site and activity. */
export interface GroupFilter {
  readonly fiscalYear: string;
  readonly bases: readonly LineBasis[];
  /** A Scope 3 category's lines (null: those without one); undefined: every line of the bases. */
  readonly scope3Category?: number | null;
  readonly site?: string;
  readonly activity?: string;
}

/** SQL conditions and their parameters: an optional filter adds its condition only when it is given. */
class Conditions {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...values: unknown[]): this {
    this.conditions.push(condition);
    this.params.push(...values);
    return this;
  }

  /** `condition` with one parameter, when `value` is given (undefined: no filter). */
  given(value: unknown, condition: string): this {
    return value === undefined ? this : this.add(condition, value);
  }

  get sql(): string {
    return this.conditions.join(' AND ');
  }
}

function groupConditions(runId: number, filter: GroupFilter): Conditions {
  return new Conditions()
    .add('run_id = ? AND fiscal_year = ?', runId, filter.fiscalYear)
    .add(`basis IN (${filter.bases.map(() => '?').join(', ')})`, ...filter.bases)
    .given(filter.scope3Category, 'scope3_category IS ?')
    .given(filter.site, 'site = ?')
    .given(filter.activity, 'activity = ?');
}

/** The groups a filter keeps, each with its exact sum. */
export function selectGroups(db: ReadableDb, runId: number, filter: GroupFilter): StoredGroup[] {
  const { sql, params } = groupConditions(runId, filter);
  const rows = db.prepare(`SELECT id, fiscal_year, basis, scope3_category, site, activity, share, share_exact, lines, exact_parts_json FROM calc_group WHERE ${sql}`)
    .raw().all(...params) as [number, string, LineBasis, number | null, string | null, string, number, string, number, string][];
  return rows.map(([id, fiscalYear, basis, scope3Category, site, activity, share, shareExact, lines, parts]) => ({
    id, fiscalYear, basis, scope3Category, site, activity, share, shareExact, total: CountedSum.of(lines, JSON.parse(parts) as number[]),
  }));
}

// ---------------------------------------------------------------------------------------------
// Reading findings

interface GroupRow {
  cause_id: number; kind: FindingKind; cause: string; findings: number; at_stake_known: number; at_stake_low: number | null; at_stake_high: number | null;
  example_record_ids_json: string;
}

/** A run's groups of findings, the largest first; of one kind if asked. */
export function selectFindingGroups(db: ReadableDb, runId: number, options: { kind?: FindingKind; limit: number }): { groups: FindingGroup[]; groupsTotal: number; total: number } {
  const where = `g.run_id = ?${options.kind === undefined ? '' : ' AND c.kind = ?'}`;
  const params = options.kind === undefined ? [runId] : [runId, options.kind];
  const counts = db.prepare(`SELECT count(*) AS groups, coalesce(sum(g.findings), 0) AS total FROM calc_finding_group g JOIN finding_cause c ON c.id = g.cause_id WHERE ${where}`).get(...params) as { groups: number; total: number };
  const rows = db.prepare(
    `SELECT g.cause_id, c.kind, c.cause, g.findings, g.at_stake_known, g.at_stake_low, g.at_stake_high, g.example_record_ids_json
       FROM calc_finding_group g JOIN finding_cause c ON c.id = g.cause_id WHERE ${where} ORDER BY g.findings DESC, c.kind, c.cause LIMIT ?`,
  ).all(...params, options.limit) as GroupRow[];
  return {
    groupsTotal: counts.groups,
    total: counts.total,
    groups: rows.map((row) => ({
      causeId: row.cause_id,
      kind: row.kind,
      cause: row.cause,
      count: row.findings,
      atStake: row.at_stake_low === null || row.at_stake_high === null ? null : { low: row.at_stake_low, high: row.at_stake_high },
      atStakeKnown: row.at_stake_known,
      examples: (JSON.parse(row.example_record_ids_json) as (number | null)[]).map((recordId) => ({ recordId })),
    })),
  };
}

interface FindingRow {
  id: number; record_id: number | null; kind: FindingKind; cause: string; detail: string | null; at_stake_low: number | null; at_stake_high: number | null;
  file_name: string | null; sheet: string | null; row_number: number | null;
}

/** A finding with its cause and its record's source row. */
const FINDING_SELECT = `SELECT f.id, f.record_id, c.kind, c.cause, f.detail, f.at_stake_low, f.at_stake_high, s.file_name, w.sheet, w.row_number
       FROM calc_finding f JOIN finding_cause c ON c.id = f.cause_id
       LEFT JOIN activity_record r ON r.id = f.record_id LEFT JOIN raw_row w ON w.id = r.raw_row_id LEFT JOIN source_file s ON s.id = r.source_file_id`;

/** One page of a variant's findings in record order, each with the source row of its record. */
export function selectFindings(db: ReadableDb, variant: string, options: { kind?: FindingKind; causeId?: number; limit: number; offset: number }): FindingView[] {
  const { sql, params } = new Conditions().add('f.variant = ?', variant).given(options.kind, 'c.kind = ?').given(options.causeId, 'f.cause_id = ?');
  const rows = db.prepare(`${FINDING_SELECT} WHERE ${sql} ORDER BY f.record_id, f.cause_id LIMIT ? OFFSET ?`).all(...params, options.limit, options.offset) as FindingRow[];
  return rows.map(findingView);
}

function findingView(row: FindingRow): FindingView {
  return {
    id: row.id,
    recordId: row.record_id,
    kind: row.kind,
    cause: row.cause,
    detail: row.detail,
    atStake: row.at_stake_low === null || row.at_stake_high === null ? null : { low: row.at_stake_low, high: row.at_stake_high },
    source: row.file_name === null || row.sheet === null || row.row_number === null ? null : { fileName: row.file_name, sheet: row.sheet, rowNumber: row.row_number },
  };
}

/** A variant's findings of these kinds about a record, each with its record as the calculation read it. */
export function selectRecordFindings(db: ReadableDb, variant: string, kinds: readonly FindingKind[]): { finding: Finding; record: CalcRecord }[] {
  const rows = db.prepare(
    `SELECT f.record_id, c.kind, c.cause, f.detail, f.at_stake_low, f.at_stake_high,
            r.site, r.period_start, r.period_end, r.activity, r.meaning, r.quantity, r.unit, r.unit_basis, r.scope3_category, r.region, r.instrument
       FROM calc_finding f JOIN finding_cause c ON c.id = f.cause_id JOIN activity_record r ON r.id = f.record_id
      WHERE f.variant = ? AND c.kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY f.record_id, f.cause_id`,
  ).all(variant, ...kinds) as (Omit<FindingRow, 'id' | 'file_name' | 'sheet' | 'row_number'> & Record<string, unknown>)[];
  return rows.map((row) => ({
    finding: { recordId: row.record_id, kind: row.kind, cause: row.cause, detail: row.detail, atStake: row.at_stake_low === null || row.at_stake_high === null ? null : { low: row.at_stake_low, high: row.at_stake_high } },
    record: {
      id: row.record_id!, site: row.site as string | null, periodStart: row.period_start as string, periodEnd: row.period_end as string, activity: row.activity as string,
      meaning: row.meaning as CalcRecord['meaning'], quantity: row.quantity as number, unit: row.unit as string, unitBasis: row.unit_basis as CalcRecord['unitBasis'],
      scope3Category: row.scope3_category as number | null, region: row.region as string | null, instrument: row.instrument as string | null,
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Reading lines

/** Which of a run's lines: those of the groups a group filter keeps, narrowed by source file and record period. */
export interface LineFilter extends GroupFilter {
  readonly run: Pick<StoredRun, 'id' | 'firstLineId' | 'lastLineId'>;
  readonly sourceFileId?: number;
  /** ISO dates, inclusive: records whose period meets them. */
  readonly periodFrom?: string;
  readonly periodTo?: string;
}

/** Whether sums over a filter must read the lines (a source file or a period), or the stored group sums suffice. */
export function needsLineSums(filter: LineFilter): boolean {
  return filter.sourceFileId !== undefined || filter.periodFrom !== undefined || filter.periodTo !== undefined;
}

/** A run's lines a filter keeps: its groups, then the record's source file and period (r is the record). */
function lineConditions(filter: LineFilter): Conditions {
  const groups = groupConditions(filter.run.id, filter);
  return new Conditions()
    .add('l.id BETWEEN ? AND ?', filter.run.firstLineId ?? 0, filter.run.lastLineId ?? -1)
    .add(`l.group_id IN (SELECT id FROM calc_group WHERE ${groups.sql})`, ...groups.params)
    .given(filter.sourceFileId, 'r.source_file_id = ?')
    .given(filter.periodFrom, 'r.period_end >= ?')
    .given(filter.periodTo, 'r.period_start <= ?');
}

/** The columns a page of lines is sorted by; lines in record order break ties. */
const LINE_ORDER = {
  record: 'l.id',
  site: 'g.site',
  activity: 'g.activity',
  quantity: 'l.quantity',
  tco2e: 'l.tco2e',
  source: 's.file_name, w.sheet, w.row_number',
} as const;

export interface LinePageRequest {
  readonly order: keyof typeof LINE_ORDER;
  readonly descending: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** A stored line with its record (as imported: period, notes, source row) and its published factor, if any. */
export interface StoredLineRow {
  readonly line: ResultLine;
  readonly record: {
    readonly periodStart: string;
    readonly periodEnd: string;
    readonly notes: string | null;
    readonly sourceFile: string;
    readonly sourceSha256: string;
    readonly sheet: string;
    readonly rowNumber: number;
    readonly cellsJson: string;
    readonly attributesJson: string | null;
  };
  readonly factor: StoredFactor | null;
}

export interface StoredFactor {
  readonly id: number;
  readonly label: string;
  readonly setKey: string;
  readonly edition: string;
  readonly publisher: string;
  readonly sourceRowsJson: string;
  readonly attributesJson: string | null;
  /** The factor's own stated validity, if its table gave one. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

interface PricingEntry {
  readonly factor: StoredFactor | null;
  readonly factorId: number | null;
  readonly factorSetKey: string | null;
  readonly factorUnit: string;
  readonly conversionFactor: number;
  readonly co2ePerUnitKg: number;
  readonly note: string | null;
  readonly converted: ExactScale;
  readonly unitRatio: string;
  readonly gases: readonly { readonly gas: string; readonly kgCo2e: string }[];
}

/**
 * A run's groups and pricings, held while its lines are read (as many as the run has groups and
 * factors in use, not lines), with the exact multipliers that give back what is not stored of a
 * line: its converted quantity, and the tCO2e of each gas (unitRatio × share × kg / 1000).
 */
export class RunDictionary {
  private readonly groups = new Map<number, { readonly group: Omit<StoredGroup, 'total'>; readonly gasScales: Map<number, readonly ExactScale[]> }>();
  private readonly pricings = new Map<number, PricingEntry>();

  constructor(db: ReadableDb, runId: number) {
    const groupRows = db.prepare('SELECT id, fiscal_year, basis, scope3_category, site, activity, share, share_exact FROM calc_group WHERE run_id = ?').raw().all(runId) as
      [number, string, LineBasis, number | null, string | null, string, number, string][];
    for (const [id, fiscalYear, basis, scope3Category, site, activity, share, shareExact] of groupRows) {
      this.groups.set(id, { group: { id, fiscalYear, basis, scope3Category, site, activity, share, shareExact }, gasScales: new Map() });
    }
    const pricingRows = db.prepare(
      `SELECT p.id, p.factor_id, p.factor_set_key, p.factor_unit, p.conversion_factor, p.unit_ratio, p.co2e_per_unit_kg, p.gases_json, p.note,
              f.label, fs.set_key, fs.edition, fs.publisher, f.source_rows_json, f.attributes_json, f.valid_from, f.valid_to
         FROM calc_pricing p LEFT JOIN emission_factor f ON f.id = p.factor_id LEFT JOIN factor_set fs ON fs.id = f.factor_set_id WHERE p.run_id = ?`,
    ).raw().all(runId) as [number, number | null, string | null, string, number, string, number, string, ...(string | null)[]][];
    for (const [id, factorId, factorSetKey, factorUnit, conversionFactor, unitRatio, co2ePerUnitKg, gasesJson, note, label, setKey, edition, publisher, sourceRows, attributesJson, validFrom, validTo] of pricingRows) {
      const factor =
        factorId === null || label === null || label === undefined
          ? null
          : { id: factorId, label, setKey: setKey ?? '', edition: edition ?? '', publisher: publisher ?? '', sourceRowsJson: sourceRows ?? 'null', attributesJson: attributesJson ?? null, validFrom: validFrom ?? null, validTo: validTo ?? null };
      this.pricings.set(id, {
        factor, factorId, factorSetKey, factorUnit, conversionFactor, co2ePerUnitKg, note: note ?? null, unitRatio,
        converted: new ExactScale(ratioFromText(unitRatio)), gases: JSON.parse(gasesJson) as PricingEntry['gases'],
      });
    }
  }

  group(id: number): Omit<StoredGroup, 'total'> {
    const entry = this.groups.get(id);
    if (!entry) throw new Error(`a stored line points at group ${id}, which its run does not hold`);
    return entry.group;
  }

  /** A stored line as the calculation made it. */
  line(recordId: number, unit: string, groupId: number, pricingId: number, quantity: number, charged: number | null, tco2e: number, gasesJson: string | null): { line: ResultLine; factor: StoredFactor | null } {
    const entry = this.groups.get(groupId);
    const pricing = this.pricings.get(pricingId);
    if (!entry || !pricing) throw new Error(`a stored line points at group ${groupId} and pricing ${pricingId}, which its run does not hold`);
    const { group } = entry;
    const decimal = ExactDecimal.of(quantity);
    const convertedQuantity = pricing.converted.times(decimal);
    const gasValues = gasesJson === null ? this.gasScales(entry, pricingId, pricing).map((scale) => scale.times(decimal)) : (JSON.parse(gasesJson) as number[]);
    return {
      factor: pricing.factor,
      line: {
        recordId, site: group.site, activity: group.activity, fiscalYear: group.fiscalYear, basis: group.basis, scope3Category: group.scope3Category,
        quantity, unit, conversionFactor: pricing.conversionFactor, convertedQuantity, chargedQuantity: charged ?? convertedQuantity, factorUnit: pricing.factorUnit,
        factorId: pricing.factorId, factorSetKey: pricing.factorSetKey, co2ePerUnitKg: pricing.co2ePerUnitKg,
        gases: pricing.gases.map(({ gas }, index) => ({ gas, tco2e: gasValues[index]! })), share: group.share, tco2e,
        ...(pricing.note === null ? {} : { note: pricing.note }),
      },
    };
  }

  /** tCO2e per gas per unit of quantity: unitRatio × share × kg / 1000, for lines charged in full. */
  private gasScales(entry: { group: Omit<StoredGroup, 'total'>; gasScales: Map<number, readonly ExactScale[]> }, pricingId: number, pricing: PricingEntry): readonly ExactScale[] {
    let scales = entry.gasScales.get(pricingId);
    if (!scales) {
      const tonnesPerKg = productOfRationals(ratioFromText(pricing.unitRatio), ratioFromText(entry.group.shareExact), rational(1n, 1000n));
      scales = pricing.gases.map((gas) => new ExactScale(productOfRationals(tonnesPerKg, ratioFromText(gas.kgCo2e))));
      entry.gasScales.set(pricingId, scales);
    }
    return scales;
  }
}

const LINE_SELECT = `SELECT l.record_id, r.unit, l.group_id, l.pricing_id, l.quantity, l.charged_quantity, l.tco2e, l.gas_tco2e_json,
                            r.period_start, r.period_end, r.notes, s.file_name, s.sha256, w.sheet, w.row_number, w.cells_json, r.attributes_json`;

type LineRow = [number, string, number, number, number, number | null, number, string | null, string, string, string | null, string, string, string, number, string, string | null];

/** The joins that make a stored line a traced one: its group, its record and the source row. */
function lineJoins(records: string): string {
  return `FROM calc_line l
          JOIN calc_group g ON g.run_id = ? AND g.id = l.group_id
          JOIN ${records} r ON r.id = l.record_id
          JOIN raw_row w ON w.id = r.raw_row_id
          JOIN source_file s ON s.id = r.source_file_id`;
}

function storedLine(dictionary: RunDictionary, row: LineRow): StoredLineRow {
  const [recordId, unit, groupId, pricingId, quantity, charged, tco2e, gasesJson, periodStart, periodEnd, notes, sourceFile, sourceSha256, sheet, rowNumber, cellsJson, attributesJson] = row;
  const { line, factor } = dictionary.line(recordId, unit, groupId, pricingId, quantity, charged, tco2e, gasesJson);
  return { line, record: { periodStart, periodEnd, notes, sourceFile, sourceSha256, sheet, rowNumber, cellsJson, attributesJson }, factor };
}

/** One page of a figure's lines, sorted. The table is walked in record order: the first pages of a large figure come at once. */
export function selectLinePage(db: ReadableDb, dictionary: RunDictionary, records: string, filter: LineFilter, request: LinePageRequest): StoredLineRow[] {
  const { sql, params } = lineConditions(filter);
  const direction = request.descending ? 'DESC' : 'ASC';
  const order = LINE_ORDER[request.order].split(', ').map((column) => `${column} ${direction}`).join(', ');
  const rows = db.prepare(`${LINE_SELECT} ${lineJoins(records)} WHERE ${sql} ORDER BY ${order}${request.order === 'record' ? '' : ', l.id'} LIMIT ? OFFSET ?`)
    .raw().all(filter.run.id, ...params, request.limit, request.offset) as LineRow[];
  return rows.map((row) => storedLine(dictionary, row));
}

/** What streaming over a figure's lines needs of each: its amount, site, activity and record period. */
export interface LineAmount {
  readonly fiscalYear: string;
  readonly site: string | null;
  readonly activity: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly tco2e: number;
}

/** Every line a filter keeps, one at a time, with only what sums and breakdowns need. */
export function* iterateLineAmounts(db: ReadableDb, records: string, filter: LineFilter): Generator<LineAmount> {
  const { sql, params } = lineConditions(filter);
  const rows = db.prepare(
    `SELECT g.fiscal_year, g.site, g.activity, r.period_start, r.period_end, l.tco2e
       FROM calc_line l JOIN calc_group g ON g.run_id = ? AND g.id = l.group_id JOIN ${records} r ON r.id = l.record_id WHERE ${sql}`,
  ).raw().iterate(filter.run.id, ...params) as IterableIterator<[string, string | null, string, string, string, number]>;
  for (const [fiscalYear, site, activity, periodStart, periodEnd, tco2e] of rows) yield { fiscalYear, site, activity, periodStart, periodEnd, tco2e };
}

/** Every line of a run in record order, for export: a cursor (on a connection of the caller's that nothing else uses meanwhile). */
export function* iterateRunLines(db: ReadableDb, records: string, run: Pick<StoredRun, 'id' | 'firstLineId' | 'lastLineId'>): Generator<StoredLineRow> {
  const dictionary = new RunDictionary(db, run.id);
  const rows = db.prepare(`${LINE_SELECT} ${lineJoins(records)} WHERE l.id BETWEEN ? AND ? ORDER BY l.id`).raw()
    .iterate(run.id, run.firstLineId ?? 0, run.lastLineId ?? -1) as IterableIterator<LineRow>;
  for (const row of rows) yield storedLine(dictionary, row);
}

/** Every gas any line of a run names. */
export function selectRunGases(db: ReadableDb, runId: number): string[] {
  const rows = db.prepare('SELECT DISTINCT gases_json FROM calc_pricing WHERE run_id = ?').all(runId) as { gases_json: string }[];
  return [...new Set(rows.flatMap((row) => (JSON.parse(row.gases_json) as { gas: string }[]).map((gas) => gas.gas)))];
}

/** Every finding of a variant in record order, with its record's source row: a cursor (on a connection of the caller's that nothing else uses meanwhile). */
export function* iterateFindings(db: ReadableDb, variant: string): Generator<FindingView> {
  const rows = db.prepare(`${FINDING_SELECT} WHERE f.variant = ? ORDER BY f.record_id, f.cause_id`).iterate(variant) as IterableIterator<FindingRow>;
  for (const row of rows) yield findingView(row);
}
