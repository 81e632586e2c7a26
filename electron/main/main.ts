import { app, dialog, Menu, screen, shell as desktop, type BrowserWindow } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { ENGAGEMENT_FILE_EXTENSION, IMPORT_FILE_EXTENSIONS, type RecentEngagement } from '../../shared/contract';
import type { MenuCommand } from '../../shared/menu';
import type { HostIdentity, HostShell } from '../engine/api/host';
import { startEngineHost, type EngineHost } from '../engine/host/client';
import { shippedResourceDir } from './app-paths';
import { checkDroppedPath } from './drop-guard';
import { emitToWindow, wireIpc } from './ipc';
import { engagementFileFromArgv } from './launch-file';
import { LOG_FOLDER, LogFile } from './log-file';
import { appMenuTemplate } from './menu-template';
import { electronNativeBinding } from './native-binding';
import { registerAppScheme, serveRenderer } from './protocol';
import { createRelay } from './relay';
import { lockDownWebContents } from './security';
import { createAppWindow, WINDOW_SIZES } from './windows';
import { readWindowState, restoreWindowState, writeWindowState } from './window-state';

const ENGAGEMENT_FILTERS = [{ name: 'Carbon Audit engagement', extensions: [ENGAGEMENT_FILE_EXTENSION] }];
const appRoot = path.resolve(__dirname, '..', '..');

registerAppScheme();
lockDownWebContents();

let mainWindow: BrowserWindow | null = null;
let engine: EngineHost | null = null;
const log = new LogFile(path.join(app.getPath('userData'), LOG_FOLDER));
/** What the menu shows: kept up from the engine's 'engagement.changed' events. */
const menuState = { engagementOpen: false, recent: [] as readonly RecentEngagement[] };
/** An engagement the OS asked to open before the engine was up (macOS sends 'open-file' early). */
let pendingLaunchFile: string | null = engagementFileFromArgv(process.argv, process.cwd());

process.on('uncaughtException', (error) => {
  log.write('error', 'main', 'Uncaught exception', error.stack ?? error.message);
  dialog.showErrorBox('Carbon Audit hit an unexpected error', `${error.message}\n\nDetails are in the log file (Help ▸ Open Log File).`);
});
process.on('unhandledRejection', (reason) => log.write('error', 'main', 'Unhandled rejection', reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)));

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
    if (event === 'engagement.changed') {
      const engagement = payload as { path: string } | null;
      if (engagement) app.addRecentDocument(engagement.path);
      menuState.engagementOpen = engagement !== null;
      void refreshMenu();
    }
  },
  log(level, message, detail) {
    log.write(level, 'engine', message, detail);
  },
};

/** The app's own code, resources and data: never a file to import. */
function appFolders(): string[] {
  return [app.getAppPath(), appRoot, process.resourcesPath, app.getPath('userData'), app.getPath('sessionData')];
}

/** The menu at once from what is known, then again with the recent list (the engine may still be starting). */
async function refreshMenu(): Promise<void> {
  setMenu();
  const recent = await engine?.invoke('recent.list', {});
  if (!recent?.ok) return;
  menuState.recent = recent.value as readonly RecentEngagement[];
  setMenu();
}

function setMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({
    appName: app.name,
    platform: process.platform,
    isPackaged: app.isPackaged,
    ...menuState,
    send: (command: MenuCommand) => emitToWindow(mainWindow, 'app.menu', command),
    openLogFile: () => void openLogFile(),
  })));
}

async function openLogFile(): Promise<void> {
  const failure = await desktop.openPath(log.ensureExists());
  if (failure) {
    log.write('warn', 'main', 'The log file could not be opened', failure);
    dialog.showErrorBox('Cannot open the log file', `${failure}\n\nThe log is ${log.path}`);
  }
}

/** An engagement the OS handed the app (file association): checked as a dropped one is, then opened. */
async function openLaunchFile(filePath: string): Promise<void> {
  if (!engine) {
    pendingLaunchFile = filePath;
    return;
  }
  const checked = checkDroppedPath(filePath, appFolders(), process.platform, 'engagement');
  const opened = checked.ok ? await engine.openEngagement(checked.path) : { ok: false as const, error: { code: 'refused', message: checked.reason } };
  if (!opened.ok) dialog.showErrorBox('Cannot open the engagement', opened.error.message);
  mainWindow?.show();
}

function createMainWindow(): BrowserWindow {
  const userData = app.getPath('userData');
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const state = restoreWindowState(readWindowState(userData), workAreas, WINDOW_SIZES);
  const window = createAppWindow({ devTools: !app.isPackaged, bounds: state.bounds, maximised: state.maximised });
  window.on('close', () => {
    try {
      writeWindowState(userData, { bounds: window.getNormalBounds(), maximised: window.isMaximized() || window.isFullScreen() });
    } catch (error) {
      log.write('warn', 'main', 'The window’s size and place could not be saved', (error as Error).message);
    }
  });
  // Files on the recent list move, and the window can take entries off it: the menu catches up whenever the window comes back.
  window.on('focus', () => void refreshMenu());
  window.webContents.on('render-process-gone', (_event, details) => log.write('error', 'window', `The window's renderer stopped: ${details.reason} (exit code ${details.exitCode})`));
  return window;
}

// One app, one engine: a second launch (double-clicking another engagement) hands its file to this one.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = engagementFileFromArgv(argv, workingDirectory);
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
    if (file) void openLaunchFile(file);
  });
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    void openLaunchFile(filePath);
  });
  app.on('child-process-gone', (_event, details) => log.write('error', 'main', `A ${details.type} process stopped: ${details.reason} (exit code ${details.exitCode})`));

  app.whenReady().then(() => {
    log.write('info', 'main', `Carbon Audit ${app.getVersion()} started (Electron ${process.versions.electron}, ${process.platform})`);
    serveRenderer(path.join(appRoot, 'out', 'renderer'));
    let identity: HostIdentity;
    try {
      identity = hostIdentity();
    } catch (error) {
      log.write('error', 'main', 'Cannot start', (error as Error).message);
      dialog.showErrorBox('Carbon Audit cannot start', (error as Error).message);
      app.quit();
      return;
    }
    // The engine runs on its own thread: this one only relays, so the window never waits on SQLite or a file.
    engine = startEngineHost(identity, shell);
    wireIpc(createRelay(engine, appFolders()));
    void refreshMenu();
    mainWindow = createMainWindow();
    if (pendingLaunchFile) void openLaunchFile(pendingLaunchFile);
    pendingLaunchFile = null;
  });
}

app.on('window-all-closed', () => {
  void (engine?.close() ?? Promise.resolve()).finally(() => app.quit());
});
