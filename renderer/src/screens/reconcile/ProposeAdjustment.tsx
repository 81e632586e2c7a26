import { useEffect, useState, type FormEvent } from 'react';
import { ACTIVITIES, activityByKey, type ActivityMeaning } from '../../../../shared/activities';
import type { AdjustmentKind } from '../../../../shared/reconcile/adjustments';
import type { ClaimResult } from '../../../../shared/reconcile/reconcile';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { usePanel } from '../../usePanel';
import { t } from '../../../../shared/messages';
import { activityName } from '../../labels';

export interface ProposalStart {
  readonly claimId?: number;
  readonly recordId?: number;
}

const KINDS: readonly { readonly kind: AdjustmentKind; readonly label: string }[] = [
  { kind: 'add-record', label: t.proposeAdjustment.addAMissingRecord },
  { kind: 'exclude-record', label: t.proposeAdjustment.excludeARecord },
  { kind: 'correct-record', label: t.proposeAdjustment.correctAQuantityOrUnit },
  { kind: 'replace-factor', label: t.proposeAdjustment.replaceAFactor },
];

interface Props {
  readonly start: ProposalStart;
  readonly claims: readonly ClaimResult[];
  /** The fiscal years, for a record added from a claim: its year's days. */
  readonly periods: readonly { readonly label: string; readonly start: string; readonly end: string }[];
  readonly onProposed: () => void;
  readonly onCancel: () => void;
}

const number = (text: string) => (text.trim() === '' ? undefined : Number(text));


/**
 * A proposed correction, kept apart from the source data: what it corrects, and why. Started from a
 * claim (linked to it) or from a record of a figure's trace.
 */
