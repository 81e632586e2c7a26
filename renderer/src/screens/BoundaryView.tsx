import { useEffect, useState } from 'react';
import type { EngagementSummary, SiteView } from '../../../shared/contract';
import type { ConsolidationApproach } from '../../../shared/settings';
import { api } from '../api';
import { errorMessage, formatNumber, formatPercent } from '../format';
import { CONSOLIDATION_LABELS } from '../labels';
import { useAction } from '../useAction';

/** What counts under each approach: the engine's boundary rule, in words. */
const APPROACH_RULES: Readonly<Record<ConsolidationApproach, string>> = {
  'operational-control': 'a site counts in full (100%) when the entity has operational control of it, otherwise not at all (0%). Ownership and financial control do not change the figures.',
  'financial-control': 'a site counts in full (100%) when the entity has financial control of it, otherwise not at all (0%). Ownership and operational control do not change the figures.',
  'equity-share': 'each site counts at its ownership %. Operational and financial control do not change the figures.',
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
        Sites never configured count in full. Data centres (ticked, or with IT-energy records) feed the PUE and the data-centre clean share.
        A blank region uses the engagement default ({defaultRegion ?? 'none set'}). The Inventory view applies them each time it calculates.
      </p>
    </div>
  );
}

interface RowProps {
  site: SiteView;
  approach: ConsolidationApproach;
  defaultRegion: string | null;
  onSaved: (site: SiteView) => void;
}

function SiteRow({ site, approach, defaultRegion, onSaved }: RowProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(site));
  const attributes = attributesOf(draft);
  const changed = attributes === null || differs(attributes, site);
  const save = useAction(async (change: Attributes) => {
    const saved = await api.call('boundary.setSite', { name: site.name, ...change });
    setDraft(draftOf(saved));
    onSaved(saved);
  });
  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const deciding = (column: DecidingColumn) => decidingClass(approach, column);
  const check = (key: 'operationalControl' | 'financialControl' | 'isDataCentre', label: string, className?: string) => (
    <td className={className ? `check ${className}` : 'check'}>
      <input type="checkbox" aria-label={`${label} of ${site.name}`} checked={draft[key]} onChange={(event) => edit(key, event.target.checked)} />
    </td>
  );
  const share = effectiveShare(site, site.configured, approach);
  const pending = attributes && changed ? effectiveShare(attributes, true, approach) : null;
  return (
    <tr data-site={site.name} className={changed ? 'edited' : undefined}>
      <th scope="row">{site.name}</th>
      <td className="status">
        {site.configured ? <span className="badge configured">Configured</span> : <span className="badge default-site">Default: counts in full</span>}
      </td>
      <td className="num">{formatNumber(site.records)}</td>
      <td className={deciding('ownership')}>
        <input
          type="number"
          className="percent-input"
          min="0"
          max="100"
          step="any"
          aria-label={`Ownership % of ${site.name}`}
          aria-invalid={attributes === null}
          value={draft.ownership}
          onChange={(event) => edit('ownership', event.target.value)}
        />
      </td>
      {check('operationalControl', 'Operational control', deciding('operational'))}
      {check('financialControl', 'Financial control', deciding('financial'))}
      {check('isDataCentre', 'Data centre')}
      <td>
        <input
          type="text"
          className="region-input"
          maxLength={40}
          aria-label={`Region of ${site.name}`}
          placeholder={defaultRegion ?? 'Default'}
          value={draft.region}
          onChange={(event) => edit('region', event.target.value)}
        />
      </td>
      <td className="num share" data-testid="effective-share">
        {formatPercent(share)}
        {pending !== null && pending !== share && <span className="pending-share">{formatPercent(pending)} once saved</span>}
      </td>
      <td className="row-actions">
        <button type="button" disabled={!changed || attributes === null || save.busy} onClick={() => attributes && void save.run(attributes)}>
          {save.busy ? 'Saving…' : 'Save'}
        </button>
        {attributes === null && <span className="error small">Ownership is 0–100%</span>}
        {save.error && <span role="alert" className="error small">{save.error}</span>}
      </td>
    </tr>
  );
}

/** The reporting boundary: each site's ownership, control, data-centre flag and grid region, and what share of it counts. */
export function BoundaryView({ engagement }: { engagement: EngagementSummary }) {
  const { consolidationApproach, defaultRegion } = engagement.settings;
  const [sites, setSites] = useState<readonly SiteView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('boundary.sites', {}).then(setSites, (caught: unknown) => setError(errorMessage(caught)));
  }, []);
  const replace = (saved: SiteView) => setSites((current) => current?.map((site) => (site.name === saved.name ? saved : site)) ?? null);
  const deciding = (column: DecidingColumn) => decidingClass(consolidationApproach, column);
  return (
    <>
      <h1>Boundary</h1>
      <ApproachNote engagement={engagement} />
      {error && <p role="alert" className="notice danger">{error}</p>}
      {sites?.length === 0 && <p className="card muted">No sites yet. Sites come from the site column of imported activity data.</p>}
      {sites && sites.length > 0 && (
        <div className="table-scroll">
          <table className="grid boundary" aria-label="Sites">
            <thead>
              <tr>
                <th>Site</th>
                <th>Status</th>
                <th className="num">Records</th>
                <th className={deciding('ownership')}>Ownership %</th>
                <th className={deciding('operational')}>Operational control</th>
                <th className={deciding('financial')}>Financial control</th>
                <th>Data centre</th>
                <th>Region</th>
                <th className="num">Effective share</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sites.map((site) => (
                <SiteRow key={site.name} site={site} approach={consolidationApproach} defaultRegion={defaultRegion} onSaved={replace} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
