/**
 * Which figure of the catalogue a reported claim (or a target) is about, read from its metric
 * text and unit as a company writes them: 'Total Scope 1 (tCO2e)', 'Scope 1 & 2 net,
 * market-based', 'Average PUE of our data centres', 'Total (Location-Based) GHG Emissions (Metric
 * Tons CO2e)'. Each suggestion carries its reason; one that cannot be told (Scope 2 without a basis,
 * a total without its scopes) is no suggestion, with the reason. The auditor confirms or changes it.
 */
import { activityByKey, SCOPE3_CATEGORIES } from '../activities';
import { parseUnit } from '../calc/units';
import { FIGURES, figureById, intensityFigure, scope3CategoryFigure, type Figure } from '../figures';

export type FigureSuggestion =
  | { readonly ok: true; readonly figure: Figure; readonly reason: string }
  | { readonly ok: false; readonly reason: string };

/** What a metric's words say, found once. */
interface Words {
  readonly text: string;
  readonly scopes: ReadonlySet<number>;
  readonly basis: 'location' | 'market' | null;
  readonly category: number | null;
}

const SCOPE_LIST = /\bscopes?\s*((?:[123]\s*(?:,|&|\+|\band\b|\/|-|–)?\s*)+)/g;
const CATEGORY_NUMBER = /\b(?:categor(?:y|ies)|cat\.?)\s*(\d{1,2})\b/;
const LOCATION = /\blocation[-\s]*based\b|\blocation\b/;
const MARKET = /\bmarket[-\s]*based\b|\bmarket\b/;
const DATA_CENTRE = /\bdata[-\s]*cent(?:re|er)s?\b|\bdcs?\b/;
const CLEAN = /\b(?:clean|renewable|green|carbon[-\s]*free|zero[-\s]*carbon|low[-\s]*carbon)\b/;
const ENERGY = /\b(?:energy|electricity|power)\b/;
const EMISSIONS = /\bemissions?\b|\bghg\b|\bco2e?\b|\bcarbon\b|\bgreenhouse\b|\bfootprint\b/;

function wordsOf(metric: string): Words {
  const text = metric.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const scopes = new Set<number>();
  for (const match of text.matchAll(SCOPE_LIST)) {
    for (const digit of match[1]!.matchAll(/[123]/g)) scopes.add(Number(digit[0]));
  }
  const basis = LOCATION.test(text) ? (MARKET.test(text) ? null : 'location') : MARKET.test(text) ? 'market' : null;
  const number = CATEGORY_NUMBER.exec(text)?.[1];
  const category = number !== undefined && Number(number) >= 1 && Number(number) <= 15 ? Number(number) : categoryByName(text);
  return { text, scopes, basis, category };
}

/** A Scope 3 category named in words ('business travel'), when exactly one is. */
function categoryByName(text: string): number | null {
  const named = Object.entries(SCOPE3_CATEGORIES).filter(([, name]) => text.includes(name.toLowerCase()));
  return named.length === 1 ? Number(named[0]![0]) : null;
}

const found = (figure: Figure, reason: string): FigureSuggestion => ({ ok: true, figure, reason });
const notFound = (reason: string): FigureSuggestion => ({ ok: false, reason });

/** The figure a metric is about, from its words and its unit; or why none can be told. */
export function suggestFigure(metric: string, unitText: string | null = null): FigureSuggestion {
  const words = wordsOf(metric);
  const { text } = words;
  if (/\bpue\b|power usage effectiveness/.test(text)) {
    return found(FIGURES.pue, `'${metric}' names power usage effectiveness: facility ÷ IT energy over data-centre sites only`);
  }
  if (CLEAN.test(text) && (ENERGY.test(text) || /\bshare\b/.test(text))) {
    return DATA_CENTRE.test(text)
      ? found(FIGURES.data_centre_clean_share, `'${metric}' names the clean share of data centres: recomputed on data-centre sites only, never all sites`)
      : found(FIGURES.clean_share, `'${metric}' names the clean-electricity share of all sites`);
  }
  if (/\bavoided\b|\bscope\s*4\b|\bscope\s*3\s*\+/.test(text)) return found(FIGURES.avoided, `'${metric}' names avoided emissions, reported apart from the inventory`);
  if (/\bbiogenic\b/.test(text)) return found(FIGURES.biogenic, `'${metric}' names biogenic CO2, reported outside the scopes`);
  if (/\bintensity\b/.test(text) || /\bper\b|\//.test(unitText ?? '')) return intensityFor(metric, unitText);
  return emissionsFigure(metric, words);
}

function emissionsFigure(metric: string, { text, scopes, basis, category }: Words): FigureSuggestion {
  if (DATA_CENTRE.test(text)) {
    return notFound(`'${metric}' names the emissions of data centres only: the inventory's emissions cover all sites; match it to a site's figure`);
  }
  const scopeList = [...scopes].sort().join(' and ');
  const key = [...scopes].sort().join('');
  switch (key) {
    case '1':
      return found(FIGURES.scope1, `'${metric}' names Scope 1`);
    case '2':
      if (basis === 'location') return found(FIGURES.scope2_location, `'${metric}' names location-based Scope 2`);
      if (basis === 'market') return found(FIGURES.scope2_market, `'${metric}' names market-based Scope 2`);
      return notFound(`'${metric}' names Scope 2 without saying location-based or market-based: both are reported; choose one`);
    case '3':
      return category === null
        ? found(FIGURES.scope3, `'${metric}' names Scope 3 and no category: all of it`)
        : found(scope3CategoryFigure(category), `'${metric}' names Scope 3 category ${category} (${SCOPE3_CATEGORIES[category]})`);
    case '12':
      if (basis === 'location') return found(FIGURES.scope1_2_location, `'${metric}' names Scope 1 and 2, location-based`);
      if (basis === 'market' || /\bnet\b/.test(text)) return found(FIGURES.net, `'${metric}' names Scope 1 and 2, ${basis === 'market' ? 'market-based' : 'net'}: Scope 1 + market-based Scope 2`);
      return notFound(`'${metric}' names Scope 1 and 2 without saying location-based or market-based; choose one`);
    case '':
      return unscopedFigure(metric, text, basis, category);
    default:
      return notFound(`'${metric}' names Scope ${scopeList} together, which the inventory does not report as one figure`);
  }
}

/** Emissions named without a scope: a Scope 3 category by its name, or a total on a stated basis. */
function unscopedFigure(metric: string, text: string, basis: Words['basis'], category: number | null): FigureSuggestion {
  if (category !== null && EMISSIONS.test(text)) {
    return found(scope3CategoryFigure(category), `'${metric}' names Scope 3 category ${category} (${SCOPE3_CATEGORIES[category]})`);
  }
  if (!EMISSIONS.test(text)) return notFound(`'${metric}' names no figure of the inventory (no scope, emissions, PUE or clean share)`);
  if (/\bnet\b/.test(text)) return found(FIGURES.net, `'${metric}' names net emissions: Scope 1 + market-based Scope 2`);
  if (basis === 'location') {
    return found(FIGURES.scope1_2_location, `'${metric}' names location-based total emissions: Scope 1 + location-based Scope 2 (as ENERGY STAR Portfolio Manager totals a property)`);
  }
  if (basis === 'market') return found(FIGURES.net, `'${metric}' names market-based total emissions: Scope 1 + market-based Scope 2`);
  return notFound(`'${metric}' names emissions without their scopes or basis; choose the figure`);
}

const DENOMINATOR_MULTIPLIERS: Readonly<Record<string, number>> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };
const COUNT_DENOMINATORS: Readonly<Record<string, string>> = { order: 'orders', orders: 'orders', parcel: 'orders', parcels: 'orders', shipment: 'orders', shipments: 'orders' };

