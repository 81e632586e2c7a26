/**
 * The stream worker's side of a calculation's sink: lines packed into typed-array batches, their
 * groups and pricings numbered by identity, findings alongside; each batch handed on when full.
 */
import type { Finding, InventorySink, LineGroupRef, LinePricing, MadeLine } from '../../../shared/calc/inventory';
import type { LineGroup } from '../../../shared/calc/inventory-totals';
import { rationalToNumber, rationalToText } from '../../../shared/calc/rational';
import { LINES_PER_BATCH, type GroupDefinition, type LineBatch } from './stream-protocol';

function emptyBatch(): Omit<LineBatch, 'count' | 'gases'> & { gases: [number, string][] } {
  return {
    recordIds: new Float64Array(LINES_PER_BATCH),
    groupIds: new Int32Array(LINES_PER_BATCH),
    pricingIds: new Int32Array(LINES_PER_BATCH),
    quantities: new Float64Array(LINES_PER_BATCH),
    charged: new Float64Array(LINES_PER_BATCH),
    tco2e: new Float64Array(LINES_PER_BATCH),
    gases: [],
  };
}

/** An id for each distinct object, numbered from 1 as they come. */
function idOf<T>(ids: Map<T, number>, item: T): number {
  let id = ids.get(item);
  if (id === undefined) {
    id = ids.size + 1;
    ids.set(item, id);
  }
  return id;
}

export class BatchingSink implements InventorySink {
  private batch = emptyBatch();
  private count = 0;
  private findings: Finding[] = [];
  private readonly groupIds = new Map<LineGroupRef, number>();
  private readonly pricingIds = new Map<LinePricing, number>();

  /** `full` takes each batch (its arrays are the receiver's from then on). */
  constructor(private readonly full: (lines: LineBatch, findings: readonly Finding[]) => void) {}

  line(line: MadeLine): void {
    const i = this.count++;
    const batch = this.batch;
    batch.recordIds[i] = line.recordId;
    batch.groupIds[i] = idOf(this.groupIds, line.group);
    batch.pricingIds[i] = idOf(this.pricingIds, line.pricing);
    batch.quantities[i] = line.quantity;
    batch.charged[i] = line.fractional ? line.chargedQuantity() : Number.NaN;
    batch.tco2e[i] = line.tco2e;
    // What follows exactly from the quantity, the pricing and the share is not sent (see calc_line).
    if (line.fractional && line.pricing.gases.length > 0) batch.gases.push([i, JSON.stringify(line.gasTco2e())]);
    if (this.count === LINES_PER_BATCH) this.flush();
  }

  finding(finding: Finding): void {
    this.findings.push(finding);
    if (this.findings.length === LINES_PER_BATCH) this.flush();
  }

  flush(): void {
    if (this.count === 0 && this.findings.length === 0) return;
    this.full({ ...this.batch, count: this.count }, this.findings);
    this.batch = emptyBatch();
    this.count = 0;
    this.findings = [];
  }

  /** Every group that received lines, numbered as the batches number them. */
  groups(groups: readonly LineGroup[]): GroupDefinition[] {
    return groups.map((group) => {
      const id = this.groupIds.get(group);
      if (id === undefined) throw new Error(`a group of ${group.total.count} lines (${group.fiscalYear} ${group.basis}) received none through the sink`);
      return {
        id, fiscalYear: group.fiscalYear, basis: group.basis, scope3Category: group.scope3Category, site: group.site, activity: group.activity,
        share: rationalToNumber(group.share), shareExact: rationalToText(group.share), lines: group.total.count, tco2e: group.total.sum.value(), exactParts: group.total.sum.exactParts(),
      };
    });
  }

  pricings(): [number, LinePricing][] {
    return [...this.pricingIds].map(([pricing, id]) => [id, pricing]);
  }
}
