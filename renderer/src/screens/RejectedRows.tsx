import { PagedTable } from '../components/PagedTable';
import { t } from '../../../shared/messages';

/** The rows one import refused: each reason beside the row's cells as read, opening on its sheet's headers and neighbours. */
export function RejectedRows({ sourceFileId }: { sourceFileId: number }) {
  return (
    <div className="rejected-rows">
      <p className="muted small">{t.rejectedRows.oneReasonALine}</p>
      <PagedTable table="rejected-rows" label={t.rejectedRows.rejectedRows} filters={{ sourceFileId }} hidden={['source']} searchPlaceholder={t.rejectedRows.reasonOrSheet} opensSourceRows rowNoun={t.rejectedRows.rejectedRowNoun} />
    </div>
  );
}
