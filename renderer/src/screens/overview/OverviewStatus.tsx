/**
 * The engagement's state at a glance: reported figures by status, targets, open findings by
 * severity, sign-off per area and the audit chain. All read from what is stored (the glance
 * compares the stored figures as imported); opening the Overview calculates and writes nothing.
 */
import type { AuditVerification } from '../../../../shared/contract';
import { CLAIM_STATUSES, TARGET_STATUSES, type ReconciliationGlance } from '../../../../shared/reconcile/glance';
import { FINDING_SEVERITIES, findingQuerySchema, type FindingSeverity } from '../../../../shared/review/findings';
import { SIGN_OFF_AREA_LABELS } from '../review/labels';
import { api } from '../../api';
import { countOf } from '../../format';
import { STATUS_LABELS as CLAIM_STATUS_LABELS } from '../reconcile/figureText';
import { TARGET_STATUS_LABELS } from '../reconcile/TargetsPanel';
import { SIGN_OFF_STATE_LABELS } from '../review/SignOffState';
import { useReviewStatus } from '../review/useReviewStatus';
import { t } from '../../../../shared/messages';
import { useLoaded } from '../../useLoaded';

export type OverviewLink = 'reconciliation' | 'findings';

interface Loaded {
  readonly glance: ReconciliationGlance;
  readonly openBySeverity: Readonly<Record<FindingSeverity, number>>;
  readonly chain: AuditVerification;
}

/** Reading the hash chain walks the log once (an entry per change, not per record): cheap enough to do on opening. */
async function load(): Promise<Loaded> {
  const [glance, chain, ...pages] = await Promise.all([
    api.call('reconcile.glance', {}),
    api.call('audit.verify', {}),
    ...FINDING_SEVERITIES.map((severity) => api.call('findings.list', findingQuerySchema.parse({ status: 'open', severity, limit: 1 }))),
  ]);
  return { glance, chain, openBySeverity: Object.fromEntries(FINDING_SEVERITIES.map((severity, index) => [severity, pages[index]!.total])) as Record<FindingSeverity, number> };
}

function Counts<S extends string>({ statuses, counts, labels, badge }: { statuses: readonly S[]; counts: Readonly<Record<S, number>>; labels: Readonly<Record<S, string>>; badge: (status: S) => string }) {
  return (
    <ul className="glance-counts">
      {statuses.filter((status) => counts[status] > 0).map((status) => (
        <li key={status} data-status={status}><span className={`badge ${badge(status)}`}>{labels[status]}</span> <strong>{counts[status]}</strong></li>
      ))}
    </ul>
  );
}

function ClaimsTile({ glance, onOpen }: { glance: ReconciliationGlance; onOpen: () => void }) {
  return (
    <section className="card glance" aria-labelledby="glance-claims" data-testid="glance-claims">
      <h2 id="glance-claims">{t.overviewStatus.reportedFigures}</h2>
      {glance.claims === 0 ? <p className="muted">{t.overviewStatus.noReportedFigures}</p> : (
        <>
          <p className="small">{t.overviewStatus.claimsAgainstStored(countOf(glance.claims, t.overviewStatus.claim, t.overviewStatus.claims))}{glance.resultsStatus.state === 'stale' ? t.overviewStatus.outOfDate : ''}</p>
          <Counts statuses={CLAIM_STATUSES} counts={glance.claimsByStatus} labels={CLAIM_STATUS_LABELS} badge={(status) => `status-${status}`} />
          <ul className="glance-items">
            {glance.flaggedClaims.map((claim) => <li key={claim.id}><strong>{claim.name}</strong>: {claim.reason}</li>)}
          </ul>
          {glance.activeAdjustments > 0 && <p className="muted small">{t.overviewStatus.adjustmentsProposed(countOf(glance.activeAdjustments, t.overviewStatus.adjustment, t.overviewStatus.adjustments))}</p>}
        </>
      )}
      <button type="button" className="link" onClick={onOpen}>{t.overviewStatus.openTheReconciliation}</button>
    </section>
  );
}

