/**
 * Intensity metrics: emissions per unit of a denominator the company reports (revenue, floor
 * area, orders), per fiscal year. Denominator records are split across fiscal years by days,
 * like activity records; different units of one denominator (GBP and USD revenue) stay apart.
 * The sums accumulate as records stream past: memory grows with years × denominators.
 */
import type { CalcRecord, PeriodResult } from './inventory-types';
import { allocateQuantity, type FiscalYearShare } from './fiscal';
import { ExactSum } from './sum';

export interface IntensityMetric {
  /** Activity key of the denominator, e.g. 'revenue'. */
  readonly denominator: string;
  readonly unit: string;
  /** Σ denominator in the fiscal year. */
  readonly quantity: number;
  /** Net (Scope 1 + market-based Scope 2) tCO2e per unit; null without emissions or with a zero denominator. */
  readonly netTco2ePerUnit: number | null;
  /** Scope 1 + location-based Scope 2 tCO2e per unit. */
  readonly locationTco2ePerUnit: number | null;
}

export class IntensityTotals {
  private readonly totals = new Map<string, Map<string, ExactSum>>();

  /** A denominator record, with its period's split across fiscal years; records whose quantity cannot be split count nowhere. */
  add(record: Pick<CalcRecord, 'activity' | 'unit' | 'quantity'>, allocation: readonly FiscalYearShare[]): void {
    const parts = allocateQuantity(record.quantity, allocation);
    if (!parts.ok) return;
    allocation.forEach((share, index) => {
      const byDenominator = this.totals.get(share.label) ?? new Map<string, ExactSum>();
      this.totals.set(share.label, byDenominator);
      const key = `${record.activity}\u0000${record.unit}`;
      const sum = byDenominator.get(key) ?? new ExactSum();
      byDenominator.set(key, sum);
      sum.add(parts.value[index] ?? 0);
    });
  }

  metrics(periods: readonly Omit<PeriodResult, 'intensities'>[]): Map<string, IntensityMetric[]> {
    const result = new Map<string, IntensityMetric[]>();
    for (const period of periods) {
      const byDenominator = this.totals.get(period.label);
      if (!byDenominator) continue;
      const location = period.scope1 === null && period.scope2Location === null ? null : (period.scope1 ?? 0) + (period.scope2Location ?? 0);
      result.set(
        period.label,
        [...byDenominator.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, sum]) => {
            const [denominator, unit] = key.split('\u0000') as [string, string];
            const quantity = sum.value();
            const per = (emissions: number | null) => (emissions === null || quantity === 0 ? null : emissions / quantity);
            return { denominator, unit, quantity, netTco2ePerUnit: per(period.net), locationTco2ePerUnit: per(location) };
          }),
      );
    }
    return result;
  }
}
