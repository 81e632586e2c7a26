import type { ImportOutcome, ImportPreview, Mapping } from '../../../../shared/contract';
import { basisWarnings, type BasisWarning } from '../../../../shared/import/column-checks';
import { DuplicateWarning } from './FileFacts';
import { importCounts } from './format';
import { ImportResults } from './ImportResults';
import { JobView } from '../../components/JobView';
import { StepActions } from './StepActions';
import { describeRowsRead, type ImportJobState } from './useImportJob';
import { t } from '../../../../shared/messages';

interface Props {
  preview: ImportPreview;
  mapping: Mapping;
  job: ImportJobState;
  allowDuplicate: boolean;
  onAllowDuplicateChange: (allow: boolean) => void;
  allowEmpty: boolean;
  onAllowEmptyChange: (allow: boolean) => void;
  onCancel: () => void;
  onBack: () => void;
  onImport: () => void;
}

function summary(outcome: ImportOutcome): string {
  return t.validateStep.wouldBeImportedRejectedSkipped(
    importCounts.records(outcome.recordsCreated), importCounts.andClaims(outcome.claimsCreated), importCounts.rejectedRows(outcome), importCounts.totalsOrNotesRows(outcome.skipped.length), importCounts.andFindings(outcome.findingsTotal),
  );
}

/** Nothing imported is not success: the auditor must say so deliberately before such an import is saved. */
function ShortfallWarning({ shortfall, allowEmpty, onAllowEmptyChange }: { shortfall: string; allowEmpty: boolean; onAllowEmptyChange: (allow: boolean) => void }) {
  return (
    <div className="notice warning" role="alert" data-testid="shortfall-warning">
      <strong>{t.validateStep.thisImportWouldNotBe}</strong> {t.validateStep.checkTheMappingTheColumns(shortfall)}
      <label className="checkbox">
        <input type="checkbox" checked={allowEmpty} onChange={(event) => onAllowEmptyChange(event.target.checked)} />
        {t.validateStep.importItAnywayTheFile}
      </label>
    </div>
  );
}

/** A fuel's energy with no calorific basis imports, but calculates to findings: said again beside the dry run. */
function BasisWarnings({ warnings }: { warnings: readonly BasisWarning[] }) {
  return (
    <div className="notice warning" data-testid="basis-warnings">
      <strong>{t.validateStep.calorificBasisNotStated}</strong> {t.validateStep.basisRecordsWillBeFindings}
      <ul>
        {warnings.map((warning) => <li key={warning.column}>{warning.message}</li>)}
      </ul>
    </div>
  );
}

/** Step 5: a dry run over the whole file, so every rejected row is seen before anything is saved. */
export function ValidateStep({ preview, mapping, job, allowDuplicate, onAllowDuplicateChange, allowEmpty, onAllowEmptyChange, onCancel, onBack, onImport }: Props) {
  const shortfall = job.status === 'finished' ? job.outcome.shortfall : null;
  const warnings = basisWarnings(mapping);
  const blockedBy =
    job.status !== 'finished'
      ? t.validateStep.validateTheFileFirst
      : shortfall !== null && !allowEmpty
        ? t.validateStep.tickImportItAnywayTo
        : preview.duplicateOf && !allowDuplicate
          ? t.validateStep.tickImportAgainAnywayTo
          : undefined;
  return (
    <section className="card wizard-step" aria-labelledby="validate-heading">
      <h2 id="validate-heading">{t.validateStep.validation}</h2>
      <JobView job={job} describe={describeRowsRead} runningLabel={t.validateStep.validatingEveryRowNothingIs} cancelledMessage={t.validateStep.validationCancelled} onCancel={onCancel}>
        {(outcome) => (
          <>
            <p role="status" className="summary">{summary(outcome)}</p>
            {outcome.shortfall !== null && <ShortfallWarning shortfall={outcome.shortfall} allowEmpty={allowEmpty} onAllowEmptyChange={onAllowEmptyChange} />}
            {warnings.length > 0 && <BasisWarnings warnings={warnings} />}
            <ImportResults outcome={outcome} />
          </>
        )}
      </JobView>
      {preview.duplicateOf && job.status === 'finished' && (
        <DuplicateWarning duplicateOf={preview.duplicateOf} allowDuplicate={allowDuplicate} onAllowDuplicateChange={onAllowDuplicateChange} />
      )}
      <StepActions onBack={onBack} onNext={onImport} nextLabel={job.status === 'finished' ? t.validateStep.importRecords(job.outcome.recordsCreated) : t.validateStep.import} blockedBy={blockedBy} />
    </section>
  );
}
