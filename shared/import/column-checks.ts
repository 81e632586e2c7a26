/**
 * What a mapping does with its numeric columns, said before anything is read: each unit checked
 * (does it parse, does it fit the activity, the column it twins, the factor's form) and every
 * column whose header names a unit but is not imported, with why. The preview, the wizard (live,
 * as the auditor edits) and the import summary use the same words.
 */
import { activityByKey } from '../activities';
import { conversionFactor, parseUnit } from '../calc/units';
import { columnLetter } from './cell';
import { parseFactorUnit } from './factor-units';
import { parseHeader } from './headers';
import { quantityColumns, statedBasis } from './records';
import type { ColumnMapping, Mapping } from './mapping';

export interface UnitCheck {
  readonly column: number;
  readonly unitText: string | null;
  readonly ok: boolean;
  readonly message: string;
}

function checkFactorUnit(column: ColumnMapping, mapping: Mapping): UnitCheck {
  const unitText = column.unitText ?? null;
  const hasFactorUnitColumn = mapping.columns.some((other) => other.role === 'factor_unit');
  if (unitText === null) {
    return { column: column.column, unitText, ok: hasFactorUnitColumn, message: hasFactorUnitColumn ? 'factor unit read from the factor-unit column per row' : 'no factor unit: type one (kg CO2e/kWh, or kg CO2e per unit with a unit column)' };
  }
  const unit = parseFactorUnit(unitText);
  if (!unit) return { column: column.column, unitText, ok: false, message: `'${unitText}' is not a mass of a gas per unit of activity, such as kg CO2e/kWh` };
  const numerator = `${unit.valueUnit}${unit.gas === null ? '' : ` ${unit.gas}`}`;
  if (unit.perUnit !== null) return { column: column.column, unitText, ok: true, message: `${numerator} per ${unit.perUnit}` };
  const hasUnitColumn = mapping.columns.some((other) => other.role === 'unit');
  return { column: column.column, unitText, ok: hasUnitColumn, message: hasUnitColumn ? `${numerator} per the unit in each row's unit column` : `${numerator} per unit: map the column that holds each row's unit` };
}

function checkTwinUnit(column: ColumnMapping, mapping: Mapping): UnitCheck {
  const unitText = column.unitText ?? null;
  const main = mapping.columns.find((other) => other.column === column.twinOf);
  const of = `column ${columnLetter(column.twinOf ?? 0)}`;
  if (unitText === null || main?.unitText === undefined) return { column: column.column, unitText, ok: false, message: `give this column's unit and ${of}'s, to compare them` };
  const [twin, imported] = [parseUnit(unitText, { resolve: mapping.unitResolutions }), parseUnit(main.unitText, { resolve: mapping.unitResolutions })];
  if (!twin.ok) return { column: column.column, unitText, ok: false, message: twin.reason };
  if (!imported.ok) return { column: column.column, unitText, ok: false, message: `${of}: ${imported.reason}` };
  const factor = conversionFactor(twin.unit, imported.unit);
  return factor.ok
    ? { column: column.column, unitText, ok: true, message: `checked against ${of}: 1 ${twin.unit.id} = ${Number(factor.factor.toPrecision(9))} ${imported.unit.id}` }
    : { column: column.column, unitText, ok: false, message: `not checked against ${of}: ${factor.reason}` };
}

function checkQuantityUnit(column: ColumnMapping, mapping: Mapping): UnitCheck {
  const unitText = column.unitText ?? null;
  if (unitText === null) {
    const perRow = column.role === 'quantity' || column.role === 'claim_value';
    return { column: column.column, unitText, ok: perRow, message: perRow ? 'unit read from the unit column per row' : 'no unit in the header: type one' };
  }
  const parsed = parseUnit(unitText, { resolve: mapping.unitResolutions });
  if (!parsed.ok) return { column: column.column, unitText, ok: false, message: parsed.reason };
  const activity = column.activity ? activityByKey(column.activity) : undefined;
  if (activity && !activity.dimensions.includes(parsed.unit.dimension)) {
    return { column: column.column, unitText, ok: false, message: `${unitText} is ${parsed.unit.dimension}; ${activity.label} takes ${activity.dimensions.join(' or ')}` };
  }
  const basis = activity ? statedBasis(parsed.unit, activity, column.calorificBasis) : undefined;
  if (basis?.ok === false) return { column: column.column, unitText, ok: false, message: basis.reason };
  const onBasis = basis?.basis === 'gross' || basis?.basis === 'net' ? `, ${basis.basis} CV` : '';
  return { column: column.column, unitText, ok: true, message: `${unitText}: ${parsed.unit.dimension}${onBasis}` };
}

