import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ImportPreview, Mapping, MappingKind } from '../../../../shared/contract';
import type { TableBounds } from '../../../../shared/import/table';
import { api } from '../../api';
import { useAppRequest } from '../../native/appRequests';
import { ChooseFileStep } from './ChooseFileStep';
import { ColumnsStep } from './ColumnsStep';
import { ImportStep } from './ImportStep';
import { initialDraft, withTable, type MappingDraft } from './mappingDraft';
import { SheetStep } from './SheetStep';
import { TableStep } from './TableStep';
import { useImportJob } from './useImportJob';
import { ValidateStep } from './ValidateStep';
import type { SourceReplacement } from '../SourcesView';
import { t } from '../../../../shared/messages';

const STEPS = [
  { id: 'file', label: t.importWizard.file },
  { id: 'sheet', label: t.importWizard.sheet },
  { id: 'table', label: t.importWizard.table },
  { id: 'columns', label: t.importWizard.columns },
  { id: 'validate', label: t.importWizard.validate },
  { id: 'import', label: t.importWizard.import },
] as const;
type StepId = (typeof STEPS)[number]['id'];

/** The file being imported, as previewed, and the mapping the auditor is making for it. */
interface Review {
  readonly file: string;
  readonly preview: ImportPreview;
  readonly draft: MappingDraft;
}

/** The steps; those before the current one (up to the mapping) can be gone back to. */
function Stepper({ current, onSelect }: { current: StepId; onSelect: (step: StepId) => void }) {
  const currentIndex = STEPS.findIndex((step) => step.id === current);
  const lastRevisitable = STEPS.findIndex((step) => step.id === 'columns');
  return (
    <ol className="stepper" aria-label={t.importWizard.importSteps}>
      {STEPS.map((step, index) => {
        const label = <><span className="step-number">{index + 1}</span> {step.label}</>;
        return (
          <li key={step.id} className={index === currentIndex ? 'current' : index < currentIndex ? 'done' : undefined} aria-current={index === currentIndex ? 'step' : undefined}>
            {index < currentIndex && index <= lastRevisitable && current !== 'import'
              ? <button type="button" className="step-link" onClick={() => onSelect(step.id)}>{label}</button>
              : label}
          </li>
        );
      })}
    </ol>
  );
}

/** The source file being replaced, above every step: what is replaced, why, and that it is one transaction. */
function ReplacingNotice({ replacement, onStop }: { replacement: SourceReplacement; onStop: () => void }) {
  return (
    <div role="status" className="notice warning replacing">
      <strong>{t.importWizard.replacing(replacement.sourceFileId, replacement.fileName)}</strong> {t.importWizard.replacingNote(replacement.reason)}{' '}
      <button type="button" onClick={onStop}>{t.importWizard.stopReplacing}</button>
    </div>
  );
}

/**
 * Import a spreadsheet: preview it, set where the table is and what each column holds, validate,
 * import. With a replacement, the file imported replaces that source file (withdrawn in the
 * import's transaction), so it holds the same kind of data; the same file, mapped anew, is no copy.
 */
