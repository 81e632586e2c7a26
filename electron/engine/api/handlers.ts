import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiMethod, ApiOutput, ApiParsedInput, ChosenFile } from '../../../shared/contract';
import { auditEntries } from '../audit-log';
import { startCalcJob, startImportJob } from '../workers/jobs';
import type { WorkerJob } from '../workers/spawn';
import { previewImport } from '../import/preview';
import { listMappingTemplates, listSourceFiles, saveMappingTemplate } from '../import/registers';
import { listSites, setSite } from '../inventory/boundary';
import { listFactorSets } from '../inventory/factor-sets';
import { loadFactorLibrary, shippedLibrary } from '../inventory/library';
import { Engagement } from '../engagement';
import { EngineError } from '../errors';
import { APP_VERSION } from '../version';
import type { Host } from './host';
import { exportHandlers } from './export-handlers';

export type Handlers = {
  readonly [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

/** The engine state behind one window: at most one open engagement. */
export class Session {
  private engagement: Engagement | null = null;
  /** Files the user picked through a dialog: the UI holds tokens, never paths. */
  private readonly chosenFiles = new Map<string, string>();
  readonly jobs = new Map<string, WorkerJob<unknown>>();

  constructor(readonly host: Host) {}

  current(): Engagement | null {
    return this.engagement;
  }

  require(): Engagement {
    if (!this.engagement) throw new EngineError('no-engagement', 'No engagement is open: create or open one first');
    return this.engagement;
  }

  replace(next: Engagement | null): void {
    this.engagement?.close();
    this.engagement = next;
    this.host.emit('engagement.changed', next?.summary() ?? null);
  }

  rememberFile(filePath: string): string {
    const token = randomUUID();
    this.chosenFiles.set(token, filePath);
    return token;
  }

  chosenFile(token: string): string {
    const filePath = this.chosenFiles.get(token);
    if (!filePath) throw new EngineError('not-found', 'That file is no longer selected: choose it again');
    return filePath;
  }

  context() {
    return { actor: this.host.actor, nativeBinding: this.host.nativeBinding };
  }
}

export function createHandlers(session: Session): Handlers {
  const { host } = session;
  return {
    'app.info': () => ({ version: APP_VERSION, host: host.kind }),

    'engagement.create': async ({ settings }) => {
      const filePath = await host.chooseNewEngagementPath(suggestedFileName(settings.entityName));
      if (!filePath) return null;
      session.replace(Engagement.create(filePath, settings, session.context()));
      return session.require().summary();
    },

    'engagement.open': async () => {
      const filePath = await host.chooseEngagementToOpen();
      if (!filePath) return null;
      session.replace(Engagement.open(filePath, session.context()));
      return session.require().summary();
    },

    'engagement.current': () => session.current()?.summary() ?? null,

    'engagement.close': () => {
      session.replace(null);
      return null;
    },

    'engagement.updateSettings': ({ settings }) => {
      const engagement = session.require();
      engagement.updateSettings(settings);
      const summary = engagement.summary();
      host.emit('engagement.changed', summary);
      return summary;
    },

    'audit.verify': () => session.require().verifyAuditLog(),

    'audit.entries': ({ afterSeq, limit }) => auditEntries(session.require().db, afterSeq, limit),

    'import.chooseFile': async () => {
      const filePath = await host.chooseImportFile();
      return filePath ? chooseFileAt(session, filePath) : null;
    },

    'import.preview': ({ file, kind, sheet }) => previewImport(session.require().db, session.chosenFile(file), kind, { sheet }),

    'import.start': ({ file, mapping, dryRun, allowDuplicate }) => {
      const engagement = session.require();
      const jobId = randomUUID();
      const job = startImportJob(
        {
          engagementPath: engagement.filePath,
          nativeBinding: host.nativeBinding,
          request: { filePath: session.chosenFile(file), mapping, dryRun, allowDuplicate, actor: host.actor, settings: engagement.settings() },
        },
        (progress) => host.emit('import.progress', {
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
          if (!dryRun) host.emit('engagement.changed', engagement.summary());
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

    'mapping.list': () => listMappingTemplates(session.require()),

    'mapping.save': ({ name, mapping }) => saveMappingTemplate(session.require(), name, mapping),

    'boundary.sites': () => listSites(session.require()),

    'boundary.setSite': ({ name, ...attributes }) => {
      const engagement = session.require();
      setSite(engagement, name, attributes);
      host.emit('engagement.changed', engagement.summary());
      return listSites(engagement).find((site) => site.name === name.trim())!;
    },

    'factors.sets': () => listFactorSets(session.require()),

    'factors.loadLibrary': () => {
      const engagement = session.require();
      loadFactorLibrary(engagement, shippedLibrary(host.factorLibraryDir));
      host.emit('engagement.changed', engagement.summary());
      return listFactorSets(engagement);
    },

    // Calculations run in a worker: a large engagement takes minutes, and the app must stay responsive.
    'inventory.calculate': async () => (await startCalcJob({ op: 'calculate', ...calcConnection(session) }).result).summary,

    'inventory.recalculate': async () => {
      const { changes } = await startCalcJob({ op: 'recalculate', ...calcConnection(session) }).result;
      host.emit('engagement.changed', session.require().summary());
      return changes;
    },

    'inventory.trace': async ({ figure, site }) => {
      const { trace } = await startCalcJob({ op: 'trace', figure, site, ...calcConnection(session) }).result;
      return {
        figure: trace.figure,
        site: trace.site,
        tco2e: trace.tco2e,
        quarters: trace.quarters,
        months: trace.months,
        lines: trace.lines.map(({ recordId, site, activity, basis, quantity, unit, conversionFactor, convertedQuantity, chargedQuantity, factorUnit, co2ePerUnitKg, share, tco2e, note, factor, source }) => ({
          recordId, site, activity, basis, quantity, unit, conversionFactor, convertedQuantity, chargedQuantity, factorUnit, co2ePerUnitKg, share, tco2e, note,
          factor: factor ? { label: factor.label, setKey: factor.setKey, edition: factor.edition } : null,
          source: { fileName: source.fileName, sheet: source.sheet, rowNumber: source.rowNumber, cells: source.cells as never },
        })),
      };
    },

    ...exportHandlers(session),
  };
}

/**
 * A file the host itself located (a dialog's answer, or the path the OS gives for a dropped file):
 * only regular files are accepted, and the UI gets a token for it, never the path.
 */
export function chooseFileAt(session: Session, filePath: string): ChosenFile {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new EngineError('not-found', `${path.basename(filePath)} cannot be read`);
  }
  if (!stat.isFile()) throw new EngineError('refused', `${path.basename(filePath)} is not a file: drop or choose a spreadsheet`);
  return { token: session.rememberFile(filePath), fileName: path.basename(filePath), sizeBytes: stat.size };
}

function calcConnection(session: Session) {
  const engagement = session.require();
  return { engagementPath: engagement.filePath, nativeBinding: session.host.nativeBinding, actor: session.host.actor };
}

function suggestedFileName(entityName: string): string {
  const safe = entityName.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'engagement';
  return `${safe}.carbonaudit`;
}
