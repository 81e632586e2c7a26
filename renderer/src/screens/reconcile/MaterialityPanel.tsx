import { useState, type FormEvent } from 'react';
import type { EngagementSummary } from '../../../../shared/contract';
import type { MaterialityYear } from '../../../../shared/reconcile/materiality';
import { materialityThresholds, type EngagementSettings } from '../../../../shared/settings';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { differenceText, valueText } from './figureText';
import { t } from '../../../../shared/messages';

const CONCLUSION_LABELS: Readonly<Record<MaterialityYear['conclusion'], string>> = {
  material: t.materialityPanel.materiallyMisstated,
  'approaching-materiality': t.materialityPanel.abovePerformanceMateriality,
  'not-material': t.materialityPanel.notMateriallyMisstated,
  incomplete: t.materialityPanel.incomplete,
  'no-base': t.materialityPanel.noMateriality,
};

function YearSummary({ year, current }: { year: MaterialityYear; current: boolean }) {
  const tonnes = (value: number | null) => `${valueText('net', value)} tCO2e`;
  return (
    <section className="materiality-year" data-period={year.period} aria-labelledby={`materiality-${year.period}`}>
      <div className="panel-head">
        <h3 id={`materiality-${year.period}`}>{year.period}</h3>
        <span className={`badge conclusion-${year.conclusion}`} data-testid="conclusion">{CONCLUSION_LABELS[year.conclusion]}</span>
      </div>
      <dl className="facts">
        <dt>{t.materialityPanel.base}</dt>
        <dd>{tonnes(year.base)} <span className="muted small">({year.baseSource})</span></dd>
        {year.amounts && (
          <>
            <dt>{t.materialityPanel.materiality}</dt>
            <dd>{tonnes(year.amounts.overall)}</dd>
            <dt>{t.materialityPanel.performanceMateriality}</dt>
            <dd>{tonnes(year.amounts.performance)}</dd>
            <dt>{t.materialityPanel.clearlyTrivial}</dt>
            <dd>{tonnes(year.amounts.clearlyTrivial)}</dd>
          </>
        )}
      </dl>
      {year.items.length > 0 && (
        <table className="grid" aria-label={t.materialityPanel.misstatements(year.period)}>
          <thead>
            <tr>
              <th scope="col">{t.materialityPanel.figure}</th>
              <th scope="col" className="num">{t.materialityPanel.claim}</th>
              <th scope="col" className="num">{t.materialityPanel.asImportedTco2e}</th>
              <th scope="col" className="num">{t.materialityPanel.correctedTco2e}</th>
            </tr>
          </thead>
          <tbody>
            {year.items.map((item) => (
              <tr key={`${item.figure}-${item.claimId}`}>
                <td>{item.label}</td>
                <td className="num">#{item.claimId}</td>
                <td className="num">{differenceText('net', item.uncorrected)}{item.clearlyTrivialUncorrected && <span className="muted small"> {t.materialityPanel.trivial}</span>}</td>
                <td className="num">{differenceText('net', item.corrected)}{item.clearlyTrivialCorrected && <span className="muted small"> {t.materialityPanel.trivial}</span>}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>{t.materialityPanel.totalNotOffsettingTrivialLeft}</th>
              <td className="num" data-testid="uncorrected-total">{valueText('net', year.uncorrectedTotal)}</td>
              <td className="num" data-testid="corrected-total">{valueText('net', year.correctedTotal)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {!current && <p className="conclusion-text">{year.conclusionText}</p>}
    </section>
  );
}

type Thresholds = Pick<EngagementSettings, 'materialityPercent' | 'performanceMaterialityPercent' | 'clearlyTrivialPercent' | 'metricTolerances'>;

/** Materiality and tolerances, changed through the engagement's settings (every change logged with before and after). */
function SettingsForm({ engagement, onSaved }: { engagement: EngagementSummary; onSaved: () => void }) {
  const [form, setForm] = useState<Thresholds>(engagement.settings);
  const set = (change: Partial<Thresholds>) => setForm((current) => ({ ...current, ...change }));
  const setMateriality = (materialityPercent: number) => set({ materialityPercent, ...materialityThresholds(materialityPercent) });
  const save = useAction(async (event: FormEvent) => {
    event.preventDefault();
    await api.call('engagement.updateSettings', { settings: { ...engagement.settings, ...form } });
    onSaved();
  });
  const percentField = (label: string, value: number, onChange: (value: number) => void) => (
    <label>
      {label}
      <input type="number" step="any" min={0} max={100} value={value} onChange={(event) => onChange(Number(event.target.value))} />
    </label>
  );
  return (
    <form className="settings-form" onSubmit={(event) => void save.run(event)} aria-label={t.materialityPanel.materialityAndTolerances}>
      <div className="form-grid thresholds">
        {percentField(t.materialityPanel.materialityOfReportedScope1, form.materialityPercent, setMateriality)}
        {percentField(t.materialityPanel.performanceMateriality2, form.performanceMaterialityPercent, (performanceMaterialityPercent) => set({ performanceMaterialityPercent }))}
        {percentField(t.materialityPanel.clearlyTrivial2, form.clearlyTrivialPercent, (clearlyTrivialPercent) => set({ clearlyTrivialPercent }))}
        {percentField(t.materialityPanel.pueTolerance, form.metricTolerances.pue, (pue) => set({ metricTolerances: { ...form.metricTolerances, pue } }))}
        {percentField(t.materialityPanel.cleanShareTolerancePp, form.metricTolerances.clean_share, (share) => set({ metricTolerances: { ...form.metricTolerances, clean_share: share } }))}
        {percentField(t.materialityPanel.dataCentreCleanShareTolerance, form.metricTolerances.data_centre_clean_share, (share) => set({ metricTolerances: { ...form.metricTolerances, data_centre_clean_share: share } }))}
      </div>
      {save.error && <p role="alert" className="notice danger">{save.error}</p>}
      <div className="form-actions">
        <button type="submit" disabled={save.busy}>{save.busy ? t.materialityPanel.saving : t.materialityPanel.saveThresholds}</button>
      </div>
    </form>
  );
}

/** The misstatement summary per fiscal year, its conclusion, and the thresholds it is judged by. */
export function MaterialityPanel({ years, engagement, onChanged }: { years: readonly MaterialityYear[]; engagement: EngagementSummary; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const current = years.at(-1);
  return (
    <>
      {current ? (
        <p className={`notice ${current.conclusion === 'material' ? 'danger' : current.conclusion === 'approaching-materiality' ? 'warning' : ''}`} data-testid="overall-conclusion">
          <strong>{current.period}:</strong> {current.conclusionText}
        </p>
      ) : (
        <p className="muted">{t.materialityPanel.noReportedFiguresToJudge}</p>
      )}
      <div className="materiality-years">{[...years].reverse().map((year) => <YearSummary key={year.period} year={year} current={year === current} />)}</div>
      <div className="toolbar">
        <span className="muted small">
          {t.materialityPanel.materialityPerformanceClearlyTrivialPue(engagement.settings.materialityPercent, engagement.settings.performanceMaterialityPercent, engagement.settings.clearlyTrivialPercent, engagement.settings.metricTolerances.pue, engagement.settings.metricTolerances.clean_share)}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>{editing ? t.materialityPanel.close : t.materialityPanel.changeThresholds}</button>
      </div>
      {editing && <SettingsForm engagement={engagement} onSaved={() => { setEditing(false); onChanged(); }} />}
    </>
  );
}
