import type { SiteInfo } from '../../../shared/calc/inventory';
import type { SiteView } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';

export type SiteChange = Partial<Omit<SiteInfo, 'name'>>;

/** Creates or updates a site's boundary entry; logged with before and after. */
export function setSite(engagement: Engagement, name: string, change: SiteChange): SiteInfo {
  const trimmed = name.trim();
  if (trimmed === '') throw new EngineError('invalid-input', 'A site needs a name');
  const before = engagement.db.prepare('SELECT * FROM site WHERE name = ?').get(trimmed) as Record<string, unknown> | undefined;
  const current: SiteInfo = before
    ? siteFromRow(before)
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

/** Sites named in the records, plus configured ones without records, with their attributes. */
export function listSites(engagement: Engagement): SiteView[] {
  const rows = engagement.db.prepare(
    `WITH named AS (SELECT site AS name, count(*) AS records FROM activity_record WHERE site IS NOT NULL GROUP BY site)
     SELECT coalesce(s.name, n.name) AS name, s.name IS NOT NULL AS configured, coalesce(n.records, 0) AS records,
            coalesce(s.ownership_percent, 100) AS ownership_percent, coalesce(s.operational_control, 1) AS operational_control,
            coalesce(s.financial_control, 1) AS financial_control, coalesce(s.is_data_centre, 0) AS is_data_centre, s.region
       FROM named n FULL OUTER JOIN site s ON s.name = n.name
      ORDER BY 1`,
  ).all() as Record<string, unknown>[];
  return rows.map((row) => ({ ...siteFromRow(row), configured: row.configured === 1, records: row.records as number }));
}

/** A `site` row (or a row with its columns) as the calculation sees it. */
export function siteFromRow(row: Record<string, unknown>): SiteInfo {
  return {
    name: row.name as string,
    ownershipPercent: row.ownership_percent as number,
    operationalControl: row.operational_control === 1,
    financialControl: row.financial_control === 1,
    isDataCentre: row.is_data_centre === 1,
    region: row.region as string | null,
  };
}