export function ProposeAdjustment({ start, claims, periods, onProposed, onCancel }: Props) {
  const [kind, setKind] = useState<AdjustmentKind>(start.recordId === undefined ? 'add-record' : 'exclude-record');
  const [claimId, setClaimId] = useState(start.claimId === undefined ? '' : String(start.claimId));
  const [recordId, setRecordId] = useState(start.recordId === undefined ? '' : String(start.recordId));
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState('');
  const [factorId, setFactorId] = useState('');
  const [replacementId, setReplacementId] = useState('');
  const claim = claims.find((candidate) => String(candidate.id) === claimId);
  const [site, setSite] = useState(claim?.site ?? '');
  const [activity, setActivity] = useState('process_emissions');
  const [meaning, setMeaning] = useState<ActivityMeaning>('consumption');
  const year = periods.find((period) => period.label === claim?.fiscalYear);
  const [periodStart, setPeriodStart] = useState(year?.start ?? '');
  const [periodEnd, setPeriodEnd] = useState(year?.end ?? '');
  const [reason, setReason] = useState('');

  const details = () => {
    switch (kind) {
      case 'exclude-record':
        return { kind, recordId: Number(recordId) };
      case 'correct-record':
        return { kind, recordId: Number(recordId), ...(number(quantity) === undefined ? {} : { quantity: number(quantity) }), ...(unit.trim() === '' ? {} : { unit: unit.trim() }) };
      case 'replace-factor':
        return { kind, factorId: Number(factorId), replacementFactorId: Number(replacementId) };
      case 'add-record':
        return { kind, record: { site: site.trim() === '' ? null : site.trim(), periodStart, periodEnd, activity, meaning, quantity: Number(quantity), unit: unit.trim() } };
    }
  };
  const submit = useAction(async (event: FormEvent) => {
    event.preventDefault();
    await api.call('adjustments.propose', { details: details() as never, reason, claimIds: claimId === '' ? [] : [Number(claimId)] });
    onProposed();
  });
  const meanings = activityByKey(activity)?.meanings ?? ['consumption'];
  const { headingProps, panelProps } = usePanel<HTMLFormElement>(onCancel);
  // Opened from a claim or a trace line further up or down the page: bring it into view.
  useEffect(() => {
    panelProps.ref.current?.scrollIntoView({ block: 'nearest' });
  }, [panelProps.ref]);
  return (
    <form className="card propose-adjustment" aria-labelledby="propose-heading" onSubmit={(event) => void submit.run(event)} {...panelProps}>
      <div className="panel-head">
        <h2 id="propose-heading" {...headingProps}>{t.proposeAdjustment.proposeAnAdjustment}</h2>
        <span className="spacer" />
        <button type="button" onClick={onCancel}>{t.proposeAdjustment.cancel}</button>
      </div>
      <p className="muted small">{t.proposeAdjustment.aCorrectionIsKeptApart}</p>
      <div className="form-grid adjustment-grid">
        <label>
          {t.proposeAdjustment.whatItCorrects}
          <select aria-label={t.proposeAdjustment.whatItCorrects} value={kind} onChange={(event) => setKind(event.target.value as AdjustmentKind)}>
            {KINDS.map((option) => <option key={option.kind} value={option.kind}>{option.label}</option>)}
          </select>
        </label>
        <label>
          {t.proposeAdjustment.fromClaim}
          <select aria-label={t.proposeAdjustment.fromClaim} value={claimId} onChange={(event) => setClaimId(event.target.value)}>
            <option value="">{t.proposeAdjustment.none}</option>
            {claims.map((candidate) => <option key={candidate.id} value={String(candidate.id)}>#{candidate.id} {candidate.metric} ({candidate.fiscalYear ?? candidate.period})</option>)}
          </select>
        </label>
        {(kind === 'exclude-record' || kind === 'correct-record') && (
          <label>
            {t.proposeAdjustment.record}
            <input inputMode="numeric" value={recordId} onChange={(event) => setRecordId(event.target.value)} placeholder={t.proposeAdjustment.recordNumberFromATrace} />
          </label>
        )}
        {kind === 'replace-factor' && (
          <>
            <label>
              {t.proposeAdjustment.factorUsedNow}
              <input inputMode="numeric" value={factorId} onChange={(event) => setFactorId(event.target.value)} placeholder={t.proposeAdjustment.factorNumber} />
            </label>
            <label>
              {t.proposeAdjustment.replacementFactor}
              <input inputMode="numeric" value={replacementId} onChange={(event) => setReplacementId(event.target.value)} placeholder={t.proposeAdjustment.factorNumber} />
            </label>
          </>
        )}
        {kind === 'add-record' && (
          <>
            <label>
              {t.proposeAdjustment.site}
              <input value={site} onChange={(event) => setSite(event.target.value)} />
            </label>
            <label>
              {t.proposeAdjustment.activity}
              <select aria-label={t.proposeAdjustment.activity} value={activity} onChange={(event) => { setActivity(event.target.value); setMeaning(activityByKey(event.target.value)?.meanings[0] ?? 'consumption'); }}>
                {ACTIVITIES.map((option) => <option key={option.key} value={option.key}>{activityName(option.key)}</option>)}
              </select>
            </label>
            <label>
              {t.proposeAdjustment.meaning}
              <select aria-label={t.proposeAdjustment.meaning} value={meaning} onChange={(event) => setMeaning(event.target.value as ActivityMeaning)} disabled={meanings.length === 1}>
                {meanings.map((option) => <option key={option} value={option}>{option}</option>)}
              </select>
            </label>
            <label>
              {t.proposeAdjustment.firstDay}
              <input type="date" value={periodStart} onChange={(event) => setPeriodStart(event.target.value)} />
            </label>
            <label>
              {t.proposeAdjustment.lastDay}
              <input type="date" value={periodEnd} onChange={(event) => setPeriodEnd(event.target.value)} />
            </label>
          </>
        )}
        {(kind === 'add-record' || kind === 'correct-record') && (
          <>
            <label>
              {t.proposeAdjustment.quantity}
              <input inputMode="decimal" value={quantity} onChange={(event) => setQuantity(event.target.value)} />
            </label>
            <label>
              {t.proposeAdjustment.unit}
              <input value={unit} onChange={(event) => setUnit(event.target.value)} placeholder={t.proposeAdjustment.eGKwhLTco2e} />
            </label>
          </>
        )}
        <label className="wide">
          {t.proposeAdjustment.reason}
          <textarea value={reason} onChange={(event) => setReason(event.target.value)} placeholder={t.proposeAdjustment.theEvidenceForTheCorrection} rows={2} />
        </label>
      </div>
      {submit.error && <p role="alert" className="notice danger">{submit.error}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submit.busy || reason.trim() === ''}>{submit.busy ? t.proposeAdjustment.proposing : t.proposeAdjustment.proposeAdjustment}</button>
      </div>
    </form>
  );
}
