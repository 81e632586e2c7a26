import type { PeriodResult } from '../../../../shared/calc/inventory-types';
import { topSites } from '../../../../shared/overview';
import { Chart, type ChartOption } from '../../components/Chart';
import { formatPercent, formatThreeDecimals } from '../../format';
import { MonthlyProfileChart } from './MonthlyProfileChart';
import { t } from '../../../../shared/messages';

const NO_SITE = t.overviewCharts.noSite;

const TOP_SITES = 8;
const bar = (name: string, data: readonly (number | null)[], stack?: string) => ({ name, type: 'bar', data, ...(stack ? { stack } : {}) });
const yearAxis = (periods: readonly PeriodResult[]) => ({ type: 'category', data: periods.map((period) => period.label) });
const base = (periods: readonly PeriodResult[], series: unknown[], yName: string): ChartOption => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0, type: 'scroll' },
  // Room between the legend and the value axis's name, however wide the legend.
  grid: { left: 64, right: 16, top: 56, bottom: 28 },
  xAxis: yearAxis(periods),
  yAxis: { type: 'value', name: yName },
  series,
});

type SiteMetric = 'pue' | 'cleanShare';

/** The data centres with a value of `metric` in any year, by name. */
function dataCentresWith(periods: readonly PeriodResult[], metric: SiteMetric): string[] {
  return [...new Set(periods.flatMap((period) => period.sites.filter((site) => site.isDataCentre && site.metrics[metric] !== null).map((site) => site.site ?? NO_SITE)))].sort();
}

function siteMetric(period: PeriodResult, name: string, metric: SiteMetric): number | null {
  return period.sites.find((site) => (site.site ?? NO_SITE) === name)?.metrics[metric] ?? null;
}

/** A line per data centre of one of its metrics over the fiscal years, with the same numbers as a table. */
function PerDataCentre({ heading, periods, metric, title, summary, fileName, yAxis, format, scale = 1 }: {
  heading: string; periods: readonly PeriodResult[]; metric: SiteMetric; title: string; summary: string; fileName: string; yAxis: Record<string, unknown>; format: (value: number | null) => string; scale?: number;
}) {
  const dataCentres = dataCentresWith(periods, metric);
  if (dataCentres.length === 0) return null;
  const value = (period: PeriodResult, name: string) => {
    const raw = siteMetric(period, name, metric);
    return raw === null ? null : raw * scale;
  };
  return (
    <section className="card" aria-labelledby={`${fileName}-heading`}>
      <h2 id={`${fileName}-heading`}>{heading}</h2>
      <Chart
        title={title}
        summary={summary}
        fileName={fileName}
        option={{ ...base(periods, dataCentres.map((name) => ({ name, type: 'line', connectNulls: false, data: periods.map((period) => value(period, name)) })), ''), yAxis }}
        table={{ columns: [t.overviewCharts.fiscalYear, ...dataCentres], rows: periods.map((period) => [period.label, ...dataCentres.map((name) => format(siteMetric(period, name, metric)))]) }}
      />
    </section>
  );
}

/** The engagement's charts: scopes per year, Scope 2 on both bases, the heaviest sites, PUE and clean share per data centre, and the monthly profile. */
export function OverviewCharts({ periods, auditEntries }: { periods: readonly PeriodResult[]; auditEntries: number }) {
  const latest = periods[periods.length - 1];
  const sites = latest ? topSites(latest, TOP_SITES).map((site) => ({ site: site.site ?? NO_SITE, net: site.net })) : [];
  return (
    <div className="chart-grid">
      <MonthlyProfileChart auditEntries={auditEntries} />
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
              tooltip: { trigger: 'axis' },
              grid: { left: 150, right: 24, top: 16, bottom: 44 },
              xAxis: { type: 'value', name: t.overviewCharts.tco2e, nameLocation: 'middle', nameGap: 28 },
              yAxis: { type: 'category', data: sites.map((site) => site.site).reverse() },
              series: [bar(t.overviewCharts.net, sites.map((site) => site.net).reverse())],
            }}
            table={{ columns: [t.overviewCharts.site, t.overviewCharts.netTco2e], rows: sites.map((site) => [site.site, formatThreeDecimals(site.net)]) }}
          />
        </section>
      )}
      <PerDataCentre
        heading={t.overviewCharts.puePerDataCentre}
        periods={periods}
        metric="pue"
        title={t.overviewCharts.puePerDataCentrePer}
        summary={t.overviewCharts.powerUsageEffectivenessFacilityEnergy}
        fileName="pue-per-data-centre"
        yAxis={{ type: 'value', name: t.overviewCharts.pue, min: 1 }}
        format={formatThreeDecimals}
      />
      <PerDataCentre
        heading={t.overviewCharts.cleanSharePerDataCentre}
        periods={periods}
        metric="cleanShare"
        title={t.overviewCharts.cleanSharePerDataCentrePer}
        summary={t.overviewCharts.cleanShareSummary}
        fileName="clean-share-per-data-centre"
        yAxis={{ type: 'value', name: '%', min: 0, max: 100 }}
        format={formatPercent}
        scale={100}
      />
    </div>
  );
}
