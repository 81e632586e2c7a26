import type { ImportPreview, Mapping } from '../../../../shared/contract';
import { columnLetter } from '../../../../shared/import/cell';
import { checkUnits, columnsNotImported } from '../../../../shared/import/column-checks';
import type { ColumnMapping } from '../../../../shared/import/mapping';
import { ColumnMappingRow } from './ColumnMappingRow';
import { mappingProblems, withPlaceholders, type MappingDraft } from './mappingDraft';
import { PlaceholdersField } from './PlaceholdersField';
import { SaveTemplate } from './SaveTemplate';
import { UseTemplate } from './UseTemplate';
import { StepActions } from './StepActions';

const DECIMAL_SEPARATORS: readonly { value: Mapping['decimalSeparator']; label: string }[] = [
  { value: '.', label: 'Point (1,234.5)' },
  { value: ',', label: 'Comma (1.234,5)' },
];

const DAY_ORDERS: readonly { value: NonNullable<Mapping['dayOrder']> | ''; label: string }[] = [
  { value: '', label: 'Not needed (no text dates)' },
  { value: 'DMY', label: 'Day first (01/04 = 1 Apr)' },
  { value: 'MDY', label: 'Month first (04/01 = 1 Apr)' },
  { value: 'YMD', label: 'Year first (2024/04/01)' },
];

function withDayOrder(mapping: Mapping, dayOrder: NonNullable<Mapping['dayOrder']> | ''): Mapping {
  const { dayOrder: _previous, ...rest } = mapping;
  return dayOrder === '' ? rest : { ...rest, dayOrder };
}

interface Props {
  preview: ImportPreview;
  draft: MappingDraft;
  onMappingChange: (mapping: Mapping) => void;
  onBack: () => void;
  onValidate: () => void;
}

/** Step 4: what each column holds, and how the sheet writes numbers and dates. */
export function ColumnsStep({ preview, draft, onMappingChange, onBack, onValidate }: Props) {
  const { mapping } = draft;
  const problems = mappingProblems(mapping);
  // Checked as the auditor edits: a unit typed into a box is used, and says what it reads as.
  const unitChecks = checkUnits(mapping);
  const notImported = columnsNotImported(mapping);
  const changeColumn = (changed: ColumnMapping): void =>
    onMappingChange({ ...mapping, columns: mapping.columns.map((column) => (column.column === changed.column ? changed : column)) });
  return (
    <section className="card wizard-step" aria-labelledby="columns-heading">
      <h2 id="columns-heading">What does each column hold?</h2>
      <UseTemplate mapping={mapping} headers={preview.table?.headers ?? []} onApply={onMappingChange} />
      <div className="mapping-options">
        <label>
          Layout
          <select value={mapping.layout} onChange={(event) => onMappingChange({ ...mapping, layout: event.target.value as Mapping['layout'] })}>
            <option value="long">Long: a row per reading</option>
            {mapping.kind === 'activity' && <option value="wide">Wide: a column per activity</option>}
          </select>
        </label>
        <label>
          Decimal separator
          <select value={mapping.decimalSeparator} onChange={(event) => onMappingChange({ ...mapping, decimalSeparator: event.target.value as Mapping['decimalSeparator'] })}>
            {DECIMAL_SEPARATORS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </label>
        <label>
          Day order
          <select value={mapping.dayOrder ?? ''} onChange={(event) => onMappingChange(withDayOrder(mapping, event.target.value as NonNullable<Mapping['dayOrder']> | ''))}>
            {DAY_ORDERS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </label>
        {mapping.columns.some((column) => column.role === 'period') && (
          <label>
            A date in the period column is
            <select value={mapping.periodGranularity ?? 'day'} onChange={(event) => onMappingChange({ ...mapping, periodGranularity: event.target.value as NonNullable<Mapping['periodGranularity']> })}>
              <option value="day">That day</option>
              <option value="month">The whole month it falls in</option>
              <option value="twelve-months-ending">The last day of the twelve months ending on it</option>
            </select>
          </label>
        )}
      </div>
      <PlaceholdersField placeholders={mapping.placeholders ?? []} onChange={(placeholders) => onMappingChange(withPlaceholders(mapping, placeholders))} />
      <table className="grid mapping-table">
        <thead>
          <tr>
            <th>Col</th>
            <th>Header</th>
            <th>Role</th>
            <th>Activity, meaning, unit</th>
            <th>Why suggested</th>
          </tr>
        </thead>
        <tbody>
          {mapping.columns.map((column) => (
            <ColumnMappingRow
              key={column.column}
              kind={mapping.kind}
              column={column}
              columns={mapping.columns}
              suggestion={draft.suggestions.find((suggestion) => suggestion.column === column.column)}
              unitCheck={unitChecks.find((check) => check.column === column.column)}
              onChange={changeColumn}
            />
          ))}
        </tbody>
      </table>
      {notImported.length > 0 && (
        <div className="notice" aria-label="Numeric columns not imported">
          <strong>Not imported</strong> (their headers name a unit):
          <ul>
            {notImported.map((column) => <li key={column.column}>{columnLetter(column.column)} · {column.header}: {column.reason}</li>)}
          </ul>
        </div>
      )}
      {problems.length > 0 && (
        <ul className="error" aria-label="Mapping problems">
          {problems.map((problem) => <li key={problem}>{problem}</li>)}
        </ul>
      )}
      <SaveTemplate mapping={mapping} disabled={problems.length > 0} />
      <StepActions onBack={onBack} onNext={onValidate} nextLabel="Validate (dry run)" blockedBy={problems.length > 0 ? 'Fix the mapping first' : undefined} />
    </section>
  );
}
