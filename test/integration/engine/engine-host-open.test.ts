/**
 * The engine host opening an engagement by path (a file dropped on the window, or one the OS
 * handed the app), and what it reports for the log file: refusals are the auditor's to read, not
 * log lines; a normal close is not an engine failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEventName, EngagementSummary, Envelope, RecentEngagement } from '../../../shared/contract';
import { createEngagement } from '../../../electron/engine/engagement/service';
import { startEngineHost } from '../../../electron/engine/host/client';
import { useTempDir } from '../../helpers/temp';

describe('the engine host opening an engagement by path', () => {
  const tempDir = useTempDir();

  it('opens it in place of the current one, puts it on the recent list, and logs nothing for a refusal or a normal close', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'group.carbonaudit');
    createEngagement(file, { entityName: 'Example Group', fiscalYearStartMonth: 4 }, { actor: 'jane' }).close();
    const notes = path.join(dir, 'notes.carbonaudit');
    fs.writeFileSync(notes, 'not a database');
    const events: ApiEventName[] = [];
    const logged: string[] = [];
    const engine = startEngineHost(
      { kind: 'electron', actor: 'jane', appDataDir: path.join(dir, 'app-data') },
      {
        chooseNewEngagementPath: async () => null,
        chooseEngagementToOpen: async () => null,
        chooseImportFile: async () => null,
        chooseExportPath: async () => null,
        revealFile: () => undefined,
        emit: (event) => events.push(event),
        log: (level, message, detail) => logged.push(`${level} ${message} ${detail ?? ''}`),
      },
    );
    try {
      const opened: Envelope<EngagementSummary> = await engine.openEngagement(file);
      expect(opened).toMatchObject({ ok: true, value: { fileName: 'group.carbonaudit', settings: { entityName: 'Example Group' } } });
      expect(events).toContain('engagement.changed');
      const recent = await engine.invoke('recent.list', {});
      expect(recent.ok && (recent.value as RecentEngagement[]).map((entry) => entry.fileName)).toEqual(['group.carbonaudit']);

      const refused = await engine.openEngagement(notes);
      expect(refused).toMatchObject({ ok: false, error: { code: 'not-an-engagement' } });
      expect(fs.readFileSync(notes, 'utf8')).toBe('not a database');
      // The one that was open stays open.
      expect(await engine.invoke('engagement.current', {})).toMatchObject({ ok: true, value: { fileName: 'group.carbonaudit' } });
    } finally {
      await engine.close();
    }
    expect(logged).toEqual([]);
  });
});
