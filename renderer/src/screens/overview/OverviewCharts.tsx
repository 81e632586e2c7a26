import type { PeriodResult } from '../../../../shared/calc/inventory-types';
import { topSites } from '../../../../shared/overview';
import { Chart, type ChartOption } from '../../components/Chart';
import { formatPercent, formatThreeDecimals } from '../../format';
import { MonthlyProfileChart } from './MonthlyProfileChart';

const NO_SITE = '(no site)';

const TOP_SITES = 8;
const bar = (name: string, data: readonly (number | null)[], stack?: string) => ({ name, type: 'bar', data, ...(stack ? { stack } : {}) });
const yearAxis = (periods: readonly PeriodResult[]) => ({ type: 'category', data: periods.map((period) => period.label) });
const base = (periods: readonly PeriodResult[], series: unknown[], yName: string): ChartOption => ({
  aria: { enabled: true },
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
        table={{ columns: ['Fiscal year', ...dataCentres], rows: periods.map((period) => [period.label, ...dataCentres.map((name) => format(siteMetric(period, name, metric)))]) }}
      />
    </section>
  );
}

/** The engagement's charts: scopes per year, Scope 2 on both bases, the heaviest sites, PUE and clean share per data centre, and the monthly profile. */
export function OverviewCharts({ periods, auditEntries }: { periods: readonly PeriodResult[]; auditEntries: number }) {
  const latest = periods[periods.length - 1];
  const sites = latest ? topSites(latest, TOP_SITES) : [];
  return (
    <div className="chart-grid">
      <MonthlyProfileChart auditEntries={auditEntries} />
      <section className="card" aria-labelledby="scopes-chart">
        <h2 id="scopes-chart">Emissions by scope</h2>
        <Chart
          title="Emissions by scope per fiscal year"
          summary="Scope 1, market-based Scope 2 and Scope 3 per fiscal year, stacked, in tCO2e."
          fileName="emissions-by-scope"
          option={base(periods, [
            bar('Scope 1', periods.map((period) => period.scope1), 'total'),
            bar('Scope 2 (market)', periods.map((period) => period.scope2Market), 'total'),
            bar('Scope 3', periods.map((period) => period.scope3), 'total'),
          ], 'tCO2e')}
          table={{ columns: ['Fiscal year', 'Scope 1', 'Scope 2 (market)', 'Scope 3'], rows: periods.map((period) => [period.label, formatThreeDecimals(period.scope1), formatThreeDecimals(period.scope2Market), formatThreeDecimals(period.scope3)]) }}
        />
      </section>
      <section className="card" aria-labelledby="scope2-chart">
        <h2 id="scope2-chart">Scope 2: location- and market-based</h2>
        <Chart
          title="Scope 2 location-based against market-based"
          summary="Scope 2 per fiscal year on the location basis (grid average) and the market basis (instruments and residual mix), in tCO2e."
          fileName="scope2-location-market"
          option={base(periods, [bar('Location-based', periods.map((period) => period.scope2Location)), bar('Market-based', periods.map((period) => period.scope2Market))], 'tCO2e')}
          table={{ columns: ['Fiscal year', 'Location-based', 'Market-based'], rows: periods.map((period) => [period.label, formatThreeDecimals(period.scope2Location), formatThreeDecimals(period.scope2Market)]) }}
        />
      </section>
      {latest && sites.length > 0 && (
        <section className="card" aria-labelledby="sites-chart">
          <h2 id="sites-chart">Sites that weigh most, {latest.label}</h2>
          <Chart
            title={`Top sites by net emissions, ${latest.label}`}
            summary={`The ${sites.length} sites with the largest net emissions (Scope 1 + market-based Scope 2) in ${latest.label}, in tCO2e.`}
            fileName={`top-sites-${latest.label}`}
            option={{
              aria: { enabled: true },
              tooltip: { trigger: 'axis' },
              grid: { left: 150, right: 24, top: 16, bottom: 44 },
              xAxis: { type: 'value', name: 'tCO2e', nameLocation: 'middle', nameGap: 28 },
              yAxis: { type: 'category', data: sites.map((site) => site.site).reverse() },
              series: [bar('Net', sites.map((site) => site.net).reverse())],
            }}
            table={{ columns: ['Site', 'Net tCO2e'], rows: sites.map((site) => [site.site, formatThreeDecimals(site.net)]) }}
          />
        </section>
      )}
      <PerDataCentre
        heading="PUE per data centre"
        periods={periods}
        metric="pue"
        title="PUE per data centre per fiscal year"
        summary="Power usage effectiveness (facility energy ÷ IT energy) of each data centre per fiscal year; 1.0 is the ideal."
        fileName="pue-per-data-centre"
        yAxis={{ type: 'value', name: 'PUE', min: 1 }}
        format={formatThreeDecimals}
      />
      <PerDataCentre
        heading="Clean-electricity share per data centre"
        periods={periods}
        metric="cleanShare"
        title="Clean-electricity share per data centre per fiscal year"
        summary="The share of each data centre's electricity covered by contractual instruments (PPAs, certificates, green tariffs) per fiscal year, in per cent."
        fileName="clean-share-per-data-centre"
        yAxis={{ type: 'value', name: '%', min: 0, max: 100 }}
        format={formatPercent}
        scale={100}
      />
    </div>
  );
}
