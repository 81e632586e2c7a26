import { t } from '../../../../shared/messages';
interface Props {
  onBack?: () => void;
  onNext: () => void;
  nextLabel?: string;
  /** Why Next is not possible yet; shown beside the disabled button. */
  blockedBy?: string;
}

/** Back and Next at the foot of a wizard step. */
export function StepActions({ onBack, onNext, nextLabel = 'Next', blockedBy }: Props) {
  return (
    <div className="step-actions">
      {onBack && <button type="button" onClick={onBack}>{t.stepActions.back}</button>}
      <span className="spacer" />
      {blockedBy && <span className="muted small">{blockedBy}</span>}
      <button type="button" className="primary" onClick={onNext} disabled={blockedBy !== undefined}>{nextLabel}</button>
    </div>
  );
}
