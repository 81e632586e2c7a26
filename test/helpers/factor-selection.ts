/** Factors, requests and outcomes of factor selection, as the unit tests of shared/calc build them. */
import type { FactorRequest, FactorSelection } from '../../shared/calc/factor-selection';
import type { CalcFactor } from '../../shared/calc/inventory-types';
import { unitById, type CalorificBasis, type Unit } from '../../shared/calc/units';

export function unit(id: string, basis?: CalorificBasis): Unit {
  const found = unitById(id, basis);
  if (!found) throw new Error(`test setup: no unit ${id}`);
  return found;
}

export const DESNZ_2023 = { factorSetId: 1, setKey: 'desnz-2023', setYear: 2023, validFrom: '2023-01-01', validTo: '2023-12-31', setRegion: 'UK' };

/** A DESNZ 2023 factor of 2 kg CO2e per cubic metre of natural gas, unless told otherwise. */
export function factor(id: number, fields: Partial<CalcFactor> = {}): CalcFactor {
  return {
    id,
    ...DESNZ_2023,
    activityKey: 'natural_gas',
    unitText: 'cubic metres',
    region: null,
    scope: 'Scope 1',
    biogenic: false,
    co2ePerUnitKg: 2,
    gases: [],
    gwpBasis: 'AR5',
    label: `factor ${id}`,
    variant: null,
    ...fields,
  };
}

/** A UK record of cubic metres starting on 2023-06-01, unless told otherwise. */
export function request(fields: Partial<FactorRequest> = {}): FactorRequest {
  return { unit: unit('m3'), region: 'UK', date: '2023-06-01', ...fields };
}

export function chosen(selection: FactorSelection): { id: number; notes: readonly string[] } {
  if (!selection.ok) throw new Error(`${selection.kind}: ${selection.reason}`);
  return { id: selection.factor.id, notes: selection.notes };
}

export function failed(selection: FactorSelection): Extract<FactorSelection, { ok: false }> {
  if (selection.ok) throw new Error(`expected a failure, got factor #${selection.factor.id}`);
  return selection;
}
