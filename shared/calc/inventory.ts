/**
 * The inventory calculation: activity records × emission factors → result lines with lineage,
 * fiscal-year and site totals, metrics, and findings for everything that cannot be calculated.
 *
 * Rules:
 * 1. Factor selection (factor-library.ts, factor-selection.ts): among the factors for the record's activity whose
 *    source scope is the activity's inventory scope (or unlabelled), by attributes (the
 *    record's variant: refrigerant gas, haul…), unit, region (record, else site, else
 *    engagement default), validity and calorific basis. Facility energy recorded as
 *    consumption is the site's electricity and takes electricity factors. A refrigerant whose
 *    gas has no factor is priced by the gas's GWP under the engagement's GWP basis (gwp.ts);
 *    a gas the GWP table does not know is a finding.
 * 2. Emissions: quantity converted to the factor's unit × kg CO2e per unit (factor-value.ts) ×
 *    boundary share / 1000, exact and rounded once; per-gas parts kept. Quantities already in
 *    CO2e (process emissions, spend-based Scope 3) are converted to kg CO2e, with no factor.
 *    Biogenic CO2 comes from the biogenic factor of the same set as the record's factor (DESNZ
 *    'Outside of scopes' rows, EPA biomass): its own lines, never in a scope.
 * 3. Scope 2, reported both ways. Location-based: grid-average factor. Market-based
 *    (scope2-market.ts): instruments cover consumption first per site and fiscal year (or
 *    fiscal month, the stricter setting); the
 *    uncovered rest is charged at the residual mix, else at the grid average with a note.
 *    Instrument factors: clean_electricity instruments are zero-emission unless the library has
 *    clean_electricity factors; an electricity instrument (a supplier-specific contract) takes
 *    the electricity factor whose variant is the instrument's name. Heat and steam have no
 *    instruments: their market-based line uses the location-based factor.
 * 4. Scope 1 and Scope 3 by their activity; Scope 3 by category (the record's, else the
 *    activity's; missing → 'uncategorised' plus a finding). Avoided emissions are reported apart
 *    and never added. Metric and denominator records are never emissions.
 * 5. Boundary (boundary.ts): under operational or financial control a site counts 100% when it has that
 *    control, else 0%; under equity share its ownership percentage. With category 15 reporting
 *    on, a site outside control adds its Scope 1 and market-based Scope 2 lines again as
 *    Scope 3 category 15 lines at its ownership share. Unlisted sites and records
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
 * 8. Determinism: records are processed by id, each record's lines by fiscal year and basis,
 *    totals summed exactly: the same inputs in any order give bit-identical results.
 *
 * It streams (InventoryCalculation): records arrive one at a time and their lines and findings
 * leave as they are made, so memory does not grow with the number of records. What a record's
 * lines depend on is worked out once and remembered, in three parts that records share widely:
 * its kind (activity, unit, site and the rest but the period: the checks, the boundary share),
 * its period (the split across fiscal years) and its recipe (the factor choices and rules for
 * its activity, unit, region and start date, whatever the site). A record then only multiplies
 * its quantity by exact constants (ExactScale). Instrument matching needs every site-month's
 * totals first, so records that are electricity consumed or instruments pass twice (scope2Flow,
 * then add).
 */
import { activityByKey, FACILITY_ENERGY_ACTIVITY, type ActivityDefinition } from '../activities';
import { attributesKey, REQUIRED_ATTRIBUTES } from './attributes';
import { FULL_SITE, siteBoundaries, type BoundaryResult } from './boundary';
import { FactorLibrary, type FactorPool, type Pricing, type PricingResult } from './factor-library';
import type { FactorRequest } from './factor-selection';
import { exactGwpOf, GWP_TABLES } from './gwp';
import { allocateByDays, allocateQuantity, fiscalYearOf, type FiscalPeriod, type FiscalResult, type FiscalYearShare } from './fiscal';
import { IntensityTotals } from './intensity';
import { compareText, InventoryTotals, type CountedSum, type LineGroup, type SiteStanding } from './inventory-totals';
import {
  findingMessage,
  LINE_BASES,
  type CalcRecord,
  type CalcSettings,
  type Finding,
  type FindingKind,
  type InventoryInput,
  type InventoryResult,
  type InventorySink,
  type LineBasis,
  type LinePricing,
  type MadeLine,
  type MetricInputKind,
  type PeriodResult,
  type ResultLine,
  type TonnesRange,
} from './inventory-types';
import { ExactDecimal, ExactScale, ONE, productOfRationals, rational, rationalToNumber, rationalToText, ratioFromText, ZERO, type Rational } from './rational';
import { fiscalMonthShares, InstrumentMatching, type FlowCharge, type FlowRole, type MonthShare } from './scope2-market';
import { fsum } from './sum';
import { conversionFactor, formatUnit, unitById, type Unit } from './units';

export type * from './inventory-types';
export { findingMessage, LINE_BASES } from './inventory-types';

/**
 * The calculation method's version. Stored results record it: when a rule changes what the same
 * inputs give (as AR6 methane did), results stored under an older method are out of date.
 */
export const CALCULATION_METHOD = 2;

/** Consumption that is a site's electricity for Scope 2 and clean share. */
export const ELECTRICITY_CONSUMPTION: ReadonlySet<string> = new Set(['electricity', 'facility_energy']);
/** Activities whose quantities feed energy metrics or instrument matching, in kWh. */
const ENERGY_INPUTS = new Set(['electricity', 'facility_energy', 'clean_electricity', 'it_energy']);
const CLEAN_INSTRUMENT = 'clean_electricity';
const FACILITY_ENERGY = FACILITY_ENERGY_ACTIVITY;
const SCOPE_LABELS = { scope1: 'Scope 1', scope2: 'Scope 2', scope3: 'Scope 3' } as const;
const PER_TONNE = rational(1n, 1000n);
/** Kinds, periods and recipes each remembered at once; past this a memory is emptied and refilled as records come. */
const MAX_REMEMBERED = 50_000;

