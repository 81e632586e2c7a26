/**
 * An audit log whose tail cannot vanish unseen. The hash chain alone still verifies after the last
 * entries are cut off (with the append-only triggers dropped, as anyone with the file can do); this
 * machine's witness, kept outside the file, remembers the head it saw, so a cut tail or a rewritten
 * history is a warning and a finding. Each "machine" here is its own app-data folder.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { APP_DATA_ENV, auditHeadReference, auditWitnessFindings, copyEngagement, createEngagement, engagementSummary, openEngagement } from '../../../electron/engine/engagement/service';
import { tamperWithAuditLog } from '../../helpers/tamper';
import { useTempDir } from '../../helpers/temp';

const SETTINGS = { entityName: 'Example Group', fiscalYearStartMonth: 4 };

/** The CLI as run on the machine whose app-data folder is `appData`. */
async function cliOn(appData: string, ...args: string[]) {
  let out = '';
  let err = '';
  const previous = process.env[APP_DATA_ENV];
  process.env[APP_DATA_ENV] = appData;
  try {
    const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
    return { code, out, err };
  } finally {
    process.env[APP_DATA_ENV] = previous;
  }
}

describe('the audit witness', () => {
  const tempDir = useTempDir();

  /** An engagement with four audit entries, made on the machine whose app-data folder is `appData`. */
  function fourEntries(dir: string, appData: string): { file: string; head: { entries: number; headHash: string } } {
    const file = path.join(dir, 'group.carbonaudit');
    const engagement = createEngagement(file, SETTINGS, { actor: 'jane', appDataDir: appData });
    for (const step of [1, 2, 3]) engagement.change('test.step', { step }, () => undefined);
    const head = auditHeadReference(engagement);
    engagement.close();
    return { file, head };
  }

  it('notices a cut tail that the hash chain alone does not, names the missing entries, and keeps the finding', async () => {
    const dir = tempDir();
    const machine = path.join(dir, 'machine');
    const { file, head } = fourEntries(dir, machine);
    expect(head.entries).toBe(4);
    tamperWithAuditLog(file, 'DELETE FROM audit_log WHERE seq > 2');

    const engagement = await openEngagement(file, { actor: 'jane', appDataDir: machine });
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true, entries: 2 });
    const summary = engagementSummary(engagement);
    expect(summary.auditWitness).toMatchObject({
      status: 'cut',
      finding: { kind: 'cut', seen: { entries: 4, headHash: head.headHash }, found: { entries: 2, headHash: summary.auditHeadHash } },
    });
    expect(summary.auditWitness.status === 'cut' && summary.auditWitness.finding.message).toMatch(
      new RegExp(`has 2 entries, but this machine saw 4 on .* \\(head ${head.headHash}\\): entries 3–4 are missing`),
    );
    engagement.close();

    // Opened again, still cut: one finding, and the witness still remembers the four entries.
    const again = await openEngagement(file, { actor: 'jane', appDataDir: machine });
    expect(engagementSummary(again).auditWitness.status).toBe('cut');
    expect(auditWitnessFindings(again).map((finding) => [finding.kind, finding.seen.entries, finding.found.entries])).toEqual([['cut', 4, 2]]);
    again.close();

    // The command line: a warning on every command, and verify fails.
    const verify = await cliOn(machine, 'verify', file);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('Audit log intact: 2 entries');
    expect(verify.err).toMatch(/^Warning: The audit log of this engagement has 2 entries, but this machine saw 4 .*entries 3–4 are missing/);
    const info = await cliOn(machine, 'info', file);
    expect(info.code).toBe(0);
    expect(info.err).toContain('entries 3–4 are missing');
    expect(info.out).toContain('Witness:        CUT: The audit log of this engagement has 2 entries');
  });

  it('checks against a known head: verify --head fails on a cut log, naming the missing entries', async () => {
    const dir = tempDir();
    const { file, head } = fourEntries(dir, path.join(dir, 'machine'));
    const elsewhere = path.join(dir, 'another machine');
    const intact = await cliOn(elsewhere, 'verify', file, '--head', head.headHash, '--entries', '4');
    expect(intact).toMatchObject({ code: 0, err: '' });
    expect(intact.out).toContain('Known head is entry 4, the last entry');

    tamperWithAuditLog(file, 'DELETE FROM audit_log WHERE seq > 2');
    // A machine that never saw the file: only the known head can tell the log was cut.
    const fresh = path.join(dir, 'a third machine');
    const cut = await cliOn(fresh, 'verify', file, '--head', head.headHash, '--entries', '4');
    expect(cut.code).toBe(1);
    expect(cut.err).toContain(`Audit log CUT: entries 3–4 are missing (the log ends at entry 2; the known head ${head.headHash} was entry 4)`);
    // Without the count, the head is simply not there.
    const unknownCount = await cliOn(fresh, 'verify', file, '--head', head.headHash);
    expect(unknownCount.code).toBe(1);
    expect(unknownCount.err).toContain(`Known head ${head.headHash} is NOT in the log's 2 entries`);
    // A head from before the cut is still there.
    const first = new Database(file, { readonly: true }).prepare('SELECT hash FROM audit_log WHERE seq = 1').pluck().get() as string;
    const earlier = await cliOn(fresh, 'verify', file, '--head', first);
    expect(earlier).toMatchObject({ code: 0 });
    expect(earlier.out).toContain('Known head is entry 1; 1 entry was added after it');
    expect((await cliOn(fresh, 'verify', file, '--entries', '4')).code).toBe(2);
    expect((await cliOn(fresh, 'verify', file, '--head', 'not-a-hash')).code).toBe(2);
  });

  it('notices a rewritten history: the entry this machine saw last is no longer the same', async () => {
    const dir = tempDir();
    const machine = path.join(dir, 'machine');
    const { file, head } = fourEntries(dir, machine);
    // The last two entries replaced by others, written through the app on another machine: a
    // chain that verifies, of the same length and longer, but not the history this machine saw.
    tamperWithAuditLog(file, 'DELETE FROM audit_log WHERE seq > 2');
    const rewriter = await openEngagement(file, { actor: 'mallory', appDataDir: path.join(dir, 'elsewhere') });
    for (const step of ['a', 'b', 'c']) rewriter.change('test.step', { step }, () => undefined);
    rewriter.close();

    const engagement = await openEngagement(file, { actor: 'jane', appDataDir: machine });
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true, entries: 5 });
    const { auditWitness } = engagementSummary(engagement);
    expect(auditWitness).toMatchObject({ status: 'forked', finding: { kind: 'forked', seen: { entries: 4, headHash: head.headHash }, found: { entries: 5 } } });
    expect(auditWitness.status === 'forked' && auditWitness.finding.message).toContain(`its entry 4 had the hash ${head.headHash}, which is no longer in it`);
    // Work on the rewritten file does not move the witness: the warning stays.
    engagement.change('test.step', { step: 'd' }, () => undefined);
    engagement.close();
    const reopened = await openEngagement(file, { actor: 'jane', appDataDir: machine });
    expect(engagementSummary(reopened).auditWitness.status).toBe('forked');
    reopened.close();
    const verify = await cliOn(machine, 'verify', file, '--head', head.headHash, '--entries', '4');
    expect(verify.code).toBe(1);
    expect(verify.err).toContain(`Audit log REWRITTEN: entry 4 is not the known head ${head.headHash}`);
  });

  it('says nothing of a file copied to a new machine, prints its head, and follows it from then on', async () => {
    const dir = tempDir();
    const { file, head } = fourEntries(dir, path.join(dir, 'first machine'));
    const copy = path.join(dir, 'copy.carbonaudit');
    fs.copyFileSync(file, copy);
    const newMachine = path.join(dir, 'new machine');

    const info = await cliOn(newMachine, 'info', copy);
    expect(info).toMatchObject({ code: 0, err: '' });
    expect(info.out).toContain(`Audit log:      4 entries, head ${head.headHash}`);
    expect(info.out).toContain('Witness:        first seen on this machine');
    const verify = await cliOn(newMachine, 'verify', copy);
    expect(verify).toMatchObject({ code: 0, err: '' });
    expect(verify.out).toBe(`Audit log intact: 4 entries, head ${head.headHash}\n`);

    // The copy is the same engagement: the same id, and the new machine now holds its head.
    const engagement = await openEngagement(copy, { actor: 'sam', appDataDir: newMachine });
    expect(engagementSummary(engagement)).toMatchObject({ engagementId: auditHeadReference(engagement).engagementId, auditWitness: { status: 'consistent', seen: { entries: 4, headHash: head.headHash } } });
    engagement.change('test.step', { step: 'more work' }, () => undefined);
    engagement.close();
    const grown = await openEngagement(copy, { actor: 'sam', appDataDir: newMachine });
    expect(engagementSummary(grown).auditWitness).toMatchObject({ status: 'consistent', seen: { entries: 5 } });
    grown.close();
    // Back on the first machine, the copy holds everything that machine saw, and more: no warning.
    const back = await cliOn(path.join(dir, 'first machine'), 'verify', copy);
    expect(back).toMatchObject({ code: 0, err: '' });
  });

  it('gives every copy of an engagement the same id, and different engagements different ids', async () => {
    const dir = tempDir();
    const machine = path.join(dir, 'machine');
    const one = createEngagement(path.join(dir, 'one.carbonaudit'), SETTINGS, { actor: 'jane', appDataDir: machine });
    const two = createEngagement(path.join(dir, 'two.carbonaudit'), SETTINGS, { actor: 'jane', appDataDir: machine });
    const [oneId, twoId] = [auditHeadReference(one).engagementId, auditHeadReference(two).engagementId];
    expect(oneId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(twoId).not.toBe(oneId);
    // Recorded in the engagement's first audit entry, under the hash chain.
    const created = one.db.prepare("SELECT params_json FROM audit_log WHERE operation = 'engagement.create'").pluck().get() as string;
    expect(JSON.parse(created)).toMatchObject({ engagementId: oneId });
    one.close();
    two.close();
    expect(fs.readdirSync(path.join(machine, 'audit-witness')).sort()).toEqual([`${oneId}.json`, `${twoId}.json`].sort());
  });
});

