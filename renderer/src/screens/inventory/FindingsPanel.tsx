import { useEffect, useState } from 'react';
import type { FindingKind, TonnesRange } from '../../../../shared/calc/inventory-types';
import type { FindingGroup, FindingsPage, FindingsSummary } from '../../../../shared/contract';
import { api } from '../../api';
import { errorMessage, formatNumber, formatThreeDecimals, NO_VALUE } from '../../format';

const KIND_LABELS: Readonly<Record<FindingKind, string>> = {
  activity: 'Activity',
  unit: 'Unit',
  period: 'Period',
  quantity: 'Quantity',
  boundary: 'Boundary',
  'no-factor': 'No factor',
  'ambiguous-factor': 'Ambiguous factor',
  'calorific-basis-ambiguous': 'Calorific basis ambiguous',
  'factor-value': 'Factor value',
  'scope3-category': 'Scope 3 category',
  'instrument-exceeds-consumption': 'Instrument exceeds consumption',
  'double-count': 'Double count',
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
  if (!findings) return <p className="muted small">Loading records…</p>;
  const pages = Math.max(1, Math.ceil(findings.total / RECORDS_PER_PAGE));
  return (
    <div className="finding-records">
      <table className="grid compact" aria-label={`Records of finding ${group.causeId}`}>
        <thead>
          <tr>
            <th className="num">Record</th>
            <th>Source</th>
            <th>Particular to the record</th>
            <th className="num">tCO2e at stake</th>
          </tr>
        </thead>
        <tbody>
          {findings.findings.map((finding) => (
            <tr key={finding.id} data-finding={finding.id}>
              <td className="num">{finding.recordId ?? NO_VALUE}</td>
              <td>{finding.source ? `${finding.source.fileName} › ${finding.source.sheet} › row ${finding.source.rowNumber}` : NO_VALUE}</td>
              <td>{finding.detail ?? NO_VALUE}</td>
              <td className="num">{atStake(finding.atStake)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>Previous</button>
        <span className="muted small">Page {page + 1} of {formatNumber(pages)}</span>
        <button type="button" onClick={() => setPage(page + 1)} disabled={page + 1 >= pages}>Next</button>
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
        Findings ({formatNumber(findings.total)}{findings.total > 0 && ` in ${formatNumber(findings.groupsTotal)} ${findings.groupsTotal === 1 ? 'group' : 'groups'}`})
      </h2>
      {findings.total === 0 ? (
        <p className="muted">No findings: every record was placed in a period, a boundary and a scope, with a factor.</p>
      ) : (
        <table className="grid findings" aria-label="Findings">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Cause</th>
              <th className="num">Records</th>
              <th className="num">tCO2e at stake</th>
              <th />
            </tr>
          </thead>
          {findings.groups.map((group) => (
            <tbody key={group.causeId} data-cause={group.causeId}>
              <tr>
                <td><span className="badge finding">{KIND_LABELS[group.kind]}</span></td>
                <td className="wraps">{group.cause}</td>
                <td className="num" data-testid="finding-count">{formatNumber(group.count)}</td>
                <td className="num" title={group.atStake && group.atStakeKnown < group.count ? `known for ${formatNumber(group.atStakeKnown)} of them` : undefined}>{atStake(group.atStake)}</td>
                <td>
                  <button type="button" aria-expanded={open === group.causeId} onClick={() => setOpen(open === group.causeId ? null : group.causeId)}>
                    {open === group.causeId ? 'Hide records' : 'Show records'}
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
        <p className="muted small">The {formatNumber(findings.groups.length)} largest of {formatNumber(findings.groupsTotal)} groups; the command line lists every finding (carbon-audit findings).</p>
      )}
    </section>
  );
}
