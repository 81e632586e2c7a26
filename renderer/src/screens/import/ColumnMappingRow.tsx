import { ACTIVITIES, activityByKey, type ActivityMeaning } from '../../../../shared/activities';
import type { UnitCheck } from '../../../../shared/contract';
import { columnLetter } from '../../../../shared/import/cell';
import { parseHeader } from '../../../../shared/import/headers';
import { REPORTED_VALUE_ROLES, ROLES_BY_KIND, type ColumnMapping, type ColumnRole, type MappingKind } from '../../../../shared/import/mapping';
import type { ColumnSuggestion } from '../../../../shared/import/suggest';
import { ConfidenceBadge } from './ConfidenceBadge';
import { takesUnit, withActivity, withMetric, withRole, withUnitText } from './mappingDraft';

/** How a role reads in the role list. */
const ROLE_LABELS: Partial<Readonly<Record<ColumnRole, string>>> = {
  twin: 'twin (same quantity, other unit)',
  claim_value: 'claim (reported figure)',
  factor_value: 'factor value',
  factor_unit: 'factor unit',
  basis: 'basis (Scope 2 method)',
  scope: 'scope',
};

function roleLabel(role: ColumnRole): string {
  return ROLE_LABELS[role] ?? role.replace(/_/g, ' ');
}

const UNIT_PLACEHOLDERS: Partial<Readonly<Record<ColumnRole, string>>> = {
  factor_value: 'Unit, e.g. kg CO2e/kWh or kg CO2e per unit',
  claim_value: 'Unit, e.g. tCO2e',
};

function UnitCheckNote({ check }: { check: UnitCheck | undefined }) {
  if (!check) return null;
  return <p className={check.ok ? 'small check-ok' : 'small check-warning'}>{check.ok ? '✓' : '⚠'} {check.message}</p>;
}

function ValueColumnFields({ column, name, onChange }: { column: ColumnMapping; name: string; onChange: (column: ColumnMapping) => void }) {
  const activity = column.activity === undefined ? undefined : activityByKey(column.activity);
  return (
    <>
      <select aria-label={`Activity of ${name}`} value={column.activity ?? ''} onChange={(event) => onChange(withActivity(column, event.target.value))}>
        {activity === undefined && <option value="">Choose an activity…</option>}
        {ACTIVITIES.map((option) => <option key={option.key} value={option.key}>{option.label}</option>)}
      </select>
      {activity && (
        <select
          aria-label={`Meaning of ${name}`}
          value={column.meaning ?? activity.meanings[0]}
          disabled={activity.meanings.length === 1}
          onChange={(event) => onChange({ ...column, meaning: event.target.value as ActivityMeaning })}
        >
          {activity.meanings.map((meaning) => <option key={meaning} value={meaning}>{meaning}</option>)}
        </select>
      )}
    </>
  );
}

/**
 * A plain number from 0 to 1 beside a '%' unit could be a fraction or percent points: import
 * refuses such rows until the auditor says which for the column.
 */
function PercentScaleField({ column, name, onChange }: { column: ColumnMapping; name: string; onChange: (column: ColumnMapping) => void }) {
  const { percentScale, ...rest } = column;
  return (
    <select
      aria-label={`Plain numbers beside % in ${name}`}
      value={percentScale ?? ''}
      onChange={(event) => onChange(event.target.value === '' ? rest : { ...rest, percentScale: event.target.value as 'fraction' | 'points' })}
    >
      <option value="">Beside %: 0 to 1 is refused as ambiguous</option>
      <option value="fraction">Beside %: fractions (0.539 = 53.9 %)</option>
      <option value="points">Beside %: percent points (0.539 = 0.539 %)</option>
    </select>
  );
}

/** A twin names the value column it repeats: it is checked against it, never imported. */
function TwinFields({ column, name, columns, onChange }: { column: ColumnMapping; name: string; columns: readonly ColumnMapping[]; onChange: (column: ColumnMapping) => void }) {
  const values = columns.filter((other) => other.role === 'value');
  return (
    <select aria-label={`Same quantity as (${name})`} value={column.twinOf ?? ''} onChange={(event) => onChange({ ...column, twinOf: Number(event.target.value) })}>
      {!values.some((other) => other.column === column.twinOf) && <option value="">Choose the value column…</option>}
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
  onChange: (column: ColumnMapping) => void;
}

/** One column of the sheet: its role, and for numeric columns what the numbers are and in which unit. */
export function ColumnMappingRow({ kind, column, columns, suggestion, unitCheck, onChange }: Props) {
  const name = `column ${columnLetter(column.column)}`;
  const claimInActivitySheet = kind === 'activity' && column.role === 'claim_value';
  return (
    <tr data-column={columnLetter(column.column)}>
      <th scope="row" className="column-letter">{columnLetter(column.column)}</th>
      <td className="column-header">{column.header || <span className="muted">(no header)</span>}</td>
      <td>
        <select aria-label={`Role of ${name}`} value={column.role} onChange={(event) => onChange(withRole(column, event.target.value as ColumnRole, suggestion, columns))}>
          {ROLES_BY_KIND[kind].map((role) => <option key={role} value={role}>{roleLabel(role)}</option>)}
        </select>
      </td>
      <td>
        <div className="column-fields">
          {column.role === 'value' && <ValueColumnFields column={column} name={name} onChange={onChange} />}
          {column.role === 'twin' && <TwinFields column={column} name={name} columns={columns} onChange={onChange} />}
          {claimInActivitySheet && (
            <input aria-label={`Metric of ${name}`} className="metric-input" placeholder={parseHeader(column.header).label} value={column.metric ?? ''} onChange={(event) => onChange(withMetric(column, event.target.value))} />
          )}
          {takesUnit(column.role) && (
            <input
              aria-label={`Unit of ${name}`}
              className={column.role === 'factor_value' ? 'unit-input wide' : 'unit-input'}
              placeholder={UNIT_PLACEHOLDERS[column.role] ?? 'Unit, e.g. kWh'}
              value={column.unitText ?? ''}
              onChange={(event) => onChange(withUnitText(column, event.target.value))}
            />
          )}
          {REPORTED_VALUE_ROLES.includes(column.role) && <PercentScaleField column={column} name={name} onChange={onChange} />}
        </div>
        {takesUnit(column.role) && <UnitCheckNote check={unitCheck} />}
        {claimInActivitySheet && <p className="small muted">Imported as a claim for each row’s site and period, to reconcile with the recomputed figure.</p>}
      </td>
      <td className="suggestion">
        {suggestion && (
          <>
            <ConfidenceBadge confidence={suggestion.confidence} />
            {suggestion.role !== column.role && <span className="badge changed">suggested: {roleLabel(suggestion.role)}</span>}
            <p className="small muted">{suggestion.reason}</p>
          </>
        )}
      </td>
    </tr>
  );
}
