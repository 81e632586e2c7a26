import { useState, type FormEvent } from 'react';
import type { Mapping } from '../../../../shared/contract';
import { api } from '../../api';
import { useAction } from '../../useAction';

/** Saves the mapping under a name, to reuse it for next year's file of the same shape. */
export function SaveTemplate({ mapping, disabled }: { mapping: Mapping; disabled: boolean }) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState(mapping.name ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useAction(async () => {
    const template = await api.call('mapping.save', { name, mapping });
    setSaved(template.name);
    setNaming(false);
  });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void save.run();
  };
  return (
    <div className="save-template">
      {naming ? (
        <form onSubmit={submit} className="inline-form">
          <label className="inline">
            Template name
            <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} autoFocus />
          </label>
          <button type="submit" disabled={save.busy || name.trim() === ''}>Save</button>
          <button type="button" onClick={() => setNaming(false)}>Cancel</button>
        </form>
      ) : (
        <button type="button" onClick={() => setNaming(true)} disabled={disabled}>Save as template…</button>
      )}
      {saved && !naming && <span role="status" className="ok small">Saved as template “{saved}”.</span>}
      {save.error && <p role="alert" className="notice danger">{save.error}</p>}
    </div>
  );
}
