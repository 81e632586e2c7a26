/**
 * Inputs and outputs of the inventory calculation: plain data, loaded by the engine from the
 * engagement file and handed back to it for storage, reconciliation and export.
 */
import type { ActivityMeaning } from '../activities';
import type { Attributes } from './attributes';
import type { MatchingWindow } from './scope2-market';
import type { GasValue } from '../factors/types';
import type { ConsolidationApproach } from '../settings';
import type { FiscalSettings } from './fiscal';
import type { GwpBasis } from './gwp';
import type { CalorificBasis } from './units';
import type { IntensityMetric } from './intensity';

/** One mapped activity record. Ids are unique: they are the engagement file's primary keys. */
export interface CalcRecord {
  readonly id: number;
  readonly site: string | null;
  /** ISO dates, both inclusive. */
  readonly periodStart: string;
  readonly periodEnd: string;
  /** Activity key from shared/activities. */
  readonly activity: string;
  readonly meaning: ActivityMeaning;
  readonly quantity: number;
  /** Canonical unit id ('kWh', 'm3', 'L', 'MWh', 'tCO2e', 'currency:GBP'…). */
  readonly unit: string;
  readonly unitBasis: CalorificBasis | null;
  readonly scope3Category: number | null;
  readonly region: string | null;
  /** Name of the contractual instrument (PPA, certificate scheme, tariff) on instrument records. */
  readonly instrument: string | null;
  /** What tells the record's variant of its activity apart (refrigerant gas, haul…); see attributes.ts. */
  readonly attributes?: Attributes | null;
  /**
   * Optional: a string equal for two records exactly when everything but their id, period and
   * quantity is (activity, meaning, unit, basis, site, region, category, instrument, attributes). A reader
   * that can make it cheaply (SQL) passes it; otherwise the calculation works it out.
   */
  readonly kindKey?: string;
}

/** One emission factor of a frozen factor set, with its set's validity and region. */
export interface CalcFactor {
  readonly id: number;
  readonly factorSetId: number;
  readonly setKey: string;
  readonly setYear: number;
  /** ISO dates, both inclusive: the factor's own validity where its table states one, else its set's edition's period. */
  readonly validFrom: string;
  readonly validTo: string;
  /** The validity is the factor's own (a table's valid-from and valid-to): it is never carried forward. */
  readonly validityStated?: boolean;
  /** The variant the factor is for (refrigerant gas, haul…); see attributes.ts. */
  readonly attributes?: Attributes | null;
  readonly setRegion: string;
  readonly activityKey: string;
  readonly unitText: string;
  /** Region narrower than (or named apart from) the set's; null when the set's region applies. */
  readonly region: string | null;
  /** Scope as the source labels it ('Scope 1', 'Scope 2', 'Scope 3', 'Outside of scopes'). */
  readonly scope: string | null;
  readonly biogenic: boolean;
  readonly co2ePerUnitKg: number | null;
  readonly gases: readonly GasValue[];
  /** The basis of the factor's own CO2e figures: its set's, unless the source overrides it. */
  readonly gwpBasis: GwpBasis;
  readonly label: string;
  readonly variant: string | null;
  /** A market-based residual-mix factor rather than a grid average. */
  readonly residualMix?: boolean;
}

/** A site as the boundary sees it. Sites not listed count in full. */
export interface SiteInfo {
  readonly name: string;
  /** 0–100. */
  readonly ownershipPercent: number;
  readonly operationalControl: boolean;
  readonly financialControl: boolean;
  readonly isDataCentre: boolean;
  readonly region: string | null;
}

export interface CalcSettings {
  readonly fiscal: FiscalSettings;
  readonly gwpBasis: GwpBasis;
  readonly consolidationApproach: ConsolidationApproach;
  /** Region of records that name none and whose site names none. */
  readonly defaultRegion: string | null;
  /** The instrument-matching window of market-based Scope 2 (scope2-market.ts); the fiscal year when absent. */
  readonly instrumentMatching?: MatchingWindow;
  /** Under a control approach, excluded sites' ownership share of Scope 1 and market-based Scope 2 as Scope 3 category 15. */
  readonly category15Investments?: boolean;
}

