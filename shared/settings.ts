import { z } from 'zod';
import { DEFAULT_MATCHING_WINDOW, MATCHING_WINDOWS } from './calc/scope2-market';
import type { MetricFigureId } from './figures';

export const CONSOLIDATION_APPROACHES = ['operational-control', 'financial-control', 'equity-share'] as const;
export const GWP_BASIS_OPTIONS = ['AR4', 'AR5', 'AR6'] as const;
export const ASSURANCE_LEVELS = ['limited', 'reasonable'] as const;
export const FISCAL_LABEL_RULES = ['end-year', 'start-year'] as const;

export type ConsolidationApproach = (typeof CONSOLIDATION_APPROACHES)[number];
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];
export type FiscalLabelRule = (typeof FISCAL_LABEL_RULES)[number];

const FISCAL_YEAR_LABEL = /^FY\d{4}$/;

/**
 * Defaults every front door starts from (the start screen's form, the CLI's options, the
 * schema): 5% of total reported emissions is the common materiality.
 */
export const DEFAULT_SETTINGS = {
  fiscalYearLabelRule: 'end-year',
  consolidationApproach: 'operational-control',
  gwpBasis: 'AR5',
  materialityPercent: 5,
  assuranceLevel: 'limited',
  evidenceCapMiB: 50,
  instrumentMatching: DEFAULT_MATCHING_WINDOW,
} as const satisfies Record<string, unknown>;

/**
 * The materiality rule: unless the auditor sets them, performance materiality is 75% of
 * materiality and the clearly-trivial threshold 5% of it (the usual proportions).
 */
export function materialityThresholds(materialityPercent: number): { readonly performanceMaterialityPercent: number; readonly clearlyTrivialPercent: number } {
  return { performanceMaterialityPercent: materialityPercent * 0.75, clearlyTrivialPercent: materialityPercent * 0.05 };
}

/**
 * How far a reported ratio or share may be from the recomputed one and still be within tolerance:
 * PUE in its own units (±0.005), shares in percentage points (±0.5 pp).
 */
export const DEFAULT_METRIC_TOLERANCES = { pue: 0.005, clean_share: 0.5, data_centre_clean_share: 0.5 } as const satisfies Record<MetricFigureId, number>;

const metricTolerancesSchema = z
  .object({
    pue: z.number().min(0).max(1).default(DEFAULT_METRIC_TOLERANCES.pue),
    clean_share: z.number().min(0).max(100).default(DEFAULT_METRIC_TOLERANCES.clean_share),
    data_centre_clean_share: z.number().min(0).max(100).default(DEFAULT_METRIC_TOLERANCES.data_centre_clean_share),
  })
  .strict();

/** Engagement settings. Materiality thresholds are percentages of total reported Scope 1 + 2 emissions. */
export const engagementSettingsSchema = z
  .object({
    entityName: z.string().trim().min(1, 'Entity name is required').max(200),
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    fiscalYearLabelRule: z.enum(FISCAL_LABEL_RULES).default(DEFAULT_SETTINGS.fiscalYearLabelRule),
    baseYear: z.string().regex(FISCAL_YEAR_LABEL, 'Base year is a fiscal-year label such as FY2020').nullable().default(null),
    consolidationApproach: z.enum(CONSOLIDATION_APPROACHES).default(DEFAULT_SETTINGS.consolidationApproach),
    gwpBasis: z.enum(GWP_BASIS_OPTIONS).default(DEFAULT_SETTINGS.gwpBasis),
    materialityPercent: z.number().gt(0).max(100).default(DEFAULT_SETTINGS.materialityPercent),
    /** Omitted: the materiality rule (materialityThresholds). */
    performanceMaterialityPercent: z.number().gt(0).max(100).optional(),
    clearlyTrivialPercent: z.number().min(0).max(100).optional(),
    /** Reported ratios and shares are judged against these instead of materiality. */
    metricTolerances: metricTolerancesSchema.default(DEFAULT_METRIC_TOLERANCES),
    assuranceLevel: z.enum(ASSURANCE_LEVELS).default(DEFAULT_SETTINGS.assuranceLevel),
    /** Grid region for records and sites that name none (e.g. 'UK'): chooses location-based factors. */
    defaultRegion: z.string().trim().min(1).max(40).nullable().default(null),
    /**
     * Market-based Scope 2: the span instruments are matched to a site's consumption over. The
     * fiscal year is the GHG Protocol Scope 2 Guidance's reporting period; a fiscal month is stricter.
     */
    instrumentMatching: z.enum(MATCHING_WINDOWS).default(DEFAULT_SETTINGS.instrumentMatching),
    /**
     * Under a control approach: report the group's ownership share of the Scope 1 and
     * market-based Scope 2 of sites outside its control (joint ventures, associates) as Scope 3
     * category 15 (investments).
     */
    category15Investments: z.boolean().default(false),
    /** Imported files up to this size are kept in the engagement as evidence; larger ones keep only their SHA-256. */
    evidenceCapMiB: z.number().min(0).max(4096).default(DEFAULT_SETTINGS.evidenceCapMiB),
  })
  .strict()
  .transform((s) => {
    const derived = materialityThresholds(s.materialityPercent);
    return {
      ...s,
      performanceMaterialityPercent: s.performanceMaterialityPercent ?? derived.performanceMaterialityPercent,
      clearlyTrivialPercent: s.clearlyTrivialPercent ?? derived.clearlyTrivialPercent,
    };
  })
  .refine((s) => s.performanceMaterialityPercent <= s.materialityPercent, {
    message: 'Performance materiality cannot exceed materiality',
    path: ['performanceMaterialityPercent'],
  })
  .refine((s) => s.clearlyTrivialPercent <= s.performanceMaterialityPercent, {
    message: 'The clearly-trivial threshold cannot exceed performance materiality',
    path: ['clearlyTrivialPercent'],
  });

export type EngagementSettings = z.output<typeof engagementSettingsSchema>;
export type EngagementSettingsInput = z.input<typeof engagementSettingsSchema>;

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
