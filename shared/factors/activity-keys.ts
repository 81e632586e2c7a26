/**
 * Which published factors stand for which activity of shared/activities.
 *
 * The tables are explicit on purpose: a factor gets an activity key only when a rule names its
 * source path, so a new edition that renames a category loses the key (visible in tests) rather
 * than silently picking up a different factor. Unmatched factors keep `activityKey` undefined.
 * Several factors may share a key (one per unit or variant); choosing among them is the caller's.
 */
import type { EmissionFactor } from './types';

export interface ActivityKeyRule {
  /** Matches factors whose path starts with these names, compared exactly. */
  readonly pathPrefix: readonly string[];
  readonly activityKey: string;
  /** Region for the matched factors when the source names it in a label rather than a column. */
  readonly region?: string;
}

const DESNZ_LIQUID_FUELS = ['Fuels', 'Liquid fuels'];
const DESNZ_GASEOUS_FUELS = ['Fuels', 'Gaseous fuels'];

export const DESNZ_ACTIVITY_RULES: readonly ActivityKeyRule[] = [
  { pathPrefix: [...DESNZ_GASEOUS_FUELS, 'Natural gas'], activityKey: 'natural_gas' },
  { pathPrefix: [...DESNZ_GASEOUS_FUELS, 'LPG'], activityKey: 'lpg' },
  { pathPrefix: [...DESNZ_LIQUID_FUELS, 'Diesel (average biofuel blend)'], activityKey: 'diesel' },
  { pathPrefix: [...DESNZ_LIQUID_FUELS, 'Petrol (average biofuel blend)'], activityKey: 'petrol' },
  { pathPrefix: [...DESNZ_LIQUID_FUELS, 'Fuel oil'], activityKey: 'fuel_oil' },
  { pathPrefix: ['Fuels', 'Solid fuels', 'Coal (industrial)'], activityKey: 'coal' },
  { pathPrefix: ['UK electricity', 'Electricity generated', 'Electricity: UK'], activityKey: 'electricity', region: 'UK' },
  { pathPrefix: ['Heat and steam'], activityKey: 'heat_steam' },
  // Fugitive gases (HFCs, blends, SF6…): the label names the gas; the quantity is a mass leaked.
  { pathPrefix: ['Refrigerant & other'], activityKey: 'refrigerant' },
  { pathPrefix: ['Business travel- air'], activityKey: 'business_travel_air' },
  { pathPrefix: ['Waste disposal'], activityKey: 'waste' },
];

const EPA_STATIONARY = 'Stationary Combustion';
const EPA_MOBILE_CO2 = 'Mobile Combustion CO2';
const EPA_BUSINESS_TRAVEL = 'Scope 3 Category 6: Business Travel and Category 7: Employee Commuting';

export const EPA_HUB_ACTIVITY_RULES: readonly ActivityKeyRule[] = [
  { pathPrefix: [EPA_STATIONARY, 'Natural Gas', 'Natural Gas'], activityKey: 'natural_gas' },
  { pathPrefix: [EPA_STATIONARY, 'Petroleum Products', 'Liquefied Petroleum Gases (LPG)'], activityKey: 'lpg' },
  { pathPrefix: [EPA_STATIONARY, 'Petroleum Products', 'Motor Gasoline'], activityKey: 'petrol' },
  { pathPrefix: [EPA_STATIONARY, 'Coal and Coke', 'Mixed (Industrial Sector)'], activityKey: 'coal' },
  { pathPrefix: [EPA_MOBILE_CO2, 'Diesel Fuel'], activityKey: 'diesel' },
  { pathPrefix: [EPA_MOBILE_CO2, 'Motor Gasoline'], activityKey: 'petrol' },
  { pathPrefix: [EPA_MOBILE_CO2, 'Liquefied Petroleum Gases (LPG)'], activityKey: 'lpg' },
  // eGRID subregions: the parser sets each factor's region to the subregion acronym.
  { pathPrefix: ['Electricity'], activityKey: 'electricity' },
  { pathPrefix: ['Steam and Heat'], activityKey: 'heat_steam' },
  { pathPrefix: ['Scope 3 Category 5: Waste Generated in Operations and Category 12: End-of-Life Treatment of Sold Products'], activityKey: 'waste' },
  { pathPrefix: [EPA_BUSINESS_TRAVEL, 'Air Travel - Short Haul (< 300 miles)'], activityKey: 'business_travel_air' },
  { pathPrefix: [EPA_BUSINESS_TRAVEL, 'Air Travel - Medium Haul (>= 300 miles, < 2300 miles)'], activityKey: 'business_travel_air' },
  { pathPrefix: [EPA_BUSINESS_TRAVEL, 'Air Travel - Long Haul (>= 2300 miles)'], activityKey: 'business_travel_air' },
];

/** The rule with the longest path prefix of the factor's path, if any. */
export function matchActivityRule(path: readonly string[], rules: readonly ActivityKeyRule[]): ActivityKeyRule | undefined {
  let best: ActivityKeyRule | undefined;
  for (const rule of rules) {
    const isPrefix = rule.pathPrefix.length <= path.length && rule.pathPrefix.every((name, i) => path[i] === name);
    if (isPrefix && rule.pathPrefix.length > (best?.pathPrefix.length ?? 0)) best = rule;
  }
  return best;
}

/** Sets activity keys (and rule regions, where the factor has none of its own) from the rules. */
export function withActivityKeys(factors: readonly EmissionFactor[], rules: readonly ActivityKeyRule[]): EmissionFactor[] {
  return factors.map((factor) => {
    const rule = matchActivityRule(factor.path, rules);
    if (!rule) return factor;
    const region = factor.region ?? rule.region;
    return { activityKey: rule.activityKey, ...factor, ...(region === undefined ? {} : { region }) };
  });
}
