import type { SiteInfo } from '../../../shared/calc/inventory';
import type { Engagement } from '../engagement';
import { EngineError } from '../errors';

export type SiteChange = Partial<Omit<SiteInfo, 'name'>>;

/** Creates or updates a site's boundary entry; logged with before and after. */
export function setSite(engagement: Engagement, name: string, change: SiteChange): SiteInfo {
  const trimmed = name.trim();
  if (trimmed === '') throw new EngineError('invalid-input', 'A site needs a name');
  const before = engagement.db.prepare('SELECT * FROM site WHERE name = ?').get(trimmed) as Record<string, unknown> | undefined;
  const current: SiteInfo = before
    ? {
        name: trimmed,
        ownershipPercent: before.ownership_percent as number,
        operationalControl: before.operational_control === 1,
        financialControl: before.financial_control === 1,
        isDataCentre: before.is_data_centre === 1,
        region: before.region as string | null,
      }
    : { name: trimmed, ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: null };
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as SiteChange;
  const after: SiteInfo = { ...current, ...defined };
  engagement.change('site.set', { before: before ? current : null, after }, () => {
    engagement.db.prepare(
      `INSERT INTO site (name, region, ownership_percent, operational_control, financial_control, is_data_centre) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET region = excluded.region, ownership_percent = excluded.ownership_percent,
         operational_control = excluded.operational_control, financial_control = excluded.financial_control, is_data_centre = excluded.is_data_centre`,
    ).run(after.name, after.region, after.ownershipPercent, after.operationalControl ? 1 : 0, after.financialControl ? 1 : 0, after.isDataCentre ? 1 : 0);
  });
  return after;
}
