import { useState } from 'react';
import type { ImportPreview } from '../../../../shared/contract';
import { tableBoundsSchema, type TableBounds } from '../../../../shared/import/table';
import { ConfidenceBadge } from './ConfidenceBadge';
import type { MappingDraft } from './mappingDraft';
import { SheetGrid } from './SheetGrid';
import { StepActions } from './StepActions';
import { t } from '../../../../shared/messages';

type BoundsForm = Record<keyof TableBounds, string>;

function formOf(bounds: TableBounds): BoundsForm {
  return {
    headerRowNumber: String(bounds.headerRowNumber),
    firstDataRowNumber: String(bounds.firstDataRowNumber),
    lastDataRowNumber: bounds.lastDataRowNumber === undefined ? '' : String(bounds.lastDataRowNumber),
    stopAtBlankRun: String(bounds.stopAtBlankRun),
  };
}

const FIELDS: readonly { key: keyof TableBounds; label: string; hint: string }[] = [
  { key: 'headerRowNumber', label: t.tableStep.headerRow, hint: t.tableStep.theRowWithTheColumn },
  { key: 'firstDataRowNumber', label: t.tableStep.firstDataRow, hint: t.tableStep.theFirstRowThatIs },
  { key: 'lastDataRowNumber', label: t.tableStep.lastDataRow, hint: t.tableStep.optionalLeaveEmptyToRead },
  { key: 'stopAtBlankRun', label: t.tableStep.blankRowsThatEndThe, hint: t.tableStep.n0NeverEndsTheTable },
];

function boundsOf(form: BoundsForm): { bounds: TableBounds; problems: [] } | { bounds: null; problems: string[] } {
  const result = tableBoundsSchema.safeParse({
    headerRowNumber: Number(form.headerRowNumber),
    firstDataRowNumber: Number(form.firstDataRowNumber),
    ...(form.lastDataRowNumber.trim() === '' ? {} : { lastDataRowNumber: Number(form.lastDataRowNumber) }),
    stopAtBlankRun: Number(form.stopAtBlankRun),
  });
  if (result.success) return { bounds: result.data, problems: [] };
  return {
    bounds: null,
    problems: result.error.issues.map((issue) => {
      const field = FIELDS.find((candidate) => candidate.key === issue.path[0]);
      // The schema's own refinements already name their fields.
      return issue.code === 'custom' || !field ? issue.message : `${field.label}: ${issue.message}`;
    }),
  };
}

interface Props {
  preview: ImportPreview;
  draft: MappingDraft;
  onTableChange: (table: TableBounds) => void;
  onBack: () => void;
  onNext: () => void;
}

/** Step 3: where the table is, prefilled from the detection and checked as it is typed. */
export function TableStep({ preview, draft, onTableChange, onBack, onNext }: Props) {
  const [form, setForm] = useState(() => formOf(draft.mapping.table));
  const { problems } = boundsOf(form);
  const change = (key: keyof TableBounds, value: string): void => {
    const next = { ...form, [key]: value };
    setForm(next);
    const { bounds } = boundsOf(next);
    if (bounds) onTableChange(bounds);
  };
  return (
    <section className="card wizard-step" aria-labelledby="table-heading">
      <h2 id="table-heading">{t.tableStep.whereIsTheTable}</h2>
      {preview.table && (
        <div className="detection">
          <p>
            {t.tableStep.detectedHeaderInRowData(preview.table.headerRowNumber, preview.table.firstDataRowNumber)}{' '}
            <ConfidenceBadge confidence={preview.table.confidence} />
          </p>
          <ul className="reasons small muted">
            {preview.table.reasons.map((reason) => <li key={reason}>{reason}</li>)}
          </ul>
        </div>
      )}
      {preview.tableProblem && <p className="notice warning">{preview.tableProblem}</p>}
      <div className="bounds-form">
        {FIELDS.map((field) => (
          <label key={field.key}>
            {field.label}
            <input type="number" min={field.key === 'stopAtBlankRun' ? 0 : 1} step={1} value={form[field.key]} onChange={(event) => change(field.key, event.target.value)} />
            <span className="muted small">{field.hint}</span>
          </label>
        ))}
      </div>
      {problems.length > 0 && (
        <ul className="error">
          {problems.map((problem) => <li key={problem}>{problem}</li>)}
        </ul>
      )}
      <SheetGrid rows={preview.rows} bounds={draft.mapping.table} columnCount={draft.mapping.columns.length} kind={draft.mapping.kind} />
      <StepActions onBack={onBack} onNext={onNext} blockedBy={problems.length > 0 ? t.tableStep.fixTheTableBoundsFirst : undefined} />
    </section>
  );
}
