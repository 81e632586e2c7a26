import { useState, type FormEvent } from 'react';
import type { Mapping } from '../../../../shared/contract';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { useDisclosure } from '../../usePanel';
import { t } from '../../../../shared/messages';

/** Saves the mapping under a name, to reuse it for next year's file of the same shape. */
export function SaveTemplate({ mapping, disabled }: { mapping: Mapping; disabled: boolean }) {
  const { open: naming, setOpen: setNaming, toggleProps, regionProps } = useDisclosure();
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
        <form onSubmit={submit} className="inline-form" {...regionProps}>
          <label className="inline">
            {t.saveTemplate.templateName}
            <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} autoFocus />
          </label>
          <button type="submit" disabled={save.busy || name.trim() === ''}>{t.saveTemplate.save}</button>
          <button type="button" onClick={() => setNaming(false)}>{t.saveTemplate.cancel}</button>
        </form>
      ) : (
        <button type="button" onClick={() => setNaming(true)} disabled={disabled} {...toggleProps}>{t.saveTemplate.saveAsTemplate}</button>
      )}
      {saved && !naming && <span role="status" className="ok small">{t.saveTemplate.savedAsTemplate(saved)}</span>}
      {save.error && <p role="alert" className="notice danger">{save.error}</p>}
    </div>
  );
}
