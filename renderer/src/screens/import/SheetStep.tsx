import type { ImportPreview } from '../../../../shared/contract';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { DuplicateWarning, FileFacts } from './FileFacts';
import type { MappingDraft } from './mappingDraft';
import { SheetGrid } from './SheetGrid';
import { StepActions } from './StepActions';
import { t } from '../../../../shared/messages';

interface Props {
  file: string;
  preview: ImportPreview;
  draft: MappingDraft;
  allowDuplicate: boolean;
  onAllowDuplicateChange: (allow: boolean) => void;
  onPreviewed: (file: string, preview: ImportPreview) => void;
  onBack: () => void;
  onNext: () => void;
}

/** Step 2: the file's facts and the chosen sheet's first rows. */
export function SheetStep({ file, preview, draft, allowDuplicate, onAllowDuplicateChange, onPreviewed, onBack, onNext }: Props) {
  const changeSheet = useAction(async (sheet: string) => {
    onPreviewed(file, await api.call('import.preview', { file, kind: draft.mapping.kind, sheet }));
  });
  return (
    <section className="card wizard-step" aria-labelledby="sheet-heading">
      <h2 id="sheet-heading">{preview.fileName}</h2>
      {preview.duplicateOf && (
        <DuplicateWarning duplicateOf={preview.duplicateOf} allowDuplicate={allowDuplicate} onAllowDuplicateChange={onAllowDuplicateChange} />
      )}
      <FileFacts preview={preview} />
      <label className="inline">
        {t.sheetStep.sheet}
        <select value={preview.sheet} onChange={(event) => void changeSheet.run(event.target.value)} disabled={changeSheet.busy}>
          {preview.sheets.map((sheet) => <option key={sheet} value={sheet}>{sheet}</option>)}
        </select>
      </label>
      {changeSheet.error && <p role="alert" className="notice danger">{changeSheet.error}</p>}
      {preview.tableProblem && <p className="notice warning">{preview.tableProblem}</p>}
      <SheetGrid rows={preview.rows} bounds={draft.mapping.table} columnCount={draft.mapping.columns.length} kind={draft.mapping.kind} />
      <StepActions onBack={onBack} onNext={onNext} />
    </section>
  );
}