/** The in-memory calculation: every record at once, every line and finding returned. */
export function calculateInventory(input: InventoryInput): InventoryResult {
  const calculation = new InventoryCalculation(input);
  const records = [...input.records].sort((a, b) => a.id - b.id);
  for (const record of records) if (scope2FlowRole(record) !== null && !isFacilityConsumption(record)) calculation.scope2Flow(record);
  for (const record of records) if (isFacilityConsumption(record)) calculation.scope2Flow(record);
  const lines: ResultLine[] = [];
  const findings: Finding[] = [];
  const sink: InventorySink = { line: (line) => lines.push(line.resultLine()), finding: (finding) => findings.push(finding) };
  for (const record of records) calculation.add(record, sink);
  return { periods: calculation.finish().periods, findings, lines };
}

/** Whether a record takes part in instrument matching: electricity consumed, or an instrument. */
export function scope2FlowRole(record: Pick<CalcRecord, 'activity' | 'meaning'>): FlowRole | null {
  if (record.meaning === 'instrument') return 'instrument';
  return record.meaning === 'consumption' && ELECTRICITY_CONSUMPTION.has(record.activity) ? 'consumption' : null;
}

/** Facility energy recorded as consumption: matched only after all electricity consumption (see scope2Flow). */
export function isFacilityConsumption(record: Pick<CalcRecord, 'activity' | 'meaning'>): boolean {
  return record.meaning === 'consumption' && record.activity === FACILITY_ENERGY;
}

export interface InventoryOutcome {
  readonly periods: readonly PeriodResult[];
  /** Every group of lines with its exact sum: what any site's or activity's part of a figure is made of. */
  readonly groups: readonly LineGroup[];
}

// ---------------------------------------------------------------------------------------------
// What records share

/** A finding as a recipe plans it: the same for every record it applies to, with what is at stake priced per record. */
interface PlannedFinding {
  readonly kind: FindingKind;
  readonly cause: string;
  readonly detail: string | null;
  /** Pricings the record's tCO2e at stake is worked out under (lowest to highest); charged: under the matched fraction. */
  readonly atStake: { readonly pricings: readonly Pricing[]; readonly charged: boolean } | null;
}

function finding(kind: FindingKind, cause: string, detail: string | null = null): PlannedFinding {
  return { kind, cause, detail, atStake: null };
}

/** A record's activity, unit, site and the rest but its period and quantity: the checks they pass, or the finding they fail with. */
type Kind =
  | { readonly status: 'refused'; readonly finding: PlannedFinding }
  | { readonly status: 'denominator' }
  | KindFacts;

interface KindFacts {
  readonly status: 'ready';
  readonly site: string | null;
  readonly activity: ActivityDefinition;
  readonly unit: Unit;
  /** The record's region, else its site's, else the engagement's. */
  readonly region: string | null;
  readonly share: Rational;
  readonly shareNumber: number;
  /** A site outside control reported as an investment (Scope 3 category 15): the group's ownership share; else null. */
  readonly investmentShare: Rational | null;
  readonly investmentShareNumber: number;
  /** kWh per unit of the record, for energy inputs; null for other activities. */
  readonly kwhPerUnit: Rational | null;
  readonly kwh: ExactScale | null;
  /** Recipes by start date, shared by every kind with the same activity, unit, region, category and instrument. */
  readonly recipes: Map<string, Recipe>;
  /** This kind's groups of lines and metric inputs, by fiscal year. */
  readonly lineGroups: Map<string, Map<LineBasis, LineGroup>>;
  readonly metricGroups: Map<string, Map<MetricInputKind, CountedSum>>;
}

/** A period's split across fiscal years, and its fiscal months (for matching), worked out on first use. */
interface Period {
  readonly allocation: FiscalResult<readonly FiscalYearShare[]>;
  months?: FiscalResult<readonly MonthShare[]>;
  fiscalYearsNoted: boolean;
}

/** A line every record of a recipe makes in each fiscal year. */
interface RecipeLine {
  readonly basis: LineBasis;
  readonly pricing: Pricing;
  readonly display: LinePricing;
  readonly scope3Category: number | null;
  /** Charged at the fraction instrument matching leaves (market-based electricity and instruments). */
  readonly charged: boolean;
  /** Scope 1 and market-based lines: the same emissions as a category 15 line, for a site reported as an investment (rule 5). */
  readonly investment?: RecipeLine;
}

interface RecipeMetric {
  readonly kind: MetricInputKind;
  readonly charged: boolean;
  /** Counted even when the record is a double count (facility energy and IT energy feed PUE). */
  readonly always: boolean;
}

/** The factor choices and rules for an activity, unit, region, category, instrument and start date: what any site's record of them makes. */
interface Recipe {
  /** By basis. */
  readonly lines: readonly RecipeLine[];
  readonly metrics: readonly RecipeMetric[];
  readonly findings: readonly PlannedFinding[];
  /** Facility energy consumed: the grid pricing the tCO2e of a double count is at stake under. */
  readonly doubleCountPricing: Pricing | null;
}

/** The exact multipliers of a record's quantity for one pricing, boundary share and charged fraction. */
interface LineScales {
  readonly converted: ExactScale;
  readonly charged: ExactScale;
  readonly tonnes: ExactScale;
  readonly gases: readonly { readonly gas: string; readonly tonnes: ExactScale }[];
}

/**
 * Values remembered by a tuple of keys, one Map level per key, up to a limit: looking up hashes
 * the keys (a string hashes once) instead of building a key string for every record.
 */
class TupleMemory<T> {
  private root = new Map<unknown, unknown>();
  private size = 0;

  constructor(private readonly limit: number) {}

  find(keys: readonly unknown[]): T | undefined {
    let level: Map<unknown, unknown> | undefined = this.root;
    const last = keys.length - 1;
    for (let index = 0; index < last && level; index++) level = level.get(keys[index]) as Map<unknown, unknown> | undefined;
    return level?.get(keys[last]) as T | undefined;
  }

  store(keys: readonly unknown[], value: T): T {
    if (this.size >= this.limit) {
      this.root = new Map();
      this.size = 0;
    }
    let level = this.root;
    const last = keys.length - 1;
    for (let index = 0; index < last; index++) {
      let next = level.get(keys[index]) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        level.set(keys[index], next);
      }
      level = next;
    }
    level.set(keys[last], value);
    this.size++;
    return value;
  }
}

