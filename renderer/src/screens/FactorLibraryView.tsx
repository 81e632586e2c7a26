import { useEffect, useState } from 'react';
import type { FactorSetSummary } from '../../../shared/contract';
import { api } from '../api';
import { ShortHash } from '../components/ShortHash';
import { Timestamp } from '../components/Timestamp';
import { errorMessage, formatNumber, NO_VALUE } from '../format';
import { useAction } from '../useAction';
import { SetFactors } from './factors/SetFactors';
import { editionText, validityText } from './factors/setText';
import { t } from '../../../shared/messages';

const COLUMNS = 9;

const ORIGIN_LABELS: Readonly<Record<FactorSetSummary['origin'], string>> = { library: t.factorLibraryView.library, import: t.factorLibraryView.import };

function FactorSetRows({ set, open, onOpen }: { set: FactorSetSummary; open: boolean; onOpen: () => void }) {
  return (
    <>
      <tr data-set={set.setKey} className="factor-set">
        <td className="set-key">
          <code>{set.setKey}</code>
          {set.frozen && <span className="badge in-use">{t.factorLibraryView.inUseFrozen}</span>}
          <button type="button" className="link" aria-expanded={open} aria-controls="set-factors" onClick={onOpen}>
            {open ? t.factorLibraryView.showingFactors : t.factorLibraryView.showFactors}
          </button>
        </td>
        <td className="set-title">{set.title}</td>
        <td>{editionText(set.edition)}</td>
        <td className="publisher">{set.publisher}</td>
        <td>{set.region || NO_VALUE}</td>
        <td>{set.gwpBasis}</td>
        <td className="validity">{validityText(set.validFrom, set.validTo)}</td>
        <td className="num">{formatNumber(set.factors)}</td>
        <td>{ORIGIN_LABELS[set.origin]}</td>
      </tr>
      {/* The set's fingerprint and loading time under it, with its terms: nine columns fit a 1280 px window. */}
      <tr className="set-terms">
        <td colSpan={COLUMNS}>
          <span className="muted">{t.factorLibraryView.contentSha256}</span> <ShortHash sha256={set.contentSha256} /> <span className="muted">{t.factorLibraryView.loadedAtUtc}</span> <Timestamp iso={set.loadedAt} />{' · '}
          <span className="muted">{t.factorLibraryView.attribution}</span> {set.attribution} <span className="muted">{t.factorLibraryView.licence}</span> {set.licence}
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
      <h1>{t.factorLibraryView.factorLibrary}</h1>
      <div className="toolbar">
        <p className="muted">
          {t.factorLibraryView.emissionFactorSetsOneRow}
        </p>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => void load.run()} disabled={load.busy}>
          {load.busy ? t.factorLibraryView.loading : t.factorLibraryView.loadDefaultLibrary}
        </button>
      </div>
      {(error ?? load.error) && <p role="alert" className="notice danger">{error ?? load.error}</p>}
      {sets?.length === 0 && <p className="card muted">{t.factorLibraryView.noFactorSetsYetLoad}</p>}
      {sets && sets.length > 0 && (
        <div className="table-scroll">
          <table className="grid factor-sets" aria-label={t.factorLibraryView.factorSets}>
            <thead>
              <tr>
                <th>{t.factorLibraryView.set}</th>
                <th>{t.factorLibraryView.title}</th>
                <th>{t.factorLibraryView.edition}</th>
                <th>{t.factorLibraryView.publisher}</th>
                <th>{t.factorLibraryView.region}</th>
                <th>{t.factorLibraryView.gwpBasis}</th>
                <th>{t.factorLibraryView.valid}</th>
                <th className="num">{t.factorLibraryView.factors}</th>
                <th>{t.factorLibraryView.origin}</th>
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
