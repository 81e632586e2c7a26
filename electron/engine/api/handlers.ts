import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiMethod, ApiOutput, ApiParsedInput, MappingTemplate, SourceFileSummary } from '../../../shared/contract';
import { mappingSchema } from '../../../shared/import/mapping';
import { auditEntries } from '../audit-log';
import { startImportJob, type ImportJob } from '../import/import-job';
import { previewImport } from '../import/preview';
import { calculate, frozenFactorSetIds, recalculate } from '../inventory/calculate';
import { listFactorSets } from '../inventory/factor-sets';
import { loadFactorLibrary } from '../inventory/library';
import { traceFigure } from '../inventory/trace';
import { Engagement } from '../engagement';
import { EngineError } from '../errors';
import { APP_VERSION } from '../version';
import type { Host } from './host';

export type Handlers = {
  readonly [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

/** The engine state behind one window: at most one open engagement. */
export class Session {
  private engagement: Engagement | null = null;
  /** Files the user picked through a dialog: the UI holds tokens, never paths. */
  private readonly chosenFiles = new Map<string, string>();
  readonly jobs = new Map<string, ImportJob>();

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
      if (!filePath) return null;
      return { token: session.rememberFile(filePath), fileName: path.basename(filePath), sizeBytes: fs.statSync(filePath).size };
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
      job.outcome.then(
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

    'factors.sets': () => listFactorSets(session.require()),

    'factors.loadLibrary': () => {
      const engagement = session.require();
      loadFactorLibrary(engagement, host.factorLibraryDir);
      host.emit('engagement.changed', engagement.summary());
      return listFactorSets(engagement);
    },

    'inventory.calculate': () => {
      const engagement = session.require();
      const result = calculate(engagement);
      const sets = listFactorSets(engagement).filter((set) => frozenFactorSetIds(engagement).includes(set.id));
      return { periods: result.periods, findings: result.findings, factorSets: sets.map((set) => `${set.setKey} ${set.edition}`) };
    },

    'inventory.recalculate': () => {
      const engagement = session.require();
      const { changes } = recalculate(engagement);
      host.emit('engagement.changed', engagement.summary());
      return changes;
    },

    'inventory.trace': ({ figure, site }) => {
      const trace = traceFigure(session.require(), figure, site);
      return {
        figure: trace.figure,
        site: trace.site,
        tco2e: trace.tco2e,
        lines: trace.lines.map((line) => ({
          recordId: line.recordId, site: line.site, activity: line.activity, basis: line.basis, quantity: line.quantity, unit: line.unit,
          conversionFactor: line.conversionFactor, convertedQuantity: line.convertedQuantity, chargedQuantity: line.chargedQuantity,
          factorUnit: line.factorUnit, co2ePerUnitKg: line.co2ePerUnitKg, share: line.share, tco2e: line.tco2e, note: line.note,
          factor: line.factor ? { label: line.factor.label, setKey: line.factor.setKey, edition: line.factor.edition } : null,
          source: { fileName: line.source.fileName, sheet: line.source.sheet, rowNumber: line.source.rowNumber, cells: line.source.cells as never },
        })),
      };
    },
  };
}

export function listSourceFiles(engagement: Engagement): SourceFileSummary[] {
  const rows = engagement.db.prepare(
    `SELECT s.id, s.file_name, s.kind, s.format, s.size_bytes, s.sha256, s.imported_at, s.imported_by, s.rows_read, s.rows_imported, s.rows_rejected,
            b.bytes IS NOT NULL AS evidence_stored
       FROM source_file s LEFT JOIN source_blob b ON b.source_file_id = s.id ORDER BY s.id`,
  ).all() as Record<string, unknown>[];
  return rows.map((row) => ({
    id: row.id as number,
    fileName: row.file_name as string,
    kind: row.kind as SourceFileSummary['kind'],
    format: row.format as string,
    sizeBytes: row.size_bytes as number,
    sha256: row.sha256 as string,
    importedAt: row.imported_at as string,
    importedBy: row.imported_by as string,
    rowsRead: row.rows_read as number,
    rowsImported: row.rows_imported as number,
    rowsRejected: row.rows_rejected as number,
    evidenceStored: row.evidence_stored === 1,
  }));
}

function listMappingTemplates(engagement: Engagement): MappingTemplate[] {
  const rows = engagement.db.prepare('SELECT name, kind, mapping_json, saved_at, saved_by FROM mapping_template ORDER BY name').all() as Record<string, string>[];
  return rows.map((row) => ({
    name: row.name!,
    kind: row.kind as MappingTemplate['kind'],
    mapping: mappingSchema.parse(JSON.parse(row.mapping_json!)),
    savedAt: row.saved_at!,
    savedBy: row.saved_by!,
  }));
}

/** Saves (or replaces) a named mapping template; the audit log keeps every version. */
export function saveMappingTemplate(engagement: Engagement, name: string, mapping: MappingTemplate['mapping']): MappingTemplate {
  const template: MappingTemplate = { name, kind: mapping.kind, mapping: { ...mapping, name }, savedAt: new Date().toISOString(), savedBy: engagement.actor };
  engagement.change('mapping.save', { name, mapping: template.mapping }, () => {
    engagement.db.prepare(
      `INSERT INTO mapping_template (name, kind, mapping_json, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, mapping_json = excluded.mapping_json, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
    ).run(name, template.kind, JSON.stringify(template.mapping), template.savedAt, template.savedBy);
  });
  return template;
}

function suggestedFileName(entityName: string): string {
  const safe = entityName.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'engagement';
  return `${safe}.carbonaudit`;
}
