import type { EngagementSummary, RecentEngagement } from '../../../shared/contract';
import { api } from '../api';
import { formatTimestamp } from '../format';
import { useAction } from '../useAction';
import { t } from '../../../shared/messages';
import { useLoaded } from '../useLoaded';

/**
 * Engagements opened on this machine lately, newest first (the list the desktop app's File ▸ Open
 * Recent shows; browser mode reads the same list through the API). A file no longer where it was
 * is shown as missing, with a way to take it off the list.
 */
export function RecentEngagements({ onOpened }: { onOpened: (engagement: EngagementSummary) => void }) {
  // A list that cannot be read is no list: the start screen works without it.
  const { value, setValue: setRecent } = useLoaded<readonly RecentEngagement[]>(() => api.call('recent.list', {}), []);
  const recent = value ?? [];
  const open = useAction(async (id: string) => onOpened(await api.call('recent.open', { id })));
  const remove = useAction(async (id: string) => setRecent(await api.call('recent.remove', { id })));
  if (recent.length === 0) return null;
  const error = open.error ?? remove.error;
  return (
    <div className="recent-engagements">
      <h3 id="recent-engagements-heading">{t.recentEngagements.recentEngagements}</h3>
      <ul className="recent-list" aria-labelledby="recent-engagements-heading">
        {recent.map((entry) => (
          <li key={entry.id}>
            <span>
              {entry.missing
                ? <span>{entry.fileName} <span className="muted">{t.recentEngagements.missing}</span></span>
                : <button type="button" className="link" onClick={() => void open.run(entry.id)} disabled={open.busy}>{entry.fileName}</button>}
              <span className="muted small recent-where">{t.recentEngagements.folderOpened(entry.folder, formatTimestamp(entry.openedAt))}</span>
            </span>
            {entry.missing && (
              <button type="button" onClick={() => void remove.run(entry.id)} disabled={remove.busy} aria-label={t.recentEngagements.removeFromList(entry.fileName)}>
                {t.recentEngagements.remove}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
