/**
 * The stable JSON document `carbon-audit calculate --json` prints (documented in
 * docs/calculate-json.md). Numbers at full precision; null where a figure has no inputs.
 */
import { EMISSION_FIGURE_IDS, FIGURES, figureValue, METRIC_FIGURE_IDS, type MetricFigureId } from '../figures';
import type { EmissionTotals, Finding, InventoryResult, SiteResult } from './inventory-types';

export const CALCULATE_JSON_VERSION = 1;

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

export interface CalculateJson {
  readonly version: number;
  readonly periods: readonly (FiguresJson & { readonly label: string; readonly start: string; readonly end: string; readonly intensities: readonly IntensityJson[]; readonly sites?: readonly (FiguresJson & { readonly site: string | null; readonly share: number; readonly is_data_centre: boolean })[] })[];
  readonly findings: readonly { readonly record_id: number | null; readonly kind: string; readonly message: string }[];
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

function finding(item: Finding) {
  return { record_id: item.recordId, kind: item.kind, message: item.message };
}

export function toCalculateJson(result: Pick<InventoryResult, 'periods' | 'findings'>, options: { readonly bySite: boolean }): CalculateJson {
  return {
    version: CALCULATE_JSON_VERSION,
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
    findings: result.findings.map(finding),
  };
}
