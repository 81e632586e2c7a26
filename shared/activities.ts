/**
 * The activity vocabulary: what a mapped quantity means for the inventory.
 *
 * Meaning decides how a record is treated, independently of its activity:
 * - consumption: something burned, bought or emitted; it produces emissions.
 * - instrument: a contractual instrument (PPA, certificate, green tariff) covering part of
 *   consumed electricity. It is a subset of consumption, never added to it: it lowers
 *   market-based Scope 2 and counts toward clean share.
 * - metric: an input to a metric or a target only (data-centre IT energy, total facility energy,
 *   retired carbon removals and credits); never an emission.
 * - avoided: avoided emissions claimed outside the inventory, already in CO2e.
 * - denominator: revenue, floor area, orders… for intensity metrics.
 */
import type { MethaneOrigin } from './calc/gwp';

export const ACTIVITY_MEANINGS = ['consumption', 'instrument', 'metric', 'avoided', 'denominator'] as const;
export type ActivityMeaning = (typeof ACTIVITY_MEANINGS)[number];

export type Dimension =
  | 'energy'
  | 'volume'
  | 'mass'
  | 'distance'
  | 'mass_distance'
  | 'passenger_distance'
  | 'count'
  | 'currency'
  | 'area'
  | 'emissions';

/** Where a consumption record lands in the inventory. */
export type InventoryScope = 'scope1' | 'scope2' | 'scope3' | 'none';

export interface ActivityDefinition {
  readonly key: string;
  /** In the audited workbook's and the CLI's words (English, as the workbook is); the UI names activities from its own catalogue by key. */
  readonly label: string;
  readonly scope: InventoryScope;
  /** Dimensions a quantity of this activity may be expressed in. */
  readonly dimensions: readonly Dimension[];
  /** Meanings this activity may take; the first is the default for a plain column. */
  readonly meanings: readonly ActivityMeaning[];
  /** Lower-case phrases that identify the activity in a header or an activity cell. */
  readonly synonyms: readonly string[];
  /** GHG Protocol Scope 3 category (1–15), for scope3 activities. */
  readonly scope3Category?: number;
  /**
   * The origin of the methane its per-gas factors count, where the activity settles it: fossil
   * fuels burned (directly, in vehicles, or on the grid and in district heat, whose averages are
   * fossil generation) are fossil; waste (landfill) is non-fossil. AR6 weights the two apart.
   */
  readonly methaneOrigin?: MethaneOrigin;
  /**
   * Recorded when it happens (a refrigerant top-up, a retirement of credits), not read every
   * month: a month without one is no gap.
   */
  readonly occasional?: true;
  /**
   * A fuel burned on site: its energy content is published on a gross and on a net calorific
   * basis (about 10% apart for natural gas), so an energy quantity of it must say which.
   * Electricity and heat are metered as delivered: the basis does not apply to them.
   */
  readonly fuel?: true;
}

const FUEL_DIMENSIONS: readonly Dimension[] = ['energy', 'volume', 'mass'];

