/**
 * The reporting boundary (rule 5 of inventory.ts): each listed site's share of its emissions
 * under the consolidation approach, its region and whether it is tagged a data centre.
 */
import { divideRationals, ONE, rational, shortestDecimalRational, ZERO, type Rational } from './rational';
import type { CalcSettings, SiteInfo } from './inventory-types';

export interface SiteBoundary {
  readonly share: Rational;
  /**
   * Under a control approach with category 15 reporting: the group's ownership share of a site
   * outside its control, whose Scope 1 and Scope 2 it reports as investments; null otherwise.
   */
  readonly investmentShare: Rational | null;
  readonly region: string | null;
  readonly taggedDataCentre: boolean;
}

export type BoundaryResult = { readonly ok: true; readonly value: SiteBoundary } | { readonly ok: false; readonly reason: string };

export const FULL_SITE: BoundaryResult = { ok: true, value: { share: ONE, investmentShare: null, region: null, taggedDataCentre: false } };

type BoundarySettings = Pick<CalcSettings, 'consolidationApproach' | 'category15Investments'>;

export function siteBoundaries(sites: readonly SiteInfo[], settings: BoundarySettings): Map<string, BoundaryResult> {
  const boundaries = new Map<string, BoundaryResult>();
  for (const site of sites) {
    const listedTwice: BoundaryResult = { ok: false, reason: `site '${site.name}' is listed twice in the boundary` };
    boundaries.set(site.name, boundaries.has(site.name) ? listedTwice : boundaryOf(site, settings));
  }
  return boundaries;
}

function ownershipShare(site: SiteInfo): { readonly ok: true; readonly share: Rational } | { readonly ok: false; readonly reason: string } {
  const percent = site.ownershipPercent;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    return { ok: false, reason: `site '${site.name}' has an ownership of ${percent}%, outside 0–100%` };
  }
  return { ok: true, share: divideRationals(shortestDecimalRational(percent), rational(100n)) };
}

function boundaryOf(site: SiteInfo, settings: BoundarySettings): BoundaryResult {
  const standing = { region: site.region, taggedDataCentre: site.isDataCentre };
  if (settings.consolidationApproach === 'equity-share') {
    const owned = ownershipShare(site);
    return owned.ok ? { ok: true, value: { ...standing, share: owned.share, investmentShare: null } } : owned;
  }
  const controlled = settings.consolidationApproach === 'operational-control' ? site.operationalControl : site.financialControl;
  if (controlled || settings.category15Investments !== true) return { ok: true, value: { ...standing, share: controlled ? ONE : ZERO, investmentShare: null } };
  const owned = ownershipShare(site);
  if (!owned.ok) return owned;
  return { ok: true, value: { ...standing, share: ZERO, investmentShare: owned.share.num === 0n ? null : owned.share } };
}
