import { useMemo } from 'react';
import { describeAdjustment } from '../../../../shared/reconcile/adjustments';
import type { AdjustmentView } from '../../../../shared/reconcile/report';
import { api } from '../../api';
import { columnHelper, DataTable } from '../../components/DataTable';
import { formatTimestamp } from '../../format';
import { ReasonAction } from '../../components/ReasonAction';
import { t } from '../../../../shared/messages';

function Withdraw({ adjustment, onDone }: { adjustment: AdjustmentView; onDone: () => void }) {
  if (adjustment.withdrawn) return <span className="muted small">{t.adjustmentsPanel.withdrawnBy(formatTimestamp(adjustment.withdrawn.at), adjustment.withdrawn.by, adjustment.withdrawn.reason)}</span>;
  return (
    <ReasonAction
      label={t.adjustmentsPanel.withdraw}
      reasonLabel={t.adjustmentsPanel.whyAdjustmentIsWithdrawn(adjustment.id)}
      placeholder={t.adjustmentsPanel.why}
      confirm={t.adjustmentsPanel.withdraw2}
      onConfirm={async (reason) => {
        await api.call('adjustments.withdraw', { adjustmentId: adjustment.id, reason });
        onDone();
      }}
    />
  );
}

const helper = columnHelper<AdjustmentView>();

/** Every adjustment, active and withdrawn: what it corrects, why, who proposed it when, and what it touches. */
export function AdjustmentsPanel({ adjustments, onChanged }: { adjustments: readonly AdjustmentView[]; onChanged: () => void }) {
  const columns = useMemo(() => helper.columns([
    helper.accessor('id', { header: '#', meta: { numeric: true } }),
    helper.display({ id: 'what', header: t.adjustmentsPanel.correction, cell: (info) => describeAdjustment(info.row.original) }),
    helper.accessor('reason', { header: t.adjustmentsPanel.why }),
    helper.display({ id: 'who', header: t.adjustmentsPanel.proposed, cell: (info) => <span className="small">{info.row.original.proposedBy}, {formatTimestamp(info.row.original.proposedAt)}</span> }),
    helper.display({
      id: 'touches',
      header: t.adjustmentsPanel.touches,
      cell: (info) => {
        const adjustment = info.row.original;
        const records = adjustment.recordIds.filter((id) => id > 0);
        const parts = [
          records.length > 0 ? t.adjustmentsPanel.touchesRecords(records.join(', ')) : null,
          adjustment.recordIds.some((id) => id < 0) ? t.adjustmentsPanel.theRecordItAdds : null,
          adjustment.touchedClaimIds.length > 0 ? t.adjustmentsPanel.touchesClaims(adjustment.touchedClaimIds.map((id) => `#${id}`).join(', ')) : null,
        ].filter((part) => part !== null);
        return (
          <span className="small">
            {parts.join('; ')}
            {adjustment.problem && <span className="warn"> {adjustment.problem}</span>}
          </span>
        );
      },
    }),
    helper.accessor('status', { header: t.adjustmentsPanel.status, cell: (info) => <span className={`badge adjustment-${info.getValue()}`}>{info.getValue()}</span> }),
    helper.display({ id: 'withdraw', header: t.adjustmentsPanel.withdraw2, cell: (info) => <Withdraw adjustment={info.row.original} onDone={onChanged} /> }),
  ]), [onChanged]);
  if (adjustments.length === 0) return <p className="muted">{t.adjustmentsPanel.noAdjustmentsProposedProposeOne}</p>;
  return <DataTable label={t.adjustmentsPanel.adjustments} data={adjustments} columns={columns} rowId={(adjustment) => String(adjustment.id)} rowProps={(adjustment) => ({ 'data-adjustment': String(adjustment.id), 'data-status': adjustment.status })} />;
}
