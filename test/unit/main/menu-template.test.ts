import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/main/menu-template';

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools'];

describe('the app menu', () => {
  it('offers no reload or DevTools in packaged builds, on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const packaged = roles(appMenuTemplate({ appName: 'Carbon Audit', platform, isPackaged: true }));
      for (const role of DEVELOPER_ROLES) expect(packaged, platform).not.toContain(role);
      expect(packaged, platform).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'zoomIn', 'minimize', 'about']));
    }
  });

  it('keeps them in development', () => {
    expect(roles(appMenuTemplate({ appName: 'Carbon Audit', platform: 'linux', isPackaged: false }))).toEqual(expect.arrayContaining(DEVELOPER_ROLES));
  });

  it('follows each platform’s layout: the app menu on macOS, Help → About elsewhere', () => {
    const mac = appMenuTemplate({ appName: 'Carbon Audit', platform: 'darwin', isPackaged: true });
    expect(mac.map((menu) => menu.label)).toEqual(['Carbon Audit', 'File', 'Edit', 'View', 'Window']);
    const windows = appMenuTemplate({ appName: 'Carbon Audit', platform: 'win32', isPackaged: true });
    expect(windows.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });
});
