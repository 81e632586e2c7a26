import { t } from '../../../../shared/messages';
interface Props {
  sites: readonly string[];
  /** Null for all sites. */
  site: string | null;
  onChange: (site: string | null) => void;
}

/** The whole entity or one site. */
export function SiteSelector({ sites, site, onChange }: Props) {
  return (
    <label className="inline">
      {t.siteSelector.site}
      <select value={site ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}>
        <option value="">{t.siteSelector.allSites}</option>
        {sites.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
    </label>
  );
}
