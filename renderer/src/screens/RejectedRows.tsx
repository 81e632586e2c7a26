import { PagedTable } from '../components/PagedTable';

/** The rows one import refused: each reason beside the row's cells as read, opening on its sheet's headers and neighbours. */
export function RejectedRows({ sourceFileId }: { sourceFileId: number }) {
  return (
    <div className="rejected-rows">
      <PagedTable table="rejected-rows" label="Rejected rows" filters={{ sourceFileId }} hidden={['source']} searchPlaceholder="Reason or sheet" opensSourceRows rowNoun="rejected row" />
    </div>
  );
}
