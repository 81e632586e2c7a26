import { formatDate, formatTime } from '../format';

/** An instant in a table: its date and its time each kept whole, free to sit on two lines where the column is narrow. */
export function Timestamp({ iso }: { iso: string }) {
  return (
    <time dateTime={iso}>
      <span className="nowrap">{formatDate(iso)}</span> <span className="nowrap">{formatTime(iso)}</span>
    </time>
  );
}
