import type { ImportPreview, Mapping } from '../../../../shared/contract';
import { columnLetter } from '../../../../shared/import/cell';
import { basisWarnings, checkUnits, columnsNotImported } from '../../../../shared/import/column-checks';
import type { ColumnMapping } from '../../../../shared/import/mapping';
import { ColumnMappingRow } from './ColumnMappingRow';
import { mappingProblems, withPlaceholders, type MappingDraft } from './mappingDraft';
import { PlaceholdersField } from './PlaceholdersField';
import { SaveTemplate } from './SaveTemplate';
import { UseTemplate } from './UseTemplate';
import { StepActions } from './StepActions';
import { t } from '../../../../shared/messages';

const DECIMAL_SEPARATORS: readonly { value: Mapping['decimalSeparator']; label: string }[] = [
  { value: '.', label: t.columnsStep.point12345 },
  { value: ',', label: t.columnsStep.comma12345 },
];

const DAY_ORDERS: readonly { value: NonNullable<Mapping['dayOrder']> | ''; label: string }[] = [
  { value: '', label: t.columnsStep.notNeededNoTextDates },
  { value: 'DMY', label: t.columnsStep.dayFirst01041 },
  { value: 'MDY', label: t.columnsStep.monthFirst04011 },
  { value: 'YMD', label: t.columnsStep.yearFirst20240401 },
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
  const warnings = basisWarnings(mapping);
  const notImported = columnsNotImported(mapping);
  const changeColumn = (changed: ColumnMapping): void =>
    onMappingChange({ ...mapping, columns: mapping.columns.map((column) => (column.column === changed.column ? changed : column)) });
  return (
    <section className="card wizard-step" aria-labelledby="columns-heading">
      <h2 id="columns-heading">{t.columnsStep.whatDoesEachColumnHold}</h2>
      <UseTemplate mapping={mapping} headers={preview.table?.headers ?? []} onApply={onMappingChange} />
      <div className="mapping-options">
        <label>
          {t.columnsStep.layout}
          <select value={mapping.layout} onChange={(event) => onMappingChange({ ...mapping, layout: event.target.value as Mapping['layout'] })}>
            <option value="long">{t.columnsStep.longARowPerReading}</option>
            {mapping.kind === 'activity' && <option value="wide">{t.columnsStep.wideAColumnPerActivity}</option>}
          </select>
        </label>
        <label>
          {t.columnsStep.decimalSeparator}
          <select value={mapping.decimalSeparator} onChange={(event) => onMappingChange({ ...mapping, decimalSeparator: event.target.value as Mapping['decimalSeparator'] })}>
            {DECIMAL_SEPARATORS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </label>
        <label>
          {t.columnsStep.dayOrder}
          <select value={mapping.dayOrder ?? ''} onChange={(event) => onMappingChange(withDayOrder(mapping, event.target.value as NonNullable<Mapping['dayOrder']> | ''))}>
            {DAY_ORDERS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </label>
        {mapping.columns.some((column) => column.role === 'period') && (
          <label>
            {t.columnsStep.aDateInThePeriod}
            <select value={mapping.periodGranularity ?? 'day'} onChange={(event) => onMappingChange({ ...mapping, periodGranularity: event.target.value as NonNullable<Mapping['periodGranularity']> })}>
              <option value="day">{t.columnsStep.thatDay}</option>
              <option value="month">{t.columnsStep.theWholeMonthItFalls}</option>
              <option value="twelve-months-ending">{t.columnsStep.theLastDayOfThe}</option>
            </select>
          </label>
        )}
      </div>
      <PlaceholdersField placeholders={mapping.placeholders ?? []} onChange={(placeholders) => onMappingChange(withPlaceholders(mapping, placeholders))} />
      <table className="grid mapping-table">
        <thead>
          <tr>
            <th>{t.columnsStep.col}</th>
            <th>{t.columnsStep.header}</th>
            <th>{t.columnsStep.role}</th>
            <th>{t.columnsStep.activityMeaningUnit}</th>
            <th>{t.columnsStep.whySuggested}</th>
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
              basisWarning={warnings.find((warning) => warning.column === column.column)}
              onChange={changeColumn}
            />
          ))}
        </tbody>
      </table>
      {notImported.length > 0 && (
        <div className="notice" aria-label={t.columnsStep.numericColumnsNotImported}>
          <strong>{t.columnsStep.notImported}</strong> {t.columnsStep.theirHeadersNameAUnit}
          <ul>
            {notImported.map((column) => <li key={column.column}>{columnLetter(column.column)} · {column.header}: {column.reason}</li>)}
          </ul>
        </div>
      )}
      {problems.length > 0 && (
        <ul className="error" aria-label={t.columnsStep.mappingProblems}>
          {problems.map((problem) => <li key={problem}>{problem}</li>)}
        </ul>
      )}
      <SaveTemplate mapping={mapping} disabled={problems.length > 0} />
      <StepActions onBack={onBack} onNext={onValidate} nextLabel={t.columnsStep.validateDryRun} blockedBy={problems.length > 0 ? t.columnsStep.fixTheMappingFirst : undefined} />
    </section>
  );
}
