/**
 * The mapping: how a sheet's columns become records. `mappingSchema` is the saved template
 * format (docs/mapping-format.md): kinds, column roles and the rules a mapping must keep.
 * Header matching is in headers.ts, the suggested mapping in suggest.ts.
 */
import { z } from 'zod';
import { ACTIVITY_MEANINGS, activityByKey } from '../activities';
import { ATTRIBUTE_NAMES } from '../calc/attributes';
import { figureById } from '../figures';
import { columnLetter } from './cell';
import { tableBoundsSchema, type RowScanOptions } from './table';
import type { DecimalSeparator } from './values';

export const MAPPING_KINDS = ['activity', 'factors', 'targets', 'claims'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/**
 * One vocabulary for every kind; `ROLES_BY_KIND` says which kind uses which. A new attribute of a
 * record or a factor (a refrigerant gas, a flight's haul) is one more role here, one line in
 * ROLES_BY_KIND and its reading in the row mapper of its kind.
 */
export const COLUMN_ROLES = [
  'site', // a site, facility or data centre
  'entity', // a legal entity or business unit
  'period', // one cell naming the period: a date, month, quarter, year or FY label
  'period_start', // first day of the period (inclusive)
  'period_end', // last day of the period (inclusive)
  'activity', // long layout: the activity, matched against the activity catalogue
  'quantity', // long layout: the one quantity column
  'unit', // long layout: the unit of the quantity; factors: the unit of activity a factor is per
  'meaning', // consumption / instrument / metric / avoided / denominator, per row
  'instrument', // a contractual instrument's reference (PPA, certificate); factors: the instrument a supplier-specific factor is for
  'scope3_category', // GHG Protocol Scope 3 category 1–15
  'region', // country or grid region, for factor selection
  'attribute', // what tells variants of an activity apart (refrigerant gas, haul, cabin class…); the column names which in `attribute`
  'value', // wide layout: a quantity column for the one activity named in its header
  'twin', // wide layout: the same quantity as a value column in another unit, not imported but checked against it
  'factor_value', // emission factor value
  'factor_unit', // emission factor unit, e.g. kg CO2e/kWh
  'basis', // factors: the Scope 2 method a factor serves (location, market, residual mix, supplier-specific, contractual)
  'scope', // factors: the scope the table gives a factor (1, 2, 3, outside of scopes), checked against its activity
  'gas', // the gas a factor row is for (CO2, CH4, N2O, CO2e)
  'source', // factors: publisher or dataset; claims: where the figure was reported
  'year', // factors: edition or validity year; claims: the reported year
  'metric', // targets and claims: what is measured (Scope 1, PUE, clean share…)
  'target_value', // the target level or percentage
  'target_year', // the year by which the target applies
  'base_year', // the base year a target compares with
  'claim_value', // the figure the company reported; in an activity sheet, one per column, for the row's site and period
  'notes', // free text kept with the record
  'ignore', // not imported; every ignored column carries a reason in a suggestion
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const ROLES_BY_KIND: Readonly<Record<MappingKind, readonly ColumnRole[]>> = {
  activity: ['site', 'entity', 'period', 'period_start', 'period_end', 'activity', 'quantity', 'unit', 'meaning', 'instrument', 'scope3_category', 'region', 'attribute', 'value', 'twin', 'claim_value', 'notes', 'ignore'],
  factors: ['activity', 'region', 'attribute', 'period_start', 'period_end', 'year', 'factor_value', 'factor_unit', 'unit', 'basis', 'scope', 'instrument', 'gas', 'source', 'notes', 'ignore'],
  targets: ['entity', 'site', 'metric', 'target_value', 'target_year', 'base_year', 'unit', 'notes', 'ignore'],
  claims: ['entity', 'site', 'metric', 'claim_value', 'unit', 'period', 'period_start', 'period_end', 'year', 'source', 'notes', 'ignore'],
};

/** How a kind's rows are scanned: in reported figures and targets a 'Total …' row is a figure, not a sum of the rows above. */
export function rowScanOptions(kind: MappingKind, decimalSeparator?: DecimalSeparator): RowScanOptions {
  return { totalsAreData: kind === 'claims' || kind === 'targets', decimalSeparator };
}

/** Roles a mapping may give to several columns; every other role names one column at most. */
export const REPEATABLE_ROLES: readonly ColumnRole[] = ['value', 'twin', 'attribute', 'notes', 'ignore'];
/** An activity sheet may carry several reported figures per row (a system's Scope 1, its location-based total…). */
const REPEATABLE_BY_KIND: Readonly<Partial<Record<MappingKind, readonly ColumnRole[]>>> = { activity: ['claim_value'] };

export function isRepeatableRole(kind: MappingKind, role: ColumnRole): boolean {
  return REPEATABLE_ROLES.includes(role) || (REPEATABLE_BY_KIND[kind]?.includes(role) ?? false);
}

/** Numeric columns: the only ones whose header may carry their unit. */
export const NUMERIC_ROLES: readonly ColumnRole[] = ['quantity', 'value', 'twin', 'factor_value', 'target_value', 'claim_value'];
/** Values a company reported or set, which may be percentages. */
export const REPORTED_VALUE_ROLES: readonly ColumnRole[] = ['target_value', 'claim_value'];
/** In a wide layout each value column names its activity and unit, so these would contradict it. */
export const LONG_ONLY_ROLES: readonly ColumnRole[] = ['quantity', 'activity', 'unit', 'meaning'];
export const PERIOD_ROLES: readonly ColumnRole[] = ['period', 'period_start', 'period_end', 'year', 'target_year', 'base_year'];
export const UNIT_ROLES: readonly ColumnRole[] = ['unit', 'factor_unit'];
/** Columns whose quantities a mapping may state a calorific basis for. */
export const BASIS_ROLES: readonly ColumnRole[] = ['value', 'quantity'];
export const CALORIFIC_BASES = ['gross', 'net'] as const;
export type StatedCalorificBasis = (typeof CALORIFIC_BASES)[number];

/** What a date in the period column stands for (see docs/mapping-format.md). */
export const PERIOD_GRANULARITIES = ['day', 'month', 'twelve-months-ending'] as const;

function isKnownActivity(key: string): boolean {
  return activityByKey(key) !== undefined;
}

export const columnMappingSchema = z
  .strictObject({
    column: z.number().int().min(0),
    header: z.string(),
    role: z.enum(COLUMN_ROLES),
    /** Value columns: the activity key from the catalogue. */
    activity: z.string().optional(),
    /** Value columns: the meaning, one the activity allows. */
    meaning: z.enum(ACTIVITY_MEANINGS).optional(),
    /** Numeric columns: the unit text from the header, validated by the unit parser. */
    unitText: z.string().min(1).optional(),
    /**
     * Reported and target values beside a '%' unit: whether a plain number is a fraction (0.539 =
     * 53.9 %) or percent points (53.9 = 53.9 %). Needed only for numbers from 0 to 1, which could
     * be either; cells formatted as percentages and text written '53.9%' say it themselves.
     */
    percentScale: z.enum(['fraction', 'points']).optional(),
    /** Twin columns: the value column (its index) that holds the same quantity in another unit. */
    twinOf: z.number().int().min(0).optional(),
    /** Claim columns of an activity sheet: what the reported figure is; the header's label when absent. */
    metric: z.string().min(1).optional(),
    /** Attribute columns: which attribute their cells give. */
    attribute: z.enum(ATTRIBUTE_NAMES).optional(),
    /** Value columns: the variant their header names ('R-410A top-up (kg)' → gas R-410A). */
    attributes: z.partialRecord(z.enum(ATTRIBUTE_NAMES), z.string().trim().min(1)).optional(),
    /**
     * Quantity columns (a wide layout's value column, a long layout's quantity column, whose unit
     * comes from the unit column, the header or the default unit): the calorific basis of the
     * fuel energy they hold ('kWh' of natural gas on gross or net CV), as the auditor states it.
     * Never suggested: only the data's supplier knows it. A unit that names its own basis must agree.
     */
    calorificBasis: z.enum(CALORIFIC_BASES).optional(),
  })
  .superRefine((column, ctx) => {
    if (column.role === 'value') {
      const activity = column.activity === undefined ? undefined : activityByKey(column.activity);
      if (!activity) {
        const message = column.activity === undefined ? 'a value column must name its activity' : `unknown activity '${column.activity}'`;
        ctx.addIssue({ code: 'custom', path: ['activity'], message });
      } else if (column.meaning !== undefined && !activity.meanings.includes(column.meaning)) {
        ctx.addIssue({ code: 'custom', path: ['meaning'], message: `${activity.label} cannot have the meaning '${column.meaning}'` });
      }
    } else if (column.activity !== undefined || column.meaning !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'only value columns name an activity and a meaning' });
    }
    if (column.unitText !== undefined && !NUMERIC_ROLES.includes(column.role)) {
      ctx.addIssue({ code: 'custom', path: ['unitText'], message: `a ${column.role} column has no unit` });
    }
    if (column.percentScale !== undefined && !REPORTED_VALUE_ROLES.includes(column.role)) {
      ctx.addIssue({ code: 'custom', path: ['percentScale'], message: `a ${column.role} column holds no reported percentage` });
    }
    if ((column.role === 'twin') !== (column.twinOf !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['twinOf'], message: column.role === 'twin' ? 'a twin column must name the value column it repeats (twinOf)' : 'only twin columns name a twin' });
    }
    if ((column.role === 'attribute') !== (column.attribute !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['attribute'], message: column.role === 'attribute' ? 'an attribute column must name its attribute' : 'only attribute columns name an attribute' });
    }
    if (column.attributes !== undefined && column.role !== 'value') {
      ctx.addIssue({ code: 'custom', path: ['attributes'], message: 'only value columns carry attributes from their header' });
    }
    if (column.calorificBasis !== undefined && !BASIS_ROLES.includes(column.role)) {
      ctx.addIssue({ code: 'custom', path: ['calorificBasis'], message: `a ${column.role} column holds no fuel quantity to state a calorific basis for` });
    } else if (column.calorificBasis !== undefined && column.role === 'value' && column.activity !== undefined && activityByKey(column.activity)?.fuel !== true) {
      ctx.addIssue({ code: 'custom', path: ['calorificBasis'], message: `a calorific basis applies to fuels burned, not to ${activityByKey(column.activity)?.label ?? column.activity}` });
    }
    if (column.metric !== undefined && column.role !== 'claim_value') {
      ctx.addIssue({ code: 'custom', path: ['metric'], message: 'only claim columns name a metric' });
    }
  });
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const mappingSchema = z
  .strictObject({
    version: z.literal(1),
    name: z.string().min(1).optional(),
    kind: z.enum(MAPPING_KINDS),
    sheet: z.string().min(1).optional(),
    table: tableBoundsSchema,
    layout: z.enum(['long', 'wide']),
    columns: z.array(columnMappingSchema),
    dayOrder: z.enum(['DMY', 'MDY', 'YMD']).optional(),
    /**
     * What a date in the period column stands for: that day, the whole month it falls in (a
     * 'Month' column of 1st-of-month dates), or the twelve months ending on it ('Year Ending').
     */
    periodGranularity: z.enum(PERIOD_GRANULARITIES).optional(),
    /** Cell texts that mean "no value" here ('Not Available', 'N/A', '-'…): read as blank, never as text. */
    placeholders: z.array(z.string().trim().min(1).max(40)).max(100).optional(),
    decimalSeparator: z.enum(['.', ',']),
    /** Unit text as found (e.g. 'ton') → the unit it means here (e.g. 'short ton'). */
    unitResolutions: z.record(z.string(), z.string().min(1)).optional(),
    /**
     * Claims: the figure each reported metric is about (metric text as written → figure id such as
     * 'net' or 'scope3.6'), as the auditor confirmed them; a template carries them to next year's claims.
     */
    figureMatches: z.record(z.string().min(1), z.string().refine((id) => figureById(id) !== undefined, 'not a figure of the catalogue')).optional(),
    /** Values for records whose row has no column for them. */
    defaults: z
      .strictObject({
        site: z.string().min(1).optional(),
        activity: z.string().refine(isKnownActivity, 'unknown activity').optional(),
        unit: z.string().min(1).optional(),
        meaning: z.enum(ACTIVITY_MEANINGS).optional(),
        scope3Category: z.number().int().min(1).max(15).optional(),
      })
      .optional(),
  })
  .superRefine((mapping, ctx) => {
    const issue = (message: string): void => ctx.addIssue({ code: 'custom', path: ['columns'], message });
    const seenColumns = new Set<number>();
    const seenRoles = new Set<ColumnRole>();
    for (const column of mapping.columns) {
      const where = `column ${columnLetter(column.column)}`;
      if (seenColumns.has(column.column)) issue(`${where} is mapped twice`);
      seenColumns.add(column.column);
      if (!ROLES_BY_KIND[mapping.kind].includes(column.role)) issue(`${where}: role '${column.role}' is not used in ${mapping.kind} mappings`);
      if (seenRoles.has(column.role) && !isRepeatableRole(mapping.kind, column.role)) issue(`${where}: role '${column.role}' is given to more than one column`);
      seenRoles.add(column.role);
    }
    const attributeColumns = mapping.columns.flatMap((column) => (column.attribute === undefined ? [] : [column.attribute]));
    for (const name of new Set(attributeColumns)) {
      if (attributeColumns.filter((other) => other === name).length > 1) issue(`attribute '${name}' is given to more than one column`);
    }
    if (mapping.figureMatches !== undefined && mapping.kind !== 'claims') ctx.addIssue({ code: 'custom', path: ['figureMatches'], message: 'only claims mappings match metrics to figures' });
    for (const column of mapping.columns) {
      // A twin that names no column is refused above, with that reason.
      if (column.role !== 'twin' || column.twinOf === undefined) continue;
      const twinOf = mapping.columns.find((candidate) => candidate.column === column.twinOf);
      if (twinOf?.role !== 'value') issue(`column ${columnLetter(column.column)}: a twin repeats a value column, and column ${columnLetter(column.twinOf)} is not one`);
    }
    if (mapping.layout === 'wide') {
      if (mapping.kind !== 'activity') issue('only activity mappings have a wide layout');
      if (!seenRoles.has('value')) issue('a wide layout needs at least one value column');
      const contradicting = LONG_ONLY_ROLES.filter((role) => seenRoles.has(role));
      if (contradicting.length > 0) issue(`a wide layout has no ${contradicting.join(', ')} column: each value column names its activity and unit`);
    } else {
      if (seenRoles.has('value')) issue('value columns belong to a wide layout; a long layout has one quantity column');
      if (mapping.kind === 'activity' && !seenRoles.has('quantity')) issue('a long layout needs a quantity column');
    }
  });
export type Mapping = z.infer<typeof mappingSchema>;

/** The number of columns a mapping reads. */
export function mappedColumnCount(mapping: Mapping): number {
  return Math.max(0, ...mapping.columns.map((column) => column.column + 1));
}
