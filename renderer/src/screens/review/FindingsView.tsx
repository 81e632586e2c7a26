import { useEffect, useState } from 'react';
import type { EngagementSummary } from '../../../../shared/contract';
import { FINDING_SEVERITIES, FINDING_SORTS, FINDING_SOURCES, FINDING_STATUSES, type FindingQueryInput, type FindingSort } from '../../../../shared/review/findings';
import type { CheckSummary, FindingPage } from '../../../../shared/review/views';
import { api } from '../../api';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { tableHeadings } from '../../components/tableHeadings';
import { errorMessage, formatNumber, formatThreeDecimals } from '../../format';
import { useAction } from '../../useAction';
import { FindingDetailPanel } from './FindingDetailPanel';
import { CHECK_TRIGGER_LABELS, FINDING_STATUS_LABELS, SEVERITY_LABELS, SOURCE_LABELS } from './labels';
import { t } from '../../../../shared/messages';

const PAGE_SIZE = 100;

/** The findings table's sort (the CSV export's) for each sort of the list. */
const CSV_SORTS = { severity: 'severity', tco2e: 'atStake', rule: 'rule', site: 'site', period: 'period', status: 'status', id: 'id' } as const satisfies Record<FindingSort, string>;

const SORT_LABELS: Readonly<Record<FindingSort, string>> = {
  severity: t.findingsView.severity, tco2e: t.findingsView.tco2eAtStake, rule: t.findingsView.rule, site: t.findingsView.site, period: t.findingsView.period, status: t.findingsView.status, id: t.findingsView.number,
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
        <option value="">{t.findingsView.all}</option>
        {choices.map((choice) => <option key={choice} value={choice}>{labels?.[choice] ?? choice}</option>)}
      </select>
    </label>
  );
}

