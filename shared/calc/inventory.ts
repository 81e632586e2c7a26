/**
 * The inventory calculation: activity records × emission factors → result lines with lineage,
 * fiscal-year and site totals, metrics, and findings for everything that cannot be calculated.
 *
 * Rules:
 * 1. Factor selection (factor-library.ts, factor-selection.ts): among the factors for the record's activity whose
 *    source scope is the activity's inventory scope (or unlabelled), by unit, region (record,
 *    else site, else engagement default), factor year and calorific basis. Facility energy
 *    recorded as consumption is the site's electricity and takes electricity factors.
 * 2. Emissions: quantity converted to the factor's unit × kg CO2e per unit (factor-value.ts) ×
 *    boundary share / 1000, exact and rounded once; per-gas parts kept. Quantities already in
 *    CO2e (process emissions, spend-based Scope 3) are converted to kg CO2e, with no factor.
 *    Biogenic CO2 comes from the biogenic factor of the same set as the record's factor (DESNZ
 *    'Outside of scopes' rows, EPA biomass): its own lines, never in a scope.
 * 3. Scope 2, reported both ways. Location-based: grid-average factor. Market-based
 *    (scope2-market.ts): instruments cover consumption first per site and fiscal month; the
 *    uncovered rest is charged at the residual mix, else at the grid average with a note.
 *    Instrument factors: clean_electricity instruments are zero-emission unless the library has
 *    clean_electricity factors; an electricity instrument (a supplier-specific contract) takes
 *    the electricity factor whose variant is the instrument's name. Heat and steam have no
 *    instruments: their market-based line uses the location-based factor.
 * 4. Scope 1 and Scope 3 by their activity; Scope 3 by category (the record's, else the
 *    activity's; missing → 'uncategorised' plus a finding). Avoided emissions are reported apart
 *    and never added. Metric and denominator records are never emissions.
 * 5. Boundary (boundary.ts): under operational or financial control a site counts 100% when it has that
 *    control, else 0%; under equity share its ownership percentage. Unlisted sites and records
 *    without a site count 100%. The share weights emissions (avoided included), never metrics:
 *    those use the physical quantities of sites inside the boundary.
 * 6. Fiscal years: each record's quantity is split across fiscal years by days; one factor, chosen
 *    at the start of the record's period, applies to every part.
 * 7. Metrics (inventory-totals.ts): PUE energy-weighted; clean share over electricity consumed,
 *    i.e. electricity consumption plus facility energy recorded as consumption. When a site's
 *    facility-energy consumption shares a fiscal month with its electricity consumption, only the
 *    electricity counts (finding 'double-count'); the facility energy still feeds PUE. Facility
 *    energy recorded as a metric is never electricity consumed. Data-centre sites: tagged so, or
 *    having IT-energy records.
 * 8. Determinism: records and factors are processed by id, lines sorted by record, fiscal year and
 *    basis, totals summed exactly: the same inputs in any order give bit-identical results.
 */
import { activityByKey, type ActivityDefinition } from '../activities';
import { FULL_SITE, siteBoundaries, type BoundaryResult } from './boundary';
import { FactorLibrary, type FactorPool, type Pricing, type PricingResult } from './factor-library';
import type { FactorRequest } from './factor-selection';
import { ONE, productOfRationals, rational, rationalToNumber, ratioFromText, shortestDecimalRational, ZERO, type Rational } from './rational';
import { allocateByDays, allocateQuantity, fiscalYearOf, type FiscalPeriod } from './fiscal';
import { intensityMetrics } from './intensity';
import {
  LINE_BASES,
  type CalcRecord,
  type CalcSettings,
  type Finding,
  type FindingKind,
  type InventoryInput,
  type InventoryResult,
  type LineBasis,
  type MetricInputKind,
  type ResultLine,
} from './inventory-types';
import { compareText, periodResults, type MetricInput, type SiteStanding } from './inventory-totals';
import { fiscalMonthShares, matchInstruments, type ElectricityFlow, type FlowCharge, type MonthShare } from './scope2-market';
import { conversionFactor, formatUnit, unitById, type Unit } from './units';

export type * from './inventory-types';
export { LINE_BASES } from './inventory-types';

