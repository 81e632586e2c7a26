import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly appName: string;
  readonly platform: NodeJS.Platform;
  /** Packaged builds get no reload and no DevTools: the page is the app, not a web page to inspect. */
  readonly isPackaged: boolean;
}

/**
 * The app's own menu, replacing Electron's default one (which offers reload and DevTools).
 * Only roles: editing shortcuts (copy and paste need the Edit menu on macOS), zoom, window handling.
 * Types only from Electron, so it is unit-tested without the Electron binary.
 */
export function appMenuTemplate({ appName, platform, isPackaged }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const developer: MenuItemConstructorOptions[] = isPackaged ? [] : [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [{ label: appName, submenu: [{ role: 'about' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] }]
    : [];
  return [
    ...appMenu,
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }, ...developer] },
    { label: 'Window', submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] },
    ...(isMac ? [] : [{ label: 'Help', submenu: [{ role: 'about' }] } satisfies MenuItemConstructorOptions]),
  ];
}
