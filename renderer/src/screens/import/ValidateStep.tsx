import type { ImportOutcome, ImportPreview } from '../../../../shared/contract';
import { DuplicateWarning } from './FileFacts';
import { ImportResults } from './ImportResults';
import { JobView } from '../../components/JobView';
import { StepActions } from './StepActions';
import { describeRowsRead, type ImportJobState } from './useImportJob';

interface Props {
  preview: ImportPreview;
  job: ImportJobState;
  allowDuplicate: boolean;
  onAllowDuplicateChange: (allow: boolean) => void;
  onCancel: () => void;
  onBack: () => void;
  onImport: () => void;
}

function summary(outcome: ImportOutcome): string {
  const skipped = outcome.skipped.length;
  return `${outcome.recordsCreated} records would be imported; ${outcome.rejectedTotal} rows rejected; ${skipped} totals or notes rows skipped. Nothing has been saved yet.`;
}

/** Step 5: a dry run over the whole file, so every rejected row is seen before anything is saved. */
export function ValidateStep({ preview, job, allowDuplicate, onAllowDuplicateChange, onCancel, onBack, onImport }: Props) {
  const blockedBy =
    job.status !== 'finished'
      ? 'Validate the file first'
      : job.outcome.recordsCreated === 0
        ? 'No records would be imported: check the sheet, the table and the column mapping'
        : preview.duplicateOf && !allowDuplicate
          ? 'Tick “Import again anyway” to import a file twice'
          : undefined;
  return (
    <section className="card wizard-step" aria-labelledby="validate-heading">
      <h2 id="validate-heading">Validation</h2>
      <JobView job={job} describe={describeRowsRead} runningLabel="Validating every row (nothing is saved)" cancelledMessage="Validation cancelled." onCancel={onCancel}>
        {(outcome) => (
          <>
            <p role="status" className="summary">{summary(outcome)}</p>
            <ImportResults outcome={outcome} />
          </>
        )}
      </JobView>
      {preview.duplicateOf && job.status === 'finished' && (
        <DuplicateWarning duplicateOf={preview.duplicateOf} allowDuplicate={allowDuplicate} onAllowDuplicateChange={onAllowDuplicateChange} />
      )}
      <StepActions onBack={onBack} onNext={onImport} nextLabel={job.status === 'finished' ? `Import ${job.outcome.recordsCreated} records` : 'Import'} blockedBy={blockedBy} />
    </section>
  );
}