/** Consumption that is a site's electricity for Scope 2 and clean share. */
const ELECTRICITY_CONSUMPTION = new Set(['electricity', 'facility_energy']);
/** Activities whose quantities feed energy metrics or instrument matching, in kWh. */
const ENERGY_INPUTS = new Set(['electricity', 'facility_energy', 'clean_electricity', 'it_energy']);
const CLEAN_INSTRUMENT = 'clean_electricity';
const SCOPE_LABELS = { scope1: 'Scope 1', scope2: 'Scope 2', scope3: 'Scope 3' } as const;
const PER_TONNE = rational(1n, 1000n);

export function calculateInventory(input: InventoryInput): InventoryResult {
  return new InventoryCalculation(input).run();
}

interface YearPart {
  readonly fiscalYear: string;
  /** The record's quantity in this fiscal year, in its unit. */
  readonly quantity: number;
}

interface PreparedRecord {
  readonly record: CalcRecord;
  readonly activity: ActivityDefinition;
  readonly unit: Unit;
  readonly region: string | null;
  readonly share: Rational;
  readonly years: readonly YearPart[];
  /** kWh per unit of the record, for energy inputs; null for other activities. */
  readonly kwhPerUnit: Rational | null;
  /** The fiscal months of electricity consumption and instruments, for instrument matching; else empty. */
  readonly months: readonly MonthShare[];
}

function compareLines(a: ResultLine, b: ResultLine): number {
  return a.recordId - b.recordId || compareText(a.fiscalYear, b.fiscalYear) || LINE_BASES.indexOf(a.basis) - LINE_BASES.indexOf(b.basis);
}

/** Findings without a record first, then by record, kind and message. */
function compareFindings(a: Finding, b: Finding): number {
  if (a.recordId !== b.recordId) return a.recordId === null ? -1 : b.recordId === null ? 1 : a.recordId - b.recordId;
  return compareText(a.kind, b.kind) || compareText(a.message, b.message);
}

/** The lineage fields of a line that no published factor prices. */
const NO_FACTOR = { factorId: null, factorSetId: null, factorSetKey: null, gases: [] } as const satisfies Partial<Pricing>;

function withNote(pricing: Pricing, note: string): Pricing {
  return { ...pricing, notes: [...pricing.notes, note] };
}

class InventoryCalculation {
  private readonly settings: CalcSettings;
  private readonly library: FactorLibrary;
  private readonly boundaries: Map<string, BoundaryResult>;
  private readonly sitesWithItEnergy: Set<string | null>;
  private readonly standings = new Map<string | null, SiteStanding>();
  private readonly findings: Finding[] = [];
  private readonly lines: ResultLine[] = [];
  private readonly metricInputs: MetricInput[] = [];
  private readonly fiscalYears = new Map<string, FiscalPeriod>();
  private readonly kwhRatios = new Map<string, Rational | string>();

  constructor(private readonly input: InventoryInput) {
    this.settings = input.settings;
    this.library = new FactorLibrary(input.factors, input.settings, input.factorReplacements);
    this.boundaries = siteBoundaries(input.sites ?? [], input.settings.consolidationApproach);
    this.sitesWithItEnergy = new Set(input.records.filter((record) => record.activity === 'it_energy').map((record) => record.site));
  }

  run(): InventoryResult {
    const prepared = [...this.input.records]
      .sort((a, b) => a.id - b.id)
      .flatMap((record) => this.prepare(record) ?? []);

    const electricityConsumption: PreparedRecord[] = [];
    const instruments: PreparedRecord[] = [];
    for (const item of prepared) {
      const key = item.activity.key;
      if (key === 'it_energy') this.addMetricInputs(item, 'it');
      if (key === 'facility_energy') this.addMetricInputs(item, 'facility');
      switch (item.record.meaning) {
        case 'avoided':
          this.addDirectLines(item, 'avoided');
          break;
        case 'instrument':
          instruments.push(item);
          break;
        case 'consumption':
          if (ELECTRICITY_CONSUMPTION.has(key)) electricityConsumption.push(item);
          else this.addConsumptionLines(item);
          break;
        default:
        // Metric records only feed the metrics above.
      }
    }
    this.addScope2Electricity(this.withoutDoubleCounts(electricityConsumption), instruments);

    const lines = [...this.lines].sort(compareLines);
    const periods = periodResults({
      lines,
      metricInputs: this.metricInputs,
      fiscalYears: this.fiscalYears,
      standingOf: (site) => this.standingOf(site),
    });
    const intensities = intensityMetrics(this.input.records, periods, this.settings.fiscal);
    return {
      periods: periods.map((period) => ({ ...period, intensities: intensities.get(period.label) ?? [] })),
      findings: [...this.findings].sort(compareFindings),
      lines,
    };
  }

