import { useState } from 'react';
import type { FigureChangeView, InventoryResults } from '../../../shared/contract';
import { api } from '../api';
import { formatTimestamp } from '../format';
import { changedInputs } from '../labels';
import { useAction } from '../useAction';
import { chronological, siteNames } from './inventory/figures';
import { FigureChanges } from './inventory/FigureChanges';
import { FindingsPanel } from './inventory/FindingsPanel';
import { LeadSchedule, type PickedFigure } from './inventory/LeadSchedule';
import { NoFactorsNotice } from './inventory/NoFactorsNotice';
import { SiteSelector } from './inventory/SiteSelector';
import { TracePanel } from './inventory/TracePanel';
import { useInventory } from './inventory/useInventory';
import { t } from '../../../shared/messages';

interface ScheduleProps {
  results: InventoryResults;
  recalculating: boolean;
  onRecalculate: () => void;
}

function Schedule({ results, recalculating, onRecalculate }: ScheduleProps) {
  const [site, setSite] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedFigure | null>(null);
  const periods = chronological(results.periods);
  const calculation = results.status.state === 'none' ? '' : results.status.inputsSha256;
  return (
    <>
      <div className="toolbar">
        <SiteSelector sites={siteNames(periods)} site={site} onChange={setSite} />
        <span className="muted small">{t.inventoryView.calculatedOn(results.factorSets.join(', '))}</span>
        <span className="spacer" />
        <button type="button" onClick={onRecalculate} disabled={recalculating}>
          {recalculating ? t.inventoryView.recalculating : t.inventoryView.recalculateOnNewestFactors}
        </button>
      </div>
      {periods.length === 0 ? (
        <p className="card muted">{t.inventoryView.noActivityRecordsYetImport}</p>
      ) : (
        <div className={results.status.state === 'stale' ? 'out-of-date' : undefined}>
          <LeadSchedule periods={periods} site={site} picked={picked} onPick={setPicked} />
        </div>
      )}
      {picked && <TracePanel figure={picked} site={site} calculation={calculation} onClose={() => setPicked(null)} />}
      <FindingsPanel findings={results.findings} calculation={calculation} />
    </>
  );
}

/** Whether the figures below are there and current; the explicit calculation that stores them. */
function ResultsStatusBar({ results, calculating, onCalculate }: { results: InventoryResults; calculating: boolean; onCalculate: () => void }) {
  const { status } = results;
  const button = (
    <button type="button" className={status.state === 'current' ? undefined : 'primary'} onClick={onCalculate} disabled={calculating}>
      {calculating ? t.inventoryView.calculating : status.state === 'none' ? t.inventoryView.calculate : t.inventoryView.recalculate}
    </button>
  );
  if (status.state === 'current') {
    return (
      <p className="muted small results-status" data-testid="results-status">
        {t.inventoryView.calculatedByNothingItDepends(formatTimestamp(status.calculatedAt), status.calculatedBy)}
      </p>
    );
  }
  return (
    <div className={`notice ${status.state === 'stale' ? 'warning' : ''} call-to-action`} role={status.state === 'stale' ? 'alert' : 'status'} data-testid="results-status">
      <p>
        {status.state === 'stale'
          ? <><strong>{t.resultsStatus.outOfDateSentence(changedInputs(status.changed))}.</strong> {t.inventoryView.theFiguresBelowWereCalculated(formatTimestamp(status.calculatedAt))}</>
          : t.inventoryView.notCalculatedYetCalculatingFreezes}
      </p>
      {button}
    </div>
  );
}

/** The lead schedule of the inventory, each figure traceable to its source rows. */
export function InventoryView() {
  const { state, reload, calculate } = useInventory();
  const [changes, setChanges] = useState<readonly FigureChangeView[] | null>(null);
  const calculation = useAction(calculate);
  const recalculate = useAction(async () => {
    setChanges(await api.call('inventory.recalculate', {}));
    await reload();
  });
  const results = state.status === 'ready' ? state.results : null;
  return (
    <div className="inventory">
      <h1>{t.inventoryView.inventory}</h1>
      <p className="muted">{t.inventoryView.scope12And3}</p>
      {state.status === 'loading' && <p className="muted">{t.inventoryView.readingTheStoredResults}</p>}
      {state.status === 'failed' && <p role="alert" className="notice danger">{state.message}</p>}
      {results && !results.factorsLoaded && <NoFactorsNotice onLoaded={reload} />}
      {results && results.factorsLoaded && <ResultsStatusBar results={results} calculating={calculation.busy} onCalculate={() => void calculation.run()} />}
      {calculation.error && <p role="alert" className="notice danger">{calculation.error}</p>}
      {recalculate.error && <p role="alert" className="notice danger">{recalculate.error}</p>}
      {changes && <FigureChanges changes={changes} />}
      {results && results.status.state !== 'none' && <Schedule results={results} recalculating={recalculate.busy} onRecalculate={() => void recalculate.run()} />}
    </div>
  );
}