function childMap<K, V>(parent: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let child = parent.get(key);
  if (!child) {
    child = new Map();
    parent.set(key, child);
  }
  return child;
}

type FlowCounts = Record<'consumption' | 'facility' | 'instrument', number>;

function flowCountKey(record: CalcRecord): keyof FlowCounts | null {
  const role = scope2FlowRole(record);
  if (role === null) return null;
  return role === 'instrument' ? 'instrument' : isFacilityConsumption(record) ? 'facility' : 'consumption';
}

/** A record's quantity in each fiscal year: the double a line reports and the exact decimal it stands for. */
interface QuantityParts {
  readonly values: readonly number[];
  readonly decimals: readonly ExactDecimal[];
}

function quantityParts(quantity: number, allocation: readonly FiscalYearShare[]): FiscalResult<QuantityParts> {
  if (allocation.length === 1 && Number.isFinite(quantity)) return { ok: true, value: { values: [quantity], decimals: [ExactDecimal.of(quantity)] } };
  const parts = allocateQuantity(quantity, allocation);
  return parts.ok ? { ok: true, value: { values: parts.value, decimals: parts.value.map((part) => ExactDecimal.of(part)) } } : parts;
}

function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.kind, b.kind) || compareText(findingMessage(a), findingMessage(b));
}

/** A record's kind as a string (see CalcRecord.kindKey): its fields but id, period and quantity, each told apart from null. */
export function kindKeyOf(record: CalcRecord): string {
  const text = (value: string | number | null) => (value === null ? '\u0000' : `=${value}`);
  return [record.activity, record.meaning, record.unit, record.unitBasis, record.site, record.region, record.scope3Category, record.instrument, attributesKey(record.attributes)]
    .map(text)
    .join('\u0001');
}

function monthKey(site: string | null, share: MonthShare): string {
  return `${site === null ? '\u0000' : `=${site}`}\u0001${share.month}`;
}

function decimalToRational(decimal: ExactDecimal): Rational {
  const digits = decimal.bigDigits ?? BigInt(decimal.digits);
  const scale = 10n ** BigInt(Math.abs(decimal.exponent));
  return decimal.exponent >= 0 ? rational(digits * scale) : rational(digits, scale);
}

/** The lineage fields of a line that no published factor prices. */
const NO_FACTOR = { factorId: null, factorSetId: null, factorSetKey: null, gases: [] } as const satisfies Partial<Pricing>;

const NO_CHARGE: FlowCharge = { chargedFractionByYear: new Map(), cappedWindows: [], countedFraction: ONE };

/** The Scope 3 category of an investment's emissions (rule 5). */
const INVESTMENTS_CATEGORY = 15;

/**
 * The line being handed to a sink (see MadeLine): one object, set for each line in turn; its
 * tCO2e is worked out at once (every line adds it to its group), the rest when a sink asks.
 */
class LineDraft implements MadeLine {
  private record!: CalcRecord;
  private fiscalYear = '';
  private line!: RecipeLine;
  private scales!: LineScales;
  private decimal!: ExactDecimal;
  private share = 0;
  recordId = 0;
  quantity = 0;
  tco2e = 0;
  pricing!: LinePricing;
  group!: LineGroup;
  fractional = false;

  set(record: CalcRecord, fiscalYear: string, line: RecipeLine, scales: LineScales, quantity: number, decimal: ExactDecimal, share: number, group: LineGroup, fractional: boolean): this {
    this.record = record;
    this.fiscalYear = fiscalYear;
    this.line = line;
    this.scales = scales;
    this.decimal = decimal;
    this.share = share;
    this.recordId = record.id;
    this.quantity = quantity;
    this.tco2e = scales.tonnes.times(decimal);
    this.pricing = line.display;
    this.group = group;
    this.fractional = fractional;
    return this;
  }

  chargedQuantity(): number {
    return this.scales.charged.times(this.decimal);
  }

  gasTco2e(): number[] {
    return this.scales.gases.map(({ tonnes }) => tonnes.times(this.decimal));
  }