  private report(recordId: number | null, kind: FindingKind, message: string): undefined {
    this.findings.push({ recordId, kind, message });
    return undefined;
  }

  private boundaryOfSite(site: string | null): BoundaryResult {
    return (site === null ? undefined : this.boundaries.get(site)) ?? FULL_SITE;
  }

  private standingOf(site: string | null): SiteStanding {
    const known = this.standings.get(site);
    if (known) return known;
    const boundary = this.boundaryOfSite(site);
    const standing = {
      share: boundary.ok ? rationalToNumber(boundary.value.share) : 0,
      isDataCentre: (boundary.ok && boundary.value.taggedDataCentre) || this.sitesWithItEnergy.has(site),
    };
    this.standings.set(site, standing);
    return standing;
  }

  /** Checks a record and splits it across fiscal years; undefined (with a finding) when it cannot be calculated. */
  private prepare(record: CalcRecord): PreparedRecord | undefined {
    const { id, meaning } = record;
    const activity = activityByKey(record.activity);
    if (!activity) return this.report(id, 'activity', `unknown activity '${record.activity}'`);
    if (!activity.meanings.includes(meaning)) {
      return this.report(id, 'activity', `${activity.label} cannot be '${meaning}' (it may be: ${activity.meanings.join(', ')})`);
    }
    // Intensity denominators serve intensity metrics elsewhere, never the inventory.
    if (meaning === 'denominator') return undefined;

    const boundary = this.boundaryOfSite(record.site);
    if (!boundary.ok) return this.report(id, 'boundary', boundary.reason);
    const unit = this.unitOf(record, activity);
    if (typeof unit === 'string') return this.report(id, 'unit', unit);
    const kwhPerUnit = ENERGY_INPUTS.has(activity.key) ? this.kwhPerUnitOf(unit) : null;
    if (typeof kwhPerUnit === 'string') return this.report(id, 'unit', kwhPerUnit);

    const allocation = allocateByDays(record.periodStart, record.periodEnd, this.settings.fiscal);
    if (!allocation.ok) return this.report(id, 'period', allocation.reason);
    const parts = allocateQuantity(record.quantity, allocation.value);
    if (!parts.ok) return this.report(id, 'quantity', parts.reason);
    const matched = meaning === 'instrument' || (meaning === 'consumption' && ELECTRICITY_CONSUMPTION.has(activity.key));
    const months = matched ? fiscalMonthShares(record.periodStart, record.periodEnd, this.settings.fiscal) : { ok: true as const, value: [] };
    if (!months.ok) return this.report(id, 'period', months.reason);

    const years = allocation.value.map((share, index): YearPart => {
      if (!this.fiscalYears.has(share.label)) this.rememberFiscalYear(share.start);
      return { fiscalYear: share.label, quantity: parts.value[index] ?? 0 };
    });
    const region = record.region ?? boundary.value.region ?? this.settings.defaultRegion;
    return { record, activity, unit, region, share: boundary.value.share, years, kwhPerUnit, months: months.value };
  }

  /** The record's unit, or why it cannot be used for its activity. */
  private unitOf(record: CalcRecord, activity: ActivityDefinition): Unit | string {
    const basis = record.unitBasis === 'unspecified' ? undefined : (record.unitBasis ?? undefined);
    const unit = unitById(record.unit, basis);
    if (!unit) return `unknown unit '${record.unit}'${basis === undefined ? '' : ` with a ${basis} calorific basis`}`;
    if (!activity.dimensions.includes(unit.dimension)) {
      return `${formatUnit(unit)} measures ${unit.dimension}; ${activity.label} is measured in ${activity.dimensions.join(' or ')}`;
    }
    return unit;
  }

