/**
 * The review's findings, whatever raised them: a data-quality rule, the calculation, reconciliation,
 * an import-time check, the audit log, or a vouching difference in a sample. Each has a stable
 * identity (its source, rule and subject: what it is about), so a rerun that finds the same thing
 * keeps its status and comments; its cause (the figures that raised it) is fingerprinted, so a
 * finding whose cause changed is reopened rather than silently keeping an old conclusion.
 */
import { z } from 'zod';

export const FINDING_SOURCES = ['rule', 'calculation', 'reconciliation', 'import', 'audit-log', 'sampling'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

export const FINDING_SEVERITIES = ['high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_STATUSES = ['open', 'explained', 'adjusted', 'accepted', 'false-positive'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** In the audited workbook's and the CLI's words (English, as the workbook is); the UI names them from its own catalogue. */
export const FINDING_STATUS_LABELS: Readonly<Record<FindingStatus, string>> = {
  open: 'Open',
  explained: 'Explained',
  adjusted: 'Adjusted',
  accepted: 'Accepted',
  'false-positive': 'False positive',
};

/** A figure a finding reports: a number with its unit, or a word. */
export type FindingFigure = number | string | null;

/** A finding as its source raises it, before the review gives it an id and a status. */
export interface FindingDraft {
  readonly source: FindingSource;
  /** The rule, calculation finding kind, or check that raised it, e.g. 'gaps', 'no-factor'. */
  readonly rule: string;
  /** What it is about, stable across reruns, e.g. 'Manchester|electricity|consumption|2022-08'. */
  readonly subject: string;
  /** What raised it (values, differences): a change reopens the finding. Any JSON value. */
  readonly cause: unknown;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly site: string | null;
  readonly activity: string | null;
  /** A fiscal year ('FY2023') or a month ('2022-08') when the finding is about one. */
  readonly period: string | null;
  /** The figures behind it: the value, the expected range, the difference… */
  readonly figures: Readonly<Record<string, FindingFigure>>;
  /** tCO2e the finding could move (Scope 1, location-based Scope 2, Scope 3); null when unknown. */
  readonly tco2eAtStake: number | null;
  /** True when tco2eAtStake is an estimate (a missing month priced at the series' median). */
  readonly atStakeEstimated: boolean;
  readonly recordIds: readonly number[];
  readonly rawRowIds: readonly number[];
}

/** The stable identity of a finding: its source, rule and subject. */
export function findingIdentity(draft: Pick<FindingDraft, 'source' | 'rule' | 'subject'>): string {
  return `${draft.source}:${draft.rule}:${draft.subject}`;
}

/** Filters the findings list accepts (CLI, API, UI), applied in SQL. */
export const FINDING_SORTS = ['severity', 'tco2e', 'rule', 'site', 'period', 'status', 'id'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

/**
 * The check's summary lists the rules and, beside them, 'calculation' (and the findings carry
 * their source first: calculation/no-factor): `--rule` takes a source's name as that source,
 * so the summary's words work as the filter (a calculation finding's rule is its kind, never a source's name).
 */
export function findingSourceAndRule({ source, rule }: { source?: string; rule?: string }): { source?: string; rule?: string } {
  const ruleIsSource = rule !== undefined && rule !== 'rule' && (FINDING_SOURCES as readonly string[]).includes(rule) && (source === undefined || source === rule);
  return ruleIsSource ? { source: rule } : { source, rule };
}

export const findingQuerySchema = z
  .object({
    source: z.enum(FINDING_SOURCES).optional(),
    rule: z.string().min(1).max(100).optional(),
    severity: z.enum(FINDING_SEVERITIES).optional(),
    status: z.enum(FINDING_STATUSES).optional(),
    site: z.string().min(1).max(200).optional(),
    /** Findings a rerun no longer raises are kept (with their history) but hidden unless asked for. */
    includeResolved: z.boolean().default(false),
    sort: z.enum(FINDING_SORTS).default('severity'),
    descending: z.boolean().default(false),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type FindingQuery = z.output<typeof findingQuerySchema>;
export type FindingQueryInput = z.input<typeof findingQuerySchema>;

export interface MaterialityLevels {
  /** tCO2e at or above which a finding is high severity (performance materiality), per fiscal year. */
  readonly performance: ReadonlyMap<string, number>;
  /** tCO2e below which a finding is clearly trivial, per fiscal year. */
  readonly clearlyTrivial: ReadonlyMap<string, number>;
  /** The fiscal year used when a finding names none: the latest calculated. */
  readonly latestYear: string | null;
}

const RANK: Readonly<Record<FindingSeverity, number>> = { high: 0, medium: 1, low: 2 };

/**
 * A finding's severity: its source's, raised by what is at stake against the fiscal year's
 * materiality (Scope 1 + location-based Scope 2): at or above performance materiality it is high,
 * above clearly trivial at least medium. Never lowered: a rule's high stays high.
 */
export function severityAtStake(base: FindingSeverity, tco2eAtStake: number | null, fiscalYear: string | null, levels: MaterialityLevels): FindingSeverity {
  const year = fiscalYear ?? levels.latestYear;
  if (tco2eAtStake === null || year === null) return base;
  const performance = levels.performance.get(year);
  const trivial = levels.clearlyTrivial.get(year);
  const raised: FindingSeverity = performance !== undefined && Math.abs(tco2eAtStake) >= performance ? 'high' : trivial !== undefined && Math.abs(tco2eAtStake) > trivial ? 'medium' : 'low';
  return RANK[raised] < RANK[base] ? raised : base;
}

/**
 * What started a check run: someone asking, or a change to the data it checks: an import, a source
 * file withdrawn or reinstated, or an import replacing one.
 */
export const CHECK_TRIGGERS = ['on-demand', 'import', 'source-withdrawal', 'source-reinstatement', 'source-replacement'] as const;
export type CheckTrigger = (typeof CHECK_TRIGGERS)[number];
