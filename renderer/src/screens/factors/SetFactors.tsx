import { useEffect, useState } from 'react';
import type { FactorPage, FactorSetSummary } from '../../../../shared/contract';
import { editionLabel } from '../../../../shared/factors/labels';
import { api } from '../../api';
import { errorMessage, formatNumber, NO_VALUE } from '../../format';
import { usePanel } from '../../usePanel';
import { t } from '../../messages';

const PAGE = 100;

/** One factor set's factors, searched and paged in SQL; Escape closes it and focus moves into it when it opens. */
export function SetFactors({ set, onClose }: { set: FactorSetSummary; onClose: () => void }) {
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<FactorPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { headingProps, panelProps } = usePanel(onClose);
  useEffect(() => {
    api.call('factors.list', { factorSetId: set.id, text, offset, limit: PAGE }).then(setPage, (caught: unknown) => setError(errorMessage(caught)));
  }, [set.id, text, offset]);
  const last = page ? Math.min(offset + PAGE, page.total) : 0;
  return (
    <section
      id="set-factors"
      className="card set-factors"
      aria-labelledby="set-factors-heading"
      data-testid="set-factors"
      {...panelProps}
    >
      <div className="panel-head">
        <h2 id="set-factors-heading" {...headingProps}>
          {set.title} <span className="muted">({set.setKey}, {editionLabel(set.edition)})</span>
        </h2>
        <button type="button" onClick={onClose}>{t.setFactors.close}</button>
      </div>
      <div className="toolbar">
        <label className="inline">
          {t.setFactors.search}
          <input
            type="search"
            value={text}
            placeholder={t.setFactors.labelActivityUnitOrRegion}
            onChange={(event) => {
              setText(event.target.value);
              setOffset(0);
            }}
          />
        </label>
        <span className="muted small" role="status">{page ? t.setFactors.ofFactors(page.total === 0 ? 0 : offset + 1, last, formatNumber(page.total)) : t.setFactors.loading}</span>
        <span className="spacer" />
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t.setFactors.previous}</button>
        <button type="button" disabled={!page || last >= page.total} onClick={() => setOffset(offset + PAGE)}>{t.setFactors.next}</button>
      </div>
      {error && <p role="alert" className="notice danger">{error}</p>}
      {/* Focusable, so the keyboard can scroll it. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t.setFactors.factorsOfScrollable(set.setKey)}>
        <table className="grid compact" aria-label={t.setFactors.factorsOf(set.setKey)}>
          <thead>
            <tr>
              <th scope="col">{t.setFactors.factor}</th>
              <th scope="col">{t.setFactors.activity}</th>
              <th scope="col">{t.setFactors.unit}</th>
              <th scope="col">{t.setFactors.region}</th>
              <th scope="col">{t.setFactors.scope}</th>
              <th scope="col" className="num">{t.setFactors.kgCo2ePerUnit}</th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((factor) => (
              <tr key={factor.id} data-factor={factor.id}>
                <td>{factor.label}</td>
                <td>{factor.activityKey ? <code>{factor.activityKey}</code> : <span className="muted" title={t.setFactors.noActivityKeyNotUsed}>{NO_VALUE}</span>}</td>
                <td>{factor.unitText}</td>
                <td>{factor.region ?? NO_VALUE}</td>
                <td>{factor.scope ?? NO_VALUE}</td>
                <td className="num">{formatNumber(factor.co2ePerUnitKg)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
