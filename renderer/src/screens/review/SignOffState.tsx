import type { SignOffArea } from '../../../../shared/review/sign-off';
import { SIGN_OFF_AREA_LABELS } from './labels';
import type { AreaSignOffView } from '../../../../shared/review/views';
import { formatTimestamp } from '../../format';
import { useReviewStatus } from './useReviewStatus';
import { t } from '../../../../shared/messages';

export const SIGN_OFF_STATE_LABELS: Readonly<Record<AreaSignOffView['state'], string>> = {
  'not-signed': t.signOffState.notSignedOff,
  prepared: t.signOffState.prepared,
  reviewed: t.signOffState.reviewed,
  modified: t.signOffState.modifiedSinceSignOff,
};

/** Who signed the area off and when, in a line: 'Prepared by ana 2026-11-30 10:15:00; reviewed by …'. */
export function signOffSummary(area: AreaSignOffView): string {
  const parts = [area.preparer, area.reviewer].flatMap((signOff) => (signOff ? [`${signOff.role === 'preparer' ? 'prepared' : 'reviewed'} by ${signOff.actor} ${formatTimestamp(signOff.at)}`] : []));
  return parts.length === 0 ? t.signOffState.noOneHasSignedIt : parts.join('; ');
}

/** An area's sign-off state, shown at the top of the area's own screen. */
export function SignOffState({ area, auditEntries }: { area: SignOffArea; auditEntries: number }) {
  const { status } = useReviewStatus(auditEntries);
  const view = status?.areas.find((candidate) => candidate.area === area);
  if (!view) return null;
  return (
    <p className={`sign-off-state ${view.state}`} data-testid={`sign-off-${area}`}>
      <span className={`badge sign-off ${view.state}`}>{SIGN_OFF_STATE_LABELS[view.state]}</span>
      {SIGN_OFF_AREA_LABELS[area]}: {signOffSummary(view)}
      {status?.lock.finalised && <span className="badge sign-off finalised">{t.signOffState.finalisedReadOnly}</span>}
    </p>
  );
}