const DEFINITIONS = [
  { key: 'electricity', label: 'Electricity', scope: 'scope2', dimensions: ['energy'], meanings: ['consumption', 'instrument'], synonyms: ['electricity', 'grid electricity', 'power', 'electricity consumption', 'purchased electricity'], methaneOrigin: 'fossil' },
  { key: 'clean_electricity', label: 'Clean electricity (contractual instrument)', scope: 'scope2', dimensions: ['energy'], meanings: ['instrument'], synonyms: ['renewable electricity', 'clean electricity', 'green electricity', 'green power', 'ppa', 'rec', 'rego', 'guarantee of origin', 'guarantees of origin', 'green tariff', 'renewable energy'] },
  { key: 'heat_steam', label: 'Purchased heat and steam', scope: 'scope2', dimensions: ['energy'], meanings: ['consumption'], synonyms: ['district heating', 'heat', 'steam', 'purchased heat', 'district hot water'], methaneOrigin: 'fossil' },
  { key: 'district_cooling', label: 'Purchased cooling (district chilled water)', scope: 'scope2', dimensions: ['energy'], meanings: ['consumption'], synonyms: ['district cooling', 'chilled water', 'district chilled water', 'purchased cooling'], methaneOrigin: 'fossil' },
  { key: 'it_energy', label: 'Data-centre IT equipment energy', scope: 'none', dimensions: ['energy'], meanings: ['metric'], synonyms: ['it energy', 'it equipment energy', 'it load', 'it power', 'it electricity'] },
  // As 'consumption' it is also the site's electricity for Scope 2; by default only PUE's numerator.
  { key: 'facility_energy', label: 'Data-centre total facility energy', scope: 'scope2', dimensions: ['energy'], meanings: ['metric', 'consumption'], synonyms: ['total facility energy', 'facility energy', 'total energy', 'total facility power'] },
  { key: 'natural_gas', label: 'Natural gas', scope: 'scope1', dimensions: FUEL_DIMENSIONS, fuel: true, meanings: ['consumption'], synonyms: ['natural gas', 'gas', 'mains gas'], methaneOrigin: 'fossil' },
  { key: 'diesel', label: 'Diesel (average biofuel blend)', scope: 'scope1', dimensions: FUEL_DIMENSIONS, fuel: true, meanings: ['consumption'], synonyms: ['diesel', 'gas oil', 'gasoil', 'derv', 'diesel fuel'], methaneOrigin: 'fossil' },
  { key: 'petrol', label: 'Petrol (average biofuel blend)', scope: 'scope1', dimensions: FUEL_DIMENSIONS, fuel: true, meanings: ['consumption'], synonyms: ['petrol', 'gasoline', 'motor gasoline'], methaneOrigin: 'fossil' },
  { key: 'lpg', label: 'LPG', scope: 'scope1', dimensions: FUEL_DIMENSIONS, fuel: true, meanings: ['consumption'], synonyms: ['lpg', 'liquefied petroleum gas', 'propane'], methaneOrigin: 'fossil' },
  { key: 'fuel_oil', label: 'Fuel oil', scope: 'scope1', dimensions: FUEL_DIMENSIONS, fuel: true, meanings: ['consumption'], synonyms: ['fuel oil', 'heating oil', 'burning oil', 'kerosene'], methaneOrigin: 'fossil' },
  // Burning wood emits biogenic CO2, reported outside the scopes; its CH4 (non-fossil) and N2O are Scope 1.
  { key: 'wood', label: 'Wood (logs, chips, pellets)', scope: 'scope1', dimensions: FUEL_DIMENSIONS, fuel: true, meanings: ['consumption'], synonyms: ['wood', 'wood logs', 'wood chips', 'wood pellets'], methaneOrigin: 'non-fossil' },
  { key: 'coal', label: 'Coal (industrial)', scope: 'scope1', dimensions: FUEL_DIMENSIONS, fuel: true, meanings: ['consumption'], synonyms: ['coal'], methaneOrigin: 'fossil' },
  { key: 'refrigerant', label: 'Refrigerant leakage', scope: 'scope1', dimensions: ['mass'], meanings: ['consumption'], synonyms: ['refrigerant', 'refrigerant leakage', 'f-gas', 'hfc', 'r-410a', 'r410a', 'hfc-134a', 'r-134a', 'r-32', 'sf6'], occasional: true },
  { key: 'process_emissions', label: 'Process emissions (tCO2e)', scope: 'scope1', dimensions: ['emissions'], meanings: ['consumption'], synonyms: ['process emissions'] },
  { key: 'purchased_goods', label: 'Purchased goods and services', scope: 'scope3', scope3Category: 1, dimensions: ['currency', 'mass', 'emissions'], meanings: ['consumption'], synonyms: ['purchased goods', 'purchased goods and services', 'procurement spend'] },
  { key: 'capital_goods', label: 'Capital goods', scope: 'scope3', scope3Category: 2, dimensions: ['currency', 'emissions'], meanings: ['consumption'], synonyms: ['capital goods', 'capex'] },
  { key: 'upstream_transport', label: 'Upstream transportation and distribution', scope: 'scope3', scope3Category: 4, dimensions: ['mass_distance', 'distance', 'currency', 'emissions'], meanings: ['consumption'], synonyms: ['upstream transport', 'freight', 'logistics', 'inbound logistics', 'tonne-km', 'tkm'], methaneOrigin: 'fossil' },
  { key: 'waste', label: 'Waste generated in operations', scope: 'scope3', scope3Category: 5, dimensions: ['mass', 'emissions'], meanings: ['consumption'], synonyms: ['waste', 'waste to landfill'], methaneOrigin: 'non-fossil' },
  { key: 'business_travel_air', label: 'Business travel: air', scope: 'scope3', scope3Category: 6, dimensions: ['passenger_distance', 'distance', 'currency', 'emissions'], meanings: ['consumption'], synonyms: ['air travel', 'flights', 'business travel air', 'business travel'], methaneOrigin: 'fossil' },
  { key: 'employee_commuting', label: 'Employee commuting', scope: 'scope3', scope3Category: 7, dimensions: ['passenger_distance', 'distance', 'emissions'], meanings: ['consumption'], synonyms: ['employee commuting', 'commuting'], methaneOrigin: 'fossil' },
  { key: 'downstream_transport', label: 'Downstream transportation and distribution', scope: 'scope3', scope3Category: 9, dimensions: ['mass_distance', 'distance', 'currency', 'emissions'], meanings: ['consumption'], synonyms: ['downstream transport', 'outbound logistics', 'deliveries', 'last mile'], methaneOrigin: 'fossil' },
  { key: 'scope3_other', label: 'Scope 3 (category given by the mapping)', scope: 'scope3', dimensions: ['emissions', 'currency', 'mass', 'energy', 'distance', 'mass_distance', 'passenger_distance'], meanings: ['consumption'], synonyms: ['scope 3'] },
  { key: 'avoided_emissions', label: 'Avoided emissions (reported apart)', scope: 'none', dimensions: ['emissions'], meanings: ['avoided'], synonyms: ['avoided emissions', 'emissions avoided', 'scope 3+', 'scope 4', 'ecosystem reductions'] },
  // Retired removals and credits count only towards net-zero and carbon-neutral targets: never netted inside a scope.
  { key: 'retired_removals', label: 'Carbon removals retired (for net-zero targets)', scope: 'none', dimensions: ['emissions'], meanings: ['metric'], synonyms: ['carbon removals', 'removals retired', 'retired removals', 'carbon dioxide removal'], occasional: true },
  { key: 'retired_credits', label: 'Carbon credits retired (offsets, for carbon-neutral targets)', scope: 'none', dimensions: ['emissions'], meanings: ['metric'], synonyms: ['carbon credits', 'carbon offsets', 'offsets retired', 'retired credits', 'credits retired', 'offsets'], occasional: true },
  { key: 'revenue', label: 'Revenue (intensity denominator)', scope: 'none', dimensions: ['currency'], meanings: ['denominator'], synonyms: ['revenue', 'turnover', 'sales'] },
  { key: 'floor_area', label: 'Floor area (intensity denominator)', scope: 'none', dimensions: ['area'], meanings: ['denominator'], synonyms: ['floor area', 'gross floor area', 'gross internal area', 'gia', 'gfa', 'area'] },
  { key: 'orders', label: 'Orders (intensity denominator)', scope: 'none', dimensions: ['count'], meanings: ['denominator'], synonyms: ['orders', 'order count', 'parcels', 'shipments'] },
] as const satisfies readonly ActivityDefinition[];

