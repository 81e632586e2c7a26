import { useEffect, useState } from 'react';
import { droppedFileKind, ENGAGEMENT_FILE_EXTENSION, IMPORT_FILE_EXTENSIONS } from '../../../shared/contract';
import { parseMenuCommand, type MenuCommand } from '../../../shared/menu';
import { api } from '../api';
import { errorMessage } from '../format';
import { requestInWindow } from './appRequests';
import { t } from '../../../shared/messages';

const SPREADSHEET_EXTENSIONS = IMPORT_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(', ');

/** What the window does for a menu command (the desktop app's File menu). */
async function carryOut(command: MenuCommand, engagementOpen: boolean): Promise<void> {
  switch (command.command) {
    case 'new-engagement':
      if (engagementOpen) await api.call('engagement.close', {});
      return requestInWindow('new-engagement', null);
    case 'open-engagement':
      await api.call('engagement.open', {});
      return;
    case 'open-recent':
      await api.call('recent.open', { id: command.id });
      return;
    case 'import':
    case 'export':
      if (engagementOpen) await requestInWindow('show-view', command.command);
      return;
    case 'close-engagement':
      if (engagementOpen) await api.call('engagement.close', {});
      return;
  }
}

/** A file dropped anywhere on the window: an engagement opens; a spreadsheet starts the import wizard on it. */
async function openDropped(files: FileList, engagementOpen: boolean): Promise<void> {
  if (files.length !== 1) throw new Error(t.nativeCommands.dropOneFile(files.length));
  const file = files[0]!;
  switch (droppedFileKind(file.name)) {
    case 'engagement':
      await api.dropEngagement(file);
      return;
    case 'spreadsheet': {
      if (!engagementOpen) throw new Error(t.nativeCommands.openEngagementFirst(file.name));
      const chosen = await api.dropFile(file);
      await requestInWindow('show-view', 'import');
      await requestInWindow('import-file', chosen);
      return;
    }
    case null:
      throw new Error(t.nativeCommands.neitherEngagementNorSpreadsheet(file.name, ENGAGEMENT_FILE_EXTENSION, SPREADSHEET_EXTENSIONS));
  }
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * The desktop app's menu commands and drops on the window, carried out as the screens' own
 * buttons would (the same contract calls), with what failed said in one place. In browser mode
 * there is no menu; drops work the same, the host uploading the file.
 */
export function NativeCommands({ engagementOpen }: { engagementOpen: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const attempt = (work: () => Promise<void>) => {
      setError(null);
      setBusy(true);
      work().catch((caught: unknown) => setError(errorMessage(caught))).finally(() => setBusy(false));
    };
    const offMenu = api.on('app.menu', (payload) => {
      const command = parseMenuCommand(payload);
      if (command) attempt(() => carryOut(command, engagementOpen));
    });
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser (and Electron) would navigate to the file.
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      setDragging(false);
      // A drop zone of a screen's own (the wizard's first step) has taken it already.
      if (event.defaultPrevented || !event.dataTransfer || !carriesFiles(event)) return;
      event.preventDefault();
      const files = event.dataTransfer.files;
      attempt(() => openDropped(files, engagementOpen));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      offMenu();
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [engagementOpen]);

  return (
    <>
      {dragging && (
        <div className="window-drop" aria-hidden="true">
          <p>{t.nativeCommands.dropHint(ENGAGEMENT_FILE_EXTENSION)}</p>
        </div>
      )}
      {busy && <p role="status" className="sr-only">{t.nativeCommands.opening}</p>}
      {error && (
        <div role="alert" className="notice danger native-error" data-testid="native-error">
          {error}
          <button type="button" className="link" onClick={() => setError(null)}>{t.nativeCommands.dismiss}</button>
        </div>
      )}
    </>
  );
}
