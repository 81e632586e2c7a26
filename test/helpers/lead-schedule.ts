/** The audited workbook's lead schedule after LibreOffice has recalculated it, against the engine's figures. */
import { expect } from 'vitest';
import { scheduleFigures, type ScheduleFigure } from '../../electron/engine/export/figures';
import type { InventoryResult } from '../../shared/calc/inventory';
import { csvNumber } from './libreoffice';

/** A figure as the workbook displays it: tCO2e and PUE to 3 decimals, shares to 0.01%. */
function displayed(entry: ScheduleFigure, value: number | null): string {
  if (value === null) return '';
  return entry.figure.kind === 'fraction' ? (value * 100).toFixed(2) : value.toFixed(3);
}

/** The lead schedule's current column after LibreOffice's recalculation, by fiscal year and figure label. */
function recalculatedLead(sheets: Map<string, string[][]>): Map<string, number | null> {
  const rows = sheets.get('Lead schedule')!;
  const header = rows.findIndex((row) => row[0] === 'Fiscal year' && row[1] === 'Figure');
  expect(header).toBeGreaterThan(0);
  return new Map(rows.slice(header + 1).filter((row) => row[0]).map((row) => [`${row[0]}|${row[1]}`, csvNumber(row[3])]));
}

/** Every lead-schedule figure recalculated by LibreOffice equals the engine's, to the displayed precision. */
export function expectLeadMatchesEngine(sheets: Map<string, string[][]>, result: Pick<InventoryResult, 'periods'>, minimumCompared = 14): void {
  const lead = recalculatedLead(sheets);
  const figures = scheduleFigures(result.periods);
  let compared = 0;
  for (const period of result.periods) {
    for (const figure of figures) {
      const recalculated = lead.get(`${period.label}|${figure.label}`);
      expect(recalculated, `${period.label} ${figure.label}`).not.toBeUndefined();
      expect(displayed(figure, recalculated ?? null), `${period.label} ${figure.label}`).toBe(displayed(figure, figure.value(period)));
      if (figure.value(period) !== null) compared++;
    }
  }
  expect(compared).toBeGreaterThanOrEqual(minimumCompared);
}
