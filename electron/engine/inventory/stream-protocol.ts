/**
 * Messages between a calculation's writer (calculate.ts, which owns the write transaction) and
 * its stream worker (stream-worker.ts, which reads the records on a read-only connection and
 * prices them): lines travel in batches of typed arrays, each batch acknowledged, so the
 * reader stays at most a few batches ahead and memory stays flat.
 */
import type { CalcFactor, CalcSettings, Finding, LineBasis, LinePricing, PeriodResult, SiteInfo } from '../../../shared/calc/inventory';
import type { ConnectionOptions } from '../db/read-only';

export const LINES_PER_BATCH = 4096;
export const MAX_BATCHES_IN_FLIGHT = 4;

/** Lines as columns: line i is the i-th entry of each array. */
export interface LineBatch {
  readonly count: number;
  readonly recordIds: Float64Array;
  readonly groupIds: Int32Array;
  readonly pricingIds: Int32Array;
  readonly quantities: Float64Array;
  /** The charged quantity of lines charged a matched fraction; NaN for the others (it is their converted quantity). */
  readonly charged: Float64Array;
  readonly tco2e: Float64Array;
  /** [line index, JSON of its per-gas tCO2e] for the lines charged a matched fraction. */
  readonly gases: readonly (readonly [number, string])[];
}

export interface StreamRequest extends ConnectionOptions {
  readonly engagementPath: string;
  /** The variant's records (see CalculationVariant.records). */
  readonly records: string;
  readonly factors: readonly CalcFactor[];
  readonly sites: readonly SiteInfo[];
  readonly settings: CalcSettings;
  /** False: only the figures are wanted (no lines or findings are sent). */
  readonly lines: boolean;
}

/** A group of lines as the stream worker numbered it, with its exact sum. */
export interface GroupDefinition {
  readonly id: number;
  readonly fiscalYear: string;
  readonly basis: LineBasis;
  readonly scope3Category: number | null;
  readonly site: string | null;
  readonly activity: string;
  readonly share: number;
  /** Exact, as rationalToText writes it. */
  readonly shareExact: string;
  readonly lines: number;
  readonly tco2e: number;
  readonly exactParts: readonly number[];
}

export type StreamMessage =
  | { readonly type: 'batch'; readonly lines: LineBatch; readonly findings: readonly Finding[] }
  | {
      readonly type: 'done';
      readonly periods: readonly PeriodResult[];
      readonly groups: readonly GroupDefinition[];
      readonly pricings: readonly (readonly [number, LinePricing])[];
    }
  | { readonly type: 'failed'; readonly message: string };

export type StreamCommand = { readonly type: 'ack' } | { readonly type: 'cancel' };
