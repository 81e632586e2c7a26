import type { SiteInfo } from '../../../shared/calc/inventory';
import type { SiteView } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { selectSite, selectSiteViews, upsertSite } from './store';

export type SiteChange = Partial<Omit<SiteInfo, 'name'>>;

/** A site the boundary does not list counts in full, as a non-data-centre. */
const UNLISTED_SITE: Omit<SiteInfo, 'name'> = { ownershipPercent: 100, operationalControl: true, financialControl: true, isDataCentre: false, region: null };

/** Creates or updates a site's boundary entry; logged with before and after. */
export function setSite(engagement: Engagement, name: string, change: SiteChange): SiteInfo {
  const trimmed = name.trim();
  if (trimmed === '') throw new EngineError('invalid-input', 'A site needs a name');
  const before = selectSite(engagement.db, trimmed);
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as SiteChange;
  const after: SiteInfo = { ...(before ?? { name: trimmed, ...UNLISTED_SITE }), ...defined };
  engagement.change('site.set', { before: before ?? null, after }, () => upsertSite(engagement.db, after));
  return after;
}

/** Sites named in the records, plus configured ones without records, with their attributes. */
export function listSites(engagement: Engagement): SiteView[] {
  return selectSiteViews(engagement.reader);
}
