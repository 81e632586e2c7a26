/**
 * One quantity in two units: a twin column ('Electricity Use (GJ)' beside 'Electricity Use (kWh)')
 * is never imported, but wherever both are filled they must agree once converted, within the
 * rounding each value shows. A difference beyond that is a finding, as is a value given only in
 * the twin (the imported column is blank there, so that quantity is not imported).
 */
import { conversionFactor, parseUnit, type Unit } from '../calc/units';
import { columnLetter, type Cell } from './cell';
import type { ColumnMapping, Mapping } from './mapping';
import { parseQuantity } from './values';

export type TwinFindingKind = 'twin-disagrees' | 'twin-only' | 'twin-unreadable';

/** A twin cell against the column it repeats: both values, their units and their difference. */
export interface TwinComparison {
  /** The twin column checked. */
  readonly column: number;
  /** The imported column it repeats. */
  readonly comparedColumn: number;
  readonly importedValue: number | null;
  readonly importedUnit: string;
  readonly checkedValue: number | null;
  readonly checkedUnit: string;
  /** The twin's value in the imported column's unit. */
  readonly checkedConverted: number | null;
  /** checkedConverted − importedValue. */
  readonly difference: number | null;
  /** The difference rounding explains: half the last shown digit of each value, in the imported unit. */
  readonly tolerance: number | null;
  readonly message: string;
}

/** What the check of one twin cell found; `agrees` rows are counted, not stored. */
export interface TwinCheck extends TwinComparison {
  readonly outcome: TwinFindingKind | 'agrees';
}

interface TwinPair {
  readonly twin: ColumnMapping;
  readonly main: ColumnMapping;
  readonly twinUnit: Unit;
  readonly mainUnit: Unit;
  /** Imported-unit per twin-unit, rounded once; null when the units do not convert (m3 and GJ). */
  readonly factor: number | null;
}

/**
 * The place of the last digit a number shows (its shortest round-trip form): 444.4 → 0.1,
 * 123456 → 1, 2.5e-7 → 1e-8. A value rounded to the digits it shows is off by at most half of
 * that. Whole numbers count to the unit: a system rounds to decimal places, not to hundreds.
 */
export function lastDigitPlace(value: number): number {
  if (!Number.isFinite(value)) return 1;
  const [mantissa = '', exponentText] = Math.abs(value).toString().split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return 10 ** (Number(exponentText ?? 0) - fraction.length);
}

/** A computed value as a person reads it: nine significant digits, no binary noise (the finding stores the exact values). */
function shown(value: number): string {
  return String(Number(value.toPrecision(9)));
}

function named(column: ColumnMapping): string {
  return `column ${columnLetter(column.column)}${column.header === '' ? '' : ` (${column.header})`}`;
}

/** Relative slack for the one rounding of the conversion and the product. */
const FLOAT_SLACK = 1e-12;

function compare(pair: TwinPair, imported: number, checked: number): Pick<TwinCheck, 'outcome' | 'checkedConverted' | 'difference' | 'tolerance' | 'message'> {
  const factor = pair.factor!;
  const converted = checked * factor;
  const difference = converted - imported;
  const tolerance = lastDigitPlace(imported) / 2 + (lastDigitPlace(checked) / 2) * factor + FLOAT_SLACK * Math.max(Math.abs(imported), Math.abs(converted));
  const agrees = Math.abs(difference) <= tolerance;
  const unit = pair.mainUnit.id;
  const message = agrees
    ? `agrees: ${checked} ${pair.twinUnit.id} is ${shown(converted)} ${unit}`
    : `${named(pair.twin)} gives ${checked} ${pair.twinUnit.id} = ${shown(converted)} ${unit}, but ${named(pair.main)} gives ${imported} ${unit}: ` +
      `a difference of ${shown(difference)} ${unit}, beyond the ${shown(tolerance)} ${unit} that rounding explains`;
  return { outcome: agrees ? 'agrees' : 'twin-disagrees', checkedConverted: converted, difference, tolerance, message };
}

/** Checks each row's twin cells against the value columns they repeat; twins whose units do not convert are compared for presence only. */
export function createTwinChecker(mapping: Mapping, options: { readonly resolve?: Readonly<Record<string, string>> } = {}): (cells: readonly Cell[]) => TwinCheck[] {
  const pairs: TwinPair[] = [];
  for (const twin of mapping.columns.filter((column) => column.role === 'twin')) {
    const main = mapping.columns.find((column) => column.column === twin.twinOf && column.role === 'value');
    const twinUnit = twin.unitText === undefined ? undefined : parseUnit(twin.unitText, { resolve: options.resolve ?? mapping.unitResolutions });
    const mainUnit = main?.unitText === undefined ? undefined : parseUnit(main.unitText, { resolve: options.resolve ?? mapping.unitResolutions });
    if (!main || !twinUnit?.ok || !mainUnit?.ok) continue;
    const factor = conversionFactor(twinUnit.unit, mainUnit.unit);
    pairs.push({ twin, main, twinUnit: twinUnit.unit, mainUnit: mainUnit.unit, factor: factor.ok ? factor.factor : null });
  }
  const decimal = { decimalSeparator: mapping.decimalSeparator };
  return (cells) => {
    const checks: TwinCheck[] = [];
    for (const pair of pairs) {
      const checked = parseQuantity(cells[pair.twin.column], decimal);
      const imported = parseQuantity(cells[pair.main.column], decimal);
      const base = { column: pair.twin.column, comparedColumn: pair.main.column, importedUnit: pair.mainUnit.id, checkedUnit: pair.twinUnit.id };
      const importedValue = imported.ok ? imported.value : null;
      const none = { checkedConverted: null, difference: null, tolerance: null };
      if (!checked.ok) {
        checks.push({ ...base, ...none, outcome: 'twin-unreadable', importedValue, checkedValue: null, message: `${named(pair.twin)} cannot be checked: ${checked.reason}` });
      } else if (checked.value === null) {
        continue;
      } else if (importedValue === null) {
        const why = imported.ok ? `${named(pair.main)} is blank` : `${named(pair.main)} cannot be read (${imported.reason})`;
        checks.push({ ...base, ...none, outcome: 'twin-only', importedValue: null, checkedValue: checked.value, message: `${checked.value} ${pair.twinUnit.id} is given only in ${named(pair.twin)}: ${why}, so this quantity is not imported` });
      } else if (pair.factor !== null) {
        checks.push({ ...base, importedValue, checkedValue: checked.value, ...compare(pair, importedValue, checked.value) });
      }
    }
    return checks;
  };
}