describe('a what-if copy of an engagement', () => {
  const tempDir = useTempDir();

  it('is a new engagement whose log says what it was copied from: going on in both, neither looks like a fork of the other', async () => {
    const dir = tempDir();
    const machine = path.join(dir, 'machine');
    const original = path.join(dir, 'group.carbonaudit');
    const engagement = createEngagement(original, SETTINGS, { actor: 'jane', appDataDir: machine });
    for (const step of [1, 2, 3]) engagement.change('test.step', { step }, () => undefined);
    const before = auditHeadReference(engagement);
    engagement.close();

    const whatIf = path.join(dir, 'what-if.carbonaudit');
    const copied = await cliOn(machine, '--actor', 'jane', 'copy', original, whatIf, '--reason', 'What if the Leeds boiler is outside the boundary?');
    expect(copied).toMatchObject({ code: 0, err: '' });
    expect(copied.out).toContain(`Copied ${original} (engagement ${before.engagementId}, audit log at entry 4, head ${before.headHash})`);

    // Work goes on in the copy and in the original, each its own way.
    for (const file of [whatIf, original, whatIf]) {
      const opened = await openEngagement(file, { actor: 'jane', appDataDir: machine });
      opened.change('test.step', { step: `more in ${path.basename(file)}` }, () => undefined);
      opened.close();
    }
    for (const file of [original, whatIf]) {
      const verified = await cliOn(machine, 'verify', file);
      expect(verified, file).toMatchObject({ code: 0, err: '' });
      const opened = await openEngagement(file, { actor: 'jane', appDataDir: machine });
      expect(engagementSummary(opened).auditWitness.status).toBe('consistent');
      expect(auditWitnessFindings(opened)).toEqual([]);
      opened.close();
    }

    // The copy's log: the original's entries, then where it came from and why, under the hash chain.
    const log = (await cliOn(machine, 'log', whatIf, '--json')).out.trim().split('\n').map((line) => JSON.parse(line) as { seq: number; actor: string; operation: string; params: Record<string, unknown> });
    expect(log.map((entry) => entry.operation)).toEqual(['engagement.create', 'test.step', 'test.step', 'test.step', 'engagement.copy', 'test.step', 'test.step']);
    const copy = log[4]!;
    const copyId = (JSON.parse((await cliOn(machine, 'info', whatIf, '--json')).out) as { engagementId: string }).engagementId;
    expect(copyId).not.toBe(before.engagementId);
    expect(copy).toMatchObject({
      actor: 'jane',
      params: {
        engagementId: copyId,
        copiedFrom: { engagementId: before.engagementId, file: 'group.carbonaudit', auditEntries: 4, auditHeadHash: before.headHash, auditWitness: 'consistent' },
        reason: 'What if the Leeds boiler is outside the boundary?',
      },
    });
    // Outside the log too, the copy says what it is; the original says nothing of it.
    expect((await cliOn(machine, 'info', whatIf)).out).toContain(`Origin:         What-if copy of group.carbonaudit (engagement ${before.engagementId}, audit entry 4): What if the Leeds boiler is outside the boundary?\n`);
    expect((await cliOn(machine, 'info', original)).out).not.toContain('Origin:');
    // The state it was copied from is still in the original's log, as verify --head finds.
    const fromOriginal = await cliOn(machine, 'verify', original, '--head', before.headHash, '--entries', '4');
    expect(fromOriginal).toMatchObject({ code: 0, err: '' });
    expect(fromOriginal.out).toContain('Known head is entry 4; 1 entry was added after it');
    // The witness follows each engagement under its own id.
    expect(fs.readdirSync(path.join(machine, 'audit-witness')).sort()).toEqual([`${before.engagementId}.json`, `${copyId}.json`].sort());
  });

  it('is refused without a reason, onto an existing file, or from a finalised engagement, leaving no copy and nothing in the original’s log', async () => {
    const dir = tempDir();
    const machine = path.join(dir, 'machine');
    const original = path.join(dir, 'group.carbonaudit');
    createEngagement(original, SETTINGS, { actor: 'jane', appDataDir: machine }).close();
    const taken = path.join(dir, 'taken.carbonaudit');
    fs.writeFileSync(taken, 'not yours');

    const blank = await cliOn(machine, 'copy', original, path.join(dir, 'blank.carbonaudit'), '--reason', '  ');
    expect(blank.code).toBe(2);
    expect(blank.err).toContain('Say why the engagement is copied');
    const onto = await cliOn(machine, 'copy', original, taken, '--reason', 'try');
    expect(onto.code).toBe(1);
    expect(onto.err).toContain(`${taken} already exists`);
    expect(fs.readFileSync(taken, 'utf8')).toBe('not yours');

    expect((await cliOn(machine, 'finalise', original)).code).toBe(0);
    const finalised = await cliOn(machine, 'copy', original, path.join(dir, 'locked.carbonaudit'), '--reason', 'try');
    expect(finalised.code).toBe(1);
    expect(finalised.err).toContain('The engagement is finalised');
    expect(fs.existsSync(path.join(dir, 'blank.carbonaudit')) || fs.existsSync(path.join(dir, 'locked.carbonaudit'))).toBe(false);
    // The refused copies left nothing in the original's log.
    const log = (await cliOn(machine, 'log', original, '--json')).out.trim().split('\n').map((line) => (JSON.parse(line) as { operation: string }).operation);
    expect(log).toEqual(['engagement.create', 'engagement.finalise']);
  });
});

