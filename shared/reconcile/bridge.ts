/**
 * The variance bridge: a figure's change from one fiscal year to another, decomposed by site or by
 * activity, each line into a volume effect and a factor effect.
 *
 * It works on cells, each one site's one activity (in one unit, on one basis) in each year: a
 * quantity and its tCO2e, as result lines or a database's aggregates give them. For a cell with
 * quantity q0 → q1 and tCO2e t0 → t1:
 *   volume effect = (q1 − q0) × t0 / q0   (the change had tCO2e per unit stayed as it was)
 *   factor effect = (t1 − t0) − volume    (tCO2e per unit: emission factor, instrument cover, boundary share)
 * A cell new in the later year (q0 = 0) or gone from it is all volume. A site's or an activity's
 * effects are the sums of its cells'.
 *
 * Everything is computed in exact rationals, so volume + factor is the change of every cell,
 * line and total. The numbers handed out are doubles on one grid, a power of two (`grid`, the
 * unit in the last place of the largest sum the bridge can form): on a grid every sum and
 * difference is exact in any order, so lines add up to the totals and volume + factor to the
 * change, to the last bit. The totals are the figures rounded to the grid (within half a step).
 */
import { activityByKey } from '../activities';
import type { ResultLine } from '../calc/inventory-types';
import { absoluteRational, addRationals, compareRationals, divideRationals, multiplyRationals, rational, rationalToNumber, shortestDecimalRational, subtractRationals, ZERO, type Rational } from '../calc/rational';
import { ulp } from '../calc/sum';
import { inBaseUnit } from '../calc/units';
import type { EmissionFigure } from '../figures';

/** One site's one activity in one fiscal year. */
export interface BridgeCell {
  readonly site: string | null;
  readonly activity: string;
  /** The unit the quantity is in (a dimension's base unit when taken from result lines). */
  readonly unit: string;
  readonly basis: string;
  readonly fiscalYear: string;
  readonly quantity: number;
  readonly tco2e: number;
}

export type BridgeDimension = 'site' | 'activity';

export interface BridgeLine {
  /** The site's name or the activity's key; null for records without a site. */
  readonly key: string | null;
  readonly label: string;
  readonly fromTco2e: number;
  readonly toTco2e: number;
  readonly change: number;
  readonly volume: number;
  readonly factor: number;
}

export interface VarianceBridge {
  readonly from: string;
  readonly to: string;
  readonly by: BridgeDimension;
  readonly fromTco2e: number;
  readonly toTco2e: number;
  readonly change: number;
  /** The change as a percentage of the earlier year; null when that is 0. */
  readonly changePct: number | null;
  readonly volume: number;
  readonly factor: number;
  /** Largest change first. */
  readonly lines: readonly BridgeLine[];
  /** The step every number is a multiple of. */
  readonly grid: number;
}

/** The cells of a figure from result lines: its bases (and Scope 3 category), optionally one site, in two fiscal years. */
export function bridgeCells(lines: readonly ResultLine[], figure: EmissionFigure, years: readonly string[], site?: string | null): BridgeCell[] {
  const { bases, category } = figure.sums;
  const cells = new Map<string, { cell: Omit<BridgeCell, 'quantity' | 'tco2e'>; quantity: Rational; tco2e: Rational }>();
  for (const line of lines) {
    if (!years.includes(line.fiscalYear) || !bases.includes(line.basis)) continue;
    if (category !== undefined && line.scope3Category !== category) continue;
    if (site !== undefined && line.site !== site) continue;
    const base = inBaseUnit(shortestDecimalRational(line.quantity), line.unit) ?? { quantity: shortestDecimalRational(line.quantity), unit: line.unit };
    const key = JSON.stringify([line.site, line.activity, base.unit, line.basis, line.fiscalYear]);
    const known = cells.get(key) ?? { cell: { site: line.site, activity: line.activity, unit: base.unit, basis: line.basis, fiscalYear: line.fiscalYear }, quantity: ZERO, tco2e: ZERO };
    cells.set(key, { ...known, quantity: addRationals(known.quantity, base.quantity), tco2e: addRationals(known.tco2e, shortestDecimalRational(line.tco2e)) });
  }
  return [...cells.values()].map(({ cell, quantity, tco2e }) => ({ ...cell, quantity: rationalToNumber(quantity), tco2e: rationalToNumber(tco2e) }));
}

