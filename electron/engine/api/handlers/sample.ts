import { engagementSummary } from '../../engagement/service';
import { buildSampleEngagement, SAMPLE_FILE_NAME } from '../../sample/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

export function sampleHandlers(session: Session): HandlersOf<'sample'> {
  const { host } = session;
  return {
    'sample.open': async () => {
      const filePath = await host.chooseNewEngagementPath(SAMPLE_FILE_NAME);
      if (!filePath) return null;
      const { engagement } = await buildSampleEngagement(filePath, session.context(), {
        dir: host.sampleDir,
        factorLibraryDir: host.factorLibraryDir,
        onStep: (step) => host.emit('sample.progress', { step }),
      });
      session.replace(engagement);
      return engagementSummary(engagement);
    },
  };
}
