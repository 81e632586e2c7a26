import { ACTIVITIES, activityByKey, type ActivityMeaning } from '../../../../shared/activities';
import { ATTRIBUTE_LABELS, ATTRIBUTE_NAMES, describeAttributes, type AttributeName } from '../../../../shared/calc/attributes';
import type { UnitCheck } from '../../../../shared/contract';
import type { BasisWarning } from '../../../../shared/import/column-checks';
import { columnLetter } from '../../../../shared/import/cell';
import { parseHeader } from '../../../../shared/import/headers';
import { REPORTED_VALUE_ROLES, ROLES_BY_KIND, type ColumnMapping, type ColumnRole, type MappingKind } from '../../../../shared/import/mapping';
import type { ColumnSuggestion } from '../../../../shared/import/suggest';
import { ConfidenceBadge } from './ConfidenceBadge';
import { takesUnit, withActivity, withMetric, withRole, withUnitText } from './mappingDraft';
import { t } from '../../../../shared/messages';
import { activityName } from '../../labels';

/** How a role reads in the role list. */
const ROLE_LABELS: Partial<Readonly<Record<ColumnRole, string>>> = {
  twin: t.columnMappingRow.twinSameQuantityOtherUnit,
  claim_value: t.columnMappingRow.claimReportedFigure,
  factor_value: t.columnMappingRow.factorValue,
  factor_unit: t.columnMappingRow.factorUnit,
  basis: t.columnMappingRow.basisScope2Method,
  scope: t.columnMappingRow.scope,
  attribute: t.columnMappingRow.attributeVariantGasHaulClass,
};

function roleLabel(role: ColumnRole): string {
  return ROLE_LABELS[role] ?? role.replace(/_/g, ' ');
}

const UNIT_PLACEHOLDERS: Partial<Readonly<Record<ColumnRole, string>>> = {
  factor_value: t.columnMappingRow.unitEGKgCo2e,
  claim_value: t.columnMappingRow.unitEGTco2e,
};

function UnitCheckNote({ check }: { check: UnitCheck | undefined }) {
  if (!check) return null;
  return <p className={check.ok ? 'small check-ok' : 'small check-warning'}>{check.ok ? '✓' : '⚠'} {check.message}</p>;
}

function ValueColumnFields({ column, name, onChange }: { column: ColumnMapping; name: string; onChange: (column: ColumnMapping) => void }) {
  const activity = column.activity === undefined ? undefined : activityByKey(column.activity);
  return (
    <>
      <select aria-label={t.columnMappingRow.activityOf(name)} value={column.activity ?? ''} onChange={(event) => onChange(withActivity(column, event.target.value))}>
        {activity === undefined && <option value="">{t.columnMappingRow.chooseAnActivity}</option>}
        {ACTIVITIES.map((option) => <option key={option.key} value={option.key}>{activityName(option.key)}</option>)}
      </select>
      {activity && (
        <select
          aria-label={t.columnMappingRow.meaningOf(name)}
          value={column.meaning ?? activity.meanings[0]}
          disabled={activity.meanings.length === 1}
          onChange={(event) => onChange({ ...column, meaning: event.target.value as ActivityMeaning })}
        >
          {activity.meanings.map((meaning) => <option key={meaning} value={meaning}>{t.activityMeanings[meaning]}</option>)}
        </select>
      )}
    </>
  );
}

/** An attribute column names which attribute its cells give (a refrigerant gas, a haul…). */
function AttributeFields({ column, name, onChange }: { column: ColumnMapping; name: string; onChange: (column: ColumnMapping) => void }) {
  return (
    <select aria-label={t.columnMappingRow.attributeOf(name)} value={column.attribute ?? ''} onChange={(event) => onChange({ ...column, attribute: event.target.value as AttributeName })}>
      {column.attribute === undefined && <option value="">{t.columnMappingRow.chooseWhatItTellsApart}</option>}
      {ATTRIBUTE_NAMES.map((attribute) => <option key={attribute} value={attribute}>{ATTRIBUTE_LABELS[attribute]}</option>)}
    </select>
  );
}

/** Column fields that are either stated by the auditor or left out: never a default. */
type StatedField = 'percentScale' | 'calorificBasis';

