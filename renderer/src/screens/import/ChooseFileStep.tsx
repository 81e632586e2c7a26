import type { ImportPreview, MappingKind } from '../../../../shared/contract';
import { MAPPING_KINDS } from '../../../../shared/import/mapping';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { KIND_LABELS } from './format';

interface Props {
  kind: MappingKind;
  onKindChange: (kind: MappingKind) => void;
  onPreviewed: (file: string, preview: ImportPreview) => void;
}

/** Step 1: what the file holds, and the file itself (picked in the host's dialog). */
export function ChooseFileStep({ kind, onKindChange, onPreviewed }: Props) {
  const choose = useAction(async () => {
    const chosen = await api.call('import.chooseFile', {});
    if (!chosen) return;
    onPreviewed(chosen.token, await api.call('import.preview', { file: chosen.token, kind }));
  });
  return (
    <section className="card wizard-step" aria-labelledby="choose-file-heading">
      <h2 id="choose-file-heading">What are you importing?</h2>
      <fieldset className="kind-choice">
        <legend className="sr-only">Kind of data</legend>
        {MAPPING_KINDS.map((option) => (
          <label key={option} className={option === kind ? 'kind-option selected' : 'kind-option'}>
            <input type="radio" name="kind" value={option} checked={option === kind} onChange={() => onKindChange(option)} />
            {KIND_LABELS[option]}
          </label>
        ))}
      </fieldset>
      <p className="muted small">Excel workbooks (.xlsx, .xlsm) and CSV files. The file is read, never changed; its bytes are kept as evidence.</p>
      <div className="step-actions">
        <button type="button" className="primary" onClick={() => void choose.run()} disabled={choose.busy}>
          {choose.busy ? 'Reading…' : 'Choose file…'}
        </button>
      </div>
      {choose.error && <p role="alert" className="notice danger">{choose.error}</p>}
    </section>
  );
}
