import { useEffect, useState } from 'react';
import type { EngagementSummary, SiteView } from '../../../shared/contract';
import type { ConsolidationApproach } from '../../../shared/settings';
import { api } from '../api';
import { errorMessage, formatNumber, formatPercent } from '../format';
import { CONSOLIDATION_LABELS } from '../labels';
import { useAction } from '../useAction';
import { t } from '../../../shared/messages';

/** What counts under each approach: the engine's boundary rule, in words. */
const APPROACH_RULES: Readonly<Record<ConsolidationApproach, string>> = {
  'operational-control': t.boundaryView.aSiteCountsInFull,
  'financial-control': t.boundaryView.aSiteCountsInFull2,
  'equity-share': t.boundaryView.eachSiteCountsAtIts,
};

type DecidingColumn = 'ownership' | 'operational' | 'financial';

/** The column that decides a site's share under each approach. */
const DECIDING_COLUMN: Readonly<Record<ConsolidationApproach, DecidingColumn>> = {
  'operational-control': 'operational',
  'financial-control': 'financial',
  'equity-share': 'ownership',
};

/** Marks the column that decides the share, in the header and in every row. */
function decidingClass(approach: ConsolidationApproach, column: DecidingColumn): string | undefined {
  return DECIDING_COLUMN[approach] === column ? 'deciding' : undefined;
}

type Attributes = Pick<SiteView, 'ownershipPercent' | 'operationalControl' | 'financialControl' | 'isDataCentre' | 'region'>;

/** A site's share of its emissions in the inventory, 0–1; sites never configured count in full. */
function effectiveShare(site: Attributes, configured: boolean, approach: ConsolidationApproach): number {
  if (!configured) return 1;
  switch (approach) {
    case 'operational-control':
      return site.operationalControl ? 1 : 0;
    case 'financial-control':
      return site.financialControl ? 1 : 0;
    case 'equity-share':
      return site.ownershipPercent / 100;
  }
}

/** A row as edited: the ownership and region as typed. */
interface Draft {
  readonly ownership: string;
  readonly operationalControl: boolean;
  readonly financialControl: boolean;
  readonly isDataCentre: boolean;
  readonly region: string;
}

function draftOf(site: SiteView): Draft {
  const { operationalControl, financialControl, isDataCentre } = site;
  return { ownership: String(site.ownershipPercent), operationalControl, financialControl, isDataCentre, region: site.region ?? '' };
}

/** The attributes a draft sets; null while the ownership is not a percentage. */
function attributesOf(draft: Draft): Attributes | null {
  const ownershipPercent = draft.ownership.trim() === '' ? NaN : Number(draft.ownership);
  if (!Number.isFinite(ownershipPercent) || ownershipPercent < 0 || ownershipPercent > 100) return null;
  const region = draft.region.trim();
  const { operationalControl, financialControl, isDataCentre } = draft;
  return { ownershipPercent, operationalControl, financialControl, isDataCentre, region: region === '' ? null : region };
}

function differs(attributes: Attributes, site: SiteView): boolean {
  return (['ownershipPercent', 'operationalControl', 'financialControl', 'isDataCentre', 'region'] as const).some((key) => attributes[key] !== site[key]);
}

function ApproachNote({ engagement }: { engagement: EngagementSummary }) {
  const { consolidationApproach, defaultRegion } = engagement.settings;
  return (
    <div className="notice approach-note" data-testid="approach-note">
      <p>
        <strong>{CONSOLIDATION_LABELS[consolidationApproach]}:</strong> {APPROACH_RULES[consolidationApproach]}
      </p>
      <p className="muted small">
        {t.boundaryView.sitesNeverConfiguredCountIn(defaultRegion ?? t.boundaryView.noneSet)}
      </p>
    </div>
  );
}

interface RowProps {
  site: SiteView;
  draft: Draft;
  approach: ConsolidationApproach;
  defaultRegion: string | null;
  onEdit: (draft: Draft) => void;
}

/** One site's row of the boundary form. */
function SiteRow({ site, draft, approach, defaultRegion, onEdit }: RowProps) {
  const attributes = attributesOf(draft);
  const changed = attributes === null || differs(attributes, site);
  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => onEdit({ ...draft, [key]: value });
  const deciding = (column: DecidingColumn) => decidingClass(approach, column);
  const check = (key: 'operationalControl' | 'financialControl', label: string, className?: string) => (
    <td className={className ? `check ${className}` : 'check'}>
      <input type="checkbox" aria-label={t.boundaryView.of(label, site.name)} checked={draft[key]} onChange={(event) => edit(key, event.target.checked)} />
    </td>
  );
  const share = effectiveShare(site, site.configured, approach);
  const pending = attributes && changed ? effectiveShare(attributes, true, approach) : null;
  return (
    <tr data-site={site.name} className={changed ? 'edited' : undefined}>
      <th scope="row">{site.name}</th>
      <td className="status">
        {site.configured ? <span className="badge configured">{t.boundaryView.configured}</span> : <span className="badge default-site">{t.boundaryView.defaultCountsInFull}</span>}
      </td>
      <td className="num">{formatNumber(site.records)}</td>
      <td className={deciding('ownership')}>
        <input
          type="number"
          className="percent-input"
          min="0"
          max="100"
          step="any"
          aria-label={t.boundaryView.ownershipOf(site.name)}
          aria-invalid={attributes === null}
          value={draft.ownership}
          onChange={(event) => edit('ownership', event.target.value)}
        />
        {attributes === null && <span className="error small">0–100%</span>}
      </td>
      {check('operationalControl', t.boundaryView.operationalControl, deciding('operational'))}
      {check('financialControl', t.boundaryView.financialControl, deciding('financial'))}
      <td className="check" data-testid="data-centre">
        {/* IT-energy records make a site a data centre in the calculation, so the box cannot say otherwise. */}
        <input
          type="checkbox"
          aria-label={t.boundaryView.dataCentreOf(site.name)}
          checked={draft.isDataCentre || site.dataCentreByRecords}
          disabled={site.dataCentreByRecords}
          onChange={(event) => edit('isDataCentre', event.target.checked)}
        />
        {site.dataCentreByRecords && <span className="muted small"> {t.boundaryView.itEnergyRecords}</span>}
      </td>
      <td>
        <input
          type="text"
          className="region-input"
          maxLength={40}
          aria-label={t.boundaryView.regionOf(site.name)}
          placeholder={defaultRegion ?? t.boundaryView.default}
          value={draft.region}
          onChange={(event) => edit('region', event.target.value)}
        />
      </td>
      <td className="num share" data-testid="effective-share">
        {formatPercent(share)}
        {pending !== null && pending !== share && <span className="pending-share">{t.boundaryView.onceSaved(formatPercent(pending))}</span>}
      </td>
    </tr>
  );
}

