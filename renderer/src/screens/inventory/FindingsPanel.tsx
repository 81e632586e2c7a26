import { useEffect, useState } from 'react';
import type { FindingKind, TonnesRange } from '../../../../shared/calc/inventory-types';
import type { FindingGroup, FindingsPage, FindingsSummary } from '../../../../shared/contract';
import { api } from '../../api';
import { errorMessage, formatNumber, formatThreeDecimals, NO_VALUE } from '../../format';
import { t } from '../../../../shared/messages';

const KIND_LABELS: Readonly<Record<FindingKind, string>> = {
  activity: t.findingsPanel.activity,
  unit: t.findingsPanel.unit,
  period: t.findingsPanel.period,
  quantity: t.findingsPanel.quantity,
  boundary: t.findingsPanel.boundary,
  'no-factor': t.findingsPanel.noFactor,
  'ambiguous-factor': t.findingsPanel.ambiguousFactor,
  'calorific-basis-ambiguous': t.findingsPanel.calorificBasisAmbiguous,
  'factor-value': t.findingsPanel.factorValue,
  'scope3-category': t.findingsPanel.scope3Category,
  'instrument-exceeds-consumption': t.findingsPanel.instrumentExceedsConsumption,
  'double-count': t.findingsPanel.doubleCount,
};

const RECORDS_PER_PAGE = 50;

function atStake(range: TonnesRange | null): string {
  if (range === null) return NO_VALUE;
  return range.low === range.high ? formatThreeDecimals(range.low) : `${formatThreeDecimals(range.low)} – ${formatThreeDecimals(range.high)}`;
}

/** Every record of one group, a page at a time, each with its source row. */
function GroupRecords({ group, calculation }: { group: FindingGroup; calculation: string }) {
  const [page, setPage] = useState(0);
  const [findings, setFindings] = useState<FindingsPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.call('inventory.findings', { causeId: group.causeId, page, pageSize: RECORDS_PER_PAGE }).then(
      (result) => current && setFindings(result),
      (caught: unknown) => current && setError(errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, [group.causeId, page, calculation]);
  if (error) return <p role="alert" className="notice danger">{error}</p>;
  if (!findings) return <p className="muted small">{t.findingsPanel.loadingRecords}</p>;
  const pages = Math.max(1, Math.ceil(findings.total / RECORDS_PER_PAGE));
  return (
    <div className="finding-records">
      <table className="grid compact" aria-label={t.findingsPanel.recordsOfFinding(group.causeId)}>
        <thead>
          <tr>
            <th className="num">{t.findingsPanel.record}</th>
            <th>{t.findingsPanel.source}</th>
            <th>{t.findingsPanel.particularToTheRecord}</th>
            <th className="num">{t.findingsPanel.tco2eAtStake}</th>
          </tr>
        </thead>
        <tbody>
          {findings.findings.map((finding) => (
            <tr key={finding.id} data-finding={finding.id}>
              <td className="num">{finding.recordId ?? NO_VALUE}</td>
              <td>{finding.source ? t.findingsPanel.row(finding.source.fileName, finding.source.sheet, finding.source.rowNumber) : NO_VALUE}</td>
              <td>{finding.detail ?? NO_VALUE}</td>
              <td className="num">{atStake(finding.atStake)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>{t.findingsPanel.previous}</button>
        <span className="muted small">{t.findingsPanel.pageOf(page + 1, formatNumber(pages))}</span>
        <button type="button" onClick={() => setPage(page + 1)} disabled={page + 1 >= pages}>{t.findingsPanel.next}</button>
      </div>
    </div>
  );
}

/**
 * What the calculation could not settle on its own, grouped: one row per kind and cause (the same
 * ambiguous factors, the same unknown unit), however many records share it, with what is at
 * stake; each group's records page by page.
 */
export function FindingsPanel({ findings, calculation }: { findings: FindingsSummary; calculation: string }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="card" aria-labelledby="findings-heading">
      <h2 id="findings-heading">
        {t.findingsPanel.findings(formatNumber(findings.total))}{findings.total > 0 && t.findingsPanel.in(formatNumber(findings.groupsTotal), findings.groupsTotal === 1 ? 'group' : 'groups')})
      </h2>
      {findings.total === 0 ? (
        <p className="muted">{t.findingsPanel.noFindingsEveryRecordWas}</p>
      ) : (
        <table className="grid findings" aria-label={t.findingsPanel.findings2}>
          <thead>
            <tr>
              <th>{t.findingsPanel.kind}</th>
              <th>{t.findingsPanel.cause}</th>
              <th className="num">{t.findingsPanel.records}</th>
              <th className="num">{t.findingsPanel.tco2eAtStake}</th>
              <th>{t.findingsPanel.detail}</th>
            </tr>
          </thead>
          {findings.groups.map((group) => (
            <tbody key={group.causeId} data-cause={group.causeId}>
              <tr>
                <td><span className="badge finding">{KIND_LABELS[group.kind]}</span></td>
                <td className="wraps">{group.cause}</td>
                <td className="num" data-testid="finding-count">{formatNumber(group.count)}</td>
                <td className="num" title={group.atStake && group.atStakeKnown < group.count ? t.findingsPanel.knownForOfThem(formatNumber(group.atStakeKnown)) : undefined}>{atStake(group.atStake)}</td>
                <td>
                  <button type="button" aria-expanded={open === group.causeId} onClick={() => setOpen(open === group.causeId ? null : group.causeId)}>
                    {open === group.causeId ? t.findingsPanel.hideRecords : t.findingsPanel.showRecords}
                  </button>
                </td>
              </tr>
              {open === group.causeId && (
                <tr className="finding-detail">
                  <td colSpan={5}><GroupRecords group={group} calculation={calculation} /></td>
                </tr>
              )}
            </tbody>
          ))}
        </table>
      )}
      {findings.groupsTotal > findings.groups.length && (
        <p className="muted small">{t.findingsPanel.theLargestOfGroupsThe(formatNumber(findings.groups.length), formatNumber(findings.groupsTotal))}</p>
      )}
    </section>
  );
}
