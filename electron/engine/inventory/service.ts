/**
 * The inventory feature: calculation on the frozen factor versions, recalculation on the newest,
 * a figure's trace down to its source rows, and the reporting boundary. Calculations run on a
 * worker thread (a large engagement takes minutes). The only entry the API handlers and the CLI use.
 */
import type { FigureTrace } from '../../../shared/calc/trace';
import type { FigureChangeView, InventorySummary } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';
import { startCalcJob, type CalcConnection } from './calc-job';

export { listSites, setSite, type SiteChange } from './boundary';

/**
 * The whole result, every line with its lineage, calculated on this thread: for another feature's
 * own worker (the export), never for the engine host's thread. Freezes the factor versions first
 * if none are frozen, as every calculation does.
 */
export { calculate as calculateWithLines, calculateAsItStands } from './calculate';

function connection(engagement: Engagement): CalcConnection {
  return { engagementPath: engagement.filePath, actor: engagement.actor, nativeBinding: engagement.context.nativeBinding };
}

/** Every figure per fiscal year and site, with findings, on the frozen factor versions (frozen first, if none are). */
export async function calculateInventory(engagement: Engagement): Promise<InventorySummary> {
  return (await startCalcJob({ op: 'calculate', ...connection(engagement) }).result).summary;
}

/** Re-freezes on the newest factor versions and returns every figure that moved (logged). */
export async function recalculateInventory(engagement: Engagement): Promise<readonly FigureChangeView[]> {
  return (await startCalcJob({ op: 'recalculate', ...connection(engagement) }).result).changes;
}

/** A figure's lineage, e.g. 'FY2023.scope2_market', optionally one site's part of it. */
export async function traceFigure(engagement: Engagement, figure: string, site?: string): Promise<FigureTrace> {
  return (await startCalcJob({ op: 'trace', figure, site, ...connection(engagement) }).result).trace;
}
