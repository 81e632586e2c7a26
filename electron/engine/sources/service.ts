/**
 * The sources feature: withdrawing an imported source file (with the reason), reinstating it, and
 * the withdrawal an import makes when it replaces a file. Source data is never edited or deleted: a
 * withdrawn file's bytes, rows and records stay in the engagement, listed in every register as
 * withdrawn, by whom, when and why; its records, claims and targets leave the calculation (see
 * `live_activity_record`), reconciliation and checks. Adjustments on its records stay on record
 * and correct nothing while it is withdrawn. Every change is logged in its own transaction. The
 * only entry the API handlers, the CLI and the other features use.
 */
import type { SourceChangeOutcome } from '../../../shared/contract';
import type { MappingKind } from '../../../shared/import/mapping';
import type { CheckTrigger } from '../../../shared/review/findings';
import { withdrawalBy, type Withdrawal } from '../../../shared/withdrawal';
import { appendAudit } from '../db/audit-log';
import type { ReadableDb, WritableDb } from '../db/handles';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { checkEngagement } from '../review/service';
import {
  countSourceContents,
  insertSourceReinstatement,
  insertSourceReplacement,
  insertSourceWithdrawal,
  selectLatestWithdrawal,
  selectOtherVersionsInUse,
  selectSourceState,
  type SourceState,
} from './store';

function sourceNamed(db: ReadableDb, sourceFileId: number): SourceState {
  const source = selectSourceState(db, sourceFileId);
  if (!source) throw new EngineError('not-found', `No source file ${sourceFileId} in this engagement`);
  return source;
}

const describe = (source: SourceState) => `Source file ${source.id} (${source.fileName})`;

/**
 * The source file, if it can be withdrawn now. A factor file cannot: its factors are a version of
 * a factor set, and the calculation chooses versions (frozen at its first run, moved on by
 * recalculate), not files.
 */
function withdrawable(db: ReadableDb, sourceFileId: number): SourceState {
  const source = sourceNamed(db, sourceFileId);
  if (source.kind === 'factors') {
    throw new EngineError('refused', `${describe(source)} is a factor file: the calculation chooses factor-set versions, not files, so it cannot be withdrawn. Import the corrected file as a new version (recalculate moves to it), or replace factors with adjustments`);
  }
  if (source.withdrawalId !== null) throw new EngineError('conflict', `${describe(source)} is already withdrawn`);
  return source;
}

function withdrawalOf(actor: string, reason: string, what: string): Withdrawal {
  const withdrawal = withdrawalBy(actor, reason);
  if (!withdrawal) throw new EngineError('invalid-input', `Say why the source file is ${what}`);
  return withdrawal;
}

type Changed = SourceState & ReturnType<typeof countSourceContents>;

