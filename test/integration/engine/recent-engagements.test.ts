/**
 * The recent-engagements list: what the desktop menu and the start screen show. Every engagement
 * opened or created through the API goes to its top; the UI opens one by id, never by path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/engine/api/dispatch';
import { createHandlers } from '../../../electron/engine/api/handlers';
import type { Host } from '../../../electron/engine/api/host';
import { Session } from '../../../electron/engine/api/session';
import { APP_DATA_ENV, createEngagement } from '../../../electron/engine/engagement/service';
import { listRecentEngagements, MAX_RECENT, rememberRecentEngagement, recentId } from '../../../electron/engine/recent/service';
import { RECENT_FILE } from '../../../electron/engine/recent/store';
import type { Envelope, RecentEngagement } from '../../../shared/contract';
import { useTempDir } from '../../helpers/temp';

const SETTINGS = { entityName: 'Example Group', fiscalYearStartMonth: 4 };

/** The API on the machine whose app-data folder is `appDataDir` (the test setup points the engine at one folder per file). */
function apiOn(appDataDir: string, answers: { create?: string; open?: string } = {}) {
  process.env[APP_DATA_ENV] = appDataDir;
  const logged: string[] = [];
  const host: Host = {
    kind: 'electron', actor: 'jane', appDataDir,
    chooseNewEngagementPath: async () => answers.create ?? null, chooseEngagementToOpen: async () => answers.open ?? null,
    chooseImportFile: async () => null, chooseExportPath: async () => null, revealFile: () => undefined, emit: () => undefined,
    log: (level, message, detail) => logged.push(`${level}: ${message}: ${detail}`),
  };
  const session = new Session(host);
  const handlers = createHandlers(session);
  return { session, logged, call: (method: string, input: unknown = {}) => dispatch(handlers, method, input) };
}

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as T;
}

describe('recent engagements', () => {
  const tempDir = useTempDir();
  const setupFolder = process.env[APP_DATA_ENV];
  afterEach(() => {
    process.env[APP_DATA_ENV] = setupFolder;
  });

  it('lists every engagement created or opened through the API, newest first, once each', async () => {
    const dir = tempDir();
    const appData = path.join(dir, 'app-data');
    const first = path.join(dir, 'first.carbonaudit');
    const second = path.join(dir, 'second.carbonaudit');
    const api = apiOn(appData, { create: first });
    await api.call('engagement.create', { settings: SETTINGS });
    createEngagement(second, SETTINGS, { actor: 'jane' }).close();
    const opener = apiOn(appData, { open: second });
    await opener.call('engagement.open');
    const list = value<RecentEngagement[]>(await opener.call('recent.list'));
    expect(list.map(({ fileName, folder, missing }) => ({ fileName, folder, missing }))).toEqual([
      { fileName: 'second.carbonaudit', folder: dir, missing: false },
      { fileName: 'first.carbonaudit', folder: dir, missing: false },
    ]);
    expect(list.map((entry) => entry.id)).toEqual([recentId(second), recentId(first)]);

    // Opening the older one again moves it to the top without a second line.
    value(await opener.call('recent.open', { id: recentId(first) }));
    expect(value<RecentEngagement[]>(await opener.call('recent.list')).map((entry) => entry.fileName)).toEqual(['first.carbonaudit', 'second.carbonaudit']);
    expect(value<{ fileName: string }>(await opener.call('engagement.current')).fileName).toBe('first.carbonaudit');
    opener.session.close();
    api.session.close();
  });

  it('keeps a moved or deleted file on the list, marked missing; opening it is refused with what to do, and it can be removed', async () => {
    const dir = tempDir();
    const appData = path.join(dir, 'app-data');
    const file = path.join(dir, 'gone.carbonaudit');
    createEngagement(file, SETTINGS, { actor: 'jane' }).close();
    rememberRecentEngagement(appData, file);
    fs.rmSync(file);
    const api = apiOn(appData);
    const [entry] = value<RecentEngagement[]>(await api.call('recent.list'));
    expect(entry).toMatchObject({ fileName: 'gone.carbonaudit', missing: true });
    const opened = await api.call('recent.open', { id: entry!.id });
    expect(opened).toEqual({ ok: false, error: { code: 'not-found', message: `gone.carbonaudit is no longer in ${dir}: it was moved or deleted, or its drive is not connected. Open it from where it is now, or remove it from the list.` } });
    expect(value(await api.call('engagement.current'))).toBeNull();
    expect(value(await api.call('recent.remove', { id: entry!.id }))).toEqual([]);
    expect(await api.call('recent.open', { id: entry!.id })).toMatchObject({ ok: false, error: { code: 'not-found', message: 'That engagement is no longer on the recent list' } });
    // Only ids of the list's shape reach the engine: never a path.
    expect(await api.call('recent.open', { id: file })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('is bounded, de-duplicated where the file system ignores case, and written atomically', () => {
    const dir = tempDir();
    const appData = path.join(dir, 'app-data');
    for (let n = 1; n <= MAX_RECENT + 5; n += 1) rememberRecentEngagement(appData, path.join(dir, `e${n}.carbonaudit`), new Date(Date.UTC(2026, 0, n)));
    const list = listRecentEngagements(appData);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toMatchObject({ fileName: `e${MAX_RECENT + 5}.carbonaudit`, openedAt: `2026-01-${MAX_RECENT + 5}T00:00:00.000Z`, missing: true });
    expect(list.at(-1)!.fileName).toBe('e6.carbonaudit');
    expect(fs.readdirSync(appData)).toEqual([RECENT_FILE]);

    rememberRecentEngagement(appData, path.join(dir, 'E7.CARBONAUDIT'), new Date(), 'win32');
    const names = listRecentEngagements(appData).map((entry) => entry.fileName);
    expect(names[0]).toBe('E7.CARBONAUDIT');
    expect(names).not.toContain('e7.carbonaudit');
    expect(names).toHaveLength(MAX_RECENT);
  });

  it('starts afresh from a list that cannot be read, or entries that are not absolute paths', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, RECENT_FILE), '{"version": 1, "entries": [');
    expect(listRecentEngagements(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, RECENT_FILE), JSON.stringify({ version: 1, entries: [{ path: 'relative.carbonaudit', openedAt: 'x' }] }));
    expect(listRecentEngagements(dir)).toEqual([]);
    rememberRecentEngagement(dir, path.join(dir, 'new.carbonaudit'));
    expect(listRecentEngagements(dir).map((entry) => entry.fileName)).toEqual(['new.carbonaudit']);
  });

  it('does not stop an engagement opening when the list cannot be written: the failure is logged', async () => {
    const dir = tempDir();
    const appData = path.join(dir, 'app-data');
    fs.mkdirSync(appData);
    fs.mkdirSync(path.join(appData, RECENT_FILE));
    const file = path.join(dir, 'e.carbonaudit');
    const api = apiOn(appData, { create: file });
    expect(await api.call('engagement.create', { settings: SETTINGS })).toMatchObject({ ok: true, value: { fileName: 'e.carbonaudit' } });
    expect(api.logged).toEqual([expect.stringMatching(/^warn: The recent-engagements list could not be updated: /)]);
    api.session.close();
  });
});