export interface IntensityUnit {
  /** tCO2e per this many units of the denominator, e.g. 1e6 for per £m. */
  readonly numeratorTonnes: number;
  readonly per: number;
  readonly activity: string;
  readonly unit: string;
}

/**
 * An intensity unit such as 'tCO2e/£m', 'kgCO2e per m2' or 'tCO2e per order': the emissions unit
 * over a denominator the engagement reports (revenue in a currency, floor area, orders).
 */
export function parseIntensityUnit(unitText: string): IntensityUnit | string {
  const [numeratorText, denominatorText] = unitText.split(/\s*\/\s*|\s+per\s+/i, 2);
  if (denominatorText === undefined) return `'${unitText}' is not an intensity unit such as 'tCO2e/£m'`;
  const numerator = parseUnit(numeratorText!);
  if (!numerator.ok || numerator.unit.dimension !== 'emissions') return `'${numeratorText}' in '${unitText}' is not an emissions unit`;
  const tonnes = numerator.unit.id === 'kgCO2e' ? 1e-3 : numerator.unit.id === 'ktCO2e' ? 1e3 : numerator.unit.id === 'MtCO2e' ? 1e6 : 1;
  const words = denominatorText.trim().toLowerCase().split(/\s+/);
  const head = words[0]!;
  const count = COUNT_DENOMINATORS[head];
  if (count) return { numeratorTonnes: tonnes, per: 1, activity: count, unit: 'count' };
  // '£m', 'GBP m', '$ million', '€1m', 'm2', 'sq ft'.
  const currency = /^([£$€]|[a-z]{3})\s*1?\s*(k|m|mn|bn|thousand|million|billion)?$/i.exec(words.slice(0, 2).join(' ').replace(/\s+(revenue|turnover|sales)$/, ''));
  if (currency) {
    const parsed = parseUnit(currency[1]!);
    if (parsed.ok && parsed.unit.dimension === 'currency') {
      return { numeratorTonnes: tonnes, per: DENOMINATOR_MULTIPLIERS[(currency[2] ?? '').toLowerCase()] ?? 1, activity: 'revenue', unit: parsed.unit.id };
    }
  }
  const area = parseUnit(denominatorText.replace(/\s+of\s+.*$|\s+floor area$/i, ''));
  if (area.ok && area.unit.dimension === 'area') return { numeratorTonnes: tonnes, per: 1, activity: 'floor_area', unit: area.unit.id };
  return `the denominator '${denominatorText}' of '${unitText}' is not one the engagement reports (revenue in a currency, floor area, orders)`;
}

function intensityFor(metric: string, unitText: string | null): FigureSuggestion {
  if (unitText === null) return notFound(`'${metric}' is an intensity without a unit: give one such as 'tCO2e/£m'`);
  const unit = parseIntensityUnit(unitText);
  if (typeof unit === 'string') return notFound(unit);
  const figure = intensityFigure(unit.activity, unit.unit);
  return found(figure, `'${metric}' in '${unitText}' is net tCO2e per ${activityByKey(unit.activity)?.label.replace(/\s*\(.*\)$/, '').toLowerCase() ?? unit.activity}`);
}

/** A figure id as the auditor types or confirms it ('scope2_market', 'scope3.6'), or why it is none. */
export function figureFromId(id: string): FigureSuggestion {
  const figure = figureById(id);
  return figure ? found(figure, 'chosen by the auditor') : notFound(`'${id}' is not a figure of the catalogue`);
}
