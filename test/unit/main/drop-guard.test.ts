import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDroppedPath, isInside } from '../../../electron/main/drop-guard';
import { useTempDir } from '../../helpers/temp';

/** A user's documents folder and the app's own folders, side by side in a temporary folder. */
function layout(root: string) {
  const documents = path.join(root, 'Documents');
  const app = path.join(root, 'Carbon Audit', 'resources');
  const userData = path.join(root, 'config', 'Carbon Audit');
  for (const dir of [documents, app, userData]) fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, text = 'Site,kWh\nLondon,100\n') => {
    fs.writeFileSync(file, text);
    return file;
  };
  return { documents, app, userData, appFolders: [app, userData], write };
}

describe('the main process’s check of a dropped path', () => {
  const tempDir = useTempDir();

  it('accepts a regular spreadsheet in the user’s documents, whatever the case of its extension', () => {
    const { documents, appFolders, write } = layout(tempDir());
    for (const name of ['energy.xlsx', 'macros.xlsm', 'ledger.CSV', 'export.txt']) {
      const file = write(path.join(documents, name));
      expect(checkDroppedPath(file, appFolders)).toEqual({ ok: true, path: fs.realpathSync.native(file) });
    }
  });

  it('refuses a directory, even one named like a spreadsheet, and a link to a directory', () => {
    const { documents, appFolders } = layout(tempDir());
    const folder = path.join(documents, 'FY2024.xlsx');
    fs.mkdirSync(folder);
    expect(checkDroppedPath(folder, appFolders)).toEqual({ ok: false, reason: 'FY2024.xlsx is not a file: drop a spreadsheet' });
    const link = path.join(documents, 'shortcut.csv');
    fs.symlinkSync(folder, link);
    expect(checkDroppedPath(link, appFolders)).toEqual({ ok: false, reason: 'shortcut.csv is not a file: drop a spreadsheet' });
  });

  it('refuses a file without a spreadsheet extension, or a link whose target has none', () => {
    const { documents, appFolders, write } = layout(tempDir());
    for (const name of ['chart.png', 'setup.exe', 'engagement.carbonaudit', 'id_rsa', 'legacy.xls']) {
      const decision = checkDroppedPath(write(path.join(documents, name)), appFolders);
      expect(decision).toEqual({ ok: false, reason: `${name} is not a spreadsheet: drop a .xlsx, .xlsm, .csv, .txt file` });
    }
    const link = path.join(documents, 'innocent.csv');
    fs.symlinkSync(path.join(documents, 'id_rsa'), link);
    expect(checkDroppedPath(link, appFolders)).toMatchObject({ ok: false, reason: 'innocent.csv is not a spreadsheet: drop a .xlsx, .xlsm, .csv, .txt file' });
  });

  it('refuses a file inside the app’s own folders, directly or through a link', () => {
    const { documents, app, userData, appFolders, write } = layout(tempDir());
    const reason = 'is one of Carbon Audit\'s own files: drop a file from your documents';
    fs.mkdirSync(path.join(app, 'factor-library'));
    const bundled = write(path.join(app, 'factor-library', 'factors.csv'), 'x');
    fs.mkdirSync(path.join(userData, 'Local Storage'));
    const stored = write(path.join(userData, 'Local Storage', 'notes.txt'));
    expect(checkDroppedPath(bundled, appFolders)).toEqual({ ok: false, reason: `factors.csv ${reason}` });
    expect(checkDroppedPath(stored, appFolders)).toEqual({ ok: false, reason: `notes.txt ${reason}` });
    const link = path.join(documents, 'looks-like-mine.csv');
    fs.symlinkSync(bundled, link);
    expect(checkDroppedPath(link, appFolders)).toEqual({ ok: false, reason: `looks-like-mine.csv ${reason}` });
  });

  it('refuses what is not an absolute path to an existing file', () => {
    const { documents, appFolders } = layout(tempDir());
    const notAbsolute = { ok: false, reason: 'A dropped file must have an absolute path' };
    expect(checkDroppedPath('energy.xlsx', appFolders)).toEqual(notAbsolute);
    expect(checkDroppedPath(42, appFolders)).toEqual(notAbsolute);
    expect(checkDroppedPath(`${documents}/a.csv\0.png`, appFolders)).toEqual(notAbsolute);
    expect(checkDroppedPath(path.join(documents, 'gone.xlsx'), appFolders)).toEqual({ ok: false, reason: 'gone.xlsx cannot be read' });
  });
});

describe('isInside', () => {
  it('compares case-blind only where the file system usually is', () => {
    expect(isInside('/Applications/Carbon Audit.app/Contents/x.csv', '/applications/carbon audit.app', 'darwin')).toBe(true);
    expect(isInside('/Applications/Carbon Audit.app/Contents/x.csv', '/applications/carbon audit.app', 'linux')).toBe(false);
    expect(isInside('/opt/app', '/opt/app', 'linux')).toBe(true);
    expect(isInside('/opt/app-data/x.csv', '/opt/app', 'linux')).toBe(false);
    // A name that merely starts with '..' is still inside.
    expect(isInside('/opt/app/..data.csv', '/opt/app', 'linux')).toBe(true);
    expect(isInside('/opt/x.csv', '/opt/app', 'linux')).toBe(false);
  });
});
