import { whatIfCopyText } from '../../../shared/audit-summary';
import type { AuditVerification, AuditWitnessStatus, EngagementSummary, InventoryResults } from '../../../shared/contract';
import { HEADLINES, headlineValue, jobSteps, unpricedProgress, yearOnYear, type EngagementProgress } from '../../../shared/overview';
import { api } from '../api';
import { countOf, formatMonthName, formatPercent, formatPercentagePoints, formatSignedPercent, formatThreeDecimals, NO_VALUE } from '../format';
import { CONSOLIDATION_LABELS, MATCHING_LABELS } from '../labels';
import { CalculationRules } from './CalculationRules';
import { jobStepText } from './overview/jobStepText';
import { SignOffPanel } from './review/SignOffPanel';
import { useAction } from '../useAction';
import { useState } from 'react';
import { OverviewCharts } from './overview/OverviewCharts';
import { OverviewStatus, type OverviewLink } from './overview/OverviewStatus';
import { t } from '../../../shared/messages';
import { useLoaded } from '../useLoaded';

/** Where the job stands, read from the register, the boundary, the factor sets and the log. */
async function loadProgress(): Promise<{ progress: EngagementProgress; inventory: InventoryResults }> {
  const [sources, sites, sets, exports, inventory] = await Promise.all([
    api.call('import.sources', {}),
    api.call('boundary.sites', {}),
    api.call('factors.sets', {}),
    api.call('audit.entries', { afterSeq: 0, limit: 1000, operation: 'export' }),
    // The stored results: opening the Overview must not calculate (or write) anything.
    api.call('inventory.results', {}),
  ]);
  return {
    inventory,
    progress: {
      sourceFiles: sources.length,
      sites: sites.length,
      sitesConfigured: sites.filter((site) => site.configured).length,
      factorSets: sets.length,
      calculatedYears: inventory.periods.length,
      unpriced: unpricedProgress(inventory.findings),
      claimFiles: sources.filter((source) => source.kind === 'claims').length,
      exports: exports.length,
    },
  };
}

function formatHeadline(value: number | null, kind: 'tonnes' | 'ratio' | 'share'): string {
  return kind === 'share' ? formatPercent(value) : formatThreeDecimals(value);
}

function formatChange(change: number | null, kind: 'tonnes' | 'ratio' | 'share'): string {
  if (change === null) return NO_VALUE;
  return kind === 'share' ? formatPercentagePoints(change) : formatSignedPercent(change);
}

