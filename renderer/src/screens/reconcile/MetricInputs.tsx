import type { InventoryMetrics, PeriodResult } from '../../../../shared/calc/inventory-types';
import { figureById, FIGURES } from '../../../../shared/figures';
import type { ClaimResult } from '../../../../shared/reconcile/reconcile';
import { formatNumber } from '../../format';
import { valueText } from './figureText';
import { t } from '../../../../shared/messages';
import { figureName } from '../../labels';

/** A site's PUE, or which input it lacks when it has only the other (it is left out of the year's PUE). */
function pueText(metrics: InventoryMetrics): string {
  if (metrics.facilityKwh !== null && metrics.itKwh === null) return t.metricInputs.notComputableNoIt;
  if (metrics.itKwh !== null && metrics.facilityKwh === null) return t.metricInputs.notComputableNoFacility;
  return valueText(FIGURES.pue.id, metrics.pue);
}

/**
 * A ratio or share is not a sum of lines: its "trace" is the energy it divides, as imported and
 * after the adjustments, over the sites it covers (data-centre sites only for data-centre figures).
 */
export function MetricInputs({ claim, periods, correctedPeriods, onClose }: { claim: ClaimResult; periods: readonly PeriodResult[]; correctedPeriods: readonly PeriodResult[]; onClose: () => void }) {
  const figure = claim.figure === null ? undefined : figureById(claim.figure);
  if (!figure || (figure.kind !== 'ratio' && figure.kind !== 'fraction')) return null;
  const rows = (from: readonly PeriodResult[]) => {
    const period = from.find((candidate) => candidate.label === claim.fiscalYear);
    const totals = claim.site === null ? period : period?.sites.find((site) => site.site === claim.site);
    const sites = period?.sites.filter((site) => (figure.sites === 'data-centres' ? site.isDataCentre : true) && (claim.site === null || site.site === claim.site)) ?? [];
    return { totals, sites };
  };
  const { totals, sites } = rows(correctedPeriods);
  const imported = rows(periods).totals;
  const inputs = figure.kind === 'ratio' ? (['facilityKwh', 'itKwh'] as const) : (['cleanKwh', 'electricityKwh'] as const);
  const labels = { facilityKwh: t.metricInputs.facilityEnergyKwh, itKwh: t.metricInputs.itEnergyKwh, cleanKwh: t.metricInputs.cleanElectricityKwh, electricityKwh: t.metricInputs.electricityConsumedKwh } as const;
  return (
    <section className="card trace-panel" aria-labelledby="metric-heading" data-testid="metric-inputs">
      <div className="panel-head">
        <h2 id="metric-heading">{claim.fiscalYear} · {figureName(figure)}{claim.site !== null && ` · ${claim.site}`}</h2>
        <span className="spacer" />
        <button type="button" onClick={onClose}>{t.metricInputs.close}</button>
      </div>
      <p className="muted small">
        {t.metricInputs.recomputed3(figure.kind === 'ratio' ? t.metricInputs.facilityEnergyItEnergyOver : t.metricInputs.cleanElectricityElectricityConsumed, figure.sites === 'data-centres' ? t.metricInputs.overDataCentreSitesOnly : t.metricInputs.overEverySiteInThe, valueText(claim.figure, claim.recomputed), imported && claim.recomputedUncorrected !== claim.recomputed ? t.metricInputs.asImported(valueText(claim.figure, claim.recomputedUncorrected)) : '')}
      </p>
      <table className="grid" aria-label={t.metricInputs.metricInputs}>
        <thead>
          <tr>
            <th scope="col">{t.metricInputs.site}</th>
            {inputs.map((input) => <th key={input} scope="col" className="num">{labels[input]}</th>)}
            <th scope="col" className="num">{figureName(figure)}</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((site) => (
            <tr key={site.site ?? ''}>
              <td>{site.site ?? t.metricInputs.noSite}</td>
              {inputs.map((input) => <td key={input} className="num">{formatNumber(site.metrics[input])}</td>)}
              <td className="num">{figure.kind === 'ratio' ? pueText(site.metrics) : valueText(claim.figure, figure.sites === 'data-centres' ? site.metrics.dataCentreCleanShare : site.metrics.cleanShare)}</td>
            </tr>
          ))}
        </tbody>
        {totals && (
          <tfoot>
            <tr>
              <th scope="row">{t.metricInputs.recomputed2}</th>
              {inputs.map((input) => <td key={input} />)}
              <td className="num">{valueText(claim.figure, claim.recomputed)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}
