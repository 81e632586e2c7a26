import { app, dialog, Menu, shell as desktop, type BrowserWindow } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { IMPORT_FILE_EXTENSIONS } from '../../shared/contract';
import type { HostIdentity, HostShell } from '../engine/api/host';
import { startEngineHost, type EngineHost } from '../engine/host/client';
import { shippedResourceDir } from './app-paths';
import { emitToWindow, wireIpc } from './ipc';
import { appMenuTemplate } from './menu-template';
import { electronNativeBinding } from './native-binding';
import { registerAppScheme, serveRenderer } from './protocol';
import { createRelay } from './relay';
import { lockDownWebContents } from './security';
import { createAppWindow } from './windows';

const ENGAGEMENT_FILTERS = [{ name: 'Carbon Audit engagement', extensions: ['carbonaudit'] }];
const appRoot = path.resolve(__dirname, '..', '..');

registerAppScheme();
lockDownWebContents();

let mainWindow: BrowserWindow | null = null;
let engine: EngineHost | null = null;

function hostIdentity(): HostIdentity {
  return {
    kind: 'electron',
    actor: os.userInfo().username,
    nativeBinding: electronNativeBinding(appRoot, app.isPackaged),
    factorLibraryDir: shippedResourceDir('factor-library', { isPackaged: app.isPackaged, appRoot, resourcesPath: process.resourcesPath }),
    sampleDir: shippedResourceDir('sample', { isPackaged: app.isPackaged, appRoot, resourcesPath: process.resourcesPath }),
    appDataDir: app.getPath('userData'),
  };
}

/** Native dialogs and event pushes: what the engine host asks of this process. */
const shell: HostShell = {
  async chooseNewEngagementPath(suggestedName) {
    const result = await dialog.showSaveDialog(mainWindow!, {
      title: 'Create engagement',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: ENGAGEMENT_FILTERS,
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseEngagementToOpen() {
    const result = await dialog.showOpenDialog(mainWindow!, {
      title: 'Open engagement',
      properties: ['openFile'],
      filters: ENGAGEMENT_FILTERS,
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseImportFile() {
    const result = await dialog.showOpenDialog(mainWindow!, {
      title: 'Import a spreadsheet',
      properties: ['openFile'],
      filters: [
        { name: 'Spreadsheets', extensions: [...IMPORT_FILE_EXTENSIONS] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseExportPath(suggestedName) {
    const csv = path.extname(suggestedName).toLowerCase() === '.csv';
    const result = await dialog.showSaveDialog(mainWindow!, {
      title: csv ? 'Export table as CSV' : 'Export audited workbook',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: [csv ? { name: 'CSV', extensions: ['csv'] } : { name: 'Excel workbook', extensions: ['xlsx'] }],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  revealFile(filePath) {
    desktop.showItemInFolder(filePath);
  },
  emit(event, payload) {
    emitToWindow(mainWindow, event, payload);
  },
};

/** The app's own code, resources and data: never a file to import. */
function appFolders(): string[] {
  return [app.getAppPath(), appRoot, process.resourcesPath, app.getPath('userData'), app.getPath('sessionData')];
}

app.whenReady().then(() => {
  serveRenderer(path.join(appRoot, 'out', 'renderer'));
  let identity: HostIdentity;
  try {
    identity = hostIdentity();
  } catch (error) {
    dialog.showErrorBox('Carbon Audit cannot start', (error as Error).message);
    app.quit();
    return;
  }
  // The engine runs on its own thread: this one only relays, so the window never waits on SQLite or a file.
  engine = startEngineHost(identity, shell);
  wireIpc(createRelay(engine, appFolders()));
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ appName: app.name, platform: process.platform, isPackaged: app.isPackaged })));
  mainWindow = createAppWindow({ devTools: !app.isPackaged });
});

app.on('window-all-closed', () => {
  void (engine?.close() ?? Promise.resolve()).finally(() => app.quit());
});
