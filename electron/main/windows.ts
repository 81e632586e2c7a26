import { BrowserWindow } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from './security';
import type { Rectangle, WindowSizes } from './window-state';

/** The window's size on first start, and the smallest the screens are laid out for. */
export const WINDOW_SIZES: WindowSizes = { width: 1360, height: 880, minWidth: 960, minHeight: 640 };

/**
 * Every window is made here, so none can be opened without the secure defaults. DevTools are
 * available only in development (`devTools: !app.isPackaged`).
 */
export function createAppWindow({ devTools, bounds, maximised }: { readonly devTools: boolean; readonly bounds: Rectangle; readonly maximised: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    ...bounds,
    minWidth: WINDOW_SIZES.minWidth,
    minHeight: WINDOW_SIZES.minHeight,
    show: false,
    title: 'Carbon Audit',
    backgroundColor: '#f6f7f5',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools,
    },
  });
  window.once('ready-to-show', () => {
    if (maximised) window.maximize();
    window.show();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
