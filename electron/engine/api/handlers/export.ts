import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { EngineError } from '../../errors';
import { evidencePackPathFor, exportQueryCsv, startExport, suggestedCsvName, suggestedWorkbookName } from '../../export/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

/** The export methods: the host's save dialog, the export job with its events, tables as CSV, and "show in folder". */
export function exportHandlers(session: Session): HandlersOf<'export'> {
  const { host } = session;
  /** Finished exports' files (workbooks, CSV tables) by job, so the UI can ask to show one without ever holding a path. */
  const finished = new Map<string, string>();
  return {
    'export.start': async ({ detail, evidencePack }) => {
      const engagement = session.require();
      const chosen = await host.chooseExportPath(suggestedWorkbookName(engagement.filePath));
      if (!chosen) return null;
      const workbookPath = path.extname(chosen).toLowerCase() === '.xlsx' ? chosen : `${chosen}.xlsx`;
      const jobId = randomUUID();
      const request = { workbookPath, detail, evidencePackPath: evidencePack ? evidencePackPathFor(workbookPath) : undefined };
      const job = startExport(engagement, request, (progress) => host.emit('export.progress', { jobId, ...progress }));
      session.jobs.set(jobId, job);
      job.result.then(
        (outcome) => {
          finished.set(jobId, outcome.workbookPath);
          host.emit('export.finished', { jobId, ok: true, outcome });
          // The export's own audit entry moved the log's head.
          session.changed();
        },
        (error: unknown) => {
          const engineError = error instanceof EngineError ? error : new EngineError('refused', String(error));
          host.emit('export.finished', { jobId, ok: false, cancelled: engineError.code === 'cancelled', error: { code: engineError.code, message: engineError.message, details: engineError.details } });
        },
      ).finally(() => session.jobs.delete(jobId));
      return { jobId, fileName: path.basename(workbookPath) };
    },

    'export.tableCsv': async ({ query, headers }) => {
      const engagement = session.require();
      const chosen = await host.chooseExportPath(suggestedCsvName(query));
      if (!chosen) return null;
      const csvPath = path.extname(chosen).toLowerCase() === '.csv' ? chosen : `${chosen}.csv`;
      const rows = await exportQueryCsv(engagement, query, headers, csvPath);
      const jobId = randomUUID();
      finished.set(jobId, csvPath);
      return { jobId, fileName: path.basename(csvPath), rows };
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
