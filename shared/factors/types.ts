/**
 * The emission-factor model shared by every factor source (DESNZ flat files, the EPA Hub, …).
 *
 * A factor keeps the source's own numbers and units, per gas where the source gives them, and
 * the rows it came from, so an auditor can trace any result back to a cell of a published file.
 */
import type { GwpBasis } from '../calc/gwp';
import type { Attributes } from '../calc/attributes';

/** Scope as the source labels it. 'Outside of scopes' holds biogenic CO2, reported apart. */
export type FactorScope = 'Scope 1' | 'Scope 2' | 'Scope 3' | 'Outside of scopes';

/** Mass unit of a gas value: kilogram, gram, pound (avoirdupois) or metric tonne. */
export type GasMassUnit = 'kg' | 'g' | 'lb' | 't';

export interface GasValue {
  /** 'CO2', 'CH4', 'N2O', an HFC name… or 'CO2e' when the source only gives a CO2e figure. */
  readonly gas: string;
  /** Mass per one `unitText` of activity, in `valueUnit`. */
  readonly value: number;
  readonly valueUnit: GasMassUnit;
  /**
   * True when `value` is already CO2e (DESNZ per-gas rows are each gas's CO2e contribution):
   * never multiply it by a GWP again. False when it is a mass of the gas itself (EPA), which
   * the calculation weights by the engagement's GWPs.
   */
  readonly alreadyCo2e: boolean;
}

/** Where a factor was published and which rows of which sheet hold it. */
export interface FactorSource {
  readonly publisher: string;
  readonly title: string;
  readonly edition: string;
  readonly year: number;
  readonly licence: string;
  readonly url?: string;
  readonly sheet: string;
  /** 1-based row numbers in `sheet`, ascending. */
  readonly rowNumbers: readonly number[];
}

export interface EmissionFactor {
  /** Key from shared/activities when the factor is a well-known one (see activity-keys.ts). */
  readonly activityKey?: string;
  /** Source hierarchy, e.g. ['Fuels', 'Liquid fuels', 'Diesel (average biofuel blend)']. */
  readonly path: readonly string[];
  /** The most specific name, followed by the variant when there is one. */
  readonly label: string;
  /** What distinguishes factors sharing a path: DESNZ 'Column Text' ('Energy - Net CV'), a model year, a disposal method. */
  readonly variant?: string;
  /** Per what unit, as the source writes it: 'litres', 'kWh (Net CV)', 'mmBtu', 'MWh'. */
  readonly unitText: string;
  /** Region the factor applies to when narrower than (or named apart from) the set's region. */
  readonly region?: string;
  readonly scope?: FactorScope;
  readonly gases: readonly GasValue[];
  /** The source's own CO2e total in kg per unit (DESNZ 'kg CO2e' rows), as printed. */
  readonly co2ePerUnitKg?: number;
  /** True when the factor's CO2 comes from biomass: reported outside the scopes (GHG Protocol). */
  readonly biogenic?: boolean;
  /** A residual-mix factor: market-based Scope 2 prices electricity no instrument covers at it. */
  readonly residualMix?: boolean;
  /** Set only when this factor's CO2e uses a different GWP basis from its set's (EPA Hub waste: AR4). */
  readonly gwpBasis?: GwpBasis;
  /** The variant of its activity the factor is for (refrigerant gas, haul…): see shared/calc/attributes.ts. */
  readonly attributes?: Attributes;
  /** ISO dates (inclusive) the source states the factor valid for; absent, its set's edition period applies. */
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly source: FactorSource;
}

export interface FactorSetMeta {
  /** Stable id of the set, e.g. 'desnz-2020'. */
  readonly id: string;
  readonly publisher: string;
  readonly title: string;
  readonly edition: string;
  readonly year: number;
  /** Region the set covers by default, e.g. 'UK', 'US'. */
  readonly region: string;
  readonly gwpBasis: GwpBasis;
  /** ISO dates (inclusive) of the reporting period the edition is published for. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly licence: string;
  /** Attribution text to show wherever the factors are reproduced. */
  readonly attribution: string;
  readonly url?: string;
}

/** A source row (or cell, for matrix tables) that did not become part of a factor, and why. */
export interface SkippedSourceRow {
  readonly rowNumber: number;
  readonly reason: string;
}

export interface ParsedFactorSet {
  readonly meta: FactorSetMeta;
  readonly factors: readonly EmissionFactor[];
  readonly skipped: readonly SkippedSourceRow[];
  /** Rows the parser examined; what that covers is documented per parser. */
  readonly rowsRead: number;
}

/** The provenance every factor of a set shares; the parser adds each factor's rows. */
export function sourceOf(meta: FactorSetMeta, sheet: string): Omit<FactorSource, 'rowNumbers'> {
  const { publisher, title, edition, year, licence, url } = meta;
  return { publisher, title, edition, year, licence, ...(url === undefined ? {} : { url }), sheet };
}

/** The file is not the layout the parser knows: the message says what was expected. */
export class FactorFileFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FactorFileFormatError';
  }
}
