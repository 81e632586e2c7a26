import { useCallback, useState } from 'react';
import type { EngagementSummary } from '../../../shared/contract';
import { figureById } from '../../../shared/figures';
import type { ClaimResult } from '../../../shared/reconcile/reconcile';
import type { ReconciliationReport } from '../../../shared/reconcile/report';
import { api } from '../api';
import { useAction } from '../useAction';
import { NoFactorsNotice } from './inventory/NoFactorsNotice';
import { TracePanel } from './inventory/TracePanel';
import { AdjustmentsPanel } from './reconcile/AdjustmentsPanel';
import { BridgePanel } from './reconcile/BridgePanel';
import { ClaimsTable } from './reconcile/ClaimsTable';
import { CorrectedFigures } from './reconcile/CorrectedFigures';
import { STATUS_LABELS } from './reconcile/figureText';
import { MaterialityPanel } from './reconcile/MaterialityPanel';
import { MetricInputs } from './reconcile/MetricInputs';
import { ProposeAdjustment, type ProposalStart } from './reconcile/ProposeAdjustment';
import { TargetsPanel } from './reconcile/TargetsPanel';
import { PHASE_TEXT, useReconciliation } from './reconcile/useReconciliation';
import { t } from '../../../shared/messages';
import { figureName } from '../labels';

function ClaimCounts({ claims }: { claims: readonly ClaimResult[] }) {
  return (
    <span className="claim-counts" data-testid="claim-counts">
      {(Object.keys(STATUS_LABELS) as ClaimResult['status'][]).map((status) => (
        <span key={status} className={`badge status-${status}`}>{claims.filter((claim) => claim.status === status).length} {STATUS_LABELS[status].toLowerCase()}</span>
      ))}
    </span>
  );
}

function ClaimTrace({ claim, report, onClose, onAdjust }: { claim: ClaimResult; report: ReconciliationReport; onClose: () => void; onAdjust: (recordId: number) => void }) {
  const figure = claim.figure === null ? undefined : figureById(claim.figure);
  if (!figure || claim.fiscalYear === null) return null;
  if (!figure.traceable) return <MetricInputs claim={claim} periods={report.periods} correctedPeriods={report.correctedPeriods} onClose={onClose} />;
  return (
    <>
      <p className="muted small">{t.reconciliationView.theTraceShowsTheFigure}</p>
      {/* The stored figures as imported stand for the calculation: the trace is fetched again when they change. */}
      <TracePanel figure={{ period: claim.fiscalYear, key: figure.id, label: figureName(figure) }} site={claim.site} calculation={JSON.stringify(report.periods)} onClose={onClose} onAdjust={onAdjust} />
    </>
  );
}

