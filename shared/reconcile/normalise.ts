/**
 * A reported value in its figure's unit, exactly: ktCO2e, MtCO2e and kgCO2e to tCO2e, a percentage
 * (stored by import as its fraction) to the fraction a share is, a PUE as the plain ratio it is, an
 * intensity per £m to tCO2e per £. With it, the precision the company reported to (half a unit of
 * its last digit, in the figure's unit), which decides whether a figure agrees. A unit that does not
 * fit the figure is a reason, never a guess.
 */
import { decimalRational, divideRationals, multiplyRationals, rational, ratioFromText, shortestDecimalRational, type Rational } from '../calc/rational';
import { conversionFactor, parseUnit, unitById } from '../calc/units';
import type { Figure } from '../figures';
import { isPercentUnit, type PercentEvidence } from '../import/values';
import { parseIntensityUnit } from './match';

export interface ReportedValue {
  readonly value: number;
  readonly unit: string | null;
  readonly percent: PercentEvidence | null;
  /** Decimal places the company showed (in percent points for a percentage); when absent, the value's own digits. */
  readonly decimals?: number | null;
}

export type Normalised =
  | {
      readonly ok: true;
      /** The reported value in the figure's unit, exactly. */
      readonly value: Rational;
      /** Half a unit of the last digit the company reported, in the figure's unit. */
      readonly halfUnit: Rational;
    }
  | { readonly ok: false; readonly reason: string };

/** Units a ratio may be given in: none, or words for a plain ratio. */
const RATIO_UNITS = /^(?:ratio|x|×|pue|times|-)?$/i;
/** Units a share may be given in without a percent sign. */
const FRACTION_UNITS = /^(?:fraction|share|ratio|proportion)?$/i;

/** The unit a figure's values are in, as reconciliation reports them. */
export function figureUnit(figure: Figure): string {
  switch (figure.kind) {
    case 'tco2e':
      return 'tCO2e';
    case 'ratio':
      return 'ratio';
    case 'fraction':
      return 'fraction';
    case 'intensity':
      return `tCO2e/${figure.divides.denominator.unit}`;
  }
}

/** Decimal places of a decimal number: 6785.6 → 1, 1.215 → 3, 7000 → 0. */
function decimalsOf(value: Rational): number {
  let places = 0;
  while ((10n ** BigInt(places)) % value.den !== 0n) places++;
  return places;
}

/** Half a unit of the last digit shown: 0.05 for 6785.6; the decimals the company showed when known, else the value's own. */
function halfUnitOf(written: Rational, decimals: number | null | undefined): Rational {
  return rational(5n, 10n ** BigInt((decimals ?? decimalsOf(written)) + 1));
}

const HUNDRED = decimalRational('100');
const ONE_RATIONAL = rational(1n);

/**
 * A value import stored as the fraction of a percentage: the fraction, and half a unit of the
 * last digit of the percent points the company wrote (their digits set the precision).
 */
export function percentOfReported(reported: ReportedValue): { readonly value: Rational; readonly halfUnit: Rational } {
  const value = shortestDecimalRational(reported.value);
  const points = multiplyRationals(value, HUNDRED);
  return { value, halfUnit: divideRationals(halfUnitOf(points, reported.decimals), HUNDRED) };
}

export function normaliseReported(reported: ReportedValue, figure: Figure): Normalised {
  const { unit } = reported;
  const unitText = unit?.trim() ?? '';
  const value = shortestDecimalRational(reported.value);
  const scaled = (scale: Rational): Normalised => ({ ok: true, value: multiplyRationals(value, scale), halfUnit: multiplyRationals(halfUnitOf(value, reported.decimals), scale) });
  const percentUnit = isPercentUnit(unit);
  if (percentUnit && reported.percent === null) {
    return { ok: false, reason: `${reported.value} beside '${unit}' was imported before percentages were read as fractions, and could be a fraction or percent points: import the claim again` };
  }
  if (reported.percent !== null && figure.kind !== 'fraction') {
    return { ok: false, reason: `a percentage cannot be ${figure.label}, which is ${figure.kind === 'ratio' ? 'a ratio' : `in ${figureUnit(figure)}`}` };
  }
  switch (figure.kind) {
    case 'tco2e': {
      if (unitText === '') return { ok: false, reason: `no unit given: ${figure.label} is in tCO2e (or kg, kt, Mt CO2e)` };
      const parsed = parseUnit(unitText);
      if (!parsed.ok) return { ok: false, reason: `unit '${unitText}': ${parsed.reason}` };
      if (parsed.unit.dimension !== 'emissions') return { ok: false, reason: `unit '${unitText}' measures ${parsed.unit.dimension}; ${figure.label} is in tCO2e` };
      const toTonnes = conversionFactor(parsed.unit, unitById('tCO2e')!);
      if (!toTonnes.ok) return { ok: false, reason: toTonnes.reason };
      return scaled(ratioFromText(toTonnes.factorText));
    }
    case 'ratio':
      return RATIO_UNITS.test(unitText) ? scaled(ONE_RATIONAL) : { ok: false, reason: `unit '${unitText}' does not fit ${figure.label}, a plain ratio` };
    case 'fraction': {
      if (reported.percent !== null) return { ok: true, ...percentOfReported(reported) };
      if (!FRACTION_UNITS.test(unitText)) return { ok: false, reason: `unit '${unitText}' does not fit ${figure.label}, a share` };
      if (reported.value < 0 || reported.value > 1) {
        return { ok: false, reason: `${reported.value} without a percent sign cannot be a share (a fraction from 0 to 1): give its unit, e.g. '%'` };
      }
      return scaled(ONE_RATIONAL);
    }
    case 'intensity': {
      if (unitText === '') return { ok: false, reason: `no unit given: ${figure.label} needs one such as 'tCO2e/£m'` };
      const parsed = parseIntensityUnit(unitText);
      if (typeof parsed === 'string') return { ok: false, reason: parsed };
      const { activity, unit: denominator } = figure.divides.denominator;
      if (parsed.activity !== activity || parsed.unit !== denominator) {
        return { ok: false, reason: `unit '${unitText}' is per ${parsed.unit} of ${parsed.activity}; ${figure.label} is per ${denominator} of ${activity}` };
      }
      return scaled(divideRationals(shortestDecimalRational(parsed.numeratorTonnes), shortestDecimalRational(parsed.per)));
    }
  }
}
