/**
 * The engagement feature: creating and opening engagement files, their settings, and the audit
 * log. The only entry the API handlers and the CLI use for them.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditEntry, AuditVerification, AuditWitnessFinding, EngagementSummary } from '../../../shared/contract';
import type { LockView } from '../../../shared/review/views';
import type { EngagementSettingsInput } from '../../../shared/settings';
import { auditEntries, auditHead, compareWithKnownHead, type AuditFilter, type HeadComparison, type KnownHead } from '../db/audit-log';
import { EngineError } from '../errors';
import { startWorker } from '../workers/spawn';
import { Engagement, type EngagementContext } from './handle';
import type { OpenWorkerData } from './open-worker';
import { AuditWitness } from './witness';

export { APP_VERSION } from '../version';
export { describeMissingEntries, type HeadComparison, type KnownHead } from '../db/audit-log';
export { APP_DATA_ENV, appDataDir, platformAppDataDir } from './witness';

/** Creates a new engagement file (refusing to overwrite one) with its settings; logged. */
export function createEngagement(filePath: string, settings: EngagementSettingsInput, context: EngagementContext): Engagement {
  return withAuditWitness(Engagement.create(filePath, settings, context), context);
}

/**
 * Opens an engagement file. The checks (integrity_check reads the whole file) and migrations run
 * on a worker thread, so the caller's thread stays free however large the file; a file that is
 * refused is left byte-identical. Its audit log is then compared with this machine's witness:
 * the summary's `auditWitness` says whether it is shorter than, or forks from, what was seen.
 */
export async function openEngagement(filePath: string, context: EngagementContext): Promise<Engagement> {
  await checkOnWorker(filePath, context);
  return withAuditWitness(Engagement.connect(filePath, context), context);
}

async function checkOnWorker(filePath: string, context: EngagementContext): Promise<void> {
  const data: OpenWorkerData = { filePath, actor: context.actor, nativeBinding: context.nativeBinding };
  await startWorker<null>('open-worker', data).result;
}

/**
 * Copies the engagement into a new file to try something (a what-if), and opens the copy. The
 * copy is a new engagement derived from this one: it gets its own id, so this machine's witness
 * follows each file on its own (going on in either is no fork of the other), and its audit log
 * goes on from the original's with an entry naming the engagement, file and log head it was
 * copied from, what this machine's witness said of that log, and why. The original is only read.
 * Refused without a reason, onto an existing file, into a missing folder, from a finalised
 * engagement (the copy could record nothing: unlock it first), and from one whose log this
 * machine saw longer or different (the copy's fresh witness would hide the cut).
 *
 * The copy is written, checked and given its id under a temporary name beside the destination,
 * then moved into place without overwriting: the destination never holds half a copy, or one
 * still bearing the original's id, and a file that appears there meanwhile is never touched.
 */
export async function copyEngagement(engagement: Engagement, copyPath: string, reason: string): Promise<Engagement> {
  const why = reason.trim();
  if (why === '') throw new EngineError('invalid-input', 'Say why the engagement is copied: the copy’s audit log records it');
  if (fs.existsSync(copyPath)) throw new EngineError('already-exists', alreadyExists(copyPath));
  const folder = path.dirname(path.resolve(copyPath));
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new EngineError('not-found', `The folder ${folder} does not exist: create it, or choose another place for the copy`);
  if (engagement.lock().finalised) throw new EngineError('finalised', 'The engagement is finalised: a copy would be read-only too and could not record where it came from. Unlock it, with a reason, to copy it');
  const witness = engagement.summary().auditWitness;
  if (witness.status === 'cut' || witness.status === 'forked') {
    throw new EngineError(
      'refused',
      `The engagement’s audit log is ${witness.status === 'cut' ? 'shorter than' : 'different from'} what this machine saw before (${witness.finding.message}). ` +
        'A copy would be a new engagement whose log this machine has not seen, and would hide that. Find out what happened to the log, from the last copy of the file you trust, before copying it',
    );
  }
  const source = { engagementId: engagement.engagementId(), file: path.basename(engagement.filePath), auditWitness: witness.status };
  const temporary = path.join(folder, `.${path.basename(copyPath)}.${randomUUID()}.copying`);
  try {
    // A consistent snapshot of the engagement as this connection sees it, its WAL included.
    engagement.db.prepare('VACUUM INTO ?').run(temporary);
    await checkOnWorker(temporary, engagement.context);
    const copy = Engagement.connect(temporary, engagement.context);
    try {
      copy.recordCopiedFrom(source, why);
    } finally {
      copy.close();
    }
    moveWithoutOverwriting(temporary, copyPath);
  } finally {
    for (const file of [temporary, `${temporary}-wal`, `${temporary}-shm`]) fs.rmSync(file, { force: true });
  }
  return withAuditWitness(Engagement.connect(copyPath, engagement.context), engagement.context);
}

