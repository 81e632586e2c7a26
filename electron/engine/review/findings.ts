/**
 * Working through findings: the list (filtered, sorted and paged in SQL), one finding with its
 * records, source rows and history, and changes to its status and comments, each logged. A
 * status change needs a comment saying why; 'adjusted' needs the adjustment the finding led to.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import { findingIdentity, type FindingDraft, type FindingQuery, type FindingStatus } from '../../../shared/review/findings';
import { areaOfFindingSource } from '../../../shared/review/sign-off';
import { FINDING_DETAIL_LIMIT, type FindingDetail, type FindingPage } from '../../../shared/review/views';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import {
  adjustmentIsLive, findingWriter, queryFindings, type FindingRow, selectFinding, selectFindingEvents, selectFindingFacets, selectFindingRecords, selectFindingRows,
} from './store';

export function listFindings(engagement: Engagement, query: FindingQuery): FindingPage {
  const page = queryFindings(engagement.reader, query);
  const facets = selectFindingFacets(engagement.reader);
  return { total: page.total, offset: query.offset, findings: page.findings, facets: { rules: facets.rules, sites: facets.sites }, byStatus: facets.byStatus };
}

export function findingDetail(engagement: Engagement, id: number): FindingDetail {
  const finding = selectFinding(engagement.reader, id);
  if (!finding) throw new EngineError('not-found', `No finding ${id} in this engagement`);
  return {
    ...finding,
    records: selectFindingRecords(engagement.reader, id, FINDING_DETAIL_LIMIT),
    rows: selectFindingRows(engagement.reader, id, FINDING_DETAIL_LIMIT),
    events: selectFindingEvents(engagement.reader, id),
  };
}

export interface FindingUpdate {
  readonly status?: FindingStatus;
  readonly comment?: string;
  /** The adjustment the finding led to: required for 'adjusted', refused otherwise. */
  readonly adjustmentId?: number;
}

export function updateFinding(engagement: Engagement, id: number, update: FindingUpdate): FindingDetail {
  const finding = selectFinding(engagement.reader, id);
  if (!finding) throw new EngineError('not-found', `No finding ${id} in this engagement`);
  const comment = update.comment?.trim() || null;
  const status = update.status ?? finding.status;
  const statusChanges = status !== finding.status || (status === 'adjusted' && update.adjustmentId !== undefined && update.adjustmentId !== finding.adjustmentId);
  if (!statusChanges && comment === null) throw new EngineError('invalid-input', 'Nothing to change: give a new status or a comment');
  if (statusChanges && comment === null) throw new EngineError('invalid-input', `Changing finding ${id} to '${status}' needs a comment saying why`);
  if (status === 'adjusted' && update.adjustmentId === undefined && finding.adjustmentId === null) {
    throw new EngineError('invalid-input', `'adjusted' follows from an adjustment: name the adjustment finding ${id} led to`);
  }
  if (status !== 'adjusted' && update.adjustmentId !== undefined) throw new EngineError('invalid-input', `An adjustment makes a finding 'adjusted', not '${status}'`);
  const adjustmentId = status === 'adjusted' ? (update.adjustmentId ?? finding.adjustmentId) : null;
  if (adjustmentId !== null && adjustmentId !== finding.adjustmentId && !adjustmentIsLive(engagement.reader, adjustmentId)) {
    throw new EngineError('not-found', `No adjustment ${adjustmentId} in force in this engagement: propose it first`);
  }
  const at = new Date().toISOString();
  const params = {
    findingId: id, identity: findingIdentity(finding), from: finding.status, to: status, adjustmentId, comment, areas: [areaOfFindingSource(finding.source)],
  };
  engagement.change('finding.update', params, () => {
    const writer = findingWriter(engagement.db);
    if (statusChanges) {
      writer.setStatus(id, status, adjustmentId, at, engagement.actor);
      writer.event({ findingId: id, at, actor: engagement.actor, kind: 'status', statusFrom: finding.status, statusTo: status, adjustmentId, text: comment });
    } else {
      writer.event({ findingId: id, at, actor: engagement.actor, kind: 'comment', text: comment });
    }
  });
  return findingDetail(engagement, id);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The records and rows a finding links, at most: a finding about a whole site (or a whole
 * activity) names every record in its counts and lists the first of them; a site filter finds the rest.
 */
export const FINDING_LINK_LIMIT = 1000;

/** A finding as stored: its identity, and fingerprints of its cause and of what it names. */
export function findingRow(draft: FindingDraft): FindingRow {
  return {
    identity: findingIdentity(draft),
    source: draft.source,
    rule: draft.rule,
    subject: draft.subject,
    causeSha256: sha256(canonicalJson(draft.cause ?? null)),
    linksSha256: sha256(`${draft.recordIds.join(',')}|${draft.rawRowIds.join(',')}`),
    severity: draft.severity,
    message: draft.message,
    site: draft.site,
    activity: draft.activity,
    period: draft.period,
    figuresJson: canonicalJson(draft.figures),
    tco2eAtStake: draft.tco2eAtStake,
    atStakeEstimated: draft.atStakeEstimated,
    recordIds: draft.recordIds.slice(0, FINDING_LINK_LIMIT),
    rawRowIds: draft.rawRowIds.slice(0, FINDING_LINK_LIMIT),
    recordCount: draft.recordIds.length,
    rowCount: draft.rawRowIds.length,
  };
}

/** Adds a finding another part of the review raised (a vouching difference); returns its id. Call inside a change. */
export function insertRaisedFinding(engagement: Engagement, draft: FindingDraft, at: string): number {
  const writer = findingWriter(engagement.db);
  const id = writer.insert(findingRow(draft), at, engagement.actor, null);
  writer.event({ findingId: id, at, actor: engagement.actor, kind: 'found', statusTo: 'open' });
  return id;
}
