/**
 * A realistic two-year engagement (FY2022, FY2023; April years): the company workbook's offices
 * and data centres imported with their suggested mappings, the default factor library, UK grid,
 * data centres tagged; and what its figures are by plain arithmetic on the workbook's plan and the
 * published DESNZ 2020 values: written here, not by the engine's code.
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

// DESNZ 2020 (kg CO2e per unit), as published: the figures an auditor would look up.
export const DIESEL_PER_LITRE = 2.54603;
export const NATURAL_GAS_PER_M3 = 2.02266;
export const UK_GRID_PER_KWH = 0.23314;

export const fiscalYearOf = (month: string) => (month >= '2022-04' ? 'FY2023' : 'FY2022');

export interface Expected { scope1: number; location: number; market: number; facilityKwh: number; itKwh: number; dcCleanKwh: number; dcElectricityKwh: number; electricityKwh: number; cleanKwh: number }

export function independentRecalculation(plan: CompanyWorkbookPlan): Record<string, Expected> {
  const totals: Record<string, Expected> = {};
  const of = (fy: string) => (totals[fy] ??= { scope1: 0, location: 0, market: 0, facilityKwh: 0, itKwh: 0, dcCleanKwh: 0, dcElectricityKwh: 0, electricityKwh: 0, cleanKwh: 0 });
  for (const reading of plan.offices) {
    if (plan.rejectedOfficeRows.has(reading.rowNumber)) continue;
    const fy = of(fiscalYearOf(reading.month));
    fy.scope1 += ((reading.gasM3 ?? 0) * NATURAL_GAS_PER_M3 + (reading.dieselL ?? 0) * DIESEL_PER_LITRE) / 1000;
    const electricity = reading.electricityKwh ?? 0;
    const clean = Math.min(reading.renewableKwh ?? 0, electricity);
    fy.location += (electricity * UK_GRID_PER_KWH) / 1000;
    // No residual-mix factor in the library: uncovered electricity at the grid average.
    fy.market += ((electricity - clean) * UK_GRID_PER_KWH) / 1000;
    fy.electricityKwh += electricity;
    fy.cleanKwh += reading.renewableKwh ?? 0;
  }
  for (const reading of plan.dataCentres) {
    const fy = of(fiscalYearOf(reading.month));
    const facility = reading.facilityMwh * 1000;
    const clean = Math.min(reading.cleanMwh * 1000, facility);
    fy.location += (facility * UK_GRID_PER_KWH) / 1000;
    fy.market += ((facility - clean) * UK_GRID_PER_KWH) / 1000;
    fy.facilityKwh += facility;
    fy.itKwh += reading.itMwh * 1000;
    fy.dcElectricityKwh += facility;
    fy.dcCleanKwh += reading.cleanMwh * 1000;
    fy.electricityKwh += facility;
    fy.cleanKwh += reading.cleanMwh * 1000;
  }
  return totals;
}

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
