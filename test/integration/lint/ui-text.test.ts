/** Lint keeps UI text in the message catalogue: text written straight into renderer JSX is refused. */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The literal texts lint refuses in a renderer component with this body. */
async function refusedText(body: string, file = 'renderer/src/screens/Probe.tsx'): Promise<string[]> {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const code = `import { t } from '../messages';\nexport function Probe({ busy, name }: { busy: boolean; name: string }) {\n  return (${body});\n}\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'ui-text/no-literal-text').map((message) => /“(.*)”/.exec(message.message)?.[1] ?? message.message);
}

describe('UI text only from the catalogue (lint)', () => {
  it('refuses text as a child, as a choice shown as a child, and in attributes a person reads', async () => {
    expect(await refusedText('<p>Save the file</p>')).toEqual(['Save the file']);
    expect(await refusedText("<button type=\"button\">{busy ? 'Saving…' : t.inventoryView.calculate}</button>")).toEqual(['Saving…']);
    expect(await refusedText("<p>{busy && `Reading ${name}`}</p>")).toEqual(['Reading …']);
    expect(await refusedText('<input aria-label="Site name" placeholder="e.g. London" />')).toEqual(['Site name', 'e.g. London']);
  });

  it('refuses text in an error’s message and a dialog’s question, which the user reads too', async () => {
    expect(await refusedText("<button type=\"button\" onClick={() => { if (!window.confirm(`Leave ${name}?`)) throw new Error('Import is running'); }}>{t.inventoryView.calculate}</button>")).toEqual(['Leave …?', 'Import is running']);
    expect(await refusedText('<button type="button" onClick={() => { if (!window.confirm(t.importWizard.leaveImportInProgress(name, name))) throw new Error(t.importWizard.importRunning(name)); }}>{name}</button>')).toEqual([]);
  });

  it('accepts catalogue messages, punctuation, and attributes no one reads', async () => {
    expect(await refusedText('<p className="muted small" data-testid="status">{t.inventoryView.calculatedOn(name)} · {name} ({busy ? "—" : "…"})</p>')).toEqual([]);
  });
});
