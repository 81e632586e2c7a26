import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditEntries, entryHash, GENESIS_HASH } from '../../../electron/engine/db/audit-log';
import { migrate } from '../../../electron/engine/db/connection';
import { writableHandle } from '../../../electron/engine/db/handles';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { tamperWithAuditLog } from '../../helpers/tamper';
import { useTempDir } from '../../helpers/temp';

const CONTEXT = { actor: 'tester' };

function engagementWithEntries(file: string, extraEntries: number): void {
  const engagement = Engagement.create(file, { entityName: 'Example Group', fiscalYearStartMonth: 4 }, CONTEXT);
  for (let i = 0; i < extraEntries; i++) {
    engagement.change('test.step', { step: i, note: `entry ${i}` }, () => undefined);
  }
  engagement.close();
}

describe('audit log', () => {
  const tempDir = useTempDir();

  it('chains each entry to the previous one with SHA-256', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    engagementWithEntries(file, 3);
    const engagement = Engagement.open(file, CONTEXT);
    const rows = engagement.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
      seq: number; at: string; actor: string; operation: string; params_json: string; prev_hash: string; hash: string;
    }[];
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    for (const row of rows) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(entryHash(row.prev_hash, row)).toBe(row.hash);
    }
    expect(rows[2]!.actor).toBe('tester');
    expect(JSON.parse(rows[2]!.params_json)).toEqual({ note: 'entry 1', step: 1 });
    expect(engagement.verifyAuditLog()).toEqual({ intact: true, entries: 4, headHash: rows[3]!.hash });
    engagement.close();
  });

  it('refuses UPDATE and DELETE through SQL triggers', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    engagementWithEntries(file, 1);
    const engagement = Engagement.open(file, CONTEXT);
    expect(() => engagement.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => engagement.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true, entries: 2 });
    engagement.close();
  });

  it('names the first broken entry when a row is edited behind the app’s back', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    engagementWithEntries(file, 4);
    tamperWithAuditLog(file, `UPDATE audit_log SET params_json = '{"note":"entry 9","step":9}' WHERE seq = 3`);
    const engagement = Engagement.open(file, CONTEXT);
    expect(engagement.verifyAuditLog()).toEqual({ intact: false, entries: 3, brokenAt: 3, reason: 'entry 3 was altered after it was written' });
    engagement.close();
  });

  it('detects a deleted entry and a re-hashed forgery that no longer links', () => {
    const dir = tempDir();
    const deleted = path.join(dir, 'deleted.carbonaudit');
    engagementWithEntries(deleted, 4);
    tamperWithAuditLog(deleted, 'DELETE FROM audit_log WHERE seq = 2');
    let engagement = Engagement.open(deleted, CONTEXT);
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: false, brokenAt: 3, reason: 'entry 2 is missing (next entry is 3)' });
    engagement.close();

    const forged = path.join(dir, 'forged.carbonaudit');
    engagementWithEntries(forged, 4);
    const db = new Database(forged);
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as { seq: number; at: string; actor: string; operation: string; params_json: string; prev_hash: string };
    const forgedRow = { ...row, actor: 'mallory' };
    db.close();
    // The forger recomputes entry 2's own hash, but entry 3 still points at the original.
    tamperWithAuditLog(forged, `UPDATE audit_log SET actor = 'mallory', hash = '${entryHash(row.prev_hash, forgedRow)}' WHERE seq = 2`);
    engagement = Engagement.open(forged, CONTEXT);
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: false, brokenAt: 3, reason: 'entry 3 does not link to entry 2' });
    engagement.close();
  });

  it('writes the entry in the same transaction as the change: a failed change leaves no entry', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    engagementWithEntries(file, 0);
    const engagement = Engagement.open(file, CONTEXT);
    expect(() =>
      engagement.change('test.fails', {}, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(engagement.summary().auditEntries).toBe(1);
    appendAudit(engagement.db, { actor: 'tester', operation: 'direct', params: { a: [1, { c: 2, b: 1 }] } });
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true, entries: 2 });
    engagement.close();
  });

  it('filters entries by operation and by text in SQL, a page at a time', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    engagementWithEntries(file, 5);
    const engagement = Engagement.open(file, CONTEXT);
    expect(auditEntries(engagement.reader, 0, 100, { operation: 'test.step' }).map((entry) => entry.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(auditEntries(engagement.reader, 0, 100, { text: 'ENTRY 3' }).map((entry) => (entry.params as { step: number }).step)).toEqual([3]);
    expect(auditEntries(engagement.reader, 3, 2, { operation: 'test.step' }).map((entry) => entry.seq)).toEqual([4, 5]);
    expect(auditEntries(engagement.reader, 0, 100, { operation: 'engagement.create', text: 'entry' })).toEqual([]);
    engagement.close();
  });

  it('hashes each entry’s sequence, time, actor, operation and parameters onto the previous hash: pinned values', () => {
    const db = writableHandle(new Database(':memory:'));
    migrate(db, 0);
    const first = appendAudit(db, { actor: 'a.auditor', operation: 'import.commit', params: { rows: 24, file: 'energy.xlsx' }, at: '2026-01-05T09:30:00.000Z' });
    const second = appendAudit(db, {
      actor: 'b.reviewer',
      operation: 'settings.update',
      params: { before: { materialityPercent: 5 }, after: { materialityPercent: 2 } },
      at: '2026-01-05T10:00:00.000Z',
    });
    // The documented format, recomputed here: SHA-256 of the previous hash, a newline, and the
    // entry's canonical JSON (keys sorted, the parameters as their own canonical JSON text).
    const sha256 = (previous: string, body: string) => createHash('sha256').update(previous).update('\n').update(body).digest('hex');
    const firstBody = '{"actor":"a.auditor","at":"2026-01-05T09:30:00.000Z","operation":"import.commit","params":"{\\"file\\":\\"energy.xlsx\\",\\"rows\\":24}","seq":1}';
    expect(first.hash).toBe(sha256(GENESIS_HASH, firstBody));
    expect(first.hash).toBe('80e484f286019962a9e80975fb1c6b30d5f2746dc32a0c0dc1d832482abea51b');
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe('9f66aeeadee15464fa80704437f14e515e3c833c31473dcbb811ad40ba045510');

    // Every field is covered: changing any one of them, or the link, changes the hash.
    const row = { seq: 2, at: '2026-01-05T10:00:00.000Z', actor: 'b.reviewer', operation: 'settings.update', params_json: '{"after":{"materialityPercent":2},"before":{"materialityPercent":5}}' };
    expect(entryHash(first.hash, row)).toBe(second.hash);
    const variants = [
      entryHash(GENESIS_HASH, row),
      entryHash(first.hash, { ...row, seq: 3 }),
      entryHash(first.hash, { ...row, at: '2026-01-04T10:00:00.000Z' }),
      entryHash(first.hash, { ...row, actor: 'mallory' }),
      entryHash(first.hash, { ...row, operation: 'settings.updatd' }),
      entryHash(first.hash, { ...row, params_json: '{"after":{"materialityPercent":3},"before":{"materialityPercent":5}}' }),
    ];
    expect(new Set([second.hash, ...variants]).size).toBe(variants.length + 1);
    db.close();
  });

  it('names a backdated entry: the time is part of what the hash covers', () => {
    const file = path.join(tempDir(), 'e.carbonaudit');
    engagementWithEntries(file, 3);
    tamperWithAuditLog(file, "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 2");
    const engagement = Engagement.open(file, CONTEXT);
    expect(engagement.verifyAuditLog()).toEqual({ intact: false, entries: 2, brokenAt: 2, reason: 'entry 2 was altered after it was written' });
    engagement.close();
  });
});
