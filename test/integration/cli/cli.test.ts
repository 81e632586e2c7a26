import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, cli } from '../../helpers/cli';
import { useTempDir } from '../../helpers/temp';

describe('carbon-audit CLI', () => {
  const tempDir = useTempDir();

  it('init, info, verify and log an engagement', async () => {
    const file = path.join(tempDir(), 'x.carbonaudit');
    const init = await cli('--actor', 'jane', 'init', file, '--entity', 'Example Group', '--fy-start', 'April', '--base-year', '2020');
    expect(init).toMatchObject({ code: 0, err: '' });
    const info = await cli('info', file, '--json');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.out).settings).toMatchObject({ entityName: 'Example Group', fiscalYearStartMonth: 4, baseYear: 'FY2020' });
    const verify = await cli('verify', file);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^Audit log intact: 1 entries, head [0-9a-f]{64}/);
    const log = await cli('log', file, '--json');
    expect(JSON.parse(log.out.trim())).toMatchObject({ seq: 1, actor: 'jane', operation: 'engagement.create' });
  });

  it('fails verify with the broken entry named after tampering', async () => {
    const file = path.join(tempDir(), 'x.carbonaudit');
    await cli('init', file, '--entity', 'Example Group', '--fy-start', '4');
    const db = new Database(file);
    const trigger = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'audit_log_is_append_only_update'").pluck().get() as string;
    db.exec("DROP TRIGGER audit_log_is_append_only_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 1;");
    db.close();
    // Left without its append-only trigger, the file is refused before anything is read from it.
    const refused = await cli('verify', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("trigger 'audit_log_is_append_only_update' on table 'audit_log' is missing");

    // With the trigger put back, the schema passes and the hash chain names the altered entry.
    const restored = new Database(file);
    restored.exec(trigger);
    restored.close();
    const verify = await cli('verify', file);
    expect(verify.code).toBe(1);
    expect(verify.err).toContain('Audit log BROKEN at entry 1: entry 1 was altered after it was written');
  });

  it('reports bad arguments with usage and exit code 2', async () => {
    const dir = tempDir();
    expect((await cli('init', path.join(dir, 'a.carbonaudit'), '--fy-start', '4')).code).toBe(2);
    const badMonth = await cli('init', path.join(dir, 'b.carbonaudit'), '--entity', 'X', '--fy-start', '13');
    expect(badMonth.code).toBe(2);
    expect(badMonth.err).toContain('expected a month number 1-12');
    const badApproach = await cli('init', path.join(dir, 'c.carbonaudit'), '--entity', 'X', '--fy-start', '4', '--consolidation', 'vibes');
    expect(badApproach.code).toBe(2);
    expect(badApproach.err).toMatch(/consolidationApproach/);
    expect(fs.existsSync(path.join(dir, 'c.carbonaudit'))).toBe(false);
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('prints help for every command', async () => {
    for (const command of ['init', 'info', 'verify', 'log']) {
      const help = await cli(command, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: carbon-audit ${command}`);
    }
  });

  it('refuses a non-engagement file with exit code 1 and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'notes.carbonaudit');
    fs.writeFileSync(file, 'hello');
    const info = await cli('info', file);
    expect(info.code).toBe(1);
    expect(info.err).toContain('not a Carbon Audit engagement file');
    expect(fs.readFileSync(file, 'utf8')).toBe('hello');
  });

  it('runs as the installed carbon-audit command', () => {
    const file = path.join(tempDir(), 'x.carbonaudit');
    execFileSync(CLI_BIN, ['init', file, '--entity', 'Example Group', '--fy-start', '4']);
    const verify = spawnSync(CLI_BIN, ['verify', file], { encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('Audit log intact');
  });
});
