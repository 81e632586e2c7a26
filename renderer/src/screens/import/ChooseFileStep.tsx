import { useState, type DragEvent } from 'react';
import type { ChosenFile, ImportPreview, MappingKind } from '../../../../shared/contract';
import { MAPPING_KINDS } from '../../../../shared/import/mapping';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { KIND_LABELS } from './format';
import { t } from '../../../../shared/messages';

interface Props {
  kind: MappingKind;
  onKindChange: (kind: MappingKind) => void;
  onPreviewed: (file: string, preview: ImportPreview) => void;
}

/** Step 1: what the file holds, and the file itself (picked in the host's dialog). */
export function ChooseFileStep({ kind, onKindChange, onPreviewed }: Props) {
  const [dragging, setDragging] = useState(false);
  const preview = async (chosen: ChosenFile | null) => {
    if (chosen) onPreviewed(chosen.token, await api.call('import.preview', { file: chosen.token, kind }));
  };
  const choose = useAction(async () => preview(await api.call('import.chooseFile', {})));
  const drop = useAction(async (file: File) => preview(await api.dropFile(file)));
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void drop.run(file);
  };
  const busy = choose.busy || drop.busy;
  const error = choose.error ?? drop.error;
  return (
    <section
      className={dragging ? 'card wizard-step drop-target dragging' : 'card wizard-step drop-target'}
      aria-labelledby="choose-file-heading"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      <h2 id="choose-file-heading">{t.chooseFileStep.whatAreYouImporting}</h2>
      <fieldset className="kind-choice">
        <legend className="sr-only">{t.chooseFileStep.kindOfData}</legend>
        {MAPPING_KINDS.map((option) => (
          <label key={option} className={option === kind ? 'kind-option selected' : 'kind-option'}>
            <input type="radio" name="kind" value={option} checked={option === kind} onChange={() => onKindChange(option)} />
            {KIND_LABELS[option]}
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t.chooseFileStep.dropAnExcelWorkbookXlsx}</p>
      <div className="step-actions">
        <button type="button" className="primary" onClick={() => void choose.run()} disabled={busy}>
          {busy ? t.chooseFileStep.reading : t.chooseFileStep.chooseFile}
        </button>
      </div>
      {error && <p role="alert" className="notice danger">{error}</p>}
    </section>
  );
}
