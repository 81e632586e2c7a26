import { useState } from 'react';
import { DEFAULT_PLACEHOLDERS } from '../../../../shared/import/placeholders';
import { t } from '../../../../shared/messages';

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
    <fieldset className="placeholders" aria-label={t.placeholdersField.placeholdersReadAsBlank}>
      <legend>{t.placeholdersField.placeholdersReadAsBlankNever}</legend>
      <ul className="chips">
        {placeholders.map((text) => (
          <li key={text}>
            <code>{text}</code>
            <button type="button" className="link" aria-label={t.placeholdersField.removePlaceholder(text)} onClick={() => onChange(placeholders.filter((other) => other !== text))}>×</button>
          </li>
        ))}
        {placeholders.length === 0 && <li className="muted small">{t.placeholdersField.noneEveryTextIsRead}</li>}
      </ul>
      <input aria-label={t.placeholdersField.newPlaceholder} placeholder={t.placeholdersField.eGNotAvailable} value={adding} onChange={(event) => setAdding(event.target.value)} onKeyDown={(event) => { if (event.key === 'Enter') add(); }} />
      <button type="button" onClick={add} disabled={adding.trim() === ''}>{t.placeholdersField.add}</button>
      {placeholders.length === 0 && <button type="button" className="link" onClick={() => onChange(DEFAULT_PLACEHOLDERS)}>{t.placeholdersField.useTheUsualOnes}</button>}
    </fieldset>
  );
}
