import { BrowserWindow } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from './security';

/**
 * Every window is made here, so none can be opened without the secure defaults. DevTools are
 * available only in development (`devTools: !app.isPackaged`).
 */
export function createAppWindow({ devTools }: { readonly devTools: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
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
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
