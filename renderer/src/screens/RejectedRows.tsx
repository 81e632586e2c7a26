import { PagedTable } from '../components/PagedTable';

/** The rows one import refused: each reason beside the row's cells as read, opening on its sheet's headers and neighbours. */
export function RejectedRows({ sourceFileId }: { sourceFileId: number }) {
  return (
    <div className="rejected-rows">
      <PagedTable label="Rejected rows" table="rejected-rows"
        filters={{ sourceFileId }} hidden={['source']} searchPlaceholder="Reason or sheet" opensSourceRows />
    </div>
  );
}