/** Headline figures per fiscal year, each with its change on the year before. */
function Headlines({ inventory }: { inventory: InventoryResults }) {
  const periods = inventory.periods;
  return (
    <div className="table-scroll">
      <table className="grid headlines" aria-label={t.overviewView.headlineFigures}>
        <thead>
          <tr>
            <th scope="col">{t.overviewView.figure}</th>
            {periods.map((period) => <th key={period.label} scope="col" className="num">{period.label}</th>)}
            {periods.length > 1 && <th scope="col" className="num">{t.overviewView.changeOn(periods[periods.length - 2]!.label)}</th>}
          </tr>
        </thead>
        <tbody>
          {HEADLINES.map((headline) => {
            const values = periods.map((period) => headlineValue(period, headline.key));
            return (
              <tr key={headline.key} data-headline={headline.key}>
                <th scope="row">{t.headlines[headline.key]}</th>
                {values.map((value, index) => <td key={periods[index]!.label} className="num">{formatHeadline(value, headline.kind)}</td>)}
                {periods.length > 1 && <td className="num change">{formatChange(yearOnYear(values[values.length - 1]!, values[values.length - 2]!, headline.kind), headline.kind)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What this machine's record of the audit log (its witness) says. */
function witnessText(witness: AuditWitnessStatus): string {
  switch (witness.status) {
    case 'not-kept':
      return t.overviewView.thisMachineKeepsNoRecord;
    case 'first-seen':
      return t.overviewView.firstOpenedOnThisMachine;
    case 'consistent':
      return t.overviewView.holdsEveryEntryThisMachine(witness.seen.entries, witness.seen.seenAt);
    case 'cut':
      return t.overviewView.entriesThisMachineSawAre;
    case 'forked':
      return t.overviewView.notTheHistoryThisMachine;
  }
}

export function OverviewView({ engagement, onNavigate }: { engagement: EngagementSummary; onNavigate: (view: OverviewLink) => void }) {
  const s = engagement.settings;
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const verify = useAction(async () => setVerification(await api.call('audit.verify', {})));
  const { value: state, error: loadError } = useLoaded(loadProgress, [engagement.auditEntries]);
  const steps = state ? jobSteps(state.progress) : [];
  const next = steps.find((step) => !step.done);
  const rows: [string, string][] = [
    [t.overviewView.reportingEntity, s.entityName],
    [t.overviewView.fiscalYear, (s.fiscalYearLabelRule === 'end-year' ? t.overviewView.fiscalYearEndYear : t.overviewView.fiscalYearStartYear)(formatMonthName(s.fiscalYearStartMonth))],
    [t.overviewView.baseYear, s.baseYear ?? t.overviewView.notSet],
    [t.overviewView.consolidationApproach, CONSOLIDATION_LABELS[s.consolidationApproach]],
    [t.overviewView.gwpBasis, t.overviewView.ipcc100Year(s.gwpBasis)],
    [t.overviewView.materiality, t.overviewView.ofTotalEmissions(s.materialityPercent)],
    [t.overviewView.performanceMateriality, t.overviewView.percent(s.performanceMaterialityPercent)],
    [t.overviewView.clearlyTrivial, t.overviewView.percent(s.clearlyTrivialPercent)],
    [t.overviewView.levelOfAssurance, s.assuranceLevel === 'limited' ? t.overviewView.limited : t.overviewView.reasonable],
    [t.overviewView.gridRegion, s.defaultRegion ?? t.overviewView.notSetRecordsAndSites],
    [t.overviewView.evidenceKeptUpTo, t.overviewView.mibPerImportedFile(s.evidenceCapMiB)],
    [t.overviewView.instrumentMatching, MATCHING_LABELS[s.instrumentMatching]],
    [t.overviewView.excludedInvestments, s.category15Investments ? t.overviewView.reportedAsScope3Category : t.overviewView.notReported],
  ];
  return (
    <>
      <h1>{t.overviewView.engagementOverview}</h1>
      {loadError && <p role="alert" className="notice danger">{loadError}</p>}
      <OverviewStatus auditEntries={engagement.auditEntries} onNavigate={onNavigate} />
      <div className="columns job-and-figures">
        <section className="card" aria-labelledby="next-heading">
          <h2 id="next-heading">{t.overviewView.whatNext}</h2>
          <ol className="job-steps" data-testid="job-steps">
            {steps.map((step) => (
              <li key={step.id} data-step={step.id} className={step.done ? 'done' : step === next ? 'next' : undefined}>
                <span className="step-state">{step.done ? t.overviewView.done : step === next ? t.overviewView.next : t.overviewView.toDo}</span>
                <strong>{jobStepText(step, state!.progress).label}</strong>
                <span className="muted small">{jobStepText(step, state!.progress).detail}</span>
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="figures-heading">
          <h2 id="figures-heading">{t.overviewView.figuresByFiscalYear}</h2>
          {state?.inventory && state.inventory.periods.length > 0
            ? <Headlines inventory={state.inventory} />
            : <p className="muted">{t.overviewView.theFiguresAppearHereOnce}</p>}
          {/* Findings and factor sets only beside figures: before a calculation they would read '0 … · factor sets —'. */}
          {state?.inventory && state.inventory.periods.length > 0 && <p className="muted small">{t.overviewView.findingsFactorSets(countOf(state.inventory.findings.total, t.overviewView.calculationFinding, t.overviewView.calculationFindings), state.inventory.factorSets.join(', ') || NO_VALUE)}</p>}
        </section>
      </div>
      {state?.inventory && state.inventory.periods.length > 0 && <OverviewCharts periods={state.inventory.periods} auditEntries={engagement.auditEntries} />}
      <div className="columns">
        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">{t.overviewView.settings}</h2>
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
          <h2 id="trail-heading">{t.overviewView.auditTrail}</h2>
          <p>
            <strong>{engagement.auditEntries}</strong> {t.overviewView.headHash2(engagement.auditEntries === 1 ? t.overviewView.entry : t.overviewView.entries)}
          </p>
          <code className="hash">{engagement.auditHeadHash}</code>
          <p className="small" data-testid="audit-witness">{witnessText(engagement.auditWitness)}</p>
          {engagement.whatIfCopy && <p className="small" data-testid="what-if-copy">{whatIfCopyText(engagement.whatIfCopy)}</p>}
          <p className="muted small">{t.overviewView.fileSchemaVEngagement(engagement.path, engagement.schemaVersion, engagement.engagementId)}</p>
          <button type="button" onClick={() => void verify.run()} disabled={verify.busy}>{t.overviewView.verifyHashChain}</button>
          {verification && (
            <p role="status" className={verification.intact ? 'ok' : 'error'}>
              {verification.intact
                ? t.overviewView.intactAllChainedToThe(verification.entries)
                : t.overviewView.brokenAtEntry(verification.brokenAt, verification.reason)}
            </p>
          )}
          {verify.error && <p role="alert" className="error">{verify.error}</p>}
        </section>
      </div>
      <SignOffPanel auditEntries={engagement.auditEntries} />
    </>
  );
}