describe('a what-if copy of an engagement whose log this machine saw longer', () => {
  const tempDir = useTempDir();

  it('does not hide the cut: the copy is refused, or the copy still fails verify', async () => {
    const dir = tempDir();
    const machine = path.join(dir, 'machine');
    const original = path.join(dir, 'group.carbonaudit');
    const engagement = createEngagement(original, SETTINGS, { actor: 'jane', appDataDir: machine });
    for (const step of [1, 2, 3]) engagement.change('test.step', { step }, () => undefined);
    engagement.close();
    tamperWithAuditLog(original, 'DELETE FROM audit_log WHERE seq > 2');
    expect((await cliOn(machine, 'verify', original)).code).toBe(1);

    const whatIf = path.join(dir, 'what-if.carbonaudit');
    const copied = await cliOn(machine, '--actor', 'jane', 'copy', original, whatIf, '--reason', 'try');
    const refused = copied.code !== 0 && !fs.existsSync(whatIf);
    const copyFailsVerify = !refused && (await cliOn(machine, 'verify', whatIf)).code !== 0;
    expect(refused || copyFailsVerify).toBe(true);
    // Refused, saying why and what to do, and leaving nothing behind.
    expect(copied.err).toContain('The engagement’s audit log is shorter than what this machine saw before');
    expect(copied.err).toContain('A copy would be a new engagement whose log this machine has not seen, and would hide that');
    expect(fs.readdirSync(dir).sort()).toEqual(['group.carbonaudit', 'machine']);
  });
});