interface ExactLine {
  readonly key: string | null;
  from: Rational;
  to: Rational;
  volume: Rational;
}

/** The exact value of a power of two given as a double. */
function exactPowerOfTwo(step: number): Rational {
  const exponent = Math.round(Math.log2(step));
  return exponent >= 0 ? rational(2n ** BigInt(exponent)) : rational(1n, 2n ** BigInt(-exponent));
}

/** The multiple of `step` nearest to value (ties away from zero), as a double. */
function onGrid(value: Rational, step: Rational): number {
  const scaled = divideRationals(value, step);
  const magnitude = absoluteRational(scaled);
  const whole = (2n * magnitude.num + magnitude.den) / (2n * magnitude.den);
  return rationalToNumber(multiplyRationals(rational(scaled.num < 0n ? -whole : whole), step));
}

/** Parts on the grid that add up exactly to the total on the grid: the largest part takes the remainder. */
function partsOnGrid(parts: readonly Rational[], total: Rational, step: Rational): number[] {
  const rounded = parts.map((part) => onGrid(part, step));
  if (parts.length === 0) return rounded;
  let largest = 0;
  parts.forEach((part, index) => {
    if (compareRationals(absoluteRational(part), absoluteRational(parts[largest]!)) > 0) largest = index;
  });
  const others = rounded.reduce((sum, value, index) => (index === largest ? sum : addRationals(sum, exactDyadic(value))), ZERO);
  rounded[largest] = rationalToNumber(subtractRationals(exactDyadic(onGrid(total, step)), others));
  return rounded;
}

/** A double on the grid as its exact rational (a dyadic number, so no decimal text stands in for it). */
function exactDyadic(value: number): Rational {
  if (value === 0) return ZERO;
  let scale = 0n;
  let scaled = value;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    scale += 1n;
  }
  return rational(BigInt(scaled), 2n ** scale);
}

function labelOf(by: BridgeDimension, key: string | null): string {
  if (by === 'site') return key ?? '(no site)';
  return key === null ? '(no activity)' : activityByKey(key)?.label ?? key;
}

