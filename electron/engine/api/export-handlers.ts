/** The export methods of the API: a save dialog, the export job with its events, and "show in folder". */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ApiMethod } from '../../../shared/contract';
import { EngineError } from '../errors';
import { startExportJob } from '../export/service';
import type { Handlers, Session } from './handlers';

type ExportMethod = Extract<ApiMethod, `export.${string}`>;

/** The evidence pack sits beside the workbook under the same name. */
export function evidencePackPathFor(workbookPath: string): string {
  return path.join(path.dirname(workbookPath), `${path.basename(workbookPath, path.extname(workbookPath))}-evidence.zip`);
}

export function exportHandlers(session: Session): Pick<Handlers, ExportMethod> {
  const { host } = session;
  /** Finished exports' workbooks by job, so the UI can ask to show one without ever holding a path. */
  const finished = new Map<string, string>();
  return {
    'export.start': async ({ detail, evidencePack }) => {
      const engagement = session.require();
      const chosen = await host.chooseExportPath(`${path.basename(engagement.filePath, path.extname(engagement.filePath))}-audited.xlsx`);
      if (!chosen) return null;
      const workbookPath = path.extname(chosen).toLowerCase() === '.xlsx' ? chosen : `${chosen}.xlsx`;
      const jobId = randomUUID();
      const job = startExportJob(
        {
          engagementPath: engagement.filePath,
          nativeBinding: host.nativeBinding,
          actor: host.actor,
          request: { workbookPath, detail, evidencePackPath: evidencePack ? evidencePackPathFor(workbookPath) : undefined },
        },
        (progress) => host.emit('export.progress', { jobId, ...progress }),
      );
      session.jobs.set(jobId, job);
      job.result.then(
        (outcome) => {
          finished.set(jobId, outcome.workbookPath);
          host.emit('export.finished', { jobId, ok: true, outcome });
          host.emit('engagement.changed', engagement.summary());
        },
        (error: unknown) => {
          const engineError = error instanceof EngineError ? error : new EngineError('refused', String(error));
          host.emit('export.finished', { jobId, ok: false, cancelled: engineError.code === 'cancelled', error: { code: engineError.code, message: engineError.message, details: engineError.details } });
        },
      ).finally(() => session.jobs.delete(jobId));
      return { jobId, fileName: path.basename(workbookPath) };
    },

    'export.cancel': ({ jobId }) => {
      session.jobs.get(jobId)?.cancel();
      return null;
    },

    'export.reveal': ({ jobId }) => {
      const workbook = finished.get(jobId);
      if (!workbook) throw new EngineError('not-found', 'That export is not finished, or was not made in this session');
      host.revealFile(workbook);
      return null;
    },
  };
}
