/** Mapping templates kept in an engagement: a saved mapping, reused for next year's file or another engagement. */
import type { Mapping, MappingTemplate } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { selectMappingTemplates, upsertMappingTemplate } from './store';

export function listMappingTemplates(engagement: Engagement): MappingTemplate[] {
  return selectMappingTemplates(engagement.reader);
}

/** The template of that name, or a not-found error that says how to list them. */
export function findMappingTemplate(engagement: Engagement, name: string): MappingTemplate {
  const template = listMappingTemplates(engagement).find((candidate) => candidate.name === name);
  if (!template) throw new EngineError('not-found', `No mapping template named '${name}' in this engagement (see \`carbon-audit mapping list\`)`);
  return template;
}

/** Saves (or replaces) a named mapping template; the audit log keeps every version. */
export function saveMappingTemplate(engagement: Engagement, name: string, mapping: Mapping): MappingTemplate {
  const template: MappingTemplate = { name, kind: mapping.kind, mapping: { ...mapping, name }, savedAt: new Date().toISOString(), savedBy: engagement.actor };
  engagement.change('mapping.save', { name, mapping: template.mapping }, () => upsertMappingTemplate(engagement.db, template));
  return template;
}
