/**
 * The stable JSON document `carbon-audit calculate --json` prints (documented in
 * docs/calculate-json.md). Numbers at full precision; null where a figure has no inputs. Its
 * size grows with fiscal years, sites and kinds of finding, never with records: findings come
 * grouped, and `carbon-audit findings` lists them one by one.
 */
import type { FindingGroup, InventoryResults } from '../contract';
import { EMISSION_FIGURE_IDS, FIGURES, figureValue, METRIC_FIGURE_IDS, type MetricFigureId } from '../figures';
import type { EmissionTotals, SiteResult } from './inventory-types';
import { resultsStatusMessage } from './results-status';

export const CALCULATE_JSON_VERSION = 2;

export interface FiguresJson {
  readonly scope1_tco2e: number | null;
  readonly scope2_location_tco2e: number | null;
  readonly scope2_market_tco2e: number | null;
  readonly scope3_tco2e: number | null;
  readonly scope3_by_category: Readonly<Record<string, number>>;
  readonly net_tco2e: number | null;
  readonly scope1_2_location_tco2e: number | null;
  readonly biogenic_tco2e: number | null;
  readonly avoided_tco2e: number | null;
  readonly metrics: {
    readonly pue: number | null;
    readonly clean_share: number | null;
    readonly data_centre_clean_share: number | null;
    readonly electricity_kwh: number | null;
    readonly clean_electricity_kwh: number | null;
    readonly it_energy_kwh: number | null;
    readonly facility_energy_kwh: number | null;
  };
}

export interface IntensityJson {
  readonly denominator: string;
  readonly unit: string;
  readonly quantity: number;
  readonly net_tco2e_per_unit: number | null;
  readonly location_tco2e_per_unit: number | null;
}

export interface FindingGroupJson {
  readonly cause_id: number;
  readonly kind: string;
  readonly cause: string;
  readonly count: number;
  /** Σ tCO2e at stake over the `known` findings where it is known; null when it is known for none. */
  readonly tco2e_at_stake: { readonly low: number; readonly high: number; readonly known: number } | null;
  readonly example_record_ids: readonly (number | null)[];
}

export interface CalculateJson {
  readonly version: number;
  readonly status: {
    readonly state: 'none' | 'current' | 'stale';
    /** 'results are out of date: recalculate (…)' when stale; null when current. */
    readonly message: string | null;
    readonly changed: readonly string[];
    readonly calculated_at: string | null;
    readonly calculated_by: string | null;
    readonly inputs_sha256: string | null;
  };
  readonly factor_sets: readonly string[];
  readonly lines: number;
  readonly periods: readonly (FiguresJson & { readonly label: string; readonly start: string; readonly end: string; readonly intensities: readonly IntensityJson[]; readonly sites?: readonly (FiguresJson & { readonly site: string | null; readonly share: number; readonly is_data_centre: boolean })[] })[];
  readonly findings: {
    readonly total: number;
    readonly groups_total: number;
    /** The largest groups first (at most MAX_FINDING_GROUPS). */
    readonly groups: readonly FindingGroupJson[];
  };
}

/** The catalogue's figures under their ids: emissions as `<id>_tco2e`, metrics in `metrics`. */
function figures(totals: EmissionTotals): FiguresJson {
  const emissions: Record<string, unknown> = {};
  for (const id of EMISSION_FIGURE_IDS) {
    emissions[`${id}_tco2e`] = figureValue(FIGURES[id], totals);
    if (id === 'scope3') emissions.scope3_by_category = totals.scope3ByCategory;
  }
  const metrics = Object.fromEntries(METRIC_FIGURE_IDS.map((id) => [id, figureValue(FIGURES[id], totals)]));
  return {
    ...(emissions as Omit<FiguresJson, 'metrics'>),
    metrics: {
      ...(metrics as Pick<FiguresJson['metrics'], MetricFigureId>),
      electricity_kwh: totals.metrics.electricityKwh,
      clean_electricity_kwh: totals.metrics.cleanKwh,
      it_energy_kwh: totals.metrics.itKwh,
      facility_energy_kwh: totals.metrics.facilityKwh,
    },
  };
}

function site(result: SiteResult) {
  return { site: result.site, share: result.share, is_data_centre: result.isDataCentre, ...figures(result) };
}

function findingGroup(group: FindingGroup): FindingGroupJson {
  return {
    cause_id: group.causeId,
    kind: group.kind,
    cause: group.cause,
    count: group.count,
    tco2e_at_stake: group.atStake === null ? null : { ...group.atStake, known: group.atStakeKnown },
    example_record_ids: group.examples.map((example) => example.recordId),
  };
}

export function toCalculateJson(result: InventoryResults, options: { readonly bySite: boolean }): CalculateJson {
  const { status } = result;
  const run = status.state === 'none' ? null : status;
  return {
    version: CALCULATE_JSON_VERSION,
    status: {
      state: status.state,
      message: resultsStatusMessage(status),
      changed: run?.changed ?? [],
      calculated_at: run?.calculatedAt ?? null,
      calculated_by: run?.calculatedBy ?? null,
      inputs_sha256: run?.inputsSha256 ?? null,
    },
    factor_sets: result.factorSets,
    lines: result.lines,
    periods: result.periods.map((period) => ({
      label: period.label,
      start: period.start,
      end: period.end,
      ...figures(period),
      intensities: period.intensities.map((intensity) => ({
        denominator: intensity.denominator,
        unit: intensity.unit,
        quantity: intensity.quantity,
        net_tco2e_per_unit: intensity.netTco2ePerUnit,
        location_tco2e_per_unit: intensity.locationTco2ePerUnit,
      })),
      ...(options.bySite ? { sites: period.sites.map(site) } : {}),
    })),
    findings: { total: result.findings.total, groups_total: result.findings.groupsTotal, groups: result.findings.groups.map(findingGroup) },
  };
}