/** Checks each numeric column's unit text against what its role needs. */
export function checkUnits(mapping: Mapping): UnitCheck[] {
  return mapping.columns.flatMap((column) => {
    switch (column.role) {
      case 'factor_value':
        return [checkFactorUnit(column, mapping)];
      case 'twin':
        return [checkTwinUnit(column, mapping)];
      case 'value':
      case 'quantity':
      case 'claim_value':
        return [checkQuantityUnit(column, mapping)];
      default:
        return [];
    }
  });
}

export interface BasisWarning {
  readonly column: number;
  readonly header: string;
  /** The column's energy unit as written ('kWh', 'therms'); null when each row's unit column gives it. */
  readonly unitText: string | null;
  readonly message: string;
}

/**
 * Quantity columns whose fuel energy has no calorific basis: a fuel's kWh may be gross or net CV,
 * and factor tables publish both, so its records would calculate to nothing but a finding. Said
 * while mapping, as a warning (the import is allowed). A long layout's rows name their activity
 * and unit, so there the warning says when it applies.
 */
export function basisWarnings(mapping: Mapping): BasisWarning[] {
  if (mapping.kind !== 'activity') return [];
  return quantityColumns(mapping).flatMap((column) => {
    if (column.calorificBasis !== undefined) return [];
    const unitText = column.unitText ?? mapping.defaults?.unit;
    const unit = unitText === undefined ? undefined : parseUnit(unitText, { resolve: mapping.unitResolutions });
    if (unit?.ok === true && unit.unit.basis !== 'unspecified') return [];
    const name = column.header || `column ${columnLetter(column.column)}`;
    const choose = `state gross or net calorific value; ${BASIS_GAP}`;
    if (mapping.layout === 'wide') {
      const activity = column.activity === undefined ? undefined : activityByKey(column.activity);
      return activity?.fuel === true && unit?.ok === true ? [{ column: column.column, header: column.header, unitText: unitText ?? null, message: `${name}: ${choose}` }] : [];
    }
    const activityColumn = mapping.columns.some((other) => other.role === 'activity');
    const defaultActivity = mapping.defaults?.activity === undefined ? undefined : activityByKey(mapping.defaults.activity);
    if (!activityColumn && defaultActivity?.fuel !== true) return [];
    const unitColumn = mapping.columns.some((other) => other.role === 'unit');
    if (!unitColumn && unit?.ok !== true) return [];
    return [{ column: column.column, header: column.header, unitText: unitColumn ? null : (unitText ?? null), message: `${name}: for rows of a fuel in an energy unit that does not say gross or net (kWh, GJ), ${choose}` }];
  });
}

const BASIS_GAP = 'DESNZ publishes both and they differ by ~10%';

export interface ColumnNotImported {
  readonly column: number;
  readonly header: string;
  readonly reason: string;
}

/**
 * Numeric columns the mapping does not import: twins, and ignored columns whose header names a
 * unit. Never silent: the wizard lists them before the import and the summary after it.
 */
export function columnsNotImported(mapping: Mapping, twinChecks: (column: number) => string = () => 'checked where both are filled'): ColumnNotImported[] {
  return mapping.columns.flatMap((column) => {
    if (column.role === 'twin') {
      return [{ column: column.column, header: column.header, reason: `same quantity as column ${columnLetter(column.twinOf ?? 0)} in another unit: not imported, ${twinChecks(column.column)}` }];
    }
    const unitText = column.role === 'ignore' ? parseHeader(column.header).unitText : undefined;
    return unitText === undefined ? [] : [{ column: column.column, header: column.header, reason: `its header names a unit (${unitText}), but the mapping ignores it: not imported` }];
  });
}
