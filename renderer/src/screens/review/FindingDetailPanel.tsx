import { Fragment, useEffect, useState } from 'react';
import { describeAdjustment, type Adjustment } from '../../../../shared/reconcile/adjustments';
import { FINDING_STATUSES, type FindingStatus } from '../../../../shared/review/findings';
import type { FindingDetail, FindingEventView } from '../../../../shared/review/views';
import { api } from '../../api';
import { errorMessage, formatDateSpan, formatNumber, formatThreeDecimals, formatTimestamp } from '../../format';
import { useAction } from '../../useAction';
import { usePanel } from '../../usePanel';
import { SourceRowContextView } from '../../components/SourceRowContext';
import { factHeading, figureText, FINDING_STATUS_LABELS, SEVERITY_LABELS, SOURCE_LABELS } from './labels';
import { t } from '../../../../shared/messages';
import { activityName } from '../../labels';

function eventText(event: FindingEventView): string {
  const change = event.statusTo ? ` ${event.statusFrom ? `${FINDING_STATUS_LABELS[event.statusFrom]} → ` : ''}${FINDING_STATUS_LABELS[event.statusTo]}` : '';
  const adjustment = event.adjustmentId === null ? '' : ` (adjustment ${event.adjustmentId})`;
  return `${event.kind}${change}${adjustment}${event.text ? `: ${event.text}` : ''}`;
}

/** The adjustments in force (proposed on Reconciliation, not withdrawn), for the one the finding led to. */
function AdjustmentChoice({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [adjustments, setAdjustments] = useState<readonly Adjustment[] | null>(null);
  useEffect(() => {
    void api.call('adjustments.list', {}).then((all) => setAdjustments(all.filter((candidate) => candidate.withdrawn === null)));
  }, []);
  if (adjustments?.length === 0) return <span className="muted small">{t.findingDetailPanel.noAdjustmentInForcePropose}</span>;
  return (
    <label className="inline">
      {t.findingDetailPanel.adjustment}
      <select aria-label={t.findingDetailPanel.adjustment} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t.findingDetailPanel.choose}</option>
        {adjustments?.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>{candidate.id}: {describeAdjustment(candidate)} ({candidate.reason})</option>
        ))}
      </select>
    </label>
  );
}

/** Status and comment in place: a new status needs the comment saying why; 'adjusted' names its adjustment. */
function WorkFinding({ finding, onSaved }: { finding: FindingDetail; onSaved: (next: FindingDetail) => void }) {
  const [status, setStatus] = useState<FindingStatus>(finding.status);
  const [comment, setComment] = useState('');
  const [adjustment, setAdjustment] = useState(finding.adjustmentId === null ? '' : String(finding.adjustmentId));
  const save = useAction(async () => {
    const next = await api.call('findings.update', {
      id: finding.id,
      status: status === finding.status && status !== 'adjusted' ? undefined : status,
      comment: comment.trim() === '' ? undefined : comment,
      adjustmentId: status === 'adjusted' && adjustment !== '' ? Number(adjustment) : undefined,
    });
    onSaved(next);
  });
  return (
    <form className="work-finding" onSubmit={(event) => { event.preventDefault(); void save.run(); }}>
      <div className="inline-form">
        <label className="inline">
          {t.findingDetailPanel.status}
          <select aria-label={t.findingDetailPanel.status} value={status} onChange={(event) => setStatus(event.target.value as FindingStatus)}>
            {FINDING_STATUSES.map((value) => <option key={value} value={value}>{FINDING_STATUS_LABELS[value]}</option>)}
          </select>
        </label>
        {status === 'adjusted' && <AdjustmentChoice value={adjustment} onChange={setAdjustment} />}
      </div>
      <label>
        {t.findingDetailPanel.comment} {status !== finding.status && <span className="muted">{t.findingDetailPanel.whyTheStatusChangesRequired}</span>}
        <textarea rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
      </label>
      <div className="inline-form">
        <button type="submit" className="primary" disabled={save.busy || (status === finding.status && status !== 'adjusted' && comment.trim() === '')}>
          {status === finding.status ? t.findingDetailPanel.addComment : t.findingDetailPanel.mark(FINDING_STATUS_LABELS[status].toLowerCase())}
        </button>
        {save.error && <p role="alert" className="error">{save.error}</p>}
      </div>
    </form>
  );
}

/** One finding: what it says, its figures, the records and source rows it is about, its history, and its status. */
/** Columns of the finding's records table (a record's source row opens across all of them). */
const RECORD_COLUMNS = 7;

