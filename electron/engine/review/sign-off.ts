/**
 * Sign-off per area: a preparer, then a reviewer who is someone else, each at a recorded state of
 * the audit log (its entry count and head hash before the sign-off's own entry). A later entry that
 * touches the area (shared/review/sign-off decides which) marks the sign-off modified and is listed.
 */
import { areasChangedBy, type SignOffArea, type SignOffRole, SIGN_OFF_AREAS } from '../../../shared/review/sign-off';
import type { AreaSignOffView, ReviewStatus, SignOffView } from '../../../shared/review/views';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { countOpenFindings, insertSignOff, selectAuditEntriesAfter, selectCurrentSignOffs } from './store';

function changesSince(entries: ReturnType<typeof selectAuditEntriesAfter>, signOff: Omit<SignOffView, 'changesSince'>): SignOffView {
  // The sign-off's own entry directly follows the state it signed.
  const own = signOff.auditEntries + 1;
  const changes = entries
    .filter((entry) => entry.seq > own && areasChangedBy(entry.operation, JSON.parse(entry.paramsJson)).includes(signOff.area))
    .map(({ seq, at, actor, operation }) => ({ seq, at, actor, operation }));
  return { ...signOff, changesSince: changes };
}

export function areaSignOffs(engagement: Engagement): AreaSignOffView[] {
  const current = selectCurrentSignOffs(engagement.reader);
  const earliest = Math.min(...current.map((signOff) => signOff.auditEntries), Number.MAX_SAFE_INTEGER);
  const entries = current.length === 0 ? [] : selectAuditEntriesAfter(engagement.reader, earliest);
  return SIGN_OFF_AREAS.map((area) => {
    const of = (role: SignOffRole) => {
      const signOff = current.find((candidate) => candidate.area === area && candidate.role === role);
      return signOff ? changesSince(entries, signOff) : null;
    };
    const preparer = of('preparer');
    const reviewer = of('reviewer');
    const modified = [preparer, reviewer].some((signOff) => signOff !== null && signOff.changesSince.length > 0);
    return { area, preparer, reviewer, state: modified ? 'modified' : reviewer ? 'reviewed' : preparer ? 'prepared' : 'not-signed' };
  });
}

export function reviewStatus(engagement: Engagement): ReviewStatus {
  return { areas: areaSignOffs(engagement), lock: engagement.lock(), openFindings: countOpenFindings(engagement.reader) };
}

/**
 * Signs an area off as its preparer or reviewer. A reviewer signs what a preparer signed, unchanged
 * since, and is not that preparer. Returns the area with the audit-log state the sign-off covers.
 */
export function signOffArea(engagement: Engagement, area: SignOffArea, role: SignOffRole, comment?: string): AreaSignOffView {
  if (role === 'reviewer') {
    const preparer = areaSignOffs(engagement).find((candidate) => candidate.area === area)!.preparer;
    if (!preparer) throw new EngineError('refused', `The ${area} area has no preparer sign-off to review yet`);
    if (preparer.changesSince.length > 0) {
      throw new EngineError('refused', `The ${area} area changed after ${preparer.actor} prepared it (${preparer.changesSince.map((change) => change.operation).join(', ')}): the preparer signs it off again first`);
    }
    if (preparer.actor === engagement.actor) throw new EngineError('refused', `${engagement.actor} prepared the ${area} area: the reviewer must be someone else`);
  }
  const head = engagement.summary();
  const signed = { area, role, actor: engagement.actor, at: new Date().toISOString(), comment: comment?.trim() || null, auditEntries: head.auditEntries, auditHeadHash: head.auditHeadHash };
  engagement.change('signoff', { area, role, comment: signed.comment, auditEntries: signed.auditEntries, auditHeadHash: signed.auditHeadHash }, () => insertSignOff(engagement.db, signed));
  return areaSignOffs(engagement).find((candidate) => candidate.area === area)!;
}
