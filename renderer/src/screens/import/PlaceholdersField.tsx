import { useState } from 'react';
import { DEFAULT_PLACEHOLDERS } from '../../../../shared/import/placeholders';

interface Props {
  placeholders: readonly string[];
  onChange: (placeholders: readonly string[]) => void;
}

/** The texts this file writes for "no value", read as blank in every column: each can be removed, others added. */
export function PlaceholdersField({ placeholders, onChange }: Props) {
  const [adding, setAdding] = useState('');
  const add = (): void => {
    onChange([...placeholders, adding]);
    setAdding('');
  };
  return (
    <fieldset className="placeholders" aria-label="Placeholders read as blank">
      <legend>Placeholders read as blank, never as values</legend>
      <ul className="chips">
        {placeholders.map((text) => (
          <li key={text}>
            <code>{text}</code>
            <button type="button" className="link" aria-label={`Remove placeholder ${text}`} onClick={() => onChange(placeholders.filter((other) => other !== text))}>×</button>
          </li>
        ))}
        {placeholders.length === 0 && <li className="muted small">None: every text is read as a value</li>}
      </ul>
      <input aria-label="New placeholder" placeholder="e.g. Not Available" value={adding} onChange={(event) => setAdding(event.target.value)} onKeyDown={(event) => { if (event.key === 'Enter') add(); }} />
      <button type="button" onClick={add} disabled={adding.trim() === ''}>Add</button>
      {placeholders.length === 0 && <button type="button" className="link" onClick={() => onChange(DEFAULT_PLACEHOLDERS)}>Use the usual ones</button>}
    </fieldset>
  );
}
