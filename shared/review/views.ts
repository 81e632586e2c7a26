/** What the review shows through the API and the CLI: findings, check runs, samples, sign-offs, the lock. */
import type { Cell } from '../import/cell';
import type { CheckTrigger, FindingDraft, FindingSeverity, FindingStatus } from './findings';
import type { SampleMethod, SampleStratification, StratumSummary } from './sampling';
import type { SignOffArea, SignOffRole } from './sign-off';
import type { VouchingResult } from './vouching';
import type { WithdrawnSource } from '../withdrawal';

export interface FindingView extends Pick<FindingDraft, 'source' | 'rule' | 'subject' | 'severity' | 'message' | 'site' | 'activity' | 'period' | 'figures' | 'tco2eAtStake' | 'atStakeEstimated'> {
  readonly id: number;
  readonly status: FindingStatus;
  readonly statusAt: string;
  readonly statusBy: string;
  /** The adjustment the finding led to. */
  readonly adjustmentId: number | null;
  readonly foundAt: string;
  /** True when the latest check no longer raises it (kept with its history). */
  readonly resolved: boolean;
  readonly recordCount: number;
  readonly rowCount: number;
  readonly comments: number;
}

export interface FindingPage {
  readonly total: number;
  readonly offset: number;
  readonly findings: readonly FindingView[];
  /** What the filters can choose from, over every current finding. */
  readonly facets: { readonly rules: readonly string[]; readonly sites: readonly string[] };
  /** Current findings per status, whatever the filters. */
  readonly byStatus: Readonly<Partial<Record<FindingStatus, number>>>;
}

/** A source row as read, and where it is. */
export interface SourceRowView {
  readonly rawRowId: number;
  readonly fileName: string;
  readonly sheet: string;
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

export interface FindingRecordView {
  readonly id: number;
  readonly site: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly activity: string;
  readonly quantity: number;
  readonly unit: string;
  readonly source: SourceRowView;
}

export type FindingEventKind = 'found' | 'comment' | 'status' | 'cause-changed' | 'resolved' | 'found-again';

export interface FindingEventView {
  readonly at: string;
  readonly actor: string;
  readonly kind: FindingEventKind;
  readonly statusFrom: FindingStatus | null;
  readonly statusTo: FindingStatus | null;
  readonly adjustmentId: number | null;
  readonly text: string | null;
}

export interface FindingDetail extends FindingView {
  /** The records it is about (the first FINDING_DETAIL_LIMIT), each with its source row. */
  readonly records: readonly FindingRecordView[];
  /** Source rows it names that are not a listed record's (blank months, totals rows, rejected rows). */
  readonly rows: readonly SourceRowView[];
  readonly events: readonly FindingEventView[];
}

export const FINDING_DETAIL_LIMIT = 200;

/** A totals row tied out by the last check: agreed or not. */
export interface TotalsTieView {
  readonly fileName: string;
  readonly sheet: string;
  readonly rowNumber: number;
  readonly column: number;
  readonly header: string;
  readonly stated: number;
  readonly imported: number;
  readonly difference: number;
  readonly agrees: boolean;
}

export interface CheckSummary {
  readonly runId: number;
  readonly trigger: CheckTrigger;
  /** The rules run, with the parameters each ran with. */
  readonly rules: readonly { readonly name: string; readonly parameters: Readonly<Record<string, unknown>>; readonly findings: number }[];
  /** The engagement's fiscal years the rules looked at. */
  readonly periods: readonly string[];
  /** Whether calculation findings and tCO2e at stake were included (they need factors). */
  readonly calculated: boolean;
  readonly calculationFindings: number;
  readonly current: number;
  readonly added: number;
  readonly reopened: number;
  readonly resolved: number;
  readonly totalsRows: readonly TotalsTieView[];
}

export interface RuleView {
  readonly name: string;
  readonly title: string;
  readonly doc: string;
  readonly severity: FindingSeverity;
  readonly parameters: readonly { readonly name: string; readonly description: string; readonly value: unknown; readonly defaultValue: unknown }[];
}

export interface SampleItemView {
  readonly drawOrder: number;
  readonly key: string;
  readonly recordId: number;
  readonly fiscalYear: string | null;
  readonly basis: string | null;
  readonly stratum: string;
  readonly hits: number;
  readonly site: string | null;
  readonly activity: string;
  readonly quantity: number;
  readonly unit: string;
  readonly tco2e: number | null;
  readonly source: SourceRowView;
  readonly result: VouchingResult | null;
  readonly comment: string | null;
  readonly vouchedAt: string | null;
  readonly vouchedBy: string | null;
  readonly findingId: number | null;
  /**
   * The withdrawal of the source file the item's record came from, while it is withdrawn: the record
   * is out of the calculation, so the item cannot be vouched (a result given before stays on record).
   */
  readonly withdrawn: WithdrawnSource | null;
}

export type SampleStratumView = StratumSummary;

export interface SampleView {
  readonly id: number;
  readonly drawnAt: string;
  readonly drawnBy: string;
  readonly method: SampleMethod;
  readonly population: 'records' | 'lines';
  readonly stratifyBy: SampleStratification | null;
  readonly size: number;
  readonly seed: string;
  readonly populationCount: number;
  readonly populationTco2e: number;
  readonly populationSha256: string;
  readonly notSampleable: number;
  readonly strata: readonly SampleStratumView[];
  readonly items: readonly SampleItemView[];
  readonly vouched: number;
  readonly differences: number;
  /** Items whose record's source file is withdrawn now. */
  readonly withdrawnItems: number;
}

export interface AuditChangeView {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly operation: string;
}

export interface SignOffView {
  readonly area: SignOffArea;
  readonly role: SignOffRole;
  readonly actor: string;
  readonly at: string;
  readonly comment: string | null;
  readonly auditEntries: number;
  readonly auditHeadHash: string;
  /** Audit entries after the sign-off that touch its area: non-empty means modified since sign-off. */
  readonly changesSince: readonly AuditChangeView[];
}

export interface AreaSignOffView {
  readonly area: SignOffArea;
  readonly preparer: SignOffView | null;
  readonly reviewer: SignOffView | null;
  readonly state: 'not-signed' | 'prepared' | 'reviewed' | 'modified';
}

export interface LockView {
  readonly finalised: boolean;
  readonly at: string | null;
  readonly actor: string | null;
  readonly auditEntries: number | null;
  readonly auditHeadHash: string | null;
  /** The reason the last unlock gave, when the engagement was unlocked. */
  readonly lastUnlock: { readonly at: string; readonly actor: string; readonly reason: string } | null;
}

export interface ReviewStatus {
  readonly areas: readonly AreaSignOffView[];
  readonly lock: LockView;
  readonly openFindings: number;
}
