import { useEffect, useState } from 'react';
import type { FactorSetSummary } from '../../../shared/contract';
import { api } from '../api';
import { ShortHash } from '../components/ShortHash';
import { errorMessage, formatNumber, formatTimestamp, NO_VALUE } from '../format';
import { useAction } from '../useAction';
import { SetFactors } from './factors/SetFactors';
import { editionLabel, validityLabel } from '../../../shared/factors/labels';

const COLUMNS = 11;

const ORIGIN_LABELS: Readonly<Record<FactorSetSummary['origin'], string>> = { library: 'Library', import: 'Import' };

function FactorSetRows({ set, open, onOpen }: { set: FactorSetSummary; open: boolean; onOpen: () => void }) {
  const [loadedOn, loadedAt] = formatTimestamp(set.loadedAt).split(' ');
  return (
    <>
      <tr data-set={set.setKey} className="factor-set">
        <td className="set-key">
          <code>{set.setKey}</code>
          {set.frozen && <span className="badge in-use">In use (frozen)</span>}
          <button type="button" className="link" aria-expanded={open} aria-controls="set-factors" onClick={onOpen}>
            {open ? 'Showing factors' : 'Show factors'}
          </button>
        </td>
        <td className="set-title">{set.title}</td>
        <td>{editionLabel(set.edition)}</td>
        <td className="publisher">{set.publisher}</td>
        <td>{set.region || NO_VALUE}</td>
        <td>{set.gwpBasis}</td>
        <td className="validity">{validityLabel(set.validFrom, set.validTo)}</td>
        <td className="num">{formatNumber(set.factors)}</td>
        <td>{ORIGIN_LABELS[set.origin]}</td>
        <td><ShortHash sha256={set.contentSha256} /></td>
        <td><span className="nowrap">{loadedOn}</span> <span className="nowrap">{loadedAt}</span></td>
      </tr>
      <tr className="set-terms">
        <td colSpan={COLUMNS}>
          <span className="muted">Attribution:</span> {set.attribution} <span className="muted">Licence:</span> {set.licence}
        </td>
      </tr>
    </>
  );
}

/** Every factor set version in the engagement; calculations use the frozen ones until recalculated. */
export function FactorLibraryView() {
  const [sets, setSets] = useState<readonly FactorSetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('factors.sets', {}).then(setSets, (caught: unknown) => setError(errorMessage(caught)));
  }, []);
  const load = useAction(async () => setSets(await api.call('factors.loadLibrary', {})));
  const [openSet, setOpenSet] = useState<FactorSetSummary | null>(null);
  return (
    <>
      <h1>Factor library</h1>
      <div className="toolbar">
        <p className="muted">
          Emission-factor sets, one row per version. Loading a newer version changes no figure until the inventory is recalculated on it.
        </p>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => void load.run()} disabled={load.busy}>
          {load.busy ? 'Loading…' : 'Load default library'}
        </button>
      </div>
      {(error ?? load.error) && <p role="alert" className="notice danger">{error ?? load.error}</p>}
      {sets?.length === 0 && <p className="card muted">No factor sets yet. Load the default library, or import a factor table under Import.</p>}
      {sets && sets.length > 0 && (
        <div className="table-scroll">
          <table className="grid factor-sets" aria-label="Factor sets">
            <thead>
              <tr>
                <th>Set</th>
                <th>Title</th>
                <th>Edition</th>
                <th>Publisher</th>
                <th>Region</th>
                <th>GWP basis</th>
                <th>Valid</th>
                <th className="num">Factors</th>
                <th>Origin</th>
                <th>Content SHA-256</th>
                <th>Loaded at (UTC)</th>
              </tr>
            </thead>
            {sets.map((set) => (
              <tbody key={set.id}>
                <FactorSetRows set={set} open={openSet?.id === set.id} onOpen={() => setOpenSet(set)} />
              </tbody>
            ))}
          </table>
        </div>
      )}
      {openSet && <SetFactors key={openSet.id} set={openSet} onClose={() => setOpenSet(null)} />}
    </>
  );
}
