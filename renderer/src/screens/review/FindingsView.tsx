import { useEffect, useState } from 'react';
import type { EngagementSummary } from '../../../../shared/contract';
import { FINDING_SEVERITIES, FINDING_SORTS, FINDING_SOURCES, FINDING_STATUS_LABELS, FINDING_STATUSES, type FindingQueryInput, type FindingSort } from '../../../../shared/review/findings';
import type { CheckSummary, FindingPage } from '../../../../shared/review/views';
import { api } from '../../api';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { errorMessage, formatNumber, formatThreeDecimals } from '../../format';
import { useAction } from '../../useAction';
import { FindingDetailPanel } from './FindingDetailPanel';
import { SEVERITY_LABELS, SOURCE_LABELS } from './labels';

const PAGE_SIZE = 100;

/** The findings table's sort (the CSV export's) for each sort of the list. */
const CSV_SORTS = { severity: 'severity', tco2e: 'atStake', rule: 'rule', site: 'site', period: 'period', status: 'status', id: 'id' } as const satisfies Record<FindingSort, string>;

const SORT_LABELS: Readonly<Record<FindingSort, string>> = {
  severity: 'Severity', tco2e: 'tCO2e at stake', rule: 'Rule', site: 'Site', period: 'Period', status: 'Status', id: 'Number',
};

/** A select over a filter's choices, with 'All' for no filter. */
function FilterSelect<T extends string>({ label, value, choices, labels, onChange }: {
  label: string;
  value: T | undefined;
  choices: readonly T[];
  labels?: Readonly<Record<T, string>>;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <label className="inline">
      {label}
      <select aria-label={label} value={value ?? ''} onChange={(event) => onChange(event.target.value === '' ? undefined : (event.target.value as T))}>
        <option value="">All</option>
        {choices.map((choice) => <option key={choice} value={choice}>{labels?.[choice] ?? choice}</option>)}
      </select>
    </label>
  );
}