function TargetsTile({ glance, onOpen }: { glance: ReconciliationGlance; onOpen: () => void }) {
  return (
    <section className="card glance" aria-labelledby="glance-targets" data-testid="glance-targets">
      <h2 id="glance-targets">{t.overviewStatus.targets}</h2>
      {glance.targets === 0 ? <p className="muted">{t.overviewStatus.noTargets}</p> : (
        <>
          <Counts statuses={TARGET_STATUSES} counts={glance.targetsByStatus} labels={TARGET_STATUS_LABELS} badge={(status) => `target-${status}`} />
          <ul className="glance-items">
            {glance.listedTargets.filter((target) => target.status === 'off-track' || target.status === 'missed').map((target) => <li key={target.id}><strong>{target.name}</strong>: {target.reason}</li>)}
          </ul>
        </>
      )}
      <button type="button" className="link" onClick={onOpen}>{t.overviewStatus.openTheReconciliation}</button>
    </section>
  );
}

function FindingsTile({ open, onOpen }: { open: Readonly<Record<FindingSeverity, number>>; onOpen: () => void }) {
  const total = FINDING_SEVERITIES.reduce((sum, severity) => sum + open[severity], 0);
  return (
    <section className="card glance" aria-labelledby="glance-findings" data-testid="glance-findings">
      <h2 id="glance-findings">{t.overviewStatus.openFindings}</h2>
      <p className="glance-figure"><strong>{total}</strong>{t.overviewStatus.open}</p>
      <ul className="glance-counts">
        {FINDING_SEVERITIES.map((severity) => <li key={severity} data-severity={severity}><span className={`badge severity ${severity}`}>{severity}</span> <strong>{open[severity]}</strong></li>)}
      </ul>
      <button type="button" className="link" onClick={onOpen}>{t.overviewStatus.reviewTheFindings}</button>
    </section>
  );
}

function SignOffTile({ auditEntries, chain }: { auditEntries: number; chain: AuditVerification }) {
  const { status, error } = useReviewStatus(auditEntries);
  return (
    <section className="card glance" aria-labelledby="glance-signoff" data-testid="glance-signoff">
      <h2 id="glance-signoff">{t.overviewStatus.signOffAndAuditChain}</h2>
      {error && <p role="alert" className="error small">{error}</p>}
      {status && (
        <dl className="glance-areas">
          {status.areas.map((area) => (
            <div key={area.area} data-area={area.area}>
              <dt>{SIGN_OFF_AREA_LABELS[area.area]}</dt>
              <dd><span className={`badge sign-off ${area.state}`}>{SIGN_OFF_STATE_LABELS[area.state]}</span></dd>
            </div>
          ))}
          <div>
            <dt>{t.overviewStatus.engagement}</dt>
            <dd>{status.lock.finalised ? t.overviewStatus.finalised : t.overviewStatus.notFinalised}</dd>
          </div>
        </dl>
      )}
      <p className={chain.intact ? 'ok small' : 'error small'} data-testid="glance-chain">
        {chain.intact ? t.overviewStatus.chainIntact(countOf(chain.entries, t.overviewStatus.entry, t.overviewStatus.entries)) : t.overviewStatus.chainBroken(chain.brokenAt, chain.reason)}
      </p>
    </section>
  );
}

export function OverviewStatus({ auditEntries, onNavigate }: { auditEntries: number; onNavigate: (view: OverviewLink) => void }) {
  const { value: loaded, error } = useLoaded(load, [auditEntries]);
  if (error) return <p role="alert" className="notice danger">{error}</p>;
  if (!loaded) return null;
  return (
    <div className="glance-grid" data-testid="overview-glance">
      <ClaimsTile glance={loaded.glance} onOpen={() => onNavigate('reconciliation')} />
      <TargetsTile glance={loaded.glance} onOpen={() => onNavigate('reconciliation')} />
      <FindingsTile open={loaded.openBySeverity} onOpen={() => onNavigate('findings')} />
      <SignOffTile auditEntries={auditEntries} chain={loaded.chain} />
    </div>
  );
}
