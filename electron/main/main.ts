import { app, dialog, Menu, shell, type BrowserWindow } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { IMPORT_FILE_EXTENSIONS } from '../../shared/contract';
import { createHandlers, Session } from '../engine/api/handlers';
import type { Host } from '../engine/api/host';
import { factorLibraryDir } from './app-paths';
import { emitToWindow, wireIpc } from './ipc';
import { appMenuTemplate } from './menu-template';
import { electronNativeBinding } from './native-binding';
import { registerAppScheme, serveRenderer } from './protocol';
import { lockDownWebContents } from './security';
import { createAppWindow } from './windows';

const ENGAGEMENT_FILTERS = [{ name: 'Carbon Audit engagement', extensions: ['carbonaudit'] }];
const appRoot = path.resolve(__dirname, '..', '..');

registerAppScheme();
lockDownWebContents();

let mainWindow: BrowserWindow | null = null;

function createHost(): Host {
  return {
    kind: 'electron',
    actor: os.userInfo().username,
    nativeBinding: electronNativeBinding(appRoot, app.isPackaged),
    factorLibraryDir: factorLibraryDir({ isPackaged: app.isPackaged, appRoot, resourcesPath: process.resourcesPath }),
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
      const result = await dialog.showSaveDialog(mainWindow!, {
        title: 'Export audited workbook',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    revealFile(filePath) {
      shell.showItemInFolder(filePath);
    },
    emit(event, payload) {
      emitToWindow(mainWindow, event, payload);
    },
  };
}

/** The app's own code, resources and data: never a file to import. */
function appFolders(): string[] {
  return [app.getAppPath(), appRoot, process.resourcesPath, app.getPath('userData'), app.getPath('sessionData')];
}

app.whenReady().then(() => {
  serveRenderer(path.join(appRoot, 'out', 'renderer'));
  let host: Host;
  try {
    host = createHost();
  } catch (error) {
    dialog.showErrorBox('Carbon Audit cannot start', (error as Error).message);
    app.quit();
    return;
  }
  const session = new Session(host);
  wireIpc(createHandlers(session), session, appFolders());
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ appName: app.name, platform: process.platform, isPackaged: app.isPackaged })));
  mainWindow = createAppWindow({ devTools: !app.isPackaged });
});

app.on('window-all-closed', () => app.quit());
