import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChosenFile, EngagementSummary, Envelope } from '../../../shared/contract';
import { createRelay, FORBIDDEN } from '../../../electron/main/relay';
import { APP_ORIGIN } from '../../../electron/main/trust';
import { useTempDir } from '../../helpers/temp';

const APP_WINDOW = { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
const OTHER_PAGE = { senderFrame: { url: 'https://example.com/', parent: null } };

/** An engine host that records what reaches it. */
function recordingEngine() {
  const calls: unknown[][] = [];
  return {
    calls,
    async invoke(method: unknown, input: unknown): Promise<Envelope<unknown>> {
      calls.push(['invoke', method, input]);
      return { ok: true, value: 'answered' };
    },
    async dropFile(filePath: string): Promise<Envelope<ChosenFile>> {
      calls.push(['drop', filePath]);
      return { ok: true, value: { token: 't', fileName: path.basename(filePath), sizeBytes: 1 } };
    },
    async openEngagement(filePath: string): Promise<Envelope<EngagementSummary>> {
      calls.push(['open', filePath]);
      return { ok: true, value: { fileName: path.basename(filePath) } as EngagementSummary };
    },
  };
}

describe('the main process’s relay to the engine host', () => {
  const tempDir = useTempDir();

  it('relays contract calls from the app’s own window, and nothing from anywhere else', async () => {
    const engine = recordingEngine();
    const relay = createRelay(engine, []);
    expect(await relay.invoke(APP_WINDOW, 'audit.entries', { limit: 5 })).toEqual({ ok: true, value: 'answered' });
    expect(await relay.invoke(OTHER_PAGE, 'audit.entries', {})).toEqual(FORBIDDEN);
    expect(await relay.invoke({ senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: {} } }, 'app.info', {})).toEqual(FORBIDDEN);
    expect(engine.calls).toEqual([['invoke', 'audit.entries', { limit: 5 }]]);
  });

  it('hands the engine host only dropped paths that pass the main process’s own check', async () => {
    const dir = tempDir();
    const appFolder = path.join(dir, 'app');
    fs.mkdirSync(appFolder);
    const spreadsheet = path.join(dir, 'energy.csv');
    fs.writeFileSync(spreadsheet, 'Site,kWh\n');
    fs.writeFileSync(path.join(appFolder, 'own.csv'), 'x\n');
    const engine = recordingEngine();
    const relay = createRelay(engine, [appFolder]);

    expect(await relay.drop(APP_WINDOW, spreadsheet)).toMatchObject({ ok: true, value: { fileName: 'energy.csv' } });
    expect(await relay.drop(APP_WINDOW, 'energy.csv')).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await relay.drop(APP_WINDOW, path.join(appFolder, 'own.csv'))).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await relay.drop(OTHER_PAGE, spreadsheet)).toEqual(FORBIDDEN);
    expect(engine.calls).toEqual([['drop', fs.realpathSync.native(spreadsheet)]]);
  });

  it('opens only a dropped engagement file that passes the same check, never a spreadsheet or a file of the app’s own', async () => {
    const dir = tempDir();
    const appFolder = path.join(dir, 'app');
    fs.mkdirSync(appFolder);
    const engagement = path.join(dir, 'group.carbonaudit');
    const spreadsheet = path.join(dir, 'energy.csv');
    for (const file of [engagement, spreadsheet, path.join(appFolder, 'own.carbonaudit')]) fs.writeFileSync(file, 'x');
    const engine = recordingEngine();
    const relay = createRelay(engine, [appFolder]);

    expect(await relay.dropEngagement(APP_WINDOW, engagement)).toMatchObject({ ok: true, value: { fileName: 'group.carbonaudit' } });
    expect(await relay.dropEngagement(APP_WINDOW, spreadsheet)).toEqual({ ok: false, error: { code: 'refused', message: 'energy.csv is not an engagement: drop a .carbonaudit file' } });
    expect(await relay.dropEngagement(APP_WINDOW, path.join(appFolder, 'own.carbonaudit'))).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await relay.dropEngagement(OTHER_PAGE, engagement)).toEqual(FORBIDDEN);
    // A spreadsheet channel does not open engagements either.
    expect(await relay.drop(APP_WINDOW, engagement)).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(engine.calls).toEqual([['open', fs.realpathSync.native(engagement)]]);
  });
});