/** The change as the register now shows it, and the review's check of the data as it now stands (as after an import), logged as started by this change. */
async function outcomeOf(engagement: Engagement, { id, fileName, records, claims, targets }: Changed, trigger: CheckTrigger): Promise<SourceChangeOutcome> {
  const outcome = { sourceFileId: id, fileName, withdrawal: selectLatestWithdrawal(engagement.reader, id)!, records, claims, targets };
  try {
    return { ...outcome, check: await checkEngagement(engagement, { trigger }) };
  } catch (error) {
    return { ...outcome, checkError: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What an audit entry says of a withdrawal, reinstatement or replacement: the file, who, when, why
 * and what it moves (from which the sign-off areas it changes follow, shared/review/sign-off).
 */
function auditParams({ id, fileName, kind, records, claims, targets, adjustments }: Changed, change: Withdrawal) {
  return { sourceFileId: id, file: fileName, kind, ...change, records, claims, targets, adjustments };
}

/**
 * Withdraws a source file: it stays on record, with who withdrew it, when and why, and its records,
 * claims and targets leave the calculation and reconciliation; stored results go out of date.
 * Logged.
 */
export async function withdrawSource(engagement: Engagement, sourceFileId: number, reason: string): Promise<SourceChangeOutcome> {
  const withdrawal = withdrawalOf(engagement.actor, reason, 'withdrawn');
  const changed = engagement.change('source.withdraw', (source: Changed) => auditParams(source, withdrawal), (): Changed => {
    const source = withdrawable(engagement.db, sourceFileId);
    insertSourceWithdrawal(engagement.db, sourceFileId, withdrawal);
    return { ...source, ...countSourceContents(engagement.db, sourceFileId) };
  });
  return outcomeOf(engagement, changed, 'source-withdrawal');
}

/**
 * Reinstates a withdrawn source file: its records, claims and targets count again. One replaced
 * by another import is reinstated only once that import is withdrawn: both would count. Logged.
 */
export async function reinstateSource(engagement: Engagement, sourceFileId: number, reason: string): Promise<SourceChangeOutcome> {
  const reinstatement = withdrawalOf(engagement.actor, reason, 'reinstated');
  const changed = engagement.change('source.reinstate', (source: Changed) => auditParams(source, reinstatement), (): Changed => {
    const source = sourceNamed(engagement.db, sourceFileId);
    if (source.withdrawalId === null) throw new EngineError('conflict', `${describe(source)} is not withdrawn`);
    const [inUse] = selectOtherVersionsInUse(engagement.db, sourceFileId);
    if (inUse !== undefined) {
      const which = inUse === source.replacedBy ? `was replaced by source file ${inUse}, which` : `has another version, source file ${inUse}, that`;
      throw new EngineError('conflict', `${describe(source)} ${which} is in use: withdraw that one first, or both would count`);
    }
    insertSourceReinstatement(engagement.db, source.withdrawalId, reinstatement);
    return { ...source, ...countSourceContents(engagement.db, sourceFileId) };
  });
  return outcomeOf(engagement, changed, 'source-reinstatement');
}

export interface Replacement {
  readonly sourceFileId: number;
  readonly reason: string;
}

/**
 * Refuses an import that cannot replace this source file: it is not there, it is a factor file,
 * it holds another kind of data, it was replaced already, or it is withdrawn while another version
 * of it counts (both would). Checked before the import reads the
 * file and again in its transaction.
 */
export function checkReplaceable(db: ReadableDb, replacement: Replacement, kind: MappingKind): SourceState {
  const source = sourceNamed(db, replacement.sourceFileId);
  if (source.replacedBy !== null) throw new EngineError('conflict', `${describe(source)} was already replaced by source file ${source.replacedBy}`);
  if (source.withdrawalId === null) withdrawable(db, source.id);
  else {
    // A withdrawn file's replacement counts at once: refused while another version of it counts.
    const [inUse] = selectOtherVersionsInUse(db, source.id);
    if (inUse !== undefined) {
      throw new EngineError('conflict', `${describe(source)} is withdrawn and another version of it, source file ${inUse}, is in use: replace that one, or withdraw it first, or both would count`);
    }
  }
  if (source.kind !== kind) throw new EngineError('refused', `${describe(source)} holds ${source.kind} data: its replacement must too, not ${kind}`);
  if (replacement.reason.trim() === '') throw new EngineError('invalid-input', 'Say why the source file is replaced');
  return source;
}

/**
 * In the replacing import's transaction: withdraws the file it replaces (or keeps the withdrawal
 * it has) and links that withdrawal to the import, with an audit entry; the import and the
 * withdrawal commit together or not at all.
 */
export function withdrawReplacedSource(db: WritableDb, replacement: Replacement, replacementId: number, actor: string, kind: MappingKind): void {
  const source = checkReplaceable(db, replacement, kind);
  const withdrawal = withdrawalOf(actor, replacement.reason, 'replaced');
  const withdrawalId = source.withdrawalId ?? insertSourceWithdrawal(db, source.id, withdrawal);
  insertSourceReplacement(db, replacementId, withdrawalId);
  appendAudit(db, {
    actor,
    operation: 'source.replace',
    params: { ...auditParams({ ...source, ...countSourceContents(db, source.id) }, withdrawal), replacedBy: replacementId, withdrawnBefore: source.withdrawalId !== null },
  });
}
