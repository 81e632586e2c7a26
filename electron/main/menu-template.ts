import type { MenuItemConstructorOptions } from 'electron';
import type { RecentEngagement } from '../../shared/contract';
import type { MenuCommand } from '../../shared/menu';

export interface MenuOptions {
  readonly appName: string;
  readonly platform: NodeJS.Platform;
  /** Packaged builds get no reload and no DevTools: the page is the app, not a web page to inspect. */
  readonly isPackaged: boolean;
  /** Import, export and close need an open engagement. */
  readonly engagementOpen: boolean;
  readonly recent: readonly RecentEngagement[];
  /** Hands a command to the window, which carries it out as it would its own button. */
  readonly send: (command: MenuCommand) => void;
  readonly openLogFile: () => void;
}

/**
 * The app's own menu, replacing Electron's default one (which offers reload and DevTools): the
 * File commands go to the window as contract events; editing (copy and paste need the Edit menu
 * on macOS), zoom and window handling are Electron's roles.
 * Types only from Electron, so it is unit-tested without the Electron binary.
 */
export function appMenuTemplate({ appName, platform, isPackaged, engagementOpen, recent, send, openLogFile }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const command = (label: string, accelerator: string | undefined, sent: MenuCommand, enabled = true): MenuItemConstructorOptions =>
    ({ label, ...(accelerator ? { accelerator } : {}), enabled, click: () => send(sent) });
  const developer: MenuItemConstructorOptions[] = isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [{ label: appName, submenu: [{ role: 'about' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] }]
    : [];
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        command('New Engagement…', 'CmdOrCtrl+N', { command: 'new-engagement' }),
        command('Open…', 'CmdOrCtrl+O', { command: 'open-engagement' }),
        { label: 'Open Recent', submenu: recentMenu(recent, send, isMac) },
        separator,
        command('Import…', 'CmdOrCtrl+I', { command: 'import' }, engagementOpen),
        command('Export Workbook…', 'CmdOrCtrl+E', { command: 'export' }, engagementOpen),
        separator,
        command('Close Engagement', 'CmdOrCtrl+Shift+W', { command: 'close-engagement' }, engagementOpen),
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }] },
    { label: 'Window', submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
    { role: 'help', label: 'Help', submenu: [{ label: 'Open Log File', click: openLogFile }, ...(isMac ? [] : [separator, { role: 'about' } satisfies MenuItemConstructorOptions])] },
  ];
}

/** Newest first; a file that is not there now is shown, disabled, so the auditor sees where it was. */
function recentMenu(recent: readonly RecentEngagement[], send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Engagements', enabled: false }];
  // Elsewhere '&' marks a keyboard mnemonic: a folder named 'R&D' must show as written.
  const literal = (text: string) => (isMac ? text : text.replaceAll('&', '&&'));
  return recent.map((entry) => ({
    label: literal(`${entry.fileName} — ${entry.folder}${entry.missing ? ' (missing)' : ''}`),
    enabled: !entry.missing,
    click: () => send({ command: 'open-recent', id: entry.id }),
  }));
}