  /** kWh per unit of an energy unit (memoised: records share a handful of units), or why there is none. */
  private kwhPerUnitOf(unit: Unit): Rational | string {
    const key = formatUnit(unit);
    const known = this.kwhRatios.get(key);
    if (known !== undefined) return known;
    const kwh = unitById('kWh', unit.basis);
    const ratio = kwh ? conversionFactor(unit, kwh) : { ok: false as const, reason: `no kWh unit on a ${unit.basis} basis` };
    const result = ratio.ok ? ratioFromText(ratio.factorText) : ratio.reason;
    this.kwhRatios.set(key, result);
    return result;
  }

  private rememberFiscalYear(date: string): void {
    const year = fiscalYearOf(date, this.settings.fiscal);
    if (year.ok) this.fiscalYears.set(year.value.label, year.value);
  }

  private requestFor(item: PreparedRecord): FactorRequest {
    return { unit: item.unit, region: item.region, date: item.record.periodStart };
  }

  private addMetricInputs(item: PreparedRecord, kind: MetricInputKind, fractionByYear?: ReadonlyMap<string, Rational>): void {
    if (item.kwhPerUnit === null) return;
    for (const year of item.years) {
      const fraction = fractionByYear?.get(year.fiscalYear) ?? ONE;
      const kwh = rationalToNumber(productOfRationals(shortestDecimalRational(year.quantity), item.kwhPerUnit, fraction));
      this.metricInputs.push({ recordId: item.record.id, site: item.record.site, fiscalYear: year.fiscalYear, kind, kwh });
    }
  }

  /**
   * What every line of one pricing shares, rounded and joined once: a million lines would
   * otherwise each carry their own copy of the same note and redo the same rational rounding.
   */
  private readonly pricingDisplay = new WeakMap<Pricing, { conversionFactor: number; co2ePerUnitKg: number; note?: string }>();

  private displayOf(pricing: Pricing): { conversionFactor: number; co2ePerUnitKg: number; note?: string } {
    let display = this.pricingDisplay.get(pricing);
    if (!display) {
      display = {
        conversionFactor: rationalToNumber(pricing.unitRatio),
        co2ePerUnitKg: rationalToNumber(pricing.kgPerUnit),
        ...(pricing.notes.length === 0 ? {} : { note: pricing.notes.join('; ') }),
      };
      this.pricingDisplay.set(pricing, display);
    }
    return display;
  }

  /** One line per fiscal year: charged quantity × kg CO2e per unit × share / 1000, exact, rounded once. */
  private addLines(item: PreparedRecord, basis: LineBasis, pricing: Pricing, chargedFractionByYear?: ReadonlyMap<string, Rational>): void {
    const { record } = item;
    const display = this.displayOf(pricing);
    const scope3Category = basis === 'scope3' ? this.scope3CategoryOf(item) : null;
    for (const year of item.years) {
      const converted = productOfRationals(shortestDecimalRational(year.quantity), pricing.unitRatio);
      const charged = productOfRationals(converted, chargedFractionByYear?.get(year.fiscalYear) ?? ONE);
      const tonnesPerKgCo2e = productOfRationals(charged, item.share, PER_TONNE);
      const tonnes = (kgCo2e: Rational) => rationalToNumber(productOfRationals(tonnesPerKgCo2e, kgCo2e));
      this.lines.push({
        recordId: record.id,
        site: record.site,
        activity: record.activity,
        fiscalYear: year.fiscalYear,
        basis,
        scope3Category,
        quantity: year.quantity,
        unit: record.unit,
        conversionFactor: display.conversionFactor,
        convertedQuantity: rationalToNumber(converted),
        chargedQuantity: rationalToNumber(charged),
        factorUnit: pricing.factorUnit,
        factorId: pricing.factorId,
        factorSetKey: pricing.factorSetKey,
        co2ePerUnitKg: display.co2ePerUnitKg,
        gases: pricing.gases.map(({ gas, kgCo2e }) => ({ gas, tco2e: tonnes(kgCo2e) })),
        share: rationalToNumber(item.share),
        tco2e: tonnes(pricing.kgPerUnit),
        ...(display.note === undefined ? {} : { note: display.note }),
      });
    }
  }

