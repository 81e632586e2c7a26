import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../../../shared/contract';
import { canonicalJson } from '../../../shared/canonical-json';
import type { ReadableDb, WritableDb } from './handles';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly operation: string;
  readonly params_json: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/**
 * The hash covers the previous entry's hash and every field of this one, so changing,
 * removing or reordering any entry breaks every link after it.
 */
export function entryHash(prevHash: string, entry: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    operation: entry.operation,
    params: entry.params_json,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface AuditAppend {
  readonly actor: string;
  readonly operation: string;
  readonly params: unknown;
  /** Injected for reproducible tests; defaults to now. */
  readonly at?: string;
}

/** Appends one entry. Call inside the transaction that makes the change it records. */
export function appendAudit(db: WritableDb, append: AuditAppend): AuditEntry {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const row = {
    seq,
    at: append.at ?? new Date().toISOString(),
    actor: append.actor,
    operation: append.operation,
    params_json: canonicalJson(append.params ?? {}),
  };
  const hash = entryHash(prevHash, row);
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, operation, params_json, prev_hash, hash) VALUES (@seq, @at, @actor, @operation, @params_json, @prev_hash, @hash)',
  ).run({ ...row, prev_hash: prevHash, hash });
  return toEntry({ ...row, prev_hash: prevHash, hash });
}

/** Walks the whole chain in order and reports the first entry whose link does not hold. */
export function verifyAuditLog(db: ReadableDb): AuditVerification {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<AuditRow>) {
    entries++;
    const broken = (reason: string): AuditVerification => ({ intact: false, entries, brokenAt: row.seq, reason });
    if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (next entry is ${row.seq})`);
    if (row.prev_hash !== expectedPrev) return broken(`entry ${row.seq} does not link to entry ${row.seq - 1}`);
    if (entryHash(row.prev_hash, row) !== row.hash) return broken(`entry ${row.seq} was altered after it was written`);
    expectedPrev = row.hash;
    expectedSeq++;
  }
  return { intact: true, entries, headHash: expectedPrev };
}

export interface AuditFilter {
  /** Only entries of this operation. */
  readonly operation?: string;
  /** Only entries whose operation, actor or parameters contain this text (case-insensitive for ASCII). */
  readonly text?: string;
}

/** A page of entries after `afterSeq`, filtered in SQL so a long log is never loaded whole. */
export function auditEntries(db: ReadableDb, afterSeq = 0, limit = 200, filter: AuditFilter = {}): AuditEntry[] {
  const rows = db.prepare(
    `SELECT * FROM audit_log
      WHERE seq > @afterSeq
        AND (@operation IS NULL OR operation = @operation)
        AND (@text IS NULL OR instr(lower(operation || ' ' || actor || ' ' || params_json), lower(@text)) > 0)
      ORDER BY seq LIMIT @limit`,
  ).all({ afterSeq, limit, operation: filter.operation ?? null, text: filter.text || null }) as AuditRow[];
  return rows.map(toEntry);
}

/** The latest entry of an operation, if the log has one. */
export function lastAuditEntry(db: ReadableDb, operation: string): AuditEntry | undefined {
  const row = db.prepare('SELECT * FROM audit_log WHERE operation = ? ORDER BY seq DESC LIMIT 1').get(operation) as AuditRow | undefined;
  return row && toEntry(row);
}

export function auditHead(db: ReadableDb): { entries: number; headHash: string } {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  return { entries: head?.seq ?? 0, headHash: head?.hash ?? GENESIS_HASH };
}

/** The hash of entry `seq` (the genesis hash for 0), or undefined when the log has no such entry. */
function hashAt(db: ReadableDb, seq: number): string | undefined {
  if (seq === 0) return GENESIS_HASH;
  return (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash;
}

/** A head of this log seen before: from an export, a sign-off, or this machine's witness. */
export interface KnownHead {
  readonly headHash: string;
  /** Its entry count, when known: what names the missing entries of a cut log. */
  readonly entries?: number;
}

/**
 * Where a head seen before stands in the log now. A hash chain proves every entry up to the head
 * is intact, but not that the head is the last one written: comparing with a head seen before
 * shows a cut tail (or a rewritten history), which the chain alone cannot.
 * - contains: the log holds the known head at entry `knownAt` (and `entries` − `knownAt` after it);
 * - cut: entries `missingFrom`–`missingTo` are gone (the known head was entry `missingTo`);
 * - forked: entry `at` is not the known head (its hash is `found`): history was rewritten;
 * - not-found: the known head is not in the log, and without its count no more can be said.
 */
export type HeadComparison =
  | { readonly kind: 'contains'; readonly entries: number; readonly knownAt: number }
  | { readonly kind: 'cut'; readonly entries: number; readonly missingFrom: number; readonly missingTo: number }
  | { readonly kind: 'forked'; readonly entries: number; readonly at: number; readonly found: string }
  | { readonly kind: 'not-found'; readonly entries: number };

/** 'entry 4 is missing', 'entries 3–4 are missing'. */
export function describeMissingEntries(from: number, to: number): string {
  return from === to ? `entry ${from} is missing` : `entries ${from}–${to} are missing`;
}

export function compareWithKnownHead(db: ReadableDb, known: KnownHead): HeadComparison {
  const { entries } = auditHead(db);
  if (known.entries === undefined) {
    const row = db.prepare('SELECT seq FROM audit_log WHERE hash = ?').get(known.headHash) as { seq: number } | undefined;
    const knownAt = row?.seq ?? (known.headHash === GENESIS_HASH ? 0 : undefined);
    return knownAt === undefined ? { kind: 'not-found', entries } : { kind: 'contains', entries, knownAt };
  }
  if (known.entries > entries) return { kind: 'cut', entries, missingFrom: entries + 1, missingTo: known.entries };
  const found = hashAt(db, known.entries)!;
  return found === known.headHash ? { kind: 'contains', entries, knownAt: known.entries } : { kind: 'forked', entries, at: known.entries, found };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    operation: row.operation,
    params: JSON.parse(row.params_json) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
