import type { PeriodResult } from '../../../../shared/calc/inventory-types';
import { topSites } from '../../../../shared/overview';
import { Chart, type ChartOption } from '../../components/Chart';
import { formatThreeDecimals } from '../../format';
import { t } from '../../messages';

const TOP_SITES = 8;
const bar = (name: string, data: readonly (number | null)[], stack?: string) => ({ name, type: 'bar', data, ...(stack ? { stack } : {}) });
const yearAxis = (periods: readonly PeriodResult[]) => ({ type: 'category', data: periods.map((period) => period.label) });
const base = (periods: readonly PeriodResult[], series: unknown[], yName: string): ChartOption => ({
  aria: { enabled: true },
  tooltip: { trigger: 'axis' },
  legend: { bottom: 0 },
  grid: { left: 64, right: 16, top: 28, bottom: 56 },
  xAxis: yearAxis(periods),
  yAxis: { type: 'value', name: yName },
  series,
});

/** The engagement's charts: scopes per year, Scope 2 on both bases, the heaviest sites, and PUE per data centre. */
export function OverviewCharts({ periods }: { periods: readonly PeriodResult[] }) {
  const latest = periods[periods.length - 1];
  const sites = latest ? topSites(latest, TOP_SITES) : [];
  const dataCentres = [...new Set(periods.flatMap((period) => period.sites.filter((site) => site.isDataCentre && site.metrics.pue !== null).map((site) => site.site ?? t.overviewCharts.noSite)))].sort();
  const pueOf = (period: PeriodResult, name: string) => period.sites.find((site) => (site.site ?? t.overviewCharts.noSite) === name)?.metrics.pue ?? null;
  return (
    <div className="chart-grid">
      <section className="card" aria-labelledby="scopes-chart">
        <h2 id="scopes-chart">{t.overviewCharts.emissionsByScope}</h2>
        <Chart
          title={t.overviewCharts.emissionsByScopePerFiscal}
          summary={t.overviewCharts.scope1MarketBasedScope}
          fileName="emissions-by-scope"
          option={base(periods, [
            bar(t.overviewCharts.scope1, periods.map((period) => period.scope1), 'total'),
            bar(t.overviewCharts.scope2Market, periods.map((period) => period.scope2Market), 'total'),
            bar(t.overviewCharts.scope3, periods.map((period) => period.scope3), 'total'),
          ], 'tCO2e')}
          table={{ columns: [t.overviewCharts.fiscalYear, t.overviewCharts.scope1, t.overviewCharts.scope2Market, t.overviewCharts.scope3], rows: periods.map((period) => [period.label, formatThreeDecimals(period.scope1), formatThreeDecimals(period.scope2Market), formatThreeDecimals(period.scope3)]) }}
        />
      </section>
      <section className="card" aria-labelledby="scope2-chart">
        <h2 id="scope2-chart">{t.overviewCharts.scope2LocationAndMarket}</h2>
        <Chart
          title={t.overviewCharts.scope2LocationBasedAgainst}
          summary={t.overviewCharts.scope2PerFiscalYear}
          fileName="scope2-location-market"
          option={base(periods, [bar(t.overviewCharts.locationBased, periods.map((period) => period.scope2Location)), bar(t.overviewCharts.marketBased, periods.map((period) => period.scope2Market))], 'tCO2e')}
          table={{ columns: [t.overviewCharts.fiscalYear, t.overviewCharts.locationBased, t.overviewCharts.marketBased], rows: periods.map((period) => [period.label, formatThreeDecimals(period.scope2Location), formatThreeDecimals(period.scope2Market)]) }}
        />
      </section>
      {latest && sites.length > 0 && (
        <section className="card" aria-labelledby="sites-chart">
          <h2 id="sites-chart">{t.overviewCharts.sitesThatWeighMost(latest.label)}</h2>
          <Chart
            title={t.overviewCharts.topSitesByNetEmissions(latest.label)}
            summary={t.overviewCharts.theSitesWithTheLargest(sites.length, latest.label)}
            fileName={`top-sites-${latest.label}`}
            option={{
              aria: { enabled: true },
              tooltip: { trigger: 'axis' },
              grid: { left: 120, right: 16, top: 16, bottom: 28 },
              xAxis: { type: 'value', name: t.overviewCharts.tco2e },
              yAxis: { type: 'category', data: sites.map((site) => site.site).reverse() },
              series: [bar(t.overviewCharts.net, sites.map((site) => site.net).reverse())],
            }}
            table={{ columns: [t.overviewCharts.site, t.overviewCharts.netTco2e], rows: sites.map((site) => [site.site, formatThreeDecimals(site.net)]) }}
          />
        </section>
      )}
      {dataCentres.length > 0 && (
        <section className="card" aria-labelledby="pue-chart">
          <h2 id="pue-chart">{t.overviewCharts.puePerDataCentre}</h2>
          <Chart
            title={t.overviewCharts.puePerDataCentrePer}
            summary={t.overviewCharts.powerUsageEffectivenessFacilityEnergy}
            fileName="pue-per-data-centre"
            option={{ ...base(periods, dataCentres.map((name) => ({ name, type: 'line', data: periods.map((period) => pueOf(period, name)) })), 'PUE'), yAxis: { type: 'value', name: t.overviewCharts.pue, min: 1 } }}
            table={{ columns: [t.overviewCharts.fiscalYear, ...dataCentres], rows: periods.map((period) => [period.label, ...dataCentres.map((name) => formatThreeDecimals(pueOf(period, name)))]) }}
          />
        </section>
      )}
    </div>
  );
}
