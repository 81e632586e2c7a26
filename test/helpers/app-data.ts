/**
 * Setup for test projects: the app's data folder (where the audit witness of each engagement
 * opened is kept) is a fresh temporary folder per test file, so no test writes to this machine's
 * real one. A test that plays several machines gives each its own folder (appDataFolders).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { APP_DATA_ENV } from '../../electron/engine/engagement/witness';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-app-data-'));
process.env[APP_DATA_ENV] = folder;
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
