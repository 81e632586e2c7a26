import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EngagementSummary } from '../../../shared/contract';
import {
  ASSURANCE_LEVELS,
  CONSOLIDATION_APPROACHES,
  DEFAULT_SETTINGS,
  GWP_BASIS_OPTIONS,
  type EngagementSettingsInput,
} from '../../../shared/settings';
import { api } from '../api';
import { formatMonthName } from '../format';
import { useAppRequest } from '../native/appRequests';
import { RecentEngagements } from '../native/RecentEngagements';
import { useAction } from '../useAction';
import { CONSOLIDATION_LABELS } from '../labels';
import { t } from '../../../shared/messages';

/** The months a fiscal year can start in, 1 = January. */
const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);

/** Performance materiality and the clearly-trivial threshold are left to the engine's materiality rule. */
const DEFAULT_FORM: EngagementSettingsInput = {
  entityName: '',
  fiscalYearStartMonth: 4,
  fiscalYearLabelRule: DEFAULT_SETTINGS.fiscalYearLabelRule,
  baseYear: null,
  consolidationApproach: DEFAULT_SETTINGS.consolidationApproach,
  gwpBasis: DEFAULT_SETTINGS.gwpBasis,
  materialityPercent: DEFAULT_SETTINGS.materialityPercent,
  assuranceLevel: DEFAULT_SETTINGS.assuranceLevel,
  defaultRegion: null,
};

