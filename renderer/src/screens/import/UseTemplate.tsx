import { useEffect, useState } from 'react';
import type { Mapping, MappingTemplate } from '../../../../shared/contract';
import { describeHeaderMismatches, headerMismatches } from '../../../../shared/import/headers';
import { api } from '../../api';
import { t } from '../../../../shared/messages';

/** Applies a saved mapping (e.g. last year's) to this sheet, saying where its headers differ. */
export function UseTemplate({ mapping, headers, onApply }: { mapping: Mapping; headers: readonly string[]; onApply: (mapping: Mapping) => void }) {
  const [templates, setTemplates] = useState<readonly MappingTemplate[]>([]);
  const [chosen, setChosen] = useState('');
  const [mismatches, setMismatches] = useState('');
  useEffect(() => {
    void api.call('mapping.list', {}).then((all) => setTemplates(all.filter((template) => template.kind === mapping.kind)));
  }, [mapping.kind]);
  if (templates.length === 0) return null;
  const apply = () => {
    const template = templates.find((candidate) => candidate.name === chosen);
    if (!template) return;
    setMismatches(describeHeaderMismatches(headerMismatches(template.mapping.columns, (column) => headers[column] ?? '')));
    // Roles come from the template; the headers shown and recorded are this sheet's own.
    const columns = template.mapping.columns.map((column) => ({ ...column, header: headers[column.column] ?? column.header }));
    onApply({ ...template.mapping, columns, sheet: mapping.sheet });
  };
  return (
    <div className="use-template">
      <label className="inline">
        {t.useTemplate.useASavedTemplate}
        <select value={chosen} onChange={(event) => setChosen(event.target.value)}>
          <option value="">{t.useTemplate.choose}</option>
          {templates.map((template) => <option key={template.name} value={template.name}>{template.name}</option>)}
        </select>
      </label>
      <button type="button" onClick={apply} disabled={chosen === ''}>{t.useTemplate.apply}</button>
      {mismatches !== '' && (
        <p role="alert" className="notice warning">
          {t.useTemplate.thisSheetsHeadersDifferFrom(mismatches)}
        </p>
      )}
    </div>
  );
}
