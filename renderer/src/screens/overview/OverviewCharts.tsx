import type { PeriodResult } from '../../../../shared/calc/inventory-types';
import { topSites } from '../../../../shared/overview';
import { Chart, type ChartOption } from '../../components/Chart';
import { formatThreeDecimals } from '../../format';

const TOP_SITES = 8;
const bar = (name: string, data: readonly (number | null)[], stack?: string) => ({ name, type: 'bar', data, ...(stack ? { stack } : {}) });
const yearAxis = (periods: readonly PeriodResult[]) => ({ type: 'category', data: periods.map((period) => period.label) });
const base = (periods: readonly PeriodResult[], series: unknown[], yName: string): ChartOption => ({
  aria: { enabled: true },
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 64, right: 16, top: 36, bottom: 28 },
  xAxis: yearAxis(periods),
  yAxis: { type: 'value', name: yName },
  series,
});

/** The engagement's charts: scopes per year, Scope 2 on both bases, the heaviest sites, and PUE per data centre. */
export function OverviewCharts({ periods }: { periods: readonly PeriodResult[] }) {
  const latest = periods[periods.length - 1];
  const sites = latest ? topSites(latest, TOP_SITES) : [];
  const dataCentres = [...new Set(periods.flatMap((period) => period.sites.filter((site) => site.isDataCentre && site.metrics.pue !== null).map((site) => site.site ?? '(no site)')))].sort();
  const pueOf = (period: PeriodResult, name: string) => period.sites.find((site) => (site.site ?? '(no site)') === name)?.metrics.pue ?? null;
  return (
    <div className="chart-grid">
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
              grid: { left: 120, right: 16, top: 16, bottom: 28 },
              xAxis: { type: 'value', name: 'tCO2e' },
              yAxis: { type: 'category', data: sites.map((site) => site.site).reverse() },
              series: [bar('Net', sites.map((site) => site.net).reverse())],
            }}
            table={{ columns: ['Site', 'Net tCO2e'], rows: sites.map((site) => [site.site, formatThreeDecimals(site.net)]) }}
          />
        </section>
      )}
      {dataCentres.length > 0 && (
        <section className="card" aria-labelledby="pue-chart">
          <h2 id="pue-chart">PUE per data centre</h2>
          <Chart
            title="PUE per data centre per fiscal year"
            summary="Power usage effectiveness (facility energy ÷ IT energy) of each data centre per fiscal year; 1.0 is the ideal."
            fileName="pue-per-data-centre"
            option={{ ...base(periods, dataCentres.map((name) => ({ name, type: 'line', data: periods.map((period) => pueOf(period, name)) })), 'PUE'), yAxis: { type: 'value', name: 'PUE', min: 1 } }}
            table={{ columns: ['Fiscal year', ...dataCentres], rows: periods.map((period) => [period.label, ...dataCentres.map((name) => formatThreeDecimals(pueOf(period, name)))]) }}
          />
        </section>
      )}
    </div>
  );
}