  private scope3CategoryOf(item: PreparedRecord): number | null {
    const category = item.record.scope3Category ?? item.activity.scope3Category ?? null;
    if (category !== null && Number.isInteger(category) && category >= 1 && category <= 15) return category;
    const given = category === null ? 'none is given' : `${category} is not a category 1–15`;
    return this.report(item.record.id, 'scope3-category', `Scope 3 category: ${given}; reported as uncategorised`) ?? null;
  }

  /** Quantities already in CO2e (process emissions, spend-based Scope 3, avoided): kg CO2e, no factor. */
  private addDirectLines(item: PreparedRecord, basis: LineBasis): void {
    const kgCo2e = unitById('kgCO2e');
    const ratio = kgCo2e ? conversionFactor(item.unit, kgCo2e) : { ok: false as const, reason: 'no kgCO2e unit' };
    if (!ratio.ok) {
      this.report(item.record.id, 'unit', ratio.reason);
      return;
    }
    this.addLines(item, basis, {
      ...NO_FACTOR,
      factorUnit: 'kgCO2e',
      unitRatio: ratioFromText(ratio.factorText),
      kgPerUnit: ONE,
      notes: ['quantity already in CO2e: no emission factor applied'],
    });
  }

  /** The pricing, or undefined with the failure reported against the record. */
  private priced(item: PreparedRecord, result: PricingResult, what: string): Pricing | undefined {
    if (result.ok) return result.pricing;
    return this.report(item.record.id, result.kind, `${what}: ${result.reason}`);
  }

  /** Grid-average factors for the activity (facility energy consumed takes electricity's). */
  private averagePool(item: PreparedRecord): FactorPool {
    const { scope, key } = item.activity;
    const activityKey = ELECTRICITY_CONSUMPTION.has(key) ? 'electricity' : key;
    return { activityKey, kind: 'average', scope: scope === 'none' ? null : SCOPE_LABELS[scope] };
  }

  /** Scope 1, Scope 3, and Scope 2 other than electricity (heat and steam). */
  private addConsumptionLines(item: PreparedRecord): void {
    const { scope } = item.activity;
    if (scope === 'none') return;
    if (item.unit.dimension === 'emissions') {
      this.addDirectLines(item, scope === 'scope1' ? 'scope1' : 'scope3');
      return;
    }
    const pricing = this.priced(item, this.library.price(this.averagePool(item), this.requestFor(item)), 'emission factor');
    if (!pricing) return;
    if (scope === 'scope2') {
      this.addLines(item, 'location', pricing);
      this.addLines(item, 'market', withNote(pricing, 'no contractual instruments for this activity: location-based factor'));
    } else {
      this.addLines(item, scope, pricing);
    }
    this.addBiogenicLines(item, pricing);
  }

  /** Biogenic CO2 from the biogenic factor of the main factor's set, when the set has one for the activity. */
  private addBiogenicLines(item: PreparedRecord, main: Pricing): void {
    if (main.factorSetId === null) return;
    const pool: FactorPool = { ...this.averagePool(item), kind: 'biogenic', scope: null, factorSetId: main.factorSetId };
    if (this.library.factorsIn(pool).length === 0) return;
    const pricing = this.priced(item, this.library.price(pool, this.requestFor(item)), 'biogenic factor');
    if (pricing) this.addLines(item, 'biogenic', pricing);
  }

  /** Facility energy consumed in a fiscal month where the site also has electricity consumption is not counted again. */
  private withoutDoubleCounts(consumption: readonly PreparedRecord[]): PreparedRecord[] {
    const monthKey = (item: PreparedRecord, share: MonthShare) => JSON.stringify([item.record.site, share.month]);
    const electricityMonths = new Set(
      consumption.filter((item) => item.activity.key === 'electricity').flatMap((item) => item.months.map((share) => monthKey(item, share))),
    );
    return consumption.filter((item) => {
      if (item.activity.key === 'electricity') return true;
      const overlapping = item.months.filter((share) => electricityMonths.has(monthKey(item, share)));
      if (overlapping.length === 0) return true;
      this.report(
        item.record.id,
        'double-count',
        `electricity counted twice? site ${item.record.site ?? '(none)'} also has electricity consumption in ` +
          `${overlapping.map((share) => share.month).join(', ')}: only the electricity records count for Scope 2 and clean share; ` +
          'this facility energy still counts for PUE',
      );
      return false;
    });
  }

