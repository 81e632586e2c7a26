import type { AuditVerification, AuditWitnessStatus, EngagementSummary } from '../../../shared/contract';
import { MONTH_NAMES } from '../../../shared/settings';
import { api } from '../api';
import { CONSOLIDATION_LABELS, MATCHING_LABELS } from '../labels';
import { CalculationRules } from './CalculationRules';
import { useAction } from '../useAction';
import { useState } from 'react';

/** What this machine's record of the audit log (its witness) says. */
function witnessText(witness: AuditWitnessStatus): string {
  switch (witness.status) {
    case 'not-kept':
      return 'This machine keeps no record of the audit log.';
    case 'first-seen':
      return 'First opened on this machine: its head is recorded from now on, so a later copy with entries cut off is noticed.';
    case 'consistent':
      return `Holds every entry this machine saw (${witness.seen.entries} entries, ${witness.seen.seenAt}).`;
    case 'cut':
      return 'Entries this machine saw are missing: see the warning above.';
    case 'forked':
      return 'Not the history this machine saw: see the warning above.';
  }
}

export function OverviewView({ engagement }: { engagement: EngagementSummary }) {
  const s = engagement.settings;
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const verify = useAction(async () => setVerification(await api.call('audit.verify', {})));
  const rows: [string, string][] = [
    ['Reporting entity', s.entityName],
    ['Fiscal year', `Starts in ${MONTH_NAMES[s.fiscalYearStartMonth - 1]}; labelled by the year it ${s.fiscalYearLabelRule === 'end-year' ? 'ends' : 'starts'} in`],
    ['Base year', s.baseYear ?? 'Not set'],
    ['Consolidation approach', CONSOLIDATION_LABELS[s.consolidationApproach]],
    ['GWP basis', `IPCC ${s.gwpBasis} (100-year)`],
    ['Materiality', `${s.materialityPercent}% of total emissions`],
    ['Performance materiality', `${s.performanceMaterialityPercent}%`],
    ['Clearly trivial', `${s.clearlyTrivialPercent}%`],
    ['Level of assurance', s.assuranceLevel === 'limited' ? 'Limited' : 'Reasonable'],
    ['Grid region', s.defaultRegion ?? 'Not set (records and sites must name theirs)'],
    ['Evidence kept up to', `${s.evidenceCapMiB} MiB per imported file`],
    ['Instrument matching', MATCHING_LABELS[s.instrumentMatching]],
    ['Excluded investments', s.category15Investments ? 'Reported as Scope 3 category 15' : 'Not reported'],
  ];
  return (
    <>
      <h1>Engagement overview</h1>
      <div className="columns">
        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Settings</h2>
          <dl className="settings" data-testid="engagement-settings">
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <CalculationRules engagement={engagement} />
        <section className="card" aria-labelledby="trail-heading">
          <h2 id="trail-heading">Audit trail</h2>
          <p>
            <strong>{engagement.auditEntries}</strong> {engagement.auditEntries === 1 ? "entry" : "entries"}. Head hash:
          </p>
          <code className="hash">{engagement.auditHeadHash}</code>
          <p className="small" data-testid="audit-witness">{witnessText(engagement.auditWitness)}</p>
          <p className="muted small">File: {engagement.path} · schema v{engagement.schemaVersion} · engagement {engagement.engagementId}</p>
          <button type="button" onClick={() => void verify.run()} disabled={verify.busy}>Verify hash chain</button>
          {verification && (
            <p role="status" className={verification.intact ? 'ok' : 'error'}>
              {verification.intact
                ? `Intact: all ${verification.entries} chained to the head hash.`
                : `Broken at entry ${verification.brokenAt}: ${verification.reason}`}
            </p>
          )}
          {verify.error && <p role="alert" className="error">{verify.error}</p>}
        </section>
      </div>
    </>
  );
}