  resultLine(): ResultLine {
    const { record, line, scales, decimal } = this;
    const display = line.display;
    return {
      recordId: record.id,
      site: record.site,
      activity: record.activity,
      fiscalYear: this.fiscalYear,
      basis: line.basis,
      scope3Category: line.scope3Category,
      quantity: this.quantity,
      unit: record.unit,
      conversionFactor: display.conversionFactor,
      convertedQuantity: scales.converted.times(decimal),
      chargedQuantity: this.chargedQuantity(),
      factorUnit: display.factorUnit,
      factorId: display.factorId,
      factorSetKey: display.factorSetKey,
      co2ePerUnitKg: display.co2ePerUnitKg,
      gases: scales.gases.map(({ gas, tonnes }) => ({ gas, tco2e: tonnes.times(decimal) })),
      share: this.share,
      tco2e: this.tco2e,
      ...(display.note === undefined ? {} : { note: display.note }),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The calculation

export class InventoryCalculation {
  private readonly settings: CalcSettings;
  private readonly library: FactorLibrary;
  private readonly boundaries: Map<string, BoundaryResult>;
  private readonly totals = new InventoryTotals();
  private readonly intensities = new IntensityTotals();
  private readonly matching: InstrumentMatching;
  /** Sites and fiscal months with electricity consumption: facility energy consumed there is a double count. */
  private readonly electricityMonths = new Set<string>();
  private readonly sitesWithItEnergy = new Set<string | null>();
  private readonly fiscalYears = new Map<string, FiscalPeriod>();
  private readonly kinds = new Map<string, Kind>();
  private readonly recipeSets = new TupleMemory<Map<string, Recipe>>(MAX_REMEMBERED);
  private readonly periods = new TupleMemory<Period>(MAX_REMEMBERED);
  private readonly kwhRatios = new Map<string, Rational | string>();
  private readonly displays = new WeakMap<Pricing, LinePricing>();
  /** Pricings made here rather than chosen from the library, remembered so their lines share multipliers. */
  private readonly noted = new WeakMap<Pricing, Map<string, Pricing>>();
  private readonly direct = new Map<string, Pricing>();
  private readonly zeroEmissions = new Map<Rational, Pricing>();
  private readonly byGwp = new Map<string, Pricing>();
  private readonly scales = new WeakMap<Pricing, Map<Rational, LineScales>>();
  private readonly matched: FlowCounts = { consumption: 0, facility: 0, instrument: 0 };
  private readonly added: FlowCounts = { consumption: 0, facility: 0, instrument: 0 };
  private matchingFacility = false;
  private readonly made = new LineDraft();

  constructor(input: Omit<InventoryInput, 'records'>) {
    this.settings = input.settings;
    this.library = new FactorLibrary(input.factors, input.settings, input.factorReplacements);
    this.boundaries = siteBoundaries(input.sites ?? [], input.settings);
    this.matching = new InstrumentMatching(input.settings.instrumentMatching);
  }

  /**
   * First pass, only over records that are electricity consumed or instruments (scope2FlowRole):
   * each goes into its site-months for instrument matching. Facility energy consumed must come
   * after every electricity consumption record, since it counts only in months without one.
   * When the records hold no instrument and no facility energy consumed, the pass may be left out.
   * Keeps no record: a streaming reader hands one object over for every record in turn.
   */
  scope2Flow(record: CalcRecord): void {
    const role = scope2FlowRole(record);
    const counted = flowCountKey(record);
    if (role === null || counted === null) throw new Error(`record ${record.id} is not electricity consumed or an instrument`);
    if (counted === 'facility') this.matchingFacility = true;
    else if (counted === 'consumption' && this.matchingFacility) throw new Error('electricity consumption must be matched before facility energy consumed');
    this.matched[counted]++;
    const kind = this.kindOf(record);
    const period = this.periodOf(record);
    if (kind.status !== 'ready' || !period.allocation.ok || !Number.isFinite(record.quantity)) return;
    const months = this.monthsOf(record, period);
    if (!months.ok) return;
    if (counted === 'consumption') for (const share of months.value) this.electricityMonths.add(monthKey(record.site, share));
    if (counted === 'facility' && this.doubleCountedMonths(record.site, months.value).length > 0) return;
    const kwh = productOfRationals(decimalToRational(ExactDecimal.of(record.quantity)), kind.kwhPerUnit ?? ZERO);
    this.matching.add({ site: record.site, role, months: months.value }, kwh);
  }

  /**
   * Second pass: every record, in id order. Its lines and findings go to the sink before this
   * returns. Keeps no record (see scope2Flow): what outlives the call is copied out of it.
   */
  add(record: CalcRecord, sink: InventorySink): void {
    const counted = flowCountKey(record);
    if (counted !== null) this.added[counted]++;
    if (record.activity === 'it_energy') this.sitesWithItEnergy.add(record.site);
    const period = this.periodOf(record);
    if (record.meaning === 'denominator' && period.allocation.ok) this.intensities.add(record, period.allocation.value);

    const kind = this.kindOf(record);
    if (kind.status === 'denominator') return;
    if (kind.status === 'refused') return sink.finding(this.findingFor(record, kind.finding));
    if (!period.allocation.ok) return sink.finding(this.findingFor(record, finding('period', period.allocation.reason)));
    const allocation = period.allocation.value;
    const parts = quantityParts(record.quantity, allocation);
    if (!parts.ok) return sink.finding(this.findingFor(record, finding('quantity', parts.reason)));
    const role = scope2FlowRole(record);
    const months = role === null ? null : this.monthsOf(record, period);
    if (months && !months.ok) return sink.finding(this.findingFor(record, finding('period', months.reason)));
    if (!period.fiscalYearsNoted) {
      for (const share of allocation) this.noteFiscalYear(share);
      period.fiscalYearsNoted = true;
    }

    const recipe = this.recipeOf(record, kind);
    const doubleCounted = months && isFacilityConsumption(record) ? this.doubleCountedMonths(record.site, months.value) : [];
    if (doubleCounted.length > 0) {
      this.addMetrics(kind, recipe.metrics.filter((metric) => metric.always), allocation, parts.value, NO_CHARGE);
      return sink.finding(this.doubleCountFinding(record, kind, recipe, doubleCounted, allocation, parts.value));
    }
    const charge = role === null || months === null ? NO_CHARGE : this.chargeOf(record, role, months.value);
    this.addMetrics(kind, recipe.metrics, allocation, parts.value, charge);
    for (let part = 0; part < allocation.length; part++) {
      const fiscalYear = allocation[part]!.label;
      const fraction = charge.chargedFractionByYear.get(fiscalYear) ?? ONE;
      const quantity = parts.value.values[part]!;
      const decimal = parts.value.decimals[part]!;
      for (const line of recipe.lines) {
        const charged = line.charged ? fraction : ONE;
        this.addLine(sink, record, kind, fiscalYear, line, charged, quantity, decimal, kind.share, kind.shareNumber);
        if (line.investment && kind.investmentShare !== null) {
          this.addLine(sink, record, kind, fiscalYear, line.investment, charged, quantity, decimal, kind.investmentShare, kind.investmentShareNumber);
        }
      }
    }
    if (recipe.findings.length === 0 && charge.cappedWindows.length === 0) return;
    const findings = recipe.findings.map((planned) => this.findingFor(record, planned, { kind, allocation, parts: parts.value, charge }));
    if (charge.cappedWindows.length > 0) findings.push(this.cappedFinding(record, kind, charge));
    for (const item of findings.length > 1 ? findings.sort(compareFindings) : findings) sink.finding(item);
  }

  /** One line of a record: into its group's sum, then to the sink. */
  private addLine(sink: InventorySink, record: CalcRecord, kind: KindFacts, fiscalYear: string, line: RecipeLine, charged: Rational, quantity: number, decimal: ExactDecimal, share: Rational, shareNumber: number): void {
    const group = this.lineGroup(kind, record, fiscalYear, line, share);
    const made = this.made.set(record, fiscalYear, line, this.scalesOf(line.pricing, share, charged), quantity, decimal, shareNumber, group, charged !== ONE);
    group.total.add(made.tco2e);
    sink.line(made);
  }

  /** The figures per fiscal year and site, once every record has been added. */
  finish(): InventoryOutcome {
    this.checkPasses();
    const periods = this.totals.periodResults(this.fiscalYears, (site) => this.standingOf(site));
    const intensities = this.intensities.metrics(periods);
    return {
      periods: periods.map((period) => ({ ...period, intensities: intensities.get(period.label) ?? [] })),
      groups: this.totals.groups(),
    };
  }

  /** Both passes must have seen the same flows, and the first may be left out only when nothing needed it. */
  private checkPasses(): void {
    const matchedAny = this.matched.consumption + this.matched.facility + this.matched.instrument > 0;
    const same = (Object.keys(this.added) as (keyof FlowCounts)[]).every((key) => this.matched[key] === this.added[key]);
    if (matchedAny ? !same : this.added.facility + this.added.instrument > 0) {
      throw new Error(
        `instrument matching saw ${JSON.stringify(this.matched)} but the records held ${JSON.stringify(this.added)}: ` +
          'every instrument and facility energy consumed must pass scope2Flow first',
      );
    }
  }

  private addMetrics(kind: KindFacts, metrics: readonly RecipeMetric[], allocation: readonly FiscalYearShare[], parts: QuantityParts, charge: FlowCharge): void {
    if (metrics.length === 0 || kind.kwh === null || kind.kwhPerUnit === null) return;
    for (const metric of metrics) {
      allocation.forEach((share, part) => {
        const fraction = metric.charged ? charge.chargedFractionByYear.get(share.label) : undefined;
        const scale = fraction === undefined || fraction === ONE ? kind.kwh! : new ExactScale(productOfRationals(kind.kwhPerUnit!, fraction));
        this.metricGroup(kind, share.label, metric.kind).add(scale.times(parts.decimals[part]!));
      });
    }
  }

  private findingFor(
    record: CalcRecord,
    planned: PlannedFinding,
    priced?: { kind: KindFacts; allocation: readonly FiscalYearShare[]; parts: QuantityParts; charge: FlowCharge },
  ): Finding {
    const atStake = planned.atStake && priced ? this.atStakeOf(planned.atStake, priced.kind, priced.allocation, priced.parts, priced.charge) : null;
    return { recordId: record.id, kind: planned.kind, cause: planned.cause, detail: planned.detail, atStake };
  }

  /** Between the lowest and highest pricing: each the sum of the record's fiscal-year parts, as its lines would round them. */
  private atStakeOf(
    atStake: NonNullable<PlannedFinding['atStake']>,
    kind: KindFacts,
    allocation: readonly FiscalYearShare[],
    parts: QuantityParts,
    charge: FlowCharge,
  ): TonnesRange | null {
    if (atStake.pricings.length === 0) return null;
    const totals = atStake.pricings.map((pricing) =>
      fsum(allocation.map((share, part) => {
        const fraction = atStake.charged ? (charge.chargedFractionByYear.get(share.label) ?? ONE) : ONE;
        return this.scalesOf(pricing, kind.share, fraction).tonnes.times(parts.decimals[part]!);
      })),
    );
    return { low: Math.min(...totals), high: Math.max(...totals) };
  }

  private doubleCountFinding(record: CalcRecord, kind: KindFacts, recipe: Recipe, months: readonly MonthShare[], allocation: readonly FiscalYearShare[], parts: QuantityParts): Finding {
    const planned: PlannedFinding = {
      kind: 'double-count',
      cause:
        `facility energy left out of Scope 2 at site ${record.site ?? '(none)'}, not counted twice: the site's electricity consumption in the same fiscal months ` +
        'counts for Scope 2 and clean share, and this facility energy for PUE only; confirm the electricity records cover the whole facility',
      detail: `in ${months.map((share) => share.month).join(', ')}`,
      atStake: recipe.doubleCountPricing === null ? null : { pricings: [recipe.doubleCountPricing], charged: false },
    };
    return this.findingFor(record, planned, { kind, allocation, parts, charge: NO_CHARGE });
  }

  private cappedFinding(record: CalcRecord, kind: KindFacts, charge: FlowCharge): Finding {
    const quantity = ExactDecimal.of(record.quantity);
    const kwhPerUnit = kind.kwhPerUnit ?? ZERO;
    const counted = new ExactScale(productOfRationals(kwhPerUnit, charge.countedFraction)).times(quantity);
    const whole = new ExactScale(kwhPerUnit).times(quantity);
    return {
      recordId: record.id,
      kind: 'instrument-exceeds-consumption',
      cause: `instruments exceed the electricity consumed at site ${record.site ?? '(none)'}: capped at consumption`,
      detail: `in ${charge.cappedWindows.join(', ')} (instruments matched per ${this.settings.instrumentMatching === 'fiscal-month' ? 'fiscal month' : 'fiscal year'}): ${counted} of ${whole} kWh counted`,
      atStake: null,
    };
  }

  // -------------------------------------------------------------------------------------------
  // What records share, remembered

  private kindOf(record: CalcRecord): Kind {
    const key = record.kindKey ?? kindKeyOf(record);
    let kind = this.kinds.get(key);
    if (!kind) {
      if (this.kinds.size >= MAX_REMEMBERED) this.kinds.clear();
      kind = this.kindFacts(record);
      this.kinds.set(key, kind);
    }
    return kind;
  }

  /** Checks what a record's activity, meaning, site and unit allow; a finding when it cannot be calculated. */
  private kindFacts(record: CalcRecord): Kind {
    const { meaning } = record;
    const activity = activityByKey(record.activity);
    if (!activity) return { status: 'refused', finding: finding('activity', `unknown activity '${record.activity}'`) };
    if (!activity.meanings.includes(meaning)) {
      return { status: 'refused', finding: finding('activity', `${activity.label} cannot be '${meaning}' (it may be: ${activity.meanings.join(', ')})`) };
    }
    // Intensity denominators serve intensity metrics, never the inventory.
    if (meaning === 'denominator') return { status: 'denominator' };
    const boundary = this.boundaryOfSite(record.site);
    if (!boundary.ok) return { status: 'refused', finding: finding('boundary', boundary.reason) };
    const unit = this.unitOf(record, activity);
    if (typeof unit === 'string') return { status: 'refused', finding: finding('unit', unit) };
    const kwhPerUnit = ENERGY_INPUTS.has(activity.key) ? this.kwhPerUnitOf(unit) : null;
    if (typeof kwhPerUnit === 'string') return { status: 'refused', finding: finding('unit', kwhPerUnit) };
    const region = record.region ?? boundary.value.region ?? this.settings.defaultRegion;
    const { share, investmentShare } = boundary.value;
    return {
      status: 'ready',
      site: record.site,
      activity,
      unit,
      region,
      share,
      shareNumber: rationalToNumber(share),
      investmentShare,
      investmentShareNumber: investmentShare === null ? 0 : rationalToNumber(investmentShare),
      kwhPerUnit,
      kwh: kwhPerUnit === null ? null : new ExactScale(kwhPerUnit),
      // Recipes are shared across sites, except that an investment's lines carry category 15 twins.
      recipes: this.recipesFor([record.activity, meaning, unit.id, unit.basis, region, record.scope3Category, record.instrument, attributesKey(record.attributes), investmentShare !== null]),
      lineGroups: new Map(),
      metricGroups: new Map(),
    };
  }

  private recipesFor(keys: readonly unknown[]): Map<string, Recipe> {
    return this.recipeSets.find(keys) ?? this.recipeSets.store(keys, new Map());
  }

  private periodOf(record: CalcRecord): Period {
    const keys = [record.periodStart, record.periodEnd];
    return (
      this.periods.find(keys) ??
      this.periods.store(keys, { allocation: allocateByDays(record.periodStart, record.periodEnd, this.settings.fiscal), fiscalYearsNoted: false })
    );
  }

  private monthsOf(record: CalcRecord, period: Period): FiscalResult<readonly MonthShare[]> {
    period.months ??= fiscalMonthShares(record.periodStart, record.periodEnd, this.settings.fiscal);
    return period.months;
  }

  private recipeOf(record: CalcRecord, kind: KindFacts): Recipe {
    let recipe = kind.recipes.get(record.periodStart);
    if (!recipe) {
      recipe = new RecipeBuilder(this, record, kind).build();
      kind.recipes.set(record.periodStart, recipe);
    }
    return recipe;
  }

  private lineGroup(kind: KindFacts, record: CalcRecord, fiscalYear: string, line: RecipeLine, share: Rational = kind.share): LineGroup {
    const byBasis = childMap(kind.lineGroups, fiscalYear);
    let group = byBasis.get(line.basis);
    if (!group) {
      group = this.totals.lineGroup(fiscalYear, record.site, record.activity, line.basis, line.scope3Category, share);
      byBasis.set(line.basis, group);
    }
    return group;
  }

  private metricGroup(kind: KindFacts, fiscalYear: string, metric: MetricInputKind): CountedSum {
    const byKind = childMap(kind.metricGroups, fiscalYear);
    let group = byKind.get(metric);
    if (!group) {
      group = this.totals.metricGroup(fiscalYear, kind.site, metric);
      byKind.set(metric, group);
    }
    return group;
  }

  /** The multipliers of a pricing under a share and a charged fraction; remembered when nothing was matched away. */
  private scalesOf(pricing: Pricing, share: Rational, fraction: Rational): LineScales {
    if (fraction !== ONE) return lineScales(pricing, share, fraction);
    let byShare = this.scales.get(pricing);
    if (!byShare) {
      byShare = new Map();
      this.scales.set(pricing, byShare);
    }
    let scales = byShare.get(share);
    if (!scales) {
      scales = lineScales(pricing, share, ONE);
      byShare.set(share, scales);
    }
    return scales;
  }

  private chargeOf(record: CalcRecord, role: FlowRole, months: readonly MonthShare[]): FlowCharge {
    return this.matching.chargeOf({ site: record.site, role, months });
  }

  private boundaryOfSite(site: string | null): BoundaryResult {
    return (site === null ? undefined : this.boundaries.get(site)) ?? FULL_SITE;
  }

  private standingOf(site: string | null): SiteStanding {
    const boundary = this.boundaryOfSite(site);
    return {
      share: boundary.ok ? rationalToNumber(boundary.value.share) : 0,
      isDataCentre: (boundary.ok && boundary.value.taggedDataCentre) || this.sitesWithItEnergy.has(site),
    };
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

  private noteFiscalYear(share: FiscalYearShare): void {
    if (this.fiscalYears.has(share.label)) return;
    const year = fiscalYearOf(share.start, this.settings.fiscal);
    if (year.ok) this.fiscalYears.set(year.value.label, year.value);
  }

  private doubleCountedMonths(site: string | null, months: readonly MonthShare[]): MonthShare[] {
    return months.filter((share) => this.electricityMonths.has(monthKey(site, share)));
  }

  // For RecipeBuilder

  price(pool: FactorPool, request: FactorRequest): PricingResult {
    return this.library.price(pool, request);
  }

  /** The pricing with a note added. */
  withNote(pricing: Pricing, note: string): Pricing {
    let byNote = this.noted.get(pricing);
    if (!byNote) {
      byNote = new Map();
      this.noted.set(pricing, byNote);
    }
    let noted = byNote.get(note);
    if (!noted) {
      noted = { ...pricing, notes: [...pricing.notes, note] };
      byNote.set(note, noted);
    }
    return noted;
  }

  /** Quantities already in CO2e: converted to kg CO2e (factorText kg per unit), with no factor. */
  alreadyCo2e(factorText: string): Pricing {
    let pricing = this.direct.get(factorText);
    if (!pricing) {
      pricing = { ...NO_FACTOR, factorUnit: 'kgCO2e', unitRatio: ratioFromText(factorText), kgPerUnit: ONE, notes: ['quantity already in CO2e: no emission factor applied'] };
      this.direct.set(factorText, pricing);
    }
    return pricing;
  }

  /** A clean instrument without clean-electricity factors: zero emissions per kWh. */
  zeroEmission(kwhPerUnit: Rational): Pricing {
    let pricing = this.zeroEmissions.get(kwhPerUnit);
    if (!pricing) {
      pricing = { ...NO_FACTOR, factorUnit: 'kWh', unitRatio: kwhPerUnit, kgPerUnit: ZERO, notes: ['zero-emission contractual instrument'] };
      this.zeroEmissions.set(kwhPerUnit, pricing);
    }
    return pricing;
  }

  /** A refrigerant gas without a factor of its own: kg of the gas × its GWP under the engagement's basis, or why not. */
  byGasGwp(gas: string, unit: Unit): Pricing | string {
    const key = `${gas}\u0001${unit.id}`;
    const known = this.byGwp.get(key);
    if (known) return known;
    const basis = this.settings.gwpBasis;
    const value = exactGwpOf(gas, basis);
    if (!value.ok) return `${value.reason}: no GWP under ${basis} to price it by`;
    const kg = unitById('kg');
    const ratio = kg ? conversionFactor(unit, kg) : { ok: false as const, reason: 'no kg unit' };
    if (!ratio.ok) return ratio.reason;
    const gwpText = rationalToText(value.value);
    const pricing: Pricing = {
      ...NO_FACTOR,
      factorUnit: 'kg',
      unitRatio: ratioFromText(ratio.factorText),
      kgPerUnit: value.value,
      gases: [{ gas: value.gas, kgCo2e: value.value }],
      notes: [`no factor for ${value.gas}: priced by its GWP, ${gwpText} under ${basis} (${GWP_TABLES[basis].source})`],
    };
    this.byGwp.set(key, pricing);
    return pricing;
  }

  hasFactorsFor(activityKey: string): boolean {
    return this.library.hasActivity(activityKey);
  }

  hasFactorsIn(pool: FactorPool): boolean {
    return this.library.factorsIn(pool).length > 0;
  }

  /**
   * What every line of one pricing shares, rounded and joined once: a million lines would
   * otherwise each carry their own copy of the same note and redo the same rational rounding.
   */
  displayOf(pricing: Pricing): LinePricing {
    let display = this.displays.get(pricing);
    if (!display) {
      display = {
        factorId: pricing.factorId,
        factorSetKey: pricing.factorSetKey,
        factorUnit: pricing.factorUnit,
        conversionFactor: rationalToNumber(pricing.unitRatio),
        unitRatio: rationalToText(pricing.unitRatio),
        co2ePerUnitKg: rationalToNumber(pricing.kgPerUnit),
        kgPerUnit: rationalToText(pricing.kgPerUnit),
        ...(pricing.notes.length === 0 ? {} : { note: pricing.notes.join('; ') }),
        gases: pricing.gases.map((gas) => ({ gas: gas.gas, kgCo2e: rationalToText(gas.kgCo2e) })),
      };
      this.displays.set(pricing, display);
    }
    return display;
  }
}

function lineScales(pricing: Pricing, share: Rational, fraction: Rational): LineScales {
  const converted = new ExactScale(pricing.unitRatio);
  const tonnesPerKg = productOfRationals(pricing.unitRatio, fraction, share, PER_TONNE);
  return {
    converted,
    charged: fraction === ONE ? converted : new ExactScale(productOfRationals(pricing.unitRatio, fraction)),
    tonnes: new ExactScale(productOfRationals(tonnesPerKg, pricing.kgPerUnit)),
    gases: pricing.gases.map(({ gas, kgCo2e }) => ({ gas, tonnes: new ExactScale(productOfRationals(tonnesPerKg, kgCo2e)) })),
  };
}

/** Works out one recipe: the rules of the module comment for an activity, unit, region, category, instrument and start date. */
class RecipeBuilder {
  private readonly lines: RecipeLine[] = [];
  private readonly metrics: RecipeMetric[] = [];
  private readonly findings: PlannedFinding[] = [];
  private doubleCountPricing: Pricing | null = null;

  constructor(
    private readonly calculation: InventoryCalculation,
    private readonly record: CalcRecord,
    private readonly kind: KindFacts,
  ) {}

  build(): Recipe {
    const { record, kind } = this;
    const key = kind.activity.key;
    if (key === 'it_energy') this.metrics.push({ kind: 'it', charged: false, always: true });
    if (key === FACILITY_ENERGY) this.metrics.push({ kind: 'facility', charged: false, always: true });
    switch (record.meaning) {
      case 'avoided':
        this.addDirectLines('avoided');
        break;
      case 'instrument':
        this.addInstrumentLines();
        break;
      case 'consumption':
        if (ELECTRICITY_CONSUMPTION.has(key)) this.addElectricityConsumption();
        else this.addConsumptionLines();
        break;
      default:
      // Metric records only feed the metrics above.
    }
    const lines = this.lines.sort((a, b) => LINE_BASES.indexOf(a.basis) - LINE_BASES.indexOf(b.basis));
    return { lines, metrics: this.metrics, findings: this.findings, doubleCountPricing: this.doubleCountPricing };
  }

  private report(planned: PlannedFinding): undefined {
    this.findings.push(planned);
    return undefined;
  }

  private addLines(basis: LineBasis, pricing: Pricing, charged = false): void {
    const scope3Category = basis === 'scope3' ? this.scope3Category(pricing) : null;
    const line: RecipeLine = { basis, pricing, display: this.calculation.displayOf(pricing), scope3Category, charged };
    this.lines.push(this.kind.investmentShare !== null && (basis === 'scope1' || basis === 'market') ? { ...line, investment: this.investmentLine(line) } : line);
  }

  /** A line's emissions reported again as the group's share of an investment (Scope 3 category 15). */
  private investmentLine(line: RecipeLine): RecipeLine {
    const scope = line.basis === 'scope1' ? 'Scope 1' : 'market-based Scope 2';
    const pricing = this.calculation.withNote(line.pricing, `Scope 3 category 15: the group's ownership share of the ${scope} of a site outside its control`);
    return { basis: 'scope3', pricing, display: this.calculation.displayOf(pricing), scope3Category: INVESTMENTS_CATEGORY, charged: line.charged };
  }

  private scope3Category(pricing: Pricing): number | null {
    const category = this.record.scope3Category ?? this.kind.activity.scope3Category ?? null;
    if (category !== null && Number.isInteger(category) && category >= 1 && category <= 15) return category;
    const given = category === null ? 'none is given' : `${category} is not a category 1–15`;
    this.report({ kind: 'scope3-category', cause: `Scope 3 category: ${given}; reported as uncategorised`, detail: null, atStake: { pricings: [pricing], charged: false } });
    return null;
  }

  /** Quantities already in CO2e (process emissions, spend-based Scope 3, avoided): kg CO2e, no factor. */
  private addDirectLines(basis: LineBasis): void {
    const kgCo2e = unitById('kgCO2e');
    const ratio = kgCo2e ? conversionFactor(this.kind.unit, kgCo2e) : { ok: false as const, reason: 'no kgCO2e unit' };
    if (!ratio.ok) {
      this.report(finding('unit', ratio.reason));
      return;
    }
    this.addLines(basis, this.calculation.alreadyCo2e(ratio.factorText));
  }

  /** The pricing, or undefined with the failure reported against the record. */
  private priced(result: PricingResult, what: string, charged = false): Pricing | undefined {
    if (result.ok) return result.pricing;
    const atStake = result.candidates === undefined ? null : { pricings: result.candidates, charged };
    return this.report({ kind: result.kind, cause: `${what}: ${result.reason}`, detail: result.detail ?? null, atStake });
  }

  /** Grid-average factors for the activity (facility energy consumed takes electricity's). */
  private averagePool(): FactorPool {
    const { scope, key } = this.kind.activity;
    const activityKey = ELECTRICITY_CONSUMPTION.has(key) ? 'electricity' : key;
    return { activityKey, kind: 'average', scope: scope === 'none' ? null : SCOPE_LABELS[scope] };
  }

  private price(pool: FactorPool): PricingResult {
    return this.calculation.price(pool, {
      unit: this.kind.unit,
      region: this.kind.region,
      date: this.record.periodStart,
      attributes: this.record.attributes ?? null,
      requiredAttributes: REQUIRED_ATTRIBUTES[this.kind.activity.key] ?? [],
    });
  }

  /**
   * The factor, else for a refrigerant gas with no factor of its own its GWP; a gas neither
   * prices is a finding naming both reasons.
   */
  private priceOrGwp(pool: FactorPool): PricingResult {
    const result = this.price(pool);
    const gas = this.record.attributes?.gas;
    if (result.ok || result.kind !== 'no-factor' || this.kind.activity.key !== 'refrigerant' || gas === undefined) return result;
    const byGwp = this.calculation.byGasGwp(gas, this.kind.unit);
    if (typeof byGwp !== 'string') return { ok: true, pricing: byGwp };
    return { ...result, reason: `${result.reason}; ${byGwp}` };
  }

  /** Scope 1, Scope 3, and Scope 2 other than electricity (heat and steam). */
  private addConsumptionLines(): void {
    const { scope } = this.kind.activity;
    if (scope === 'none') return;
    if (this.kind.unit.dimension === 'emissions') {
      this.addDirectLines(scope === 'scope1' ? 'scope1' : 'scope3');
      return;
    }
    const pricing = this.priced(this.priceOrGwp(this.averagePool()), 'emission factor');
    if (!pricing) return;
    if (scope === 'scope2') {
      this.addLines('location', pricing);
      this.addLines('market', this.calculation.withNote(pricing, 'no contractual instruments for this activity: location-based factor'));
    } else {
      this.addLines(scope, pricing);
    }
    this.addBiogenicLines(pricing);
  }

  /** Biogenic CO2 from the biogenic factor of the main factor's set, when the set has one for the activity. */
  private addBiogenicLines(main: Pricing): void {
    if (main.factorSetId === null) return;
    const pool: FactorPool = { ...this.averagePool(), kind: 'biogenic', scope: null, factorSetId: main.factorSetId };
    if (!this.calculation.hasFactorsIn(pool)) return;
    const pricing = this.priced(this.price(pool), 'biogenic factor');
    if (pricing) this.addLines('biogenic', pricing);
  }

  /** Electricity consumed: location-based at the grid average, market-based at the residual mix after instruments. */
  private addElectricityConsumption(): void {
    const gridPool = this.averagePool();
    const grid = this.price(gridPool);
    if (this.kind.activity.key === FACILITY_ENERGY && grid.ok) this.doubleCountPricing = grid.pricing;
    this.metrics.push({ kind: 'electricity', charged: false, always: false });
    const location = this.priced(grid, 'location-based grid factor');
    if (location) {
      this.addLines('location', location);
      this.addBiogenicLines(location);
    }
    const residual = this.price({ ...gridPool, kind: 'residual-mix' });
    if (residual.ok || residual.kind !== 'no-factor') {
      const market = this.priced(residual, 'market-based residual mix factor', true);
      if (market) this.addLines('market', market, true);
    } else if (location) {
      this.addLines('market', this.calculation.withNote(location, 'no residual mix factor: grid average used'), true);
    } else {
      this.report(finding('no-factor', `market-based: no residual mix factor (${residual.reason}), and no usable grid factor`));
    }
  }

  private addInstrumentLines(): void {
    if (this.record.activity === CLEAN_INSTRUMENT) this.metrics.push({ kind: 'clean', charged: true, always: false });
    const pricing = this.instrumentPricing();
    if (pricing) this.addLines('market', pricing, true);
  }

  private instrumentPricing(): Pricing | undefined {
    const { record } = this;
    if (record.activity === CLEAN_INSTRUMENT) {
      // Without clean_electricity factors in the library, a clean instrument is zero-emission.
      if (!this.calculation.hasFactorsFor(CLEAN_INSTRUMENT)) return this.calculation.zeroEmission(this.kind.kwhPerUnit ?? ONE);
      return this.priced(this.price(this.averagePool()), 'instrument factor', true);
    }
    if (record.instrument === null) {
      return this.report(finding('no-factor', 'instrument factor: the record names no instrument, so no supplier-specific factor applies'));
    }
    const pool: FactorPool = { ...this.averagePool(), variant: record.instrument };
    return this.priced(this.price(pool), `instrument factor for '${record.instrument}'`, true);
  }
}