function alreadyExists(filePath: string): string {
  return `${filePath} already exists: choose a new file name for the copy`;
}

/** Gives `from` the name `to`, failing if `to` exists (a hard link; a copy where the disk has none, such as FAT). */
function moveWithoutOverwriting(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new EngineError('already-exists', alreadyExists(to));
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    try {
      fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    } catch (copyError) {
      if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') throw new EngineError('already-exists', alreadyExists(to));
      throw copyError;
    }
  }
}

function withAuditWitness(engagement: Engagement, context: EngagementContext): Engagement {
  if (context.appDataDir === undefined) return engagement;
  try {
    engagement.keepAuditWitness(new AuditWitness(context.appDataDir));
    return engagement;
  } catch (error) {
    engagement.close();
    throw error;
  }
}

/**
 * The audit log's head as a sign-off, an export or a report records it: the engagement, its
 * entry count and head hash. A later `verify --head` (compareAuditHead) checks the log against it.
 */
export function auditHeadReference(engagement: Engagement): { readonly engagementId: string; readonly entries: number; readonly headHash: string } {
  return { engagementId: engagement.engagementId(), ...auditHead(engagement.reader) };
}

/** Where a head recorded before (a sign-off's, an export's) stands in the log now: still in it, cut off, or rewritten. */
export function compareAuditHead(engagement: Engagement, known: KnownHead): HeadComparison {
  return compareWithKnownHead(engagement.reader, known);
}

/** Keeps this machine's witness up with the log after a change (another thread's too: an import, an export). */
export function rememberAuditHead(engagement: Engagement): void {
  engagement.rememberAuditHead();
}

/**
 * Every cut or fork of the engagement's audit log this machine has found, oldest first: findings
 * for the review, with what was seen and what was found.
 */
export function auditWitnessFindings(engagement: Engagement): readonly AuditWitnessFinding[] {
  return engagement.auditWitnessFindings();
}

export function engagementSummary(engagement: Engagement): EngagementSummary {
  return engagement.summary();
}

export function updateSettings(engagement: Engagement, settings: EngagementSettingsInput): EngagementSummary {
  engagement.updateSettings(settings);
  return engagement.summary();
}

/** Makes the engagement read-only: every change is refused (and the refusal logged) until it is unlocked. */
export function finaliseEngagement(engagement: Engagement): LockView {
  return engagement.finalise();
}

/** Makes a finalised engagement changeable again; the reason is required and logged. */
export function unlockEngagement(engagement: Engagement, reason: string): LockView {
  return engagement.unlock(reason);
}

export function verifyAuditLog(engagement: Engagement): AuditVerification {
  return engagement.verifyAuditLog();
}

export function listAuditEntries(engagement: Engagement, afterSeq = 0, limit = 200, filter: AuditFilter = {}): AuditEntry[] {
  return auditEntries(engagement.reader, afterSeq, limit, filter);
}

/** A file name for a new engagement, from the entity's name. */
export function suggestedFileName(entityName: string): string {
  const safe = entityName.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'engagement';
  return `${safe}.carbonaudit`;
}
