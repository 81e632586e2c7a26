/**
 * The sample engagement: a fresh engagement built from the files in resources/sample/ through the
 * same services the app and the CLI use on a user's own files (create, load the default factor
 * library, import each sheet with its saved mapping, set the boundary, calculate, reconcile, check the data quality). The start
 * screen's "Open sample engagement" and `carbon-audit demo` both build it here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ImportOutcome, InventoryResults } from '../../../shared/contract';
import { findingQuerySchema } from '../../../shared/review/findings';
import type { CheckSummary, FindingPage } from '../../../shared/review/views';
import type { ReconciliationReport } from '../../../shared/reconcile/report';
import { mappingSchema } from '../../../shared/import/mapping';
import { engagementSettingsSchema } from '../../../shared/settings';
import type { Engagement, EngagementContext } from '../engagement/handle';
import { createEngagement } from '../engagement/service';
import { EngineError } from '../errors';
import { loadFactorLibrary, shippedLibrary } from '../factors/service';
import { startImport } from '../import/service';
import { calculateInventory, setSite } from '../inventory/service';
import { reconcile } from '../reconcile/service';
import { checkEngagement, listFindings } from '../review/service';

export const SAMPLE_MANIFEST = 'sample.json';
/** Open findings a build hands back (the most severe first); the count covers them all. */
const SHOWN_FINDINGS = 50;
/** The file a fresh copy of the sample engagement is built in, unless told otherwise. */
export const SAMPLE_FILE_NAME = 'northwind-sample.carbonaudit';

const sampleManifestSchema = z
  .object({
    version: z.literal(1),
    settings: engagementSettingsSchema,
    /** Every site the auditor sets in the boundary: wholly owned, under operational and financial control. */
    sites: z.array(z.string().min(1)),
    /** Those of them the auditor tags as data centres. */
    dataCentres: z.array(z.string().min(1)),
    /** In order: each file of the folder with the mapping of one of its sheets. */
    imports: z.array(z.object({ file: z.string().min(1), mapping: mappingSchema }).strict()).min(1),
  })
  .strict()
  .refine((manifest) => manifest.dataCentres.every((site) => manifest.sites.includes(site)), { path: ['dataCentres'], message: 'every data centre is one of the sites' });
export type SampleManifest = z.infer<typeof sampleManifestSchema>;

/** The sample shipped in resources/sample (beside the bundle, or in the source tree). */
export function defaultSampleDir(): string {
  const candidates = [path.resolve(__dirname, '..', '..', 'resources', 'sample'), path.resolve(__dirname, '..', '..', '..', 'resources', 'sample')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, SAMPLE_MANIFEST)));
  if (!found) throw new EngineError('not-found', 'The sample engagement (resources/sample) is missing from this installation');
  return found;
}

export function readSampleManifest(dir: string): SampleManifest {
  const parsed = sampleManifestSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, SAMPLE_MANIFEST), 'utf8')));
  if (!parsed.success) throw new EngineError('refused', `The sample's ${SAMPLE_MANIFEST} is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

export interface SampleBuild {
  readonly engagement: Engagement;
  readonly imports: readonly ImportOutcome[];
  readonly inventory: InventoryResults;
  /** The reported figures and targets against the recomputed figures. */
  readonly reconciliation: ReconciliationReport;
  /** The data-quality check run on the built engagement, and the findings it leaves open (most severe first). */
  readonly check: CheckSummary;
  readonly openFindings: FindingPage;
}

export interface SampleOptions {
  /** The sample's folder (default: the one shipped). */
  readonly dir?: string;
  /** The shipped factor library's folder, when the host knows where it is. */
  readonly factorLibraryDir?: string;
  /** Each step as it starts, for a progress line. */
  readonly onStep?: (step: string) => void;
}

/**
 * Builds the sample engagement in a new file at `filePath` (an existing file is never
 * overwritten). On any failure the half-built file is removed, so nothing is left behind.
 */
export async function buildSampleEngagement(filePath: string, context: EngagementContext, options: SampleOptions = {}): Promise<SampleBuild> {
  const dir = options.dir ?? defaultSampleDir();
  const manifest = readSampleManifest(dir);
  const step = options.onStep ?? (() => undefined);
  step(`Creating ${path.basename(filePath)}`);
  const engagement = createEngagement(filePath, manifest.settings, context);
  try {
    step('Loading the default factor library');
    loadFactorLibrary(engagement, shippedLibrary(options.factorLibraryDir));
    const imports: ImportOutcome[] = [];
    for (const { file, mapping } of manifest.imports) {
      step(`Importing ${file}${mapping.sheet ? `, sheet '${mapping.sheet}'` : ''}`);
      imports.push(await startImport(engagement, { filePath: path.join(dir, file), mapping }, () => undefined).result);
    }
    step('Setting the boundary');
    for (const site of manifest.sites) setSite(engagement, site, { isDataCentre: manifest.dataCentres.includes(site) });
    step('Calculating');
    const inventory = await calculateInventory(engagement);
    step('Reconciling the reported figures and targets');
    const reconciliation = await reconcile(engagement);
    // The checks after each import ran before the boundary and the factors were set: the review runs on the finished engagement.
    step('Checking the data quality');
    const check = await checkEngagement(engagement, { trigger: 'on-demand' });
    const openFindings = listFindings(engagement, findingQuerySchema.parse({ status: 'open', limit: SHOWN_FINDINGS }));
    return { engagement, imports, inventory, reconciliation, check, openFindings };
  } catch (error) {
    engagement.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${filePath}${suffix}`, { force: true });
    throw error;
  }
}
