import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { RecentEngagement } from '../../../shared/contract';
import { parseMenuCommand, type MenuCommand } from '../../../shared/menu';
import { appMenuTemplate, type MenuOptions } from '../../../electron/main/menu-template';

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

function submenu(items: readonly MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = items.find((item) => item.label === label);
  if (!found || !Array.isArray(found.submenu)) throw new Error(`no ${label} menu`);
  return found.submenu;
}

function item(items: readonly MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

function click(menuItem: MenuItemConstructorOptions): void {
  (menuItem.click as () => void)();
}

const RECENT: RecentEngagement[] = [
  { id: '0123456789abcdef', fileName: 'group FY2024.carbonaudit', folder: '/home/jane/R&D', openedAt: '2026-11-30T10:00:00.000Z', missing: false },
  { id: 'fedcba9876543210', fileName: 'old.carbonaudit', folder: '/media/usb', openedAt: '2026-11-01T10:00:00.000Z', missing: true },
];

function template(overrides: Partial<MenuOptions> = {}) {
  const sent: MenuCommand[] = [];
  const logOpened: number[] = [];
  const menu = appMenuTemplate({
    appName: 'Carbon Audit',
    platform: 'linux',
    isPackaged: true,
    engagementOpen: true,
    recent: RECENT,
    send: (command) => sent.push(command),
    openLogFile: () => logOpened.push(1),
    ...overrides,
  });
  return { menu, sent, logOpened };
}

const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools'];

describe('the app menu', () => {
  it('offers no reload or DevTools in packaged builds, on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const packaged = roles(template({ platform }).menu);
      for (const role of DEVELOPER_ROLES) expect(packaged, platform).not.toContain(role);
      expect(packaged, platform).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'about']));
    }
  });

  it('keeps them in development, in the View menu', () => {
    expect(roles(submenu(template({ isPackaged: false }).menu, 'View'))).toEqual(expect.arrayContaining(DEVELOPER_ROLES));
  });

  it('follows each platform’s layout: the app menu on macOS, About under Help elsewhere', () => {
    const mac = template({ platform: 'darwin' }).menu;
    expect(mac.map((menu) => menu.label)).toEqual(['Carbon Audit', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(submenu(mac, 'Help'))).not.toContain('about');
    const windows = template({ platform: 'win32' }).menu;
    expect(windows.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(submenu(windows, 'Help'))).toContain('about');
  });

  it('sends each File command to the window as a valid contract command, with the usual shortcuts', () => {
    const { menu, sent } = template();
    const file = submenu(menu, 'File');
    const expected: [string, string, MenuCommand][] = [
      ['New Engagement…', 'CmdOrCtrl+N', { command: 'new-engagement' }],
      ['Open…', 'CmdOrCtrl+O', { command: 'open-engagement' }],
      ['Import…', 'CmdOrCtrl+I', { command: 'import' }],
      ['Export Workbook…', 'CmdOrCtrl+E', { command: 'export' }],
      ['Close Engagement', 'CmdOrCtrl+Shift+W', { command: 'close-engagement' }],
    ];
    for (const [label, accelerator] of expected) {
      expect(item(file, label).accelerator, label).toBe(accelerator);
      click(item(file, label));
    }
    expect(sent).toEqual(expected.map(([, , command]) => command));
    for (const command of sent) expect(parseMenuCommand(command)).toEqual(command);
    const accelerators = file.flatMap((entry) => (entry.accelerator ? [entry.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('greys out import, export and close while no engagement is open', () => {
    const file = submenu(template({ engagementOpen: false }).menu, 'File');
    expect(['Import…', 'Export Workbook…', 'Close Engagement'].map((label) => item(file, label).enabled)).toEqual([false, false, false]);
    expect(['New Engagement…', 'Open…'].map((label) => item(file, label).enabled)).toEqual([true, true]);
  });

  it('lists recent engagements newest first, opening one by its id; a missing one is shown, disabled', () => {
    const { menu, sent } = template();
    const recent = submenu(submenu(menu, 'File'), 'Open Recent');
    expect(recent.map((entry) => [entry.label, entry.enabled])).toEqual([
      // '&' is doubled so that Windows and Linux show it rather than take it for a mnemonic.
      ['group FY2024.carbonaudit — /home/jane/R&&D', true],
      ['old.carbonaudit — /media/usb (missing)', false],
    ]);
    click(recent[0]!);
    expect(sent).toEqual([{ command: 'open-recent', id: '0123456789abcdef' }]);
    expect(submenu(submenu(template({ platform: 'darwin' }).menu, 'File'), 'Open Recent')[0]!.label).toBe('group FY2024.carbonaudit — /home/jane/R&D');
    expect(submenu(submenu(template({ recent: [] }).menu, 'File'), 'Open Recent')).toEqual([{ label: 'No Recent Engagements', enabled: false }]);
  });

  it('opens the log file from Help', () => {
    const { menu, logOpened } = template();
    click(item(submenu(menu, 'Help'), 'Open Log File'));
    expect(logOpened).toEqual([1]);
  });
});

describe('menu commands arriving in the window', () => {
  it('are accepted only in the contract’s shape', () => {
    expect(parseMenuCommand({ command: 'import' })).toEqual({ command: 'import' });
    expect(parseMenuCommand({ command: 'open-recent', id: '0123456789abcdef' })).toEqual({ command: 'open-recent', id: '0123456789abcdef' });
    for (const bad of [null, 'import', { command: 'format-disk' }, { command: 'open-recent' }, { command: 'open-recent', id: '../../etc/passwd' }, { command: 'import', extra: 1 }]) {
      expect(parseMenuCommand(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
