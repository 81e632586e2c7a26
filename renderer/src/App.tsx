import { useEffect, useState } from 'react';
import type { EngagementSummary } from '../../shared/contract';
import { api } from './api';
import { NativeCommands } from './native/NativeCommands';
import { StartScreen } from './screens/StartScreen';
import { EngagementScreen } from './screens/EngagementScreen';
import { t } from '../../shared/messages';

export function App() {
  const [engagement, setEngagement] = useState<EngagementSummary | null | undefined>(undefined);

  useEffect(() => {
    void api.call('engagement.current', {}).then(setEngagement);
    return api.on('engagement.changed', setEngagement);
  }, []);

  if (engagement === undefined) return <div className="loading">{t.app.loading}</div>;
  return (
    <>
      {engagement ? <EngagementScreen engagement={engagement} /> : <StartScreen onOpened={setEngagement} />}
      <NativeCommands engagementOpen={engagement !== null} />
    </>
  );
}
