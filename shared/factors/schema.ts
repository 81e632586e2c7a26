import { z } from 'zod';
import { GWP_BASES } from '../calc/gwp';
import type { EmissionFactor, FactorSetMeta, SkippedSourceRow } from './types';

/**
 * A factor-set file of a factor library ({ meta, factors, skipped }, as scripts/build-factor-library.ts
 * writes it), checked before any of it is stored. Objects are strict: a key the app does not know
 * is refused rather than silently ignored. `satisfies` ties the schema to the types in types.ts.
 */
const text = z.string().min(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date (YYYY-MM-DD)');
const rowNumber = z.number().int().positive();

const gasValueSchema = z.strictObject({
  gas: text,
  value: z.number(),
  valueUnit: z.enum(['kg', 'g', 'lb', 't']),
  alreadyCo2e: z.boolean(),
});

const factorSourceSchema = z.strictObject({
  publisher: text,
  title: text,
  edition: text,
  year: z.number().int(),
  licence: text,
  url: text.optional(),
  sheet: text,
  rowNumbers: z.array(rowNumber).min(1),
});

const emissionFactorSchema = z.strictObject({
  activityKey: text.optional(),
  path: z.array(text).min(1),
  label: text,
  variant: text.optional(),
  unitText: text,
  region: text.optional(),
  scope: z.enum(['Scope 1', 'Scope 2', 'Scope 3', 'Outside of scopes']).optional(),
  gases: z.array(gasValueSchema),
  co2ePerUnitKg: z.number().optional(),
  biogenic: z.boolean().optional(),
  residualMix: z.boolean().optional(),
  gwpBasis: z.enum(GWP_BASES).optional(),
  source: factorSourceSchema,
}) satisfies z.ZodType<EmissionFactor>;

const factorSetMetaSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as desnz-2020'),
  publisher: text,
  title: text,
  edition: text,
  year: z.number().int(),
  region: text,
  gwpBasis: z.enum(GWP_BASES),
  validFrom: isoDate,
  validTo: isoDate,
  licence: text,
  attribution: text,
  url: text.optional(),
}) satisfies z.ZodType<FactorSetMeta>;

const skippedSourceRowSchema = z.strictObject({ rowNumber, reason: text }) satisfies z.ZodType<SkippedSourceRow>;

export const factorSetFileSchema = z.strictObject({
  meta: factorSetMetaSchema,
  factors: z.array(emissionFactorSchema).min(1),
  skipped: z.array(skippedSourceRowSchema),
});

export type FactorSetFile = z.infer<typeof factorSetFileSchema>;
