import { useState } from 'react';
import type { MatchingWindow } from '../../../shared/calc/scope2-market';
import type { EngagementSummary } from '../../../shared/contract';
import { api } from '../api';
import { MATCHING_LABELS } from '../labels';
import { useAction } from '../useAction';
import { t } from '../../../shared/messages';

/**
 * The engagement's calculation rules an auditor may make stricter or wider: how instruments are
 * matched to consumption, and whether excluded investments are reported as Scope 3 category 15.
 * Saving is an engagement settings change (logged); the stored results then say they are out of date.
 */
export function CalculationRules({ engagement }: { engagement: EngagementSummary }) {
  const settings = engagement.settings;
  const [matching, setMatching] = useState<MatchingWindow>(settings.instrumentMatching);
  const [category15, setCategory15] = useState(settings.category15Investments);
  const save = useAction(() => api.call('engagement.updateSettings', { settings: { ...settings, instrumentMatching: matching, category15Investments: category15 } }));
  const changed = matching !== settings.instrumentMatching || category15 !== settings.category15Investments;
  const underControl = settings.consolidationApproach !== 'equity-share';
  return (
    <section className="card" aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t.calculationRules.calculationRules}</h2>
      <label>
        {t.calculationRules.instrumentMatchingMarketBasedScope}
        <select value={matching} onChange={(event) => setMatching(event.target.value as MatchingWindow)}>
          {Object.entries(MATCHING_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </label>
      <p className="muted small">
        {t.calculationRules.theGhgProtocolScope2}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={category15} onChange={(event) => setCategory15(event.target.checked)} />
        {t.calculationRules.reportTheGroupsOwnershipShare}
      </label>
      {!underControl && <p className="muted small">{t.calculationRules.underEquityShareThoseSites}</p>}
      <button type="button" onClick={() => void save.run()} disabled={!changed || save.busy}>{t.calculationRules.saveCalculationRules}</button>
      {save.error && <p role="alert" className="error">{save.error}</p>}
    </section>
  );
}