/** The vocabulary's keys, so a table keyed by activity (the UI's names) must name every one. */
export type ActivityKey = (typeof DEFINITIONS)[number]['key'];
export const ACTIVITIES: readonly ActivityDefinition[] = DEFINITIONS;

const ACTIVITY_BY_KEY = new Map(ACTIVITIES.map((activity) => [activity.key, activity]));

export function activityByKey(key: string): ActivityDefinition | undefined {
  return ACTIVITY_BY_KEY.get(key);
}

export type Scope3Category = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;

/** GHG Protocol Scope 3 categories, by number: the workbook's, the CLI's and (through the message catalogue) the UI's words. */
export const SCOPE3_CATEGORIES: Readonly<Record<number, string>> & Readonly<Record<Scope3Category, string>> = {
  1: 'Purchased goods and services',
  2: 'Capital goods',
  3: 'Fuel- and energy-related activities',
  4: 'Upstream transportation and distribution',
  5: 'Waste generated in operations',
  6: 'Business travel',
  7: 'Employee commuting',
  8: 'Upstream leased assets',
  9: 'Downstream transportation and distribution',
  10: 'Processing of sold products',
  11: 'Use of sold products',
  12: 'End-of-life treatment of sold products',
  13: 'Downstream leased assets',
  14: 'Franchises',
  15: 'Investments',
};

/** A site with records of this activity is a data centre in the calculation, whether or not the boundary tags it. */
export const IT_ENERGY_ACTIVITY = 'it_energy';
/** A data centre's total facility energy: PUE's numerator. */
export const FACILITY_ENERGY_ACTIVITY = 'facility_energy';
