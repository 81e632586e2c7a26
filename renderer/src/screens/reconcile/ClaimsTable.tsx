import { useMemo, useState } from 'react';
import type { ClaimResult } from '../../../../shared/reconcile/reconcile';
import { columnHelper, DataTable } from '../../components/DataTable';
import { formatSignedPercent } from '../../format';
import { claimDifferenceText, claimValueText, FIGURE_CHOICES, STATUS_LABELS } from './figureText';
import { t } from '../../../../shared/messages';

const NO_FIGURE = 'none';

interface MatchProps {
  readonly claim: ClaimResult;
  readonly busy: boolean;
  readonly onConfirm: (claim: ClaimResult, figure: string | null, note: string | null) => void;
}

/** The figure a claim is matched to, why, and the auditor's choice: confirm it or pick another. */
function FigureMatch({ claim, busy, onConfirm }: MatchProps) {
  const [choice, setChoice] = useState(claim.figure ?? '');
  const [note, setNote] = useState('');
  const confirmed = claim.match.origin === 'confirmed' && choice === (claim.figure ?? NO_FIGURE);
  const choices = claim.figure !== null && !FIGURE_CHOICES.some((option) => option.id === claim.figure) ? [{ id: claim.figure, label: claim.figureLabel ?? claim.figure }, ...FIGURE_CHOICES] : FIGURE_CHOICES;
  return (
    <div className="figure-match">
      <div>
        <span className={`badge match-${claim.match.origin}`} title={claim.match.reason}>{claim.match.origin === 'none' ? t.claimsTable.noMatch : claim.match.origin}</span>
        <span className="muted small match-reason">{claim.match.reason}</span>
      </div>
      <div className="inline-form">
        <select aria-label={t.claimsTable.figureOfClaim(claim.id)} value={choice} onChange={(event) => setChoice(event.target.value)} disabled={busy}>
          {choice === '' && <option value="">{t.claimsTable.chooseAFigure}</option>}
          {choices.map((option) => <option key={option.id} value={option.id}>{option.label}</option>)}
          <option value={NO_FIGURE}>{t.claimsTable.aboutNoFigureOfThe}</option>
        </select>
        <button
          type="button"
          disabled={busy || choice === '' || confirmed || (choice === NO_FIGURE && note.trim() === '')}
          onClick={() => onConfirm(claim, choice === NO_FIGURE ? null : choice, choice === NO_FIGURE ? note : null)}
          aria-label={t.claimsTable.confirmTheMatchOfClaim(claim.id)}
        >
          {confirmed ? t.claimsTable.confirmed : t.claimsTable.confirm}
        </button>
      </div>
      {choice === NO_FIGURE && <input aria-label={t.claimsTable.whyClaimIsAboutNo(claim.id)} placeholder={t.claimsTable.whyRequired} value={note} onChange={(event) => setNote(event.target.value)} />}
    </div>
  );
}

interface Props {
  readonly claims: readonly ClaimResult[];
  readonly busy: boolean;
  readonly onConfirm: MatchProps['onConfirm'];
  readonly onTrace: (claim: ClaimResult) => void;
  readonly onAdjust: (claim: ClaimResult) => void;
  readonly traced: number | null;
}

const helper = columnHelper<ClaimResult>();

/** Each claim: reported against recomputed (after the proposed adjustments), its status and why, and what to do about it. */
export function ClaimsTable({ claims, busy, onConfirm, onTrace, onAdjust, traced }: Props) {
  const columns = useMemo(() => helper.columns([
    helper.accessor('id', { header: '#', meta: { numeric: true } }),
    helper.accessor('metric', {
      header: t.claimsTable.reportedFigure,
      cell: (info) => (
        <>
          <div>{info.getValue()}</div>
          <div className="muted small">{t.claimsTable.row(info.row.original.source.fileName, info.row.original.source.sheet, info.row.original.source.rowNumber)}</div>
        </>
      ),
    }),
    helper.accessor((claim) => claim.fiscalYear ?? claim.period, { id: 'period', header: t.claimsTable.period }),
    ...(claims.some((claim) => claim.site !== null) ? [helper.accessor((claim) => claim.site ?? '', { id: 'site', header: t.claimsTable.site })] : []),
    helper.display({ id: 'figure', header: t.claimsTable.figure, cell: (info) => <FigureMatch key={`${info.row.original.figure}:${info.row.original.match.origin}`} claim={info.row.original} busy={busy} onConfirm={onConfirm} /> }),
    helper.accessor('reported', { header: t.claimsTable.reported, meta: { numeric: true }, cell: (info) => claimValueText(info.row.original, info.getValue()) }),
    helper.accessor('recomputed', {
      header: t.claimsTable.recomputed,
      meta: { numeric: true },
      cell: (info) => {
        const claim = info.row.original;
        const moved = claim.recomputed !== claim.recomputedUncorrected;
        return (
          <>
            <div data-testid="recomputed">{claimValueText(claim, claim.recomputed)}</div>
            {moved && <div className="muted small" data-testid="recomputed-as-imported">{t.claimsTable.asImported(claimValueText(claim, claim.recomputedUncorrected))}</div>}
          </>
        );
      },
    }),
    helper.accessor('varianceAbs', {
      header: t.claimsTable.variance,
      meta: { numeric: true },
      cell: (info) => (
        <>
          <div>{claimDifferenceText(info.row.original, info.getValue())}</div>
          <div className="muted small">{info.row.original.variancePct === null ? '' : formatSignedPercent(info.row.original.variancePct / 100)}</div>
        </>
      ),
    }),
    helper.accessor('status', {
      header: t.claimsTable.status,
      cell: (info) => {
        const claim = info.row.original;
        return (
          <>
            <span className={`badge status-${claim.status}`} data-testid="status">{STATUS_LABELS[claim.status]}</span>
            {claim.status !== claim.statusUncorrected && <div className="muted small">{t.claimsTable.asImported2(STATUS_LABELS[claim.statusUncorrected])}</div>}
            <div className="small reason">{claim.reason}</div>
          </>
        );
      },
    }),
    helper.display({
      id: 'actions',
      header: t.claimsTable.actions,
      cell: (info) => {
        const claim = info.row.original;
        return (
          <div className="row-actions">
            <button type="button" disabled={claim.figure === null || claim.fiscalYear === null} aria-pressed={traced === claim.id} onClick={() => onTrace(claim)}>{t.claimsTable.trace}</button>
            <button type="button" disabled={busy} onClick={() => onAdjust(claim)}>{t.claimsTable.adjust}</button>
            {claim.adjustments.length > 0 && <span className="muted small">{t.claimsTable.adjustments(claim.adjustments.map((id) => `#${id}`).join(', '))}</span>}
          </div>
        );
      },
    }),
  ]), [claims, busy, onConfirm, onTrace, onAdjust, traced]);
  return (
    <DataTable
      label={t.claimsTable.claims}
      className="claims"
      data={claims}
      columns={columns}
      rowId={(claim) => String(claim.id)}
      rowProps={(claim) => ({ 'data-claim': String(claim.id), 'data-status': claim.status, className: traced === claim.id ? 'picked' : undefined })}
    />
  );
}
