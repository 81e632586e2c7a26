import { useState } from 'react';
import { SIGN_OFF_ROLES, type SignOffRole } from '../../../../shared/review/sign-off';
import { SIGN_OFF_AREA_LABELS } from './labels';
import type { AreaSignOffView, SignOffView } from '../../../../shared/review/views';
import { api } from '../../api';
import { formatTimestamp } from '../../format';
import { useAction } from '../../useAction';
import { SIGN_OFF_STATE_LABELS } from './SignOffState';
import { useReviewStatus } from './useReviewStatus';
import { t } from '../../../../shared/messages';

function SignedBy({ signOff }: { signOff: SignOffView | null }) {
  if (!signOff) return <span className="muted">—</span>;
  return (
    <>
      <strong>{signOff.actor}</strong> <span className="muted small">{t.signOffPanel.logEntry(formatTimestamp(signOff.at), signOff.auditEntries)}</span>
      {signOff.comment && <div className="small">{signOff.comment}</div>}
      {signOff.changesSince.length > 0 && (
        <div className="small changes-since">
          {t.signOffPanel.modifiedSince(signOff.changesSince.map((change) => `#${change.seq} ${change.operation} by ${change.actor}`).join(', '))}
        </div>
      )}
    </>
  );
}

function AreaRow({ area, finalised }: { area: AreaSignOffView; finalised: boolean }) {
  const sign = useAction(async (role: SignOffRole) => api.call('signoff.sign', { area: area.area, role }));
  return (
    <tr data-area={area.area}>
      <th scope="row">{SIGN_OFF_AREA_LABELS[area.area]}</th>
      <td><span className={`badge sign-off ${area.state}`}>{SIGN_OFF_STATE_LABELS[area.state]}</span></td>
      <td><SignedBy signOff={area.preparer} /></td>
      <td><SignedBy signOff={area.reviewer} /></td>
      <td className="row-actions">
        {SIGN_OFF_ROLES.map((role) => (
          <button key={role} type="button" disabled={sign.busy || finalised} onClick={() => void sign.run(role)}>
            {t.signOffPanel.signAs(role)}
          </button>
        ))}
        {sign.error && <p role="alert" className="error small">{sign.error}</p>}
      </td>
    </tr>
  );
}

/** Finalising makes the engagement read-only; unlocking it needs a reason. Both logged. */
function LockControls({ finalised }: { finalised: boolean }) {
  const [reason, setReason] = useState('');
  const finalise = useAction(async () => api.call('engagement.finalise', {}));
  const unlock = useAction(async () => {
    await api.call('engagement.unlock', { reason });
    setReason('');
  });
  if (!finalised) {
    return (
      <div className="inline-form">
        <button type="button" onClick={() => void finalise.run()} disabled={finalise.busy}>{t.signOffPanel.finaliseEngagement}</button>
        <span className="muted small">{t.signOffPanel.everyChangeIsThenRefused}</span>
        {finalise.error && <p role="alert" className="error">{finalise.error}</p>}
      </div>
    );
  }
  return (
    <form className="inline-form" onSubmit={(event) => { event.preventDefault(); void unlock.run(); }}>
      <label className="inline">{t.signOffPanel.reasonToUnlock}<input value={reason} onChange={(event) => setReason(event.target.value)} /></label>
      <button type="submit" disabled={unlock.busy || reason.trim() === ''}>{t.signOffPanel.unlock}</button>
      {unlock.error && <p role="alert" className="error">{unlock.error}</p>}
    </form>
  );
}

/** Preparer and reviewer sign-off per area, what changed since each, and the engagement's lock. */
export function SignOffPanel({ auditEntries }: { auditEntries: number }) {
  const { status, error } = useReviewStatus(auditEntries);
  if (error) return <p role="alert" className="notice danger">{error}</p>;
  if (!status) return null;
  const { lock } = status;
  return (
    <section className="card sign-off-panel" aria-labelledby="sign-off-heading">
      <div className="panel-head">
        <h2 id="sign-off-heading">{t.signOffPanel.signOff}</h2>
        <span className="muted">{t.signOffPanel.open(status.openFindings, status.openFindings === 1 ? t.signOffPanel.finding : t.signOffPanel.findings)}</span>
      </div>
      <p className={lock.finalised ? 'notice warning' : 'muted'} data-testid="lock-state">
        {lock.finalised
          ? t.signOffPanel.finalisedBy(lock.actor ?? '', formatTimestamp(lock.at ?? ''), lock.auditEntries ?? '')
          : t.signOffPanel.notFinalised}
        {lock.lastUnlock && t.signOffPanel.lastUnlockedByOn(lock.lastUnlock.actor, formatTimestamp(lock.lastUnlock.at), lock.lastUnlock.reason)}
      </p>
      <table className="grid sign-offs" aria-label={t.signOffPanel.signOffByArea}>
        <thead>
          <tr><th>{t.signOffPanel.area}</th><th>{t.signOffPanel.state}</th><th>{t.signOffPanel.preparer}</th><th>{t.signOffPanel.reviewer}</th><th>{t.signOffPanel.actions}</th></tr>
        </thead>
        <tbody>
          {status.areas.map((area) => <AreaRow key={area.area} area={area} finalised={lock.finalised} />)}
        </tbody>
      </table>
      <LockControls finalised={lock.finalised} />
    </section>
  );
}