function CheckResult({ check }: { check: CheckSummary }) {
  return (
    <div className="check-result" data-testid="check-summary">
      <p>
        Check #{check.runId} ({check.trigger === 'import' ? 'after an import' : 'on demand'}) over {check.periods.join(', ') || 'no fiscal year'}:{' '}
        <strong>{check.current}</strong> current findings, {check.added} new, {check.reopened} reopened, {check.resolved} no longer found.
        {!check.calculated && ' Without tCO2e at stake: no emission factors are loaded.'}
      </p>
      {check.totalsRows.length > 0 && (
        <table className="grid totals-ties" aria-label="Totals rows tied to the imported sums">
          <thead><tr><th>Totals row</th><th>Column</th><th className="num">Stated</th><th className="num">Imported</th><th className="num">Difference</th><th /></tr></thead>
          <tbody>
            {check.totalsRows.map((total) => (
              <tr key={`${total.fileName}:${total.sheet}:${total.rowNumber}:${total.column}`}>
                <td>{total.fileName} › {total.sheet} › row {total.rowNumber}</td>
                <td>{total.header}</td>
                <td className="num">{formatNumber(total.stated)}</td>
                <td className="num">{formatNumber(total.imported)}</td>
                <td className="num">{formatNumber(total.difference)}</td>
                <td>{total.agrees ? <span className="check-ok">Agrees</span> : <span className="check-warning">Differs</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * The findings from every source in one list an auditor works through: filtered by rule, status,
 * severity, site and source, sorted; each opens to its records and source rows, its history, and
 * its status and comments in place.
 */
export function FindingsView({ engagement }: { engagement: EngagementSummary }) {
  const [query, setQuery] = useState<FindingQueryInput>({ status: 'open', sort: 'severity' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<FindingPage | null>(null);
  const [check, setCheck] = useState<CheckSummary | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useAction(async () => setCheck(await api.call('review.check', {})));

  useEffect(() => {
    let current = true;
    api.call('findings.list', { ...query, offset, limit: PAGE_SIZE }).then(
      (next) => current && (setPage(next), setError(null)),
      (caught: unknown) => current && setError(errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, [query, offset, engagement.auditEntries]);
  useEffect(() => {
    void api.call('review.latestCheck', {}).then(setCheck);
  }, [engagement.auditEntries]);

  const filter = (change: Partial<FindingQueryInput>) => {
    setQuery((previous) => ({ ...previous, ...change }));
    setOffset(0);
  };
  const counts = page ? FINDING_STATUSES.map((status) => `${page.byStatus[status] ?? 0} ${FINDING_STATUS_LABELS[status].toLowerCase()}`).join(' · ') : '';

  return (
    <div className="review">
      <h1>Findings</h1>
      <section className="card" aria-labelledby="check-heading">
        <div className="panel-head">
          <h2 id="check-heading">Data-quality check</h2>
          <button type="button" className="primary" onClick={() => void run.run()} disabled={run.busy}>{run.busy ? 'Checking…' : 'Run the check'}</button>
        </div>
        {run.error && <p role="alert" className="notice danger">{run.error}</p>}
        {check ? <CheckResult check={check} /> : <p className="muted">No check has run yet: it runs after each import, or now.</p>}
      </section>

      <div className="toolbar filters" role="group" aria-label="Filters">
        <FilterSelect label="Status" value={query.status} choices={FINDING_STATUSES} labels={FINDING_STATUS_LABELS} onChange={(status) => filter({ status })} />
        <FilterSelect label="Rule" value={query.rule} choices={page?.facets.rules ?? []} onChange={(rule) => filter({ rule })} />
        <FilterSelect label="Severity" value={query.severity} choices={FINDING_SEVERITIES} labels={SEVERITY_LABELS} onChange={(severity) => filter({ severity })} />
        <FilterSelect label="Site" value={query.site} choices={page?.facets.sites ?? []} onChange={(site) => filter({ site })} />
        <FilterSelect label="Source" value={query.source} choices={FINDING_SOURCES} labels={SOURCE_LABELS} onChange={(source) => filter({ source })} />
        <label className="inline">
          Sort by
          <select aria-label="Sort by" value={query.sort} onChange={(event) => filter({ sort: event.target.value as FindingQueryInput['sort'] })}>
            {FINDING_SORTS.map((sort) => <option key={sort} value={sort}>{SORT_LABELS[sort]}</option>)}
          </select>
        </label>
        <label className="checkbox"><input type="checkbox" checked={query.descending ?? false} onChange={(event) => filter({ descending: event.target.checked })} />Descending</label>
        <label className="checkbox"><input type="checkbox" checked={query.includeResolved ?? false} onChange={(event) => filter({ includeResolved: event.target.checked })} />Include no longer found</label>
        <ExportCsvButton what="the findings" query={{ table: 'findings', status: query.status, severity: query.severity, rule: query.rule, site: query.site, source: query.source, includeResolved: query.includeResolved, sort: CSV_SORTS[query.sort ?? 'severity'], descending: query.descending }} />
      </div>
      {error && <p role="alert" className="notice danger">{error}</p>}
      {page && (
        <div className="findings-layout">
          <section aria-label="Findings list">
            <p className="muted small" data-testid="findings-count">
              {page.total} {page.total === 1 ? 'finding' : 'findings'} match{page.total > page.findings.length ? ` (${offset + 1}–${offset + page.findings.length} shown)` : ''}. All current: {counts}.
            </p>
            {page.findings.length === 0 ? (
              <p className="card muted">No findings match these filters.</p>
            ) : (
              <table className="grid review-findings" aria-label="Findings">
                <thead>
                  <tr><th className="num">No.</th><th>Severity</th><th>Status</th><th>Rule</th><th>Site</th><th>Period</th><th className="num">tCO2e at stake</th><th>Message</th></tr>
                </thead>
                <tbody>
                  {page.findings.map((finding) => (
                    <tr key={finding.id} data-finding={finding.id} data-rule={finding.rule} className={selected === finding.id ? 'selected' : undefined}>
                      <td className="num"><button type="button" className="figure-link" aria-label={`Open finding ${finding.id}`} onClick={() => setSelected(finding.id)}>{finding.id}</button></td>
                      <td><span className={`badge severity ${finding.severity}`}>{SEVERITY_LABELS[finding.severity]}</span></td>
                      <td><span className={`badge status ${finding.status}`}>{FINDING_STATUS_LABELS[finding.status]}</span>{finding.comments > 0 && <span className="muted small"> · {finding.comments} {finding.comments === 1 ? "comment" : "comments"}</span>}</td>
                      <td>{finding.rule}</td>
                      <td>{finding.site ?? '—'}</td>
                      <td className="nowrap">{finding.period ?? '—'}</td>
                      <td className="num">{finding.atStakeEstimated ? '~' : ''}{formatThreeDecimals(finding.tco2eAtStake)}</td>
                      <td>{finding.message}{finding.resolved && <span className="muted"> (no longer found)</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {page.total > PAGE_SIZE && (
              <div className="inline-form">
                <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Previous</button>
                <button type="button" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>Next</button>
              </div>
            )}
          </section>
          {selected !== null && <FindingDetailPanel id={selected} auditEntries={engagement.auditEntries} onClose={() => setSelected(null)} />}
        </div>
      )}
    </div>
  );
}