describe('a what-if copy and what this machine saw of the original', () => {
  const tempDir = useTempDir();

  it('records in the copy’s entry that this machine had not seen the original’s log before', async () => {
    const dir = tempDir();
    const original = path.join(dir, 'group.carbonaudit');
    createEngagement(original, SETTINGS, { actor: 'jane', appDataDir: path.join(dir, 'elsewhere') }).close();

    const whatIf = path.join(dir, 'what-if.carbonaudit');
    const machine = path.join(dir, 'machine');
    expect(await cliOn(machine, '--actor', 'jane', 'copy', original, whatIf, '--reason', 'try')).toMatchObject({ code: 0, err: '' });
    const log = (await cliOn(machine, 'log', whatIf, '--json')).out.trim().split('\n').map((line) => JSON.parse(line) as { operation: string; params: { copiedFrom?: { auditWitness: string } } });
    expect(log.find((entry) => entry.operation === 'engagement.copy')?.params.copiedFrom?.auditWitness).toBe('first-seen');
  });
});

describe('writing a what-if copy', () => {
  const tempDir = useTempDir();

  async function original(dir: string): Promise<Engagement> {
    const file = path.join(dir, 'group.carbonaudit');
    createEngagement(file, SETTINGS, { actor: 'jane' }).close();
    return openEngagement(file, { actor: 'jane' });
  }

  it('names the missing folder a copy cannot go into', async () => {
    const dir = tempDir();
    const engagement = await original(dir);
    try {
      const missing = path.join(dir, 'no-such-folder');
      await expect(copyEngagement(engagement, path.join(missing, 'what-if.carbonaudit'), 'try')).rejects.toMatchObject({
        code: 'not-found',
        message: `The folder ${missing} does not exist: create it, or choose another place for the copy`,
      });
    } finally {
      engagement.close();
    }
  });

  it('leaves nothing at the destination, or beside it, when it fails half-way', async () => {
    const dir = tempDir();
    const engagement = await original(dir);
    const failing = vi.spyOn(Engagement.prototype, 'recordCopiedFrom').mockImplementation(() => {
      throw new Error('disk full');
    });
    try {
      await expect(copyEngagement(engagement, path.join(dir, 'what-if.carbonaudit'), 'try')).rejects.toThrow('disk full');
      expect(fs.readdirSync(dir).filter((file) => !file.startsWith('group.'))).toEqual([]);
    } finally {
      failing.mockRestore();
      engagement.close();
    }
  });

  it('never touches a file that appears at the destination while the copy is written', async () => {
    const dir = tempDir();
    const engagement = await original(dir);
    const whatIf = path.join(dir, 'what-if.carbonaudit');
    const record = Engagement.prototype.recordCopiedFrom;
    const racing = vi.spyOn(Engagement.prototype, 'recordCopiedFrom').mockImplementation(function (this: Engagement, ...args) {
      fs.writeFileSync(whatIf, 'someone else’s');
      return record.apply(this, args);
    });
    try {
      await expect(copyEngagement(engagement, whatIf, 'try')).rejects.toMatchObject({ code: 'already-exists' });
      expect(fs.readFileSync(whatIf, 'utf8')).toBe('someone else’s');
      expect(fs.readdirSync(dir).filter((file) => !file.startsWith('group.'))).toEqual(['what-if.carbonaudit']);
    } finally {
      racing.mockRestore();
      engagement.close();
    }
  });
});
