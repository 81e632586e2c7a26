/**
 * The company workbook's two fiscal years recomputed from its plan and the published DESNZ 2020
 * values by plain arithmetic written here, not by the engine's code: what the engine, the UI's
 * lead schedule and the exported workbook are compared with.
 */
import type { CompanyWorkbookPlan } from './company-workbook';

// DESNZ 2020 (kg CO2e per unit), as published: the figures an auditor would look up.
export const DIESEL_PER_LITRE = 2.54603;
export const NATURAL_GAS_PER_M3 = 2.02266;
export const UK_GRID_PER_KWH = 0.23314;

/** April fiscal years labelled by the year they end in. */
export const fiscalYearOf = (month: string): 'FY2022' | 'FY2023' => (month >= '2022-04' ? 'FY2023' : 'FY2022');

export interface ExpectedYear {
  scope1: number;
  location: number;
  market: number;
  facilityKwh: number;
  itKwh: number;
  dcCleanKwh: number;
  dcElectricityKwh: number;
  electricityKwh: number;
  cleanKwh: number;
}

export function independentRecalculation(plan: CompanyWorkbookPlan): Record<string, ExpectedYear> {
  const totals: Record<string, ExpectedYear> = {};
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

/** Every figure of the lead schedule, by the figure catalogue's id, per fiscal year; null where nothing reports it. */
export function expectedFigures(plan: CompanyWorkbookPlan): Record<string, Record<string, number | null>> {
  return Object.fromEntries(Object.entries(independentRecalculation(plan)).map(([label, year]) => [label, {
    scope1: year.scope1,
    scope2_location: year.location,
    scope2_market: year.market,
    scope3: null,
    net: year.scope1 + year.market,
    biogenic: null,
    avoided: null,
    pue: year.facilityKwh / year.itKwh,
    clean_share: year.cleanKwh / year.electricityKwh,
    data_centre_clean_share: year.dcCleanKwh / year.dcElectricityKwh,
  }]));
}
