import { useState } from 'react';
import type { FigureChangeView, InventorySummary } from '../../../shared/contract';
import { api } from '../api';
import { useAction } from '../useAction';
import { chronological, siteNames } from './inventory/figures';
import { FigureChanges } from './inventory/FigureChanges';
import { FindingsPanel } from './inventory/FindingsPanel';
import { LeadSchedule, type PickedFigure } from './inventory/LeadSchedule';
import { NoFactorsNotice } from './inventory/NoFactorsNotice';
import { SiteSelector } from './inventory/SiteSelector';
import { TracePanel } from './inventory/TracePanel';
import { useInventory } from './inventory/useInventory';

interface ScheduleProps {
  summary: InventorySummary;
  recalculating: boolean;
  onRecalculate: () => void;
}

function Schedule({ summary, recalculating, onRecalculate }: ScheduleProps) {
  const [site, setSite] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedFigure | null>(null);
  const periods = chronological(summary.periods);
  return (
    <>
      <div className="toolbar">
        <SiteSelector sites={siteNames(periods)} site={site} onChange={setSite} />
        <span className="muted small">Calculated on {summary.factorSets.join(', ')}</span>
        <span className="spacer" />
        <button type="button" onClick={onRecalculate} disabled={recalculating}>
          {recalculating ? 'Recalculating…' : 'Recalculate on newest factors'}
        </button>
      </div>
      {periods.length === 0 ? (
        <p className="card muted">No activity records yet. Import a company’s activity data to calculate its inventory.</p>
      ) : (
        <LeadSchedule periods={periods} site={site} picked={picked} onPick={setPicked} />
      )}
      {picked && <TracePanel figure={picked} site={site} calculation={summary} onClose={() => setPicked(null)} />}
      <FindingsPanel findings={summary.findings} />
    </>
  );
}

/** The lead schedule of the inventory, each figure traceable to its source rows. */
export function InventoryView() {
  const { state, reload } = useInventory();
  const [changes, setChanges] = useState<readonly FigureChangeView[] | null>(null);
  const showRecalculation = async (recalculated: readonly FigureChangeView[]) => {
    setChanges(recalculated);
    await reload();
  };
  const recalculate = useAction(async () => showRecalculation(await api.call('inventory.recalculate', {})));
  return (
    <div className="inventory">
      <h1>Inventory</h1>
      <p className="muted">Scope 1, 2 and 3 per fiscal year in tCO2e, on the frozen factor versions. Click a figure to trace it to its source rows.</p>
      {state.status === 'loading' && <p className="muted">Calculating…</p>}
      {state.status === 'failed' && <p role="alert" className="notice danger">{state.message}</p>}
      {state.status === 'no-factors' && <NoFactorsNotice onRecalculated={showRecalculation} />}
      {recalculate.error && <p role="alert" className="notice danger">{recalculate.error}</p>}
      {changes && <FigureChanges changes={changes} />}
      {state.status === 'ready' && <Schedule summary={state.summary} recalculating={recalculate.busy} onRecalculate={() => void recalculate.run()} />}
    </div>
  );
}