export function StartScreen({ onOpened }: { onOpened: (engagement: EngagementSummary) => void }) {
  const [form, setForm] = useState<EngagementSettingsInput>(DEFAULT_FORM);
  const entityName = useRef<HTMLInputElement>(null);
  useAppRequest('new-engagement', () => entityName.current?.focus());
  const create = useAction(async () => {
    const summary = await api.call('engagement.create', { settings: form });
    if (summary) onOpened(summary);
  });
  const open = useAction(async () => {
    const summary = await api.call('engagement.open', {});
    if (summary) onOpened(summary);
  });
  const [sampleStep, setSampleStep] = useState<string | null>(null);
  useEffect(() => api.on('sample.progress', ({ step }) => setSampleStep(step)), []);
  const sample = useAction(async () => {
    setSampleStep(null);
    const summary = await api.call('sample.open', {});
    if (summary) onOpened(summary);
  });
  const set = <K extends keyof EngagementSettingsInput>(key: K, value: EngagementSettingsInput[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <main className="start">
      <header className="start-header">
        <div className="brand-mark" aria-hidden="true">{t.startScreen.ca}</div>
        <div>
          <h1>{t.startScreen.carbonAudit}</h1>
          <p className="muted">{t.startScreen.rePerformACompanysGreenhouse}</p>
        </div>
      </header>
      <div className="start-grid">
        <section className="card" aria-labelledby="new-engagement">
          <h2 id="new-engagement">{t.startScreen.newEngagement}</h2>
          <form onSubmit={submit} className="form-grid">
            <label>
              {t.startScreen.reportingEntity}
              <input
                ref={entityName}
                name="entityName"
                required
                value={form.entityName}
                onChange={(e) => set('entityName', e.target.value)}
                placeholder={t.startScreen.eGExampleGroupPlc}
              />
            </label>
            <label>
              {t.startScreen.fiscalYearStartsIn}
              <select name="fiscalYearStartMonth" value={form.fiscalYearStartMonth} onChange={(e) => set('fiscalYearStartMonth', Number(e.target.value))}>
                {MONTHS.map((month) => (
                  <option key={month} value={month}>{formatMonthName(month)}</option>
                ))}
              </select>
            </label>
            <label>
              {t.startScreen.fiscalYearLabel}
              <select name="fiscalYearLabelRule" value={form.fiscalYearLabelRule} onChange={(e) => set('fiscalYearLabelRule', e.target.value as 'end-year' | 'start-year')}>
                <option value="end-year">{t.startScreen.yearItEndsInFy2023}</option>
                <option value="start-year">{t.startScreen.yearItStartsInFy2022}</option>
              </select>
            </label>
            <label>
              {t.startScreen.baseYear}
              <input
                name="baseYear"
                value={form.baseYear ?? ''}
                onChange={(e) => set('baseYear', e.target.value.trim() === '' ? null : e.target.value.trim().toUpperCase())}
                placeholder={t.startScreen.eGFy2020}
                pattern="FY\d{4}"
              />
            </label>
            <label>
              {t.startScreen.consolidationApproach}
              <select name="consolidationApproach" value={form.consolidationApproach} onChange={(e) => set('consolidationApproach', e.target.value as never)}>
                {CONSOLIDATION_APPROACHES.map((approach) => (
                  <option key={approach} value={approach}>{CONSOLIDATION_LABELS[approach]}</option>
                ))}
              </select>
            </label>
            <label>
              {t.startScreen.gwpBasis}
              <select name="gwpBasis" value={form.gwpBasis} onChange={(e) => set('gwpBasis', e.target.value as never)}>
                {GWP_BASIS_OPTIONS.map((basis) => (
                  <option key={basis} value={basis}>{t.startScreen.ipcc100Year(basis)}</option>
                ))}
              </select>
            </label>
            <label>
              {t.startScreen.materialityOfTotalEmissions}
              <input
                name="materialityPercent"
                type="number"
                min="0.1"
                max="100"
                step="0.1"
                value={form.materialityPercent}
                onChange={(e) => set('materialityPercent', Number(e.target.value))}
              />
            </label>
            <label>
              {t.startScreen.gridRegionForElectricity}
              <input
                name="defaultRegion"
                value={form.defaultRegion ?? ''}
                onChange={(e) => set('defaultRegion', e.target.value.trim() === '' ? null : e.target.value)}
                placeholder={t.startScreen.eGUkOrAn}
              />
            </label>
            <label>
              {t.startScreen.levelOfAssurance}
              <select name="assuranceLevel" value={form.assuranceLevel} onChange={(e) => set('assuranceLevel', e.target.value as never)}>
                {ASSURANCE_LEVELS.map((level) => (
                  <option key={level} value={level}>{level === 'limited' ? t.startScreen.limited : t.startScreen.reasonable}</option>
                ))}
              </select>
            </label>
            <div className="form-actions">
              <button type="submit" className="primary" disabled={create.busy}>
                {create.busy ? t.startScreen.creating : t.startScreen.createEngagementFile}
              </button>
            </div>
            {create.error && <p role="alert" className="error">{create.error}</p>}
          </form>
        </section>
        <section className="card" aria-labelledby="open-engagement">
          <h2 id="open-engagement">{t.startScreen.openAnEngagement}</h2>
          <p className="muted">{t.startScreen.anEngagementIsOne} <code>{t.startScreen.carbonaudit}</code> {t.startScreen.fileSourceFilesMappingsFactors}</p>
          <button type="button" onClick={() => void open.run()} disabled={open.busy}>
            {t.startScreen.openEngagementFile}
          </button>
          {open.error && <p role="alert" className="error">{open.error}</p>}
          <RecentEngagements onOpened={onOpened} />
        </section>
        <section className="card" aria-labelledby="sample-engagement">
          <h2 id="sample-engagement">{t.startScreen.tryTheSampleEngagement}</h2>
          <p className="muted">
            {t.startScreen.aFictionalDataCentreGroups}
          </p>
          <button type="button" onClick={() => void sample.run()} disabled={sample.busy}>
            {sample.busy ? t.startScreen.buildingTheSampleEngagement : t.startScreen.openSampleEngagement}
          </button>
          {sample.busy && sampleStep && <p role="status" className="muted small">{sampleStep}…</p>}
          {sample.error && <p role="alert" className="error">{sample.error}</p>}
        </section>
      </div>
    </main>
  );
}