export function ImportWizard({ replacement, onReplacementEnd }: { replacement: SourceReplacement | null; onReplacementEnd: () => void }) {
  const [step, setStep] = useState<StepId>('file');
  const [kind, setKind] = useState<MappingKind>(replacement?.kind ?? 'activity');
  const [review, setReview] = useState<Review | null>(null);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  /** Sheets of the current file imported in this wizard, so the next one can be offered without choosing the file again. */
  const [importedSheets, setImportedSheets] = useState<{ readonly file: string; readonly sheets: readonly string[] } | null>(null);
  const [allowEmpty, setAllowEmpty] = useState(false);
  const validation = useImportJob();
  const importing = useImportJob();
  const stepArea = useRef<HTMLDivElement>(null);
  const firstStep = useRef(true);

  // Focus follows the wizard: each new step's heading, so a keyboard or screen-reader user starts there.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    const heading = stepArea.current?.querySelector('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [step]);

  const replaces = replacement === null ? undefined : { sourceFileId: replacement.sourceFileId, reason: replacement.reason };
  const showPreview = (file: string, shown: ImportPreview): void => {
    const preview = replacement !== null && shown.duplicateOf?.sourceFileId === replacement.sourceFileId ? { ...shown, duplicateOf: null } : shown;
    setReview({ file, preview, draft: initialDraft(preview, kind) });
    setAllowDuplicate(false);
    setAllowEmpty(false);
    setStep('sheet');
  };
  const changeDraft = (change: (draft: MappingDraft, preview: ImportPreview) => MappingDraft): void =>
    setReview((current) => current && { ...current, draft: change(current.draft, current.preview) });
  const changeTable = (table: TableBounds): void => changeDraft((draft, preview) => withTable(draft, preview, table));
  const changeMapping = (mapping: Mapping): void => changeDraft((draft) => ({ ...draft, mapping }));
  const startOver = (): void => {
    if (replacement !== null && importing.state.status === 'finished') onReplacementEnd();
    setReview(null);
    setImportedSheets(null);
    validation.reset();
    importing.reset();
    setStep('file');
  };
  const importNextSheet = async (sheet: string): Promise<void> => {
    if (!review) return;
    const next = await api.call('import.preview', { file: review.file, kind: review.draft.mapping.kind, sheet });
    validation.reset();
    importing.reset();
    showPreview(review.file, next);
  };
  // A spreadsheet dropped anywhere on the window: previewed as one chosen on the first step.
  useAppRequest('import-file', async (dropped) => {
    if (validation.state.status === 'running' || importing.state.status === 'running') {
      throw new Error(t.importWizard.importRunning(dropped.fileName));
    }
    const inProgress = review !== null && importing.state.status !== 'finished';
    if (inProgress && !window.confirm(t.importWizard.leaveImportInProgress(review.preview.fileName, dropped.fileName))) return;
    const preview = await api.call('import.preview', { file: dropped.token, kind });
    startOver();
    showPreview(dropped.token, preview);
  });
  const nextSheet = (): string | null => {
    if (!review || importing.state.status !== 'finished') return null;
    const done = new Set([...(importedSheets?.file === review.file ? importedSheets.sheets : []), review.preview.sheet]);
    return review.preview.sheets.find((sheet) => !done.has(sheet)) ?? null;
  };

  const renderStep = (): ReactNode => {
    if (step === 'file' || review === null) return <ChooseFileStep kind={kind} onKindChange={setKind} onPreviewed={showPreview} />;
    const { file, preview, draft } = review;
    switch (step) {
      case 'sheet':
        return (
          <SheetStep
            file={file}
            preview={preview}
            draft={draft}
            allowDuplicate={allowDuplicate}
            onAllowDuplicateChange={setAllowDuplicate}
            onPreviewed={showPreview}
            onBack={() => setStep('file')}
            onNext={() => setStep('table')}
          />
        );
      case 'table':
        return <TableStep preview={preview} draft={draft} onTableChange={changeTable} onBack={() => setStep('sheet')} onNext={() => setStep('columns')} />;
      case 'columns':
        return (
          <ColumnsStep
            preview={preview}
            draft={draft}
            onMappingChange={changeMapping}
            onBack={() => setStep('table')}
            onValidate={() => {
              setStep('validate');
              setAllowEmpty(false);
              // A dry run saves nothing, so a file imported before can still be validated.
              void validation.start({ file, mapping: draft.mapping, dryRun: true, allowDuplicate: true, replaces });
            }}
          />
        );
      case 'validate':
        return (
          <ValidateStep
            preview={preview}
            mapping={draft.mapping}
            job={validation.state}
            allowDuplicate={allowDuplicate}
            onAllowDuplicateChange={setAllowDuplicate}
            allowEmpty={allowEmpty}
            onAllowEmptyChange={setAllowEmpty}
            onCancel={() => void validation.cancel()}
            onBack={() => setStep('columns')}
            onImport={() => {
              setStep('import');
              setImportedSheets((current) => ({ file, sheets: [...(current?.file === file ? current.sheets : []), preview.sheet] }));
              void importing.start({ file, mapping: draft.mapping, dryRun: false, allowDuplicate, allowEmpty, replaces });
            }}
          />
        );
      case 'import':
        return (
          <ImportStep
            job={importing.state}
            onCancel={() => void importing.cancel()}
            onBack={() => setStep('validate')}
            onImportAnother={startOver}
            nextSheet={nextSheet()}
            onImportNextSheet={(sheet) => void importNextSheet(sheet)}
          />
        );
    }
  };

  return (
    <>
      <h1>{t.importWizard.import}</h1>
      {replacement && <ReplacingNotice replacement={replacement} onStop={onReplacementEnd} />}
      <Stepper current={step} onSelect={setStep} />
      <div ref={stepArea}>{renderStep()}</div>
    </>
  );
}
