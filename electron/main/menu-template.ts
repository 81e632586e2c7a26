import type { MenuItemConstructorOptions } from 'electron';
import type { RecentEngagement } from '../../shared/contract';
import type { MenuCommand } from '../../shared/menu';
import { t } from '../../shared/messages';

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
      label: t.menu.file,
      submenu: [
        command(t.menu.newEngagement, 'CmdOrCtrl+N', { command: 'new-engagement' }),
        command(t.menu.open, 'CmdOrCtrl+O', { command: 'open-engagement' }),
        { label: t.menu.openRecent, submenu: recentMenu(recent, send, isMac) },
        separator,
        command(t.menu.import, 'CmdOrCtrl+I', { command: 'import' }, engagementOpen),
        command(t.menu.exportWorkbook, 'CmdOrCtrl+E', { command: 'export' }, engagementOpen),
        separator,
        command(t.menu.closeEngagement, 'CmdOrCtrl+Shift+W', { command: 'close-engagement' }, engagementOpen),
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: t.menu.edit, submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: t.menu.view, submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }] },
    { label: t.menu.window, submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
    { role: 'help', label: t.menu.help, submenu: [{ label: t.menu.openLogFile, click: openLogFile }, ...(isMac ? [] : [separator, { role: 'about' } satisfies MenuItemConstructorOptions])] },
  ];
}

/** Newest first; a file that is not there now is shown, disabled, so the auditor sees where it was. */
function recentMenu(recent: readonly RecentEngagement[], send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: t.menu.noRecentEngagements, enabled: false }];
  // Elsewhere '&' marks a keyboard mnemonic: a folder named 'R&D' must show as written.
  const literal = (text: string) => (isMac ? text : text.replaceAll('&', '&&'));
  return recent.map((entry) => ({
    label: literal(t.menu.recentEngagement(entry.fileName, entry.folder, entry.missing)),
    enabled: !entry.missing,
    click: () => send({ command: 'open-recent', id: entry.id }),
  }));
}