export function varianceBridge(cells: readonly BridgeCell[], options: { readonly from: string; readonly to: string; readonly by: BridgeDimension }): VarianceBridge {
  const { from, to, by } = options;
  // Each cell across the two years.
  const pairs = new Map<string, { cell: BridgeCell; q0: Rational; t0: Rational; q1: Rational; t1: Rational }>();
  for (const cell of cells) {
    if (cell.fiscalYear !== from && cell.fiscalYear !== to) continue;
    const key = JSON.stringify([cell.site, cell.activity, cell.unit, cell.basis]);
    const pair = pairs.get(key) ?? { cell, q0: ZERO, t0: ZERO, q1: ZERO, t1: ZERO };
    const [quantity, tco2e] = [shortestDecimalRational(cell.quantity), shortestDecimalRational(cell.tco2e)];
    if (cell.fiscalYear === from) pairs.set(key, { ...pair, q0: addRationals(pair.q0, quantity), t0: addRationals(pair.t0, tco2e) });
    else pairs.set(key, { ...pair, q1: addRationals(pair.q1, quantity), t1: addRationals(pair.t1, tco2e) });
  }
  const lines = new Map<string, ExactLine>();
  for (const { cell, q0, t0, q1, t1 } of pairs.values()) {
    const change = subtractRationals(t1, t0);
    const volume = q0.num === 0n || q1.num === 0n ? change : multiplyRationals(subtractRationals(q1, q0), divideRationals(t0, q0));
    const key = by === 'site' ? cell.site : cell.activity;
    const id = JSON.stringify(key);
    const line = lines.get(id) ?? { key, from: ZERO, to: ZERO, volume: ZERO };
    lines.set(id, { key, from: addRationals(line.from, t0), to: addRationals(line.to, t1), volume: addRationals(line.volume, volume) });
  }
  const exactLines = [...lines.values()].sort((a, b) => {
    const bySize = compareRationals(absoluteRational(subtractRationals(b.to, b.from)), absoluteRational(subtractRationals(a.to, a.from)));
    return bySize !== 0 ? bySize : (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0;
  });
  const sum = (pick: (line: ExactLine) => Rational) => exactLines.reduce((total, line) => addRationals(total, pick(line)), ZERO);
  const fromTotal = sum((line) => line.from);
  const toTotal = sum((line) => line.to);

  // Every sum the bridge can form is at most this; its unit in the last place is the grid.
  const bound = exactLines.reduce(
    (total, line) => addRationals(total, addRationals(absoluteRational(line.volume), addRationals(absoluteRational(subtractRationals(subtractRationals(line.to, line.from), line.volume)), addRationals(absoluteRational(line.from), absoluteRational(line.to))))),
    addRationals(absoluteRational(fromTotal), absoluteRational(toTotal)),
  );
  const grid = 2 * ulp(rationalToNumber(bound));
  const step = exactPowerOfTwo(grid);
  const fromParts = partsOnGrid(exactLines.map((line) => line.from), fromTotal, step);
  const toParts = partsOnGrid(exactLines.map((line) => line.to), toTotal, step);
  const out = exactLines.map((line, index): BridgeLine => {
    const change = toParts[index]! - fromParts[index]!;
    const volume = onGrid(line.volume, step);
    return { key: line.key, label: labelOf(by, line.key), fromTco2e: fromParts[index]!, toTco2e: toParts[index]!, change, volume, factor: change - volume };
  });
  const fromTco2e = onGrid(fromTotal, step);
  const toTco2e = onGrid(toTotal, step);
  const change = toTco2e - fromTco2e;
  const volume = out.reduce((total, line) => total + line.volume, 0);
  return {
    from,
    to,
    by,
    fromTco2e,
    toTco2e,
    change,
    changePct: fromTotal.num === 0n ? null : rationalToNumber(multiplyRationals(divideRationals(subtractRationals(toTotal, fromTotal), absoluteRational(fromTotal)), rational(100n))),
    volume,
    factor: change - volume,
    lines: out,
    grid,
  };
}

/** A bridge of one figure, optionally one site's part of it, on the figures as imported or as corrected. */
export interface FigureBridge extends VarianceBridge {
  readonly figure: string;
  readonly figureLabel: string;
  readonly site: string | null;
  readonly variant: 'corrected' | 'uncorrected';
}

export const BRIDGE_JSON_VERSION = 1;

/** The document `carbon-audit bridge --json` prints (docs/reconcile-json.md). */
export function toBridgeJson(bridge: FigureBridge) {
  return {
    version: BRIDGE_JSON_VERSION,
    figure: bridge.figure,
    site: bridge.site,
    variant: bridge.variant,
    from: bridge.from,
    to: bridge.to,
    by: bridge.by,
    from_tco2e: bridge.fromTco2e,
    to_tco2e: bridge.toTco2e,
    change_tco2e: bridge.change,
    change_pct: bridge.changePct,
    volume_tco2e: bridge.volume,
    factor_tco2e: bridge.factor,
    grid_tco2e: bridge.grid,
    lines: bridge.lines.map((line) => ({
      key: line.key,
      label: line.label,
      from_tco2e: line.fromTco2e,
      to_tco2e: line.toTco2e,
      change_tco2e: line.change,
      volume_tco2e: line.volume,
      factor_tco2e: line.factor,
    })),
  };
}