/** A select for a stated field: its first option leaves the field out of the column. */
function StatedFieldSelect<F extends StatedField>({ column, field, label, unstated, choices, onChange }: {
  column: ColumnMapping;
  field: F;
  label: string;
  unstated: string;
  choices: readonly { value: NonNullable<ColumnMapping[F]>; label: string }[];
  onChange: (column: ColumnMapping) => void;
}) {
  const change = (value: string): void => {
    const rest: ColumnMapping = { ...column };
    delete rest[field];
    onChange(value === '' ? rest : { ...rest, [field]: value });
  };
  return (
    <select aria-label={label} value={column[field] ?? ''} onChange={(event) => change(event.target.value)}>
      <option value="">{unstated}</option>
      {choices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
    </select>
  );
}

/**
 * A plain number from 0 to 1 beside a '%' unit could be a fraction or percent points: import
 * refuses such rows until the auditor says which for the column.
 */
const PERCENT_SCALES = [
  { value: 'fraction', label: t.columnMappingRow.besideFractions053953 },
  { value: 'points', label: t.columnMappingRow.besidePercentPoints0539 },
] as const;

/**
 * A fuel's kWh may be on a gross or a net calorific basis, and factor tables publish both: the
 * auditor states which (never suggested), else the records calculate to findings.
 */
const CALORIFIC_BASES = [
  { value: 'gross', label: t.columnMappingRow.calorificBasisGross },
  { value: 'net', label: t.columnMappingRow.calorificBasisNet },
] as const;

/** A twin names the value column it repeats: it is checked against it, never imported. */
function TwinFields({ column, name, columns, onChange }: { column: ColumnMapping; name: string; columns: readonly ColumnMapping[]; onChange: (column: ColumnMapping) => void }) {
  const values = columns.filter((other) => other.role === 'value');
  return (
    <select aria-label={t.columnMappingRow.sameQuantityAs(name)} value={column.twinOf ?? ''} onChange={(event) => onChange({ ...column, twinOf: Number(event.target.value) })}>
      {!values.some((other) => other.column === column.twinOf) && <option value="">{t.columnMappingRow.chooseTheValueColumn}</option>}
      {values.map((other) => <option key={other.column} value={other.column}>{`${columnLetter(other.column)} · ${other.header}`}</option>)}
    </select>
  );
}

interface Props {
  kind: MappingKind;
  column: ColumnMapping;
  /** Every column of the mapping: a twin picks the value column it repeats among them. */
  columns: readonly ColumnMapping[];
  suggestion: ColumnSuggestion | undefined;
  unitCheck: UnitCheck | undefined;
  /** Set when the column holds a fuel's energy with no calorific basis stated. */
  basisWarning: BasisWarning | undefined;
  onChange: (column: ColumnMapping) => void;
}

/** One column of the sheet: its role, and for numeric columns what the numbers are and in which unit. */
export function ColumnMappingRow({ kind, column, columns, suggestion, unitCheck, basisWarning, onChange }: Props) {
  const name = `column ${columnLetter(column.column)}`;
  const claimInActivitySheet = kind === 'activity' && column.role === 'claim_value';
  return (
    <tr data-column={columnLetter(column.column)}>
      <th scope="row" className="column-letter">{columnLetter(column.column)}</th>
      <td className="column-header">{column.header || <span className="muted">{t.columnMappingRow.noHeader}</span>}</td>
      <td>
        <select aria-label={t.columnMappingRow.roleOf(name)} value={column.role} onChange={(event) => onChange(withRole(column, event.target.value as ColumnRole, suggestion, columns))}>
          {ROLES_BY_KIND[kind].map((role) => <option key={role} value={role}>{roleLabel(role)}</option>)}
        </select>
      </td>
      <td>
        <div className="column-fields">
          {column.role === 'value' && <ValueColumnFields column={column} name={name} onChange={onChange} />}
          {column.role === 'twin' && <TwinFields column={column} name={name} columns={columns} onChange={onChange} />}
          {column.role === 'attribute' && <AttributeFields column={column} name={name} onChange={onChange} />}
          {column.role === 'value' && column.attributes && <span className="small muted">{describeAttributes(column.attributes)}</span>}
          {claimInActivitySheet && (
            <input aria-label={t.columnMappingRow.metricOf(name)} className="metric-input" placeholder={parseHeader(column.header).label} value={column.metric ?? ''} onChange={(event) => onChange(withMetric(column, event.target.value))} />
          )}
          {takesUnit(column.role) && (
            <input
              aria-label={t.columnMappingRow.unitOf(name)}
              className={column.role === 'factor_value' ? 'unit-input wide' : 'unit-input'}
              placeholder={UNIT_PLACEHOLDERS[column.role] ?? t.columnMappingRow.unitEGKwh}
              value={column.unitText ?? ''}
              onChange={(event) => onChange(withUnitText(column, event.target.value))}
            />
          )}
          {REPORTED_VALUE_ROLES.includes(column.role) && (
            <StatedFieldSelect column={column} field="percentScale" label={t.columnMappingRow.plainNumbersBesideIn(name)} unstated={t.columnMappingRow.beside0To1Is} choices={PERCENT_SCALES} onChange={onChange} />
          )}
          {(basisWarning !== undefined || column.calorificBasis !== undefined) && (
            <StatedFieldSelect column={column} field="calorificBasis" label={t.columnMappingRow.calorificBasisOf(name)} unstated={t.columnMappingRow.calorificBasisNotStated} choices={CALORIFIC_BASES} onChange={onChange} />
          )}
        </div>
        {takesUnit(column.role) && <UnitCheckNote check={unitCheck} />}
        {basisWarning && <p className="small check-warning">⚠ {basisWarning.message}</p>}
        {claimInActivitySheet && <p className="small muted">{t.columnMappingRow.importedAsAClaimFor}</p>}
      </td>
      <td className="suggestion">
        {suggestion && (
          <>
            <ConfidenceBadge confidence={suggestion.confidence} />
            {suggestion.role !== column.role && <span className="badge changed">{t.columnMappingRow.suggested(roleLabel(suggestion.role))}</span>}
            <p className="small muted">{suggestion.reason}</p>
          </>
        )}
      </td>
    </tr>
  );
}