/**
 * An auditor's correction of a factor (an adjustment): wherever the calculation would use the
 * factor `replaces`, it uses `factor` instead, whatever its region or year, with the note on the line.
 */
export interface FactorReplacement {
  readonly replaces: number;
  readonly factor: CalcFactor;
  readonly note: string;
}

export interface InventoryInput {
  readonly records: readonly CalcRecord[];
  readonly factors: readonly CalcFactor[];
  readonly sites?: readonly SiteInfo[];
  readonly settings: CalcSettings;
  readonly factorReplacements?: readonly FactorReplacement[];
}

export const FINDING_KINDS = [
  'activity',
  'unit',
  'period',
  'quantity',
  'boundary',
  'no-factor',
  'ambiguous-factor',
  'calorific-basis-ambiguous',
  'factor-value',
  'scope3-category',
  'instrument-exceeds-consumption',
  'double-count',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** tCO2e between two bounds (equal when the amount is known exactly). */
export interface TonnesRange {
  readonly low: number;
  readonly high: number;
}

/**
 * Something the calculation could not settle on its own, about one record. Records with the same
 * problem share its cause (the same ambiguous factors, the same unknown unit): outputs group
 * findings by kind and cause and list them in full only on request.
 */
export interface Finding {
  readonly recordId: number | null;
  readonly kind: FindingKind;
  /** The problem, in words every record with it shares. */
  readonly cause: string;
  /** What is particular to this record (its months, its quantities), if anything. */
  readonly detail: string | null;
  /**
   * The emissions in question, where known: between the lowest and highest of several fitting
   * factors; the facility energy left out as a double count; the tCO2e reported as uncategorised.
   */
  readonly atStake: TonnesRange | null;
}

/** A finding as one sentence: its cause, then what is particular to the record. */
export function findingMessage(finding: Pick<Finding, 'cause' | 'detail'>): string {
  return finding.detail === null ? finding.cause : `${finding.cause}; ${finding.detail}`;
}

export const LINE_BASES = ['scope1', 'location', 'market', 'scope3', 'biogenic', 'avoided'] as const;
export type LineBasis = (typeof LINE_BASES)[number];

export interface LineGas {
  readonly gas: string;
  readonly tco2e: number;
}

/**
 * Lineage of one record's emissions in one fiscal year on one basis:
 * tco2e = chargedQuantity × co2ePerUnitKg × share / 1000, computed exactly and rounded once.
 */
export interface ResultLine {
  readonly recordId: number;
  readonly site: string | null;
  readonly activity: string;
  readonly fiscalYear: string;
  readonly basis: LineBasis;
  /** GHG Protocol category of a scope3 line; null elsewhere and when the record gives none. */
  readonly scope3Category: number | null;
  /** The record's quantity falling in this fiscal year, in the record's unit. */
  readonly quantity: number;
  readonly unit: string;
  /** Factor units per record unit. */
  readonly conversionFactor: number;
  readonly convertedQuantity: number;
  /**
   * The part of convertedQuantity this line charges: all of it, except on market-based Scope 2
   * lines (consumption not covered by instruments; instruments as far as consumption allows).
   */
  readonly chargedQuantity: number;
  /** The factor's unit as its source writes it, or the unit the quantity was converted to. */
  readonly factorUnit: string;
  /** Null when no published factor applies (quantities already in CO2e, zero-emission instruments). */
  readonly factorId: number | null;
  readonly factorSetKey: string | null;
  readonly co2ePerUnitKg: number;
  readonly gases: readonly LineGas[];
  /** Boundary share of the record's site, 0–1. */
  readonly share: number;
  readonly tco2e: number;
  readonly note?: string;
}

/** The physical inputs (kWh) metrics divide: electricity consumed, clean instruments, IT and facility energy. */
export type MetricInputKind = 'electricity' | 'clean' | 'it' | 'facility';

/** Physical inputs and ratios; null when the figure has no inputs. */
export interface InventoryMetrics {
  readonly pue: number | null;
  readonly cleanShare: number | null;
  readonly dataCentreCleanShare: number | null;
  readonly electricityKwh: number | null;
  readonly cleanKwh: number | null;
  /** PUE's inputs: over a year, the data centres with both; at a site, what it recorded (either alone too). */
  readonly itKwh: number | null;
  readonly facilityKwh: number | null;
}

/** Totals in tCO2e; null when no line contributes to the figure. */
export interface EmissionTotals {
  readonly scope1: number | null;
  readonly scope2Location: number | null;
  readonly scope2Market: number | null;
  readonly scope3: number | null;
  /** By category number ('1'–'15'), or 'uncategorised'. */
  readonly scope3ByCategory: Readonly<Record<string, number>>;
  /** scope1 + scope2Market. */
  readonly net: number | null;
  /** scope1 + scope2Location: what a total on the location basis reports (ENERGY STAR Portfolio Manager's, for one). */
  readonly scope12Location: number | null;
  readonly biogenic: number | null;
  readonly avoided: number | null;
  readonly metrics: InventoryMetrics;
}

export interface SiteResult extends EmissionTotals {
  readonly site: string | null;
  readonly share: number;
  readonly isDataCentre: boolean;
}

export interface PeriodResult extends EmissionTotals {
  /** Fiscal year label, e.g. 'FY2024'. */
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly sites: readonly SiteResult[];
  /** Emissions per unit of each denominator reported for the year (revenue, floor area, orders). */
  readonly intensities: readonly IntensityMetric[];
}

export interface InventoryResult {
  readonly periods: readonly PeriodResult[];
  readonly findings: readonly Finding[];
  readonly lines: readonly ResultLine[];
}

/**
 * How lines read their factor: one object for every line that takes the same factor the same
 * way (conversion, note), so a store can keep it once and point lines at it. The exact values
 * are text as rationalToText writes them ('2.54603', '5/18').
 */
export interface LinePricing {
  readonly factorId: number | null;
  readonly factorSetKey: string | null;
  readonly factorUnit: string;
  readonly conversionFactor: number;
  /** Factor units per record unit, exact. */
  readonly unitRatio: string;
  readonly co2ePerUnitKg: number;
  /** kg CO2e per factor unit, exact. */
  readonly kgPerUnit: string;
  readonly note?: string;
  /** The gases of the lines' `gases`, in their order, with each one's exact kg CO2e per factor unit. */
  readonly gases: readonly { readonly gas: string; readonly kgCo2e: string }[];
}

/** What a line shares with others, by identity: its pricing, its group (figure, site, activity), and whether it is charged a matched fraction. */
export interface LineLineage {
  readonly pricing: LinePricing;
  readonly group: LineGroupRef;
  /**
   * Charged a fraction other than 1 by instrument matching (market-based electricity and
   * instruments): its charged quantity and per-gas tCO2e do not follow from the pricing alone.
   */
  readonly fractional: boolean;
}

/** A group of lines, as a sink tells groups apart (by identity); see LineGroup in inventory-totals. */
export interface LineGroupRef {
  readonly fiscalYear: string;
  readonly site: string | null;
  readonly activity: string;
  readonly basis: LineBasis;
  readonly scope3Category: number | null;
}

/**
 * A line as a streaming calculation hands it to its sink: what a store keeps of every line, read
 * at once, and the rest worked out when asked. One object stands for each line in turn, so a
 * sink keeps what it reads of it, never the object: a million lines would otherwise each
 * allocate a ResultLine whose factor, group and note they share with thousands of others.
 */
export interface MadeLine extends LineLineage {
  readonly recordId: number;
  /** The record's quantity falling in the line's fiscal year (ResultLine.quantity). */
  readonly quantity: number;
  readonly tco2e: number;
  /** ResultLine.chargedQuantity. */
  chargedQuantity(): number;
  /** The tCO2e of each gas of the pricing, in its order (ResultLine.gases). */
  gasTco2e(): number[];
  /** The whole line, as a new object. */
  resultLine(): ResultLine;
}

/** Where a streaming calculation puts each record's lines and findings as it goes. */
export interface InventorySink {
  /** A record's lines arrive together, by fiscal year and basis; records in the order they are added. */
  line(line: MadeLine): void;
  /** A record's findings arrive together, by kind and message. */
  finding(finding: Finding): void;
}
