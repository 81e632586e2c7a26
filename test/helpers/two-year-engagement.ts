/**
 * A realistic two-year engagement (FY2022, FY2023; April years): the company workbook's offices
 * and data centres imported with their suggested mappings, the default factor library, UK grid,
 * data centres tagged. What its figures are is in `independent-recalculation.ts`.
 */
import path from 'node:path';
import { Engagement } from '../../electron/engine/engagement/handle';
import { previewImport } from '../../electron/engine/import/preview';
import { runImport } from '../../electron/engine/import/pipeline';
import { setSite } from '../../electron/engine/inventory/boundary';
import { loadFactorLibrary } from '../../electron/engine/factors/library';
import { mappingSchema } from '../../shared/import/mapping';
import { companyWorkbookPlan, DATA_CENTRES_SHEET, OFFICES_SHEET, writeCompanyWorkbook, type CompanyWorkbookPlan } from './company-workbook';
import { TEST_ACTOR } from './engagement';

/** The engagement, its workbook and the plan it was written from, in `dir`. */
export async function buildTwoYearEngagement(dir: string): Promise<{ engagement: Engagement; plan: CompanyWorkbookPlan; workbook: string }> {
  const workbook = path.join(dir, 'company.xlsx');
  const plan = await writeCompanyWorkbook(workbook, companyWorkbookPlan());
  const engagement = Engagement.create(path.join(dir, 'group.carbonaudit'), { entityName: 'Example Group', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, TEST_ACTOR);
  loadFactorLibrary(engagement);
  for (const sheet of [OFFICES_SHEET, DATA_CENTRES_SHEET]) {
    const mapping = mappingSchema.parse((await previewImport(engagement.db, workbook, 'activity', { sheet })).mapping);
    await runImport(engagement.db, { filePath: workbook, mapping, ...TEST_ACTOR, settings: engagement.settings() });
  }
  setSite(engagement, 'DC North', { isDataCentre: true });
  setSite(engagement, 'DC South', { isDataCentre: true });
  return { engagement, plan, workbook };
}
