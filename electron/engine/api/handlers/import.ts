import { randomUUID } from 'node:crypto';
import { EngineError } from '../../errors';
import { listImportFindings, listMappingTemplates, listRejectedRows, listSourceFiles, previewFile, saveMappingTemplate, startImport } from '../../import/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

export function importHandlers(session: Session): HandlersOf<'import' | 'mapping'> {
  const { host } = session;
  return {
    'import.chooseFile': async () => {
      const filePath = await host.chooseImportFile();
      return filePath ? session.chooseFile(filePath) : null;
    },

    // Without an open engagement the preview has nothing to compare the file with, but still reads it.
    'import.preview': ({ file, kind, sheet }) => previewFile(session.current(), session.chosenFile(file), kind, sheet),

    'import.start': ({ file, mapping, dryRun, allowDuplicate, allowEmpty, replaces }) => {
      const engagement = session.require();
      const jobId = randomUUID();
      const job = startImport(engagement, { filePath: session.chosenFile(file), mapping, dryRun, allowDuplicate, allowEmpty, replaces }, (progress) =>
        host.emit('import.progress', {
          jobId,
          rowsRead: progress.rowsRead,
          bytesRead: progress.bytesRead,
          totalBytes: progress.totalBytes,
          percent: progress.totalBytes > 0 ? Math.min(100, (100 * progress.bytesRead) / progress.totalBytes) : 0,
        }),
      );
      session.jobs.set(jobId, job);
      job.result.then(
        (outcome) => {
          host.emit('import.finished', { jobId, ok: true, outcome });
          if (outcome.committed) session.changed();
        },
        (error: unknown) => {
          const engineError = error instanceof EngineError ? error : new EngineError('refused', String(error));
          host.emit('import.finished', {
            jobId,
            ok: false,
            cancelled: engineError.code === 'cancelled',
            error: { code: engineError.code, message: engineError.message, details: engineError.details },
          });
        },
      ).finally(() => session.jobs.delete(jobId));
      return { jobId };
    },

    'import.cancel': ({ jobId }) => {
      session.jobs.get(jobId)?.cancel();
      return null;
    },

    'import.sources': () => listSourceFiles(session.require()),

    'import.rejectedRows': ({ sourceFileId, offset, limit }) => listRejectedRows(session.require(), sourceFileId, offset, limit),

    'import.findings': ({ sourceFileId }) => listImportFindings(session.require(), sourceFileId),

    'mapping.list': () => listMappingTemplates(session.require()),

    'mapping.save': ({ name, mapping }) => saveMappingTemplate(session.require(), name, mapping),
  };
}
