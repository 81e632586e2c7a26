import type { ImportOutcome } from '../../../../shared/contract';
import { importCounts } from './format';
import { ImportResults } from './ImportResults';
import { JobView } from '../../components/JobView';
import { describeRowsRead, type ImportJobState } from './useImportJob';
import { t } from '../../../../shared/messages';

interface Props {
  job: ImportJobState;
  onCancel: () => void;
  onBack: () => void;
  onImportAnother: () => void;
  /** The next sheet of the same workbook not imported yet in this wizard, if any. */
  nextSheet: string | null;
  onImportNextSheet: (sheet: string) => void;
}

function summary(outcome: ImportOutcome): string {
  if (!outcome.committed) return t.importStep.notImportedNothingWasSaved(outcome.shortfall ?? t.importStep.theImportWasNotSaved);
  const evidence = outcome.evidenceStored ? t.importStep.theFileIsStoredIn : t.importStep.theFileIsOverThe;
  const anyway = outcome.shortfall === null ? '' : t.importStep.importedAlthough(outcome.shortfall);
  return t.importStep.importedFromRejected(importCounts.records(outcome.recordsCreated), importCounts.andClaims(outcome.claimsCreated), outcome.fileName, importCounts.rejectedRows(outcome), anyway, evidence);
}

/** Step 6: the import itself, with progress and Cancel; its control totals are the result. */
export function ImportStep({ job, onCancel, onBack, onImportAnother, nextSheet, onImportNextSheet }: Props) {
  return (
    <section className="card wizard-step" aria-labelledby="import-heading">
      <h2 id="import-heading">{t.importStep.import}</h2>
      <JobView job={job} describe={describeRowsRead} runningLabel={t.importStep.importing} cancelledMessage={t.importStep.importCancelledNothingWasSaved} onCancel={onCancel}>
        {(outcome) => (
          <>
            <p role="status" className={outcome.committed && outcome.shortfall === null ? 'summary ok' : 'summary warn'}>{summary(outcome)}</p>
            <ImportResults outcome={outcome} />
          </>
        )}
      </JobView>
      <div className="step-actions">
        {(job.status === 'failed' || job.status === 'cancelled') && <button type="button" onClick={onBack}>{t.importStep.back}</button>}
        <span className="spacer" />
        {job.status === 'finished' && nextSheet !== null && (
          <button type="button" onClick={() => onImportNextSheet(nextSheet)}>{t.importStep.importSheetOfThisFile(nextSheet)}</button>
        )}
        {job.status === 'finished' && <button type="button" className="primary" onClick={onImportAnother}>{t.importStep.importAnotherFile}</button>}
      </div>
    </section>
  );
}