export function FindingDetailPanel({ id, auditEntries, onClose }: { id: number; auditEntries: number; onClose: () => void }) {
  const [finding, setFinding] = useState<FindingDetail | null>(null);
  const [openRecord, setOpenRecord] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = finding?.id === id ? id : null;
  const { headingProps, panelProps } = usePanel(onClose, shown);
  useEffect(() => {
    // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
    void panelProps.ref.current?.scrollIntoView({ block: 'nearest' });
  }, [shown, panelProps.ref]);
  useEffect(() => {
    let current = true;
    api.call('findings.get', { id }).then(
      (next) => current && setFinding(next),
      (caught: unknown) => current && setError(errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, [id, auditEntries]);
  if (error) return <p role="alert" className="notice danger">{error}</p>;
  if (!finding || finding.id !== id) return <p className="muted">{t.findingDetailPanel.loadingFinding(id)}</p>;
  const figures = Object.entries(finding.figures);
  return (
    <section className="card finding-detail" aria-labelledby="finding-heading" data-testid="finding-detail" {...panelProps}>
      <div className="panel-head">
        <h2 id="finding-heading" {...headingProps}>{t.findingDetailPanel.finding(finding.id)}</h2>
        <span className={`badge severity ${finding.severity}`}>{SEVERITY_LABELS[finding.severity]}</span>
        <span className={`badge status ${finding.status}`} data-testid="finding-status">{FINDING_STATUS_LABELS[finding.status]}</span>
        {finding.adjustmentId !== null && <span className="muted">{t.findingDetailPanel.byAdjustment(finding.adjustmentId)}</span>}
        <button type="button" className="close-detail" onClick={onClose}>{t.findingDetailPanel.close}</button>
      </div>
      <p>{finding.message}</p>
      <dl className="facts">
        <div><dt>{t.findingDetailPanel.source}</dt><dd>{SOURCE_LABELS[finding.source]}: {finding.rule}</dd></div>
        <div><dt>{t.findingDetailPanel.tco2eAtStake}</dt><dd>{finding.atStakeEstimated ? '~' : ''}{formatThreeDecimals(finding.tco2eAtStake)}</dd></div>
        {figures.map(([name, value]) => <div key={name}><dt>{factHeading(name)}</dt><dd>{figureText(value, formatNumber)}</dd></div>)}
        <div><dt>{t.findingDetailPanel.found}</dt><dd>{formatTimestamp(finding.foundAt)}</dd></div>
      </dl>
      {finding.resolved && <p className="notice">{t.findingDetailPanel.theLatestCheckNoLonger}</p>}
      <WorkFinding key={`${finding.id}:${finding.status}:${finding.events.length}`} finding={finding} onSaved={setFinding} />
      {finding.records.length > 0 && (
        <>
          <h3>{t.findingDetailPanel.records(finding.recordCount, finding.recordCount > finding.records.length ? t.findingDetailPanel.firstShown(finding.records.length) : '')}</h3>
          <table className="grid finding-records" aria-label={t.findingDetailPanel.recordsOfTheFinding}>
            <thead><tr><th className="num">{t.findingDetailPanel.record}</th><th>{t.findingDetailPanel.site}</th><th>{t.findingDetailPanel.period}</th><th>{t.findingDetailPanel.activity}</th><th className="num">{t.findingDetailPanel.quantity}</th><th>{t.findingDetailPanel.unit}</th><th>{t.findingDetailPanel.sourceRow}</th></tr></thead>
            <tbody>
              {finding.records.map((record) => (
                <Fragment key={record.id}>
                  <tr data-record={record.id}>
                    <td className="num">{record.id}</td>
                    <td>{record.site ?? '—'}</td>
                    <td className="nowrap">{formatDateSpan(record.periodStart, record.periodEnd)}</td>
                    <td>{activityName(record.activity)}</td>
                    <td className="num">{formatNumber(record.quantity)}</td>
                    <td>{record.unit}</td>
                    <td className="source-row-cell">
                      <button type="button" className="source-link" aria-expanded={openRecord === record.id} onClick={() => setOpenRecord(openRecord === record.id ? null : record.id)}>
                        {t.findingDetailPanel.row(record.source.fileName, record.source.sheet, record.source.rowNumber)}
                      </button>
                    </td>
                  </tr>
                  {openRecord === record.id && (
                    <tr className="source-detail">
                      <td colSpan={RECORD_COLUMNS}><SourceRowContextView row={{ recordId: record.id }} /></td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </>
      )}
      {finding.rows.length > 0 && (
        <>
          <h3>{t.findingDetailPanel.sourceRows}</h3>
          {finding.rows.map((row) => (
            <div key={row.rawRowId} className="source-row" data-testid="finding-source-row">
              <SourceRowContextView row={{ rawRowId: row.rawRowId }} />
            </div>
          ))}
        </>
      )}
      <h3>{t.findingDetailPanel.history}</h3>
      <ol className="finding-history" aria-label={t.findingDetailPanel.historyOfTheFinding}>
        {finding.events.map((event, index) => (
          <li key={index}><span className="muted small">{formatTimestamp(event.at)} · {event.actor}</span> {eventText(event)}</li>
        ))}
      </ol>
    </section>
  );
}
