import type { MappingTemplate, SourceFileSummary } from '../../../shared/contract';
import { mappingSchema } from '../../../shared/import/mapping';
import type { Engagement } from '../engagement/handle';

/** The source-file register and the mapping templates kept in an engagement. */
export function listSourceFiles(engagement: Engagement): SourceFileSummary[] {
  const rows = engagement.db.prepare(
    `SELECT s.id, s.file_name, s.kind, s.format, s.size_bytes, s.sha256, s.imported_at, s.imported_by, s.rows_read, s.rows_imported, s.rows_rejected,
            coalesce(b.stored, 0) AS evidence_stored
       FROM source_file s LEFT JOIN source_evidence b ON b.source_file_id = s.id ORDER BY s.id`,
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

export function listMappingTemplates(engagement: Engagement): MappingTemplate[] {
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
