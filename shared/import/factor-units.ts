/**
 * Emission-factor units as factor tables write them: a mass of a gas per a unit of activity,
 * 'kg CO2e/kWh', 'tCO2e/MWh', 'g CO2 per kWh', 'lb CO2e/MWh'. A company table often writes the
 * numerator once in the value column's header ('kg CO2e per unit') and the activity's unit in a
 * column of its own: the header's "per unit" then stands for that column.
 */
import type { GasMassUnit } from '../factors/types';

export interface FactorUnit {
  readonly valueUnit: GasMassUnit;
  /** The gas the value is of, as written ('CO2e', 'CO2', 'CH4'); null when the unit names none. */
  readonly gas: string | null;
  /** The unit of activity the factor is per ('kWh', 'litres'); null when it is per the row's own unit ('per unit'). */
  readonly perUnit: string | null;
}

const MASS_UNITS: Readonly<Record<string, GasMassUnit>> = {
  kg: 'kg', kgs: 'kg', g: 'g', lb: 'lb', lbs: 'lb', t: 't', tonne: 't', tonnes: 't', 'metric ton': 't', 'metric tons': 't', 'metric tonne': 't', 'metric tonnes': 't',
};

/** 'per unit', 'per activity unit', 'per unit of activity': the activity's unit is given elsewhere, per row. */
const PER_ROW_UNIT = /^(?:activity\s+)?units?(?:\s+of\s+activity)?$/i;

/** Mass, optional gas, '/' or 'per', the activity's unit; spaces optional where files omit them ('kgCO2e/kWh'). */
const FACTOR_UNIT = /^\s*(metric\s+tonnes?|metric\s+tons?|kgs?|g|lbs?|tonnes?|t)\s*([A-Za-z][A-Za-z0-9-]*)?\s*(?:\/|\bper\b)\s*(.+?)\s*$/i;

/** 'kg CO2e/kWh', 'kgCO2e per litre', 'g CH4 / mmBtu', 'kg CO2e per unit' → mass unit, gas and per-unit; null when it is not one. */
export function parseFactorUnit(text: string): FactorUnit | null {
  const match = FACTOR_UNIT.exec(text);
  if (!match) return null;
  const valueUnit = MASS_UNITS[match[1]!.toLowerCase().replace(/\s+/g, ' ')];
  if (!valueUnit) return null;
  const perUnit = match[3]!;
  return { valueUnit, gas: match[2] ? canonicalGas(match[2]) : null, perUnit: PER_ROW_UNIT.test(perUnit) ? null : perUnit };
}

function canonicalGas(text: string): string {
  const upper = text.toUpperCase();
  return upper === 'CO2E' || upper === 'CO2EQ' ? 'CO2e' : upper;
}

/** The factor unit a header carries, in its brackets or as the whole header: 'Emission factor (kg CO2e/kWh)', 'kg CO2e per unit'. */
export function factorUnitInHeader(header: string): { readonly text: string; readonly unit: FactorUnit } | null {
  const bracketed = /[([]\s*([^()[\]]+?)\s*[)\]]\s*$/.exec(header)?.[1];
  for (const text of [bracketed, header.trim()]) {
    const unit = text === undefined ? null : parseFactorUnit(text);
    if (text !== undefined && unit) return { text, unit };
  }
  return null;
}