/** The reporting boundary, edited as one form: each site's ownership, control, data-centre flag and grid region, and what share of it counts. */
export function BoundaryView({ engagement }: { engagement: EngagementSummary }) {
  const { consolidationApproach, defaultRegion } = engagement.settings;
  const [sites, setSites] = useState<readonly SiteView[] | null>(null);
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const load = (loaded: readonly SiteView[]) => {
    setSites(loaded);
    setDrafts(new Map(loaded.map((site) => [site.name, draftOf(site)])));
  };
  useEffect(() => {
    api.call('boundary.sites', {}).then(load, (caught: unknown) => setError(errorMessage(caught)));
  }, []);
  const draftFor = (site: SiteView): Draft => drafts.get(site.name) ?? draftOf(site);
  const edited = (sites ?? []).filter((site) => {
    const attributes = attributesOf(draftFor(site));
    return attributes === null || differs(attributes, site);
  });
  const invalid = edited.filter((site) => attributesOf(draftFor(site)) === null);
  // Each site is its own logged change; the form saves the edited ones, then reads the boundary back.
  const save = useAction(async () => {
    for (const site of edited) {
      const attributes = attributesOf(draftFor(site));
      if (attributes) await api.call('boundary.setSite', { name: site.name, ...attributes });
    }
    load(await api.call('boundary.sites', {}));
  });
  const deciding = (column: DecidingColumn) => decidingClass(consolidationApproach, column);
  return (
    <>
      <h1>{t.boundaryView.boundary}</h1>
      <ApproachNote engagement={engagement} />
      {error && <p role="alert" className="notice danger">{error}</p>}
      {sites?.length === 0 && <p className="card muted">{t.boundaryView.noSitesYetSitesCome}</p>}
      {sites && sites.length > 0 && (
        <form
          className="boundary-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save.run();
          }}
        >
          <div className="table-scroll">
            <table className="grid boundary" aria-label={t.boundaryView.sites}>
              <thead>
                <tr>
                  <th scope="col">{t.boundaryView.site}</th>
                  <th scope="col">{t.boundaryView.status}</th>
                  <th scope="col" className="num">{t.boundaryView.records}</th>
                  <th scope="col" className={deciding('ownership')}>{t.boundaryView.ownership}</th>
                  <th scope="col" className={deciding('operational')}>{t.boundaryView.operationalControl}</th>
                  <th scope="col" className={deciding('financial')}>{t.boundaryView.financialControl}</th>
                  <th scope="col">{t.boundaryView.dataCentre}</th>
                  <th scope="col">{t.boundaryView.region}</th>
                  <th scope="col" className="num">{t.boundaryView.effectiveShare}</th>
                </tr>
              </thead>
              <tbody>
                {sites.map((site) => (
                  <SiteRow
                    key={site.name}
                    site={site}
                    draft={draftFor(site)}
                    approach={consolidationApproach}
                    defaultRegion={defaultRegion}
                    onEdit={(draft) => setDrafts((current) => new Map(current).set(site.name, draft))}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div className="step-actions">
            <span className="muted small" role="status">
              {invalid.length > 0 ? t.boundaryView.ownershipMustBe0100(invalid.map((site) => site.name).join(', ')) : edited.length === 0 ? t.boundaryView.noUnsavedChanges : t.boundaryView.siteChanged(edited.length, edited.length === 1 ? t.boundaryView.site1 : t.boundaryView.sites2)}
            </span>
            <span className="spacer" />
            <button type="button" disabled={edited.length === 0 || save.busy} onClick={() => setDrafts(new Map(sites.map((site) => [site.name, draftOf(site)])))}>{t.boundaryView.discardChanges}</button>
            <button type="submit" className="primary" disabled={edited.length === 0 || invalid.length > 0 || save.busy}>{save.busy ? t.boundaryView.saving : t.boundaryView.saveBoundary}</button>
          </div>
          {save.error && <p role="alert" className="notice danger">{save.error}</p>}
        </form>
      )}
    </>
  );
}
