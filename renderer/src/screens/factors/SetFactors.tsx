import type { FactorSetSummary } from '../../../../shared/contract';
import { editionText } from './setText';
import { PagedTable } from '../../components/PagedTable';
import { usePanel } from '../../usePanel';
import { t } from '../../../../shared/messages';

/** One factor set's factors, searched, sorted and paged in SQL; Escape closes it and focus moves into it when it opens. */
export function SetFactors({ set, onClose }: { set: FactorSetSummary; onClose: () => void }) {
  const { headingProps, panelProps } = usePanel(onClose);
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
          {set.title} <span className="muted">({set.setKey}, {editionText(set.edition)})</span>
        </h2>
        <button type="button" onClick={onClose}>{t.setFactors.close}</button>
      </div>
      <PagedTable
        label={t.setFactors.factorsOf(set.setKey)}
        table="factors"
        filters={{ factorSetId: set.id }}
        searchPlaceholder={t.setFactors.labelActivityUnitOrRegion}
        rowData={(row) => ({ 'data-factor': String(row.key) })}
        opensSourceRows
        rowNoun={t.setFactors.factorNoun}
      />
    </section>
  );
}