function Report({ report, engagement, reload, refreshing }: { report: ReconciliationReport; engagement: EngagementSummary; reload: () => Promise<void>; refreshing: boolean }) {
  const [traced, setTraced] = useState<ClaimResult | null>(null);
  const [proposal, setProposal] = useState<ProposalStart | null>(null);
  const confirm = useAction(async (claim: ClaimResult, figure: string | null, note: string | null) => {
    await api.call('reconcile.confirmMatch', { claimId: claim.id, figure, note });
    await reload();
  });
  const suggested = report.claims.filter((claim) => claim.match.origin === 'suggested' || claim.match.origin === 'template');
  const confirmAll = useAction(async () => {
    for (const claim of suggested) await api.call('reconcile.confirmMatch', { claimId: claim.id, figure: claim.figure, note: null });
    await reload();
  });
  const onConfirm = useCallback((claim: ClaimResult, figure: string | null, note: string | null) => void confirm.run(claim, figure, note), [confirm]);
  const onTrace = useCallback((claim: ClaimResult) => setTraced((current) => (current?.id === claim.id ? null : claim)), []);
  const onAdjust = useCallback((claim: ClaimResult) => setProposal({ claimId: claim.id }), []);
  const years = report.correctedPeriods.map((period) => period.label).sort();
  const busy = confirm.busy || confirmAll.busy || refreshing;
  return (
    <>
      <section className="card" aria-labelledby="claims-heading">
        <div className="panel-head">
          <h2 id="claims-heading">{t.reconciliationView.reportedFigures}</h2>
          <ClaimCounts claims={report.claims} />
          <span className="spacer" />
          {suggested.length > 0 && (
            <button type="button" disabled={busy} onClick={() => void confirmAll.run()}>{t.reconciliationView.confirmSuggested(suggested.length, suggested.length === 1 ? t.reconciliationView.match : t.reconciliationView.matches)}</button>
          )}
        </div>
        <p className="muted small">{t.reconciliationView.reportedAgainstRecomputedAfterThe}</p>
        {(confirm.error || confirmAll.error) && <p role="alert" className="notice danger">{confirm.error ?? confirmAll.error}</p>}
        {report.claims.length === 0 ? <p className="muted">{t.reconciliationView.noReportedFiguresImportedYet}</p> : <ClaimsTable claims={report.claims} busy={busy} onConfirm={onConfirm} onTrace={onTrace} onAdjust={onAdjust} traced={traced?.id ?? null} />}
        {report.rejectedClaimRows.length > 0 && (
          <div className="notice warning rejected-claims">
            <strong>{t.reconciliationView.reportedNotImportedSoNot(report.rejectedClaimRows.length, report.rejectedClaimRows.length === 1 ? t.reconciliationView.rowWas : t.reconciliationView.rowsWere)}</strong>
            <ul>{report.rejectedClaimRows.map((row) => <li key={`${row.fileName}:${row.sheet}:${row.rowNumber}`}>{t.reconciliationView.row(row.fileName, row.sheet, row.rowNumber, row.reason)}</li>)}</ul>
          </div>
        )}
      </section>
      {traced && <ClaimTrace claim={traced} report={report} onClose={() => setTraced(null)} onAdjust={(recordId) => setProposal({ recordId, claimId: traced.id })} />}
      {proposal && (
        <ProposeAdjustment
          key={`${proposal.claimId ?? ''}:${proposal.recordId ?? ''}`}
          start={proposal}
          claims={report.claims}
          periods={report.correctedPeriods}
          onCancel={() => setProposal(null)}
          onProposed={() => {
            setProposal(null);
            void reload();
          }}
        />
      )}
      <section className="card" aria-labelledby="materiality-heading">
        <h2 id="materiality-heading">{t.reconciliationView.misstatementSummary}</h2>
        <MaterialityPanel years={report.materiality.years} engagement={engagement} onChanged={() => void reload()} />
      </section>
      <section className="card" aria-labelledby="adjustments-heading">
        <div className="panel-head">
          <h2 id="adjustments-heading">{t.reconciliationView.adjustments}</h2>
          <span className="spacer" />
          <button type="button" onClick={() => setProposal({})}>{t.reconciliationView.proposeAnAdjustment}</button>
        </div>
        <AdjustmentsPanel adjustments={report.adjustments} onChanged={() => void reload()} />
      </section>
      <section className="card" aria-labelledby="corrected-heading">
        <h2 id="corrected-heading">{t.reconciliationView.figuresAsImportedAndCorrected}</h2>
        <CorrectedFigures periods={report.periods} correctedPeriods={report.correctedPeriods} />
      </section>
      <section className="card" aria-labelledby="targets-heading">
        <h2 id="targets-heading">{t.reconciliationView.targets}</h2>
        <TargetsPanel targets={report.targets} />
      </section>
      <section className="card" aria-labelledby="bridge-heading">
        <h2 id="bridge-heading">{t.reconciliationView.varianceBridge}</h2>
        <BridgePanel years={years} hasAdjustments={report.adjustments.some((adjustment) => adjustment.status === 'active')} />
      </section>
    </>
  );
}

/** Reported figures and targets against the recomputed inventory, adjustments, materiality and the bridge. */
export function ReconciliationView({ engagement }: { engagement: EngagementSummary }) {
  const { state, reload, refreshing } = useReconciliation();
  return (
    <div className="reconciliation">
      <div className="toolbar">
        <h1>{t.reconciliationView.reconciliation}</h1>
        <span className="spacer" />
        {refreshing && state.status === 'ready' && <span className="muted small" role="status">{PHASE_TEXT[refreshing]}</span>}
        <button type="button" disabled={refreshing !== null} onClick={() => void reload()}>{t.reconciliationView.reconcileAgain}</button>
      </div>
      {state.status === 'loading' && <p className="muted" role="status">{state.phase ? PHASE_TEXT[state.phase] : t.reconciliationView.reconciling}</p>}
      {state.status === 'failed' && <p role="alert" className="notice danger">{state.message}</p>}
      {state.status === 'no-factors' && <NoFactorsNotice onLoaded={reload} />}
      {state.status === 'ready' && <Report report={state.report} engagement={engagement} reload={reload} refreshing={refreshing !== null} />}
    </div>
  );
}
