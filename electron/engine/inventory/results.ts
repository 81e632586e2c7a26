/**
 * Reading stored results: the inventory as stored with whether it is out of date, its findings
 * page by page, and every line for export. Nothing here calculates or freezes factor versions.
 */
import type { CalcRecord, Finding, FindingKind } from '../../../shared/calc/inventory-types';
import { MAX_FINDING_GROUPS, type FindingsPage, type FindingView, type InventoryResults, type ResultsStatus } from '../../../shared/contract';
import type { ReadableDb } from '../db/handles';
import { connectReadOnly } from '../db/read-only';
import type { Engagement } from '../engagement/handle';
import { latestFactorSetIds } from '../factors/service';
import { staleParts } from './calculate';
import { AS_IMPORTED, type CalculationVariant } from './inputs';
import { iterateFindings, iterateRunLines, selectFindingGroups, selectFindings, selectRecordFindings, selectRun, selectRunGases, type StoredLineRow, type StoredRun } from './results-store';

export function statusOf(engagement: Engagement, run: StoredRun | null, variant: CalculationVariant): ResultsStatus {
  if (!run) return { state: 'none' };
  const changed = staleParts(engagement, run, variant);
  return { state: changed.length === 0 ? 'current' : 'stale', changed, calculatedAt: run.calculatedAt, calculatedBy: run.calculatedBy, inputsSha256: run.inputsSha256 };
}

/** The stored inventory of a variant, whether it is out of date, and its findings grouped by cause. */
export function inventoryResults(engagement: Engagement, variant: CalculationVariant = AS_IMPORTED): InventoryResults {
  const run = selectRun(engagement.reader, variant.name);
  const factorsLoaded = latestFactorSetIds(engagement.reader).length > 0;
  const status = statusOf(engagement, run, variant);
  if (!run) return { variant: variant.name, status, factorsLoaded, periods: [], findings: { total: 0, groups: [], groupsTotal: 0 }, factorSets: [], lines: 0 };
  return {
    variant: variant.name,
    status,
    factorsLoaded,
    periods: run.periods,
    findings: selectFindingGroups(engagement.reader, run.id, { limit: MAX_FINDING_GROUPS }),
    factorSets: run.factorSets,
    lines: run.lineCount,
  };
}

export interface FindingsQuery {
  readonly kind?: FindingKind;
  readonly causeId?: number;
  readonly page: number;
  readonly pageSize: number;
}

/** One page of the variant's findings (one per record and cause), in record order. */
export function listFindings(engagement: Engagement, query: FindingsQuery, variant: CalculationVariant = AS_IMPORTED): FindingsPage {
  const run = selectRun(engagement.reader, variant.name);
  const status = statusOf(engagement, run, variant);
  const { page, pageSize } = query;
  if (!run) return { status, total: 0, page, pageSize, findings: [] };
  const groups = selectFindingGroups(engagement.reader, run.id, { kind: query.kind, limit: Number.MAX_SAFE_INTEGER });
  const total = query.causeId === undefined ? groups.total : (groups.groups.find((group) => group.causeId === query.causeId)?.count ?? 0);
  const findings = selectFindings(engagement.reader, variant.name, { kind: query.kind, causeId: query.causeId, limit: pageSize, offset: page * pageSize });
  return { status, total, page, pageSize, findings };
}

/**
 * Every stored line of a variant in record order, with its record, source row and factor: what
 * an export streams. The lines are read on a read-only connection of their own, so the export
 * may query the engagement while it iterates, and they all come from one snapshot.
 */
export interface StoredResultLines {
  readonly status: ResultsStatus;
  readonly lineCount: number;
  /** Every gas a line names. */
  readonly gases: readonly string[];
  lines(): AsyncIterable<StoredLineRow>;
}

export function storedResultLines(engagement: Engagement, variant: CalculationVariant = AS_IMPORTED): StoredResultLines {
  const run = selectRun(engagement.reader, variant.name);
  return {
    status: statusOf(engagement, run, variant),
    lineCount: run?.lineCount ?? 0,
    gases: run ? selectRunGases(engagement.reader, run.id) : [],
    lines: () => onOwnConnection(engagement, (db) => (run ? iterateRunLines(db, variant.records, run) : [])),
  };
}

/** The stored findings of these kinds about a record, with the records (the records the stored calculation left out, for one). */
export function storedRecordFindings(engagement: Engagement, kinds: readonly FindingKind[], variant: CalculationVariant = AS_IMPORTED): { findings: Finding[]; records: CalcRecord[] } {
  const rows = selectRecordFindings(engagement.reader, variant.name, kinds);
  const records = new Map(rows.map((row) => [row.record.id, row.record]));
  return { findings: rows.map((row) => row.finding), records: [...records.values()] };
}

/** Every finding of a variant, in record order, streamed the same way. */
export interface StoredFindings {
  readonly total: number;
  rows(): AsyncIterable<FindingView>;
}

export function storedFindings(engagement: Engagement, variant: CalculationVariant = AS_IMPORTED): StoredFindings {
  const run = selectRun(engagement.reader, variant.name);
  return {
    total: run?.findingCount ?? 0,
    rows: () => onOwnConnection(engagement, (db) => iterateFindings(db, variant.name)),
  };
}

/** Rows read through a read-only connection of their own, closed when they are all read (or the reader stops). */
async function* onOwnConnection<T>(engagement: Engagement, rows: (db: ReadableDb) => Iterable<T>): AsyncGenerator<T> {
  const db = connectReadOnly(engagement.filePath, engagement.context);
  try {
    yield* rows(db);
  } finally {
    db.close();
  }
}