function CheckResult({ check }: { check: CheckSummary }) {
  return (
    <div className="check-result" data-testid="check-summary">
      <p>
        {t.findingsView.checkOver(check.runId, CHECK_TRIGGER_LABELS[check.trigger], check.periods.join(', ') || t.findingsView.noFiscalYear)}{' '}
        <strong>{check.current}</strong> {t.findingsView.currentFindingsNewReopenedNo(check.added, check.reopened, check.resolved)}
        {!check.calculated && t.findingsView.withoutTco2eAtStakeNo}
      </p>
      {check.totalsRows.length > 0 && (
        <table className="grid totals-ties" aria-label={t.findingsView.totalsRowsTiedToThe}>
          <thead><tr><th>{t.findingsView.totalsRow}</th><th>{t.findingsView.column}</th><th className="num">{t.findingsView.stated}</th><th className="num">{t.findingsView.imported}</th><th className="num">{t.findingsView.difference}</th><th>{t.findingsView.tie}</th></tr></thead>
          <tbody>
            {check.totalsRows.map((total) => (
              <tr key={`${total.fileName}:${total.sheet}:${total.rowNumber}:${total.column}`}>
                <td>{t.findingsView.row(total.fileName, total.sheet, total.rowNumber)}</td>
                <td>{total.header}</td>
                <td className="num">{formatNumber(total.stated)}</td>
                <td className="num">{formatNumber(total.imported)}</td>
                <td className="num">{formatNumber(total.difference)}</td>
                <td>{total.agrees ? <span className="check-ok">{t.findingsView.agrees}</span> : <span className="check-warning">{t.findingsView.differs}</span>}</td>
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
      <h1>{t.findingsView.findings}</h1>
      <section className="card" aria-labelledby="check-heading">
        <div className="panel-head">
          <h2 id="check-heading">{t.findingsView.dataQualityCheck}</h2>
          <button type="button" className="primary" onClick={() => void run.run()} disabled={run.busy}>{run.busy ? t.findingsView.checking : t.findingsView.runTheCheck}</button>
        </div>
        {run.error && <p role="alert" className="notice danger">{run.error}</p>}
        {check ? <CheckResult check={check} /> : <p className="muted">{t.findingsView.noCheckHasRunYet}</p>}
      </section>

      <div className="toolbar filters" role="group" aria-label={t.findingsView.filters}>
        <FilterSelect label={t.findingsView.status} value={query.status} choices={FINDING_STATUSES} labels={FINDING_STATUS_LABELS} onChange={(status) => filter({ status })} />
        <FilterSelect label={t.findingsView.rule} value={query.rule} choices={page?.facets.rules ?? []} onChange={(rule) => filter({ rule })} />
        <FilterSelect label={t.findingsView.severity} value={query.severity} choices={FINDING_SEVERITIES} labels={SEVERITY_LABELS} onChange={(severity) => filter({ severity })} />
        <FilterSelect label={t.findingsView.site} value={query.site} choices={page?.facets.sites ?? []} onChange={(site) => filter({ site })} />
        <FilterSelect label={t.findingsView.source} value={query.source} choices={FINDING_SOURCES} labels={SOURCE_LABELS} onChange={(source) => filter({ source })} />
        <label className="inline">
          {t.findingsView.sortBy}
          <select aria-label={t.findingsView.sortBy} value={query.sort} onChange={(event) => filter({ sort: event.target.value as FindingQueryInput['sort'] })}>
            {FINDING_SORTS.map((sort) => <option key={sort} value={sort}>{SORT_LABELS[sort]}</option>)}
          </select>
        </label>
        <label className="checkbox"><input type="checkbox" checked={query.descending ?? false} onChange={(event) => filter({ descending: event.target.checked })} />{t.findingsView.descending}</label>
        <label className="checkbox"><input type="checkbox" checked={query.includeResolved ?? false} onChange={(event) => filter({ includeResolved: event.target.checked })} />{t.findingsView.includeNoLongerFound}</label>
        <ExportCsvButton what={t.findingsView.theFindings} headers={tableHeadings('findings')} query={{ table: 'findings', status: query.status, severity: query.severity, rule: query.rule, site: query.site, source: query.source, includeResolved: query.includeResolved, sort: CSV_SORTS[query.sort ?? 'severity'], descending: query.descending }} />
      </div>
      {error && <p role="alert" className="notice danger">{error}</p>}
      {page && (
        <div className="findings-layout">
          <section aria-label={t.findingsView.findingsList}>
            <p className="muted small" data-testid="findings-count">
              {t.findingsView.matchAllCurrent2(page.total, page.total === 1 ? t.findingsView.finding : t.findingsView.findings2, page.total > page.findings.length ? t.findingsView.shown(offset + 1, offset + page.findings.length) : '', counts)}
            </p>
            {page.findings.length === 0 ? (
              <p className="card muted">{t.findingsView.noFindingsMatchTheseFilters}</p>
            ) : (
              <table className="grid review-findings" aria-label={t.findingsView.findings}>
                <thead>
                  <tr><th className="num">{t.findingsView.no}</th><th>{t.findingsView.severity}</th><th>{t.findingsView.status}</th><th>{t.findingsView.rule}</th><th>{t.findingsView.site}</th><th>{t.findingsView.period}</th><th className="num">{t.findingsView.tco2eAtStake}</th><th>{t.findingsView.message}</th></tr>
                </thead>
                <tbody>
                  {page.findings.map((finding) => (
                    <tr key={finding.id} data-finding={finding.id} data-rule={finding.rule} className={selected === finding.id ? 'selected' : undefined}>
                      <td className="num"><button type="button" className="figure-link" aria-label={t.findingsView.openFinding(finding.id)} onClick={() => setSelected(finding.id)}>{finding.id}</button></td>
                      <td><span className={`badge severity ${finding.severity}`}>{SEVERITY_LABELS[finding.severity]}</span></td>
                      <td><span className={`badge status ${finding.status}`}>{FINDING_STATUS_LABELS[finding.status]}</span>{finding.comments > 0 && <span className="muted small"> · {finding.comments} {finding.comments === 1 ? t.findingsView.comment : t.findingsView.comments}</span>}</td>
                      <td className="nowrap">{finding.rule}</td>
                      <td>{finding.site ?? '—'}</td>
                      <td className="nowrap">{finding.period ?? '—'}</td>
                      <td className="num">{finding.atStakeEstimated ? '~' : ''}{formatThreeDecimals(finding.tco2eAtStake)}</td>
                      <td>{finding.message}{finding.resolved && <span className="muted"> {t.findingsView.noLongerFound}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {page.total > PAGE_SIZE && (
              <div className="inline-form">
                <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t.findingsView.previous}</button>
                <button type="button" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t.findingsView.next}</button>
              </div>
            )}
          </section>
          {selected !== null && <FindingDetailPanel id={selected} auditEntries={engagement.auditEntries} onClose={() => setSelected(null)} />}
        </div>
      )}
    </div>
  );
}
