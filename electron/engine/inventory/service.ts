/**
 * The inventory feature: the calculation, streamed and stored per variant (on a worker thread);
 * the stored results read back (figures with whether they are out of date, findings page by
 * page, a figure's lines page by page, every line for export); recalculation on the newest
 * factor versions; and the reporting boundary. The only entry the API handlers, the CLI and the
 * other features use. Reading never calculates, and only an explicit calculation freezes factor
 * versions.
 */
import { calculateInventory as calculateFromInput, type InventoryInput, type InventoryResult } from '../../../shared/calc/inventory';
import type { FigureChangeView, InventoryResults } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';
import { startCalcJob, type CalcConnection } from './calc-job';
import { calculate, inputInMemory } from './calculate';
import { AS_IMPORTED, type CalculationVariant } from './inputs';
import { inventoryResults } from './results';
import { fiscalMonths, profileSeries, type MonthlyProfile } from '../../../shared/calc/monthly-profile';
import { EngineError } from '../errors';
import { selectProfileReadings, selectRecordActivities, selectRecordSpan } from './store';

export { listSites, setSite, type SiteChange } from './boundary';
export { AS_IMPORTED, VARIANTS, type CalculationVariant } from './inputs';
export { inventoryResults, listFindings, storedFindings, storedRecordFindings, storedResultLines, type FindingsQuery, type StoredFindings, type StoredResultLines } from './results';
/**
 * The explicit calculation on the caller's thread, for another feature's own worker (the export):
 * stores the results, or keeps the stored ones when nothing they depend on changed.
 */
export { calculate as calculateHere } from './calculate';
/** The inventory in memory on the frozen (or, before any freeze, the newest) factor versions, changing nothing: for the review. */
export { calculateAsItStands } from './calculate';
export type { StoredLineRow } from './results-store';
export { traceBreakdown, traceFigure } from './trace';

/**
 * One activity's monthly profile from the records as stored (the most recorded activity unless
 * named): each site's quantity per month of the engagement's fiscal years, a missing month a gap.
 */
export function monthlyProfile(engagement: Engagement, activity?: string): MonthlyProfile {
  const activities = selectRecordActivities(engagement.reader);
  const span = selectRecordSpan(engagement.reader);
  const shown = activity ?? activities[0]?.key ?? null;
  if (shown !== null && !activities.some((candidate) => candidate.key === shown)) throw new EngineError('not-found', `No records of activity '${shown}' in this engagement`);
  if (shown === null || span === null) return { activities, activity: null, months: [], series: [], omittedSeries: 0 };
  const settings = engagement.settings();
  const months = fiscalMonths(span.first, span.last, { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule });
  const { series, omitted } = profileSeries(selectProfileReadings(engagement.reader, shown), months);
  return { activities, activity: shown, months, series, omittedSeries: omitted };
}

function connection(engagement: Engagement, variant: CalculationVariant): CalcConnection {
  return { engagementPath: engagement.filePath, actor: engagement.actor, nativeBinding: engagement.context.nativeBinding, variant: variant.name };
}

/**
 * Calculates on the frozen factor versions (freezing the newest of each set first, if none are)
 * and stores the results, or keeps the stored ones when nothing they depend on changed.
 */
export async function calculateInventory(engagement: Engagement, variant: CalculationVariant = AS_IMPORTED): Promise<InventoryResults> {
  return (await startCalcJob({ op: 'calculate', ...connection(engagement, variant) }).result).results;
}

/** Re-freezes on the newest factor versions, stores the results and returns every figure that moved (logged). */
export async function recalculateInventory(engagement: Engagement, variant: CalculationVariant = AS_IMPORTED): Promise<readonly FigureChangeView[]> {
  return (await startCalcJob({ op: 'recalculate', ...connection(engagement, variant) }).result).changes;
}

export interface InventoryVariants {
  /** The records as imported, the frozen factors, the boundary and settings. */
  readonly input: InventoryInput;
  readonly uncorrected: InventoryResult;
  readonly correctedInput: InventoryInput;
  readonly corrected: InventoryResult;
}

/**
 * For another feature's worker (reconciliation): the inventory as imported, its figures read from
 * the stored calculation (calculated and stored first unless current), and as `correct`
 * (adjustments, a pure function of the input and the uncorrected result) changes its input. The
 * lines both need (bridge, adjustments) are calculated in memory from the same input; the
 * uncorrected figures never see the correction.
 */
export async function calculateVariants(engagement: Engagement, correct: (input: InventoryInput, uncorrected: InventoryResult) => InventoryInput): Promise<InventoryVariants> {
  await calculate(engagement);
  const input = inputInMemory(engagement);
  const uncorrected = { ...calculateFromInput(input), periods: inventoryResults(engagement).periods };
  const correctedInput = correct(input, uncorrected);
  // A correction that changes nothing hands back its input: the same figures, calculated once.
  return { input, uncorrected, correctedInput, corrected: correctedInput === input ? uncorrected : calculateFromInput(correctedInput) };
}