  private addScope2Electricity(consumption: readonly PreparedRecord[], instruments: readonly PreparedRecord[]): void {
    const flowOf = (item: PreparedRecord, role: ElectricityFlow['role']): ElectricityFlow => ({
      recordId: item.record.id,
      site: item.record.site,
      role,
      kwh: productOfRationals(shortestDecimalRational(item.record.quantity), item.kwhPerUnit ?? ZERO),
      months: item.months,
    });
    const charges = matchInstruments([
      ...consumption.map((item) => flowOf(item, 'consumption')),
      ...instruments.map((item) => flowOf(item, 'instrument')),
    ]);
    const chargeOf = (item: PreparedRecord): FlowCharge =>
      charges.get(item.record.id) ?? { chargedFractionByYear: new Map(), cappedMonths: [], countedKwh: ZERO };

    for (const item of consumption) {
      this.addMetricInputs(item, 'electricity');
      this.addElectricityConsumptionLines(item, chargeOf(item));
    }
    for (const item of instruments) this.addInstrumentLines(item, chargeOf(item));
  }

  private addElectricityConsumptionLines(item: PreparedRecord, charge: FlowCharge): void {
    const request = this.requestFor(item);
    const gridPool = this.averagePool(item);
    const grid = this.library.price(gridPool, request);
    const location = this.priced(item, grid, 'location-based grid factor');
    if (location) {
      this.addLines(item, 'location', location);
      this.addBiogenicLines(item, location);
    }

    const residual = this.library.price({ ...gridPool, kind: 'residual-mix' }, request);
    if (residual.ok || residual.kind !== 'no-factor') {
      const market = this.priced(item, residual, 'market-based residual mix factor');
      if (market) this.addLines(item, 'market', market, charge.chargedFractionByYear);
    } else if (location) {
      this.addLines(item, 'market', withNote(location, 'no residual mix factor: grid average used'), charge.chargedFractionByYear);
    } else {
      this.report(item.record.id, 'no-factor', `market-based: no residual mix factor (${residual.reason}), and no usable grid factor`);
    }
  }

  private addInstrumentLines(item: PreparedRecord, charge: FlowCharge): void {
    const { record } = item;
    if (record.activity === CLEAN_INSTRUMENT) this.addMetricInputs(item, 'clean', charge.chargedFractionByYear);
    if (charge.cappedMonths.length > 0) {
      const total = productOfRationals(shortestDecimalRational(record.quantity), item.kwhPerUnit ?? ZERO);
      this.report(
        record.id,
        'instrument-exceeds-consumption',
        `instruments exceed the electricity consumed at site ${record.site ?? '(none)'} in ${charge.cappedMonths.join(', ')}: ` +
          `capped at consumption, ${rationalToNumber(charge.countedKwh)} of ${rationalToNumber(total)} kWh counted`,
      );
    }
    const pricing = this.instrumentPricing(item);
    if (pricing) this.addLines(item, 'market', pricing, charge.chargedFractionByYear);
  }

  private instrumentPricing(item: PreparedRecord): Pricing | undefined {
    const { record } = item;
    if (record.activity === CLEAN_INSTRUMENT) {
      if (!this.library.hasActivity(CLEAN_INSTRUMENT)) {
        // Without clean_electricity factors in the library, a clean instrument is zero-emission.
        const perKwh = { factorUnit: 'kWh', unitRatio: item.kwhPerUnit ?? ONE, kgPerUnit: ZERO };
        return { ...NO_FACTOR, ...perKwh, notes: ['zero-emission contractual instrument'] };
      }
      return this.priced(item, this.library.price(this.averagePool(item), this.requestFor(item)), 'instrument factor');
    }
    if (record.instrument === null) {
      return this.report(record.id, 'no-factor', 'instrument factor: the record names no instrument, so no supplier-specific factor applies');
    }
    const pool: FactorPool = { ...this.averagePool(item), variant: record.instrument };
    return this.priced(item, this.library.price(pool, this.requestFor(item)), `instrument factor for '${record.instrument}'`);
  }
}
