/**
 * Calculates an engagement's inventory off the main thread (a large engagement takes minutes),
 * on its own database connection. Only what the caller asked for crosses back.
 */
import type { FigureChangeView, InventorySummary } from '../../../shared/contract';
import { connectToCheckedDatabase } from '../db/connection';
import { Engagement } from '../engagement/handle';
import { calculate, frozenFactorSetIds, recalculate } from './calculate';
import { listFactorSets } from './factor-sets';
import { traceFigure, type FigureTrace } from './trace';
import { serveWorker } from '../workers/serve';

interface Connection {
  readonly engagementPath: string;
  readonly nativeBinding?: string;
  readonly actor: string;
}

export type CalcWorkerData =
  | (Connection & { readonly op: 'calculate' })
  | (Connection & { readonly op: 'recalculate' })
  | (Connection & { readonly op: 'trace'; readonly figure: string; readonly site?: string });

export type CalcWorkerResult =
  | { readonly op: 'calculate'; readonly summary: InventorySummary }
  | { readonly op: 'recalculate'; readonly changes: readonly FigureChangeView[] }
  | { readonly op: 'trace'; readonly trace: FigureTrace };

serveWorker<CalcWorkerData, CalcWorkerResult, never>(async (data) => {
  const engagement = Engagement.attach(connectToCheckedDatabase(data.engagementPath, { nativeBinding: data.nativeBinding }), data.engagementPath, data.actor);
  try {
    switch (data.op) {
      case 'calculate': {
        const result = calculate(engagement);
        const frozen = new Set(frozenFactorSetIds(engagement));
        const factorSets = listFactorSets(engagement).filter((set) => frozen.has(set.id)).map((set) => `${set.setKey} ${set.edition}`);
        return { op: 'calculate', summary: { periods: result.periods, findings: result.findings, factorSets } };
      }
      case 'recalculate':
        return { op: 'recalculate', changes: recalculate(engagement).changes };
      case 'trace':
        return { op: 'trace', trace: traceFigure(engagement, data.figure, data.site) };
    }
  } finally {
    engagement.close();
  }
});
