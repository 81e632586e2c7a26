import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLogLine, LOG_FILE_NAME, LogFile, redactLogMessage } from '../../../electron/main/log-file';
import { useTempDir } from '../../helpers/temp';

const AT = new Date('2026-11-30T15:02:12.345Z');

describe('a log line', () => {
  it('is one line: ISO time, level, where, what', () => {
    expect(formatLogLine(AT, 'error', 'engine', 'Unexpected error in import.start: boom')).toBe('2026-11-30T15:02:12.345Z ERROR [engine] Unexpected error in import.start: boom\n');
    expect(formatLogLine(AT, 'info', 'main', 'started')).toBe('2026-11-30T15:02:12.345Z INFO  [main] started\n');
    expect(formatLogLine(AT, 'warn', 'window', 'gone\n  at frame (x.js:1:2)\n')).toBe('2026-11-30T15:02:12.345Z WARN  [window] gone at frame (x.js:1:2)\n');
  });

  it('keeps the app’s own words as written, and redacts the detail of what failed', () => {
    expect(formatLogLine(AT, 'info', 'main', 'Carbon Audit 0.1.0 started (Electron 39.2.1, linux)')).toBe('2026-11-30T15:02:12.345Z INFO  [main] Carbon Audit 0.1.0 started (Electron 39.2.1, linux)\n');
    expect(formatLogLine(AT, 'error', 'engine', 'A call failed unexpectedly', 'Unexpected error in inventory.calculate: 1234.5 tCO2e at /home/jane/Acme/group.carbonaudit'))
      .toBe('2026-11-30T15:02:12.345Z ERROR [engine] A call failed unexpectedly: Unexpected error in inventory.calculate: # tCO2e at group.carbonaudit\n');
  });

  it('keeps file names but not the folders they are in', () => {
    expect(redactLogMessage('ENOENT: no such file, open \'/home/jane/Clients/Acme plc/energy FY24.xlsx\'')).toBe('ENOENT: no such file, open \'energy FY24.xlsx\'');
    expect(redactLogMessage('cannot open /home/jane/Clients/Acme/group.carbonaudit now')).toBe('cannot open group.carbonaudit now');
    expect(redactLogMessage('EBUSY: "C:\\Users\\jane\\My Clients\\Acme\\fuel 2024.csv"')).toBe('EBUSY: "fuel 2024.csv"');
    expect(redactLogMessage('EPERM: C:\\Users\\jane\\Documents\\Acme\\group.carbonaudit is locked')).toBe('EPERM: group.carbonaudit is locked');
  });

  it('masks figures: decimals and numbers of three digits or more; short counts and codes stay', () => {
    expect(redactLogMessage('value 12345.678 kWh over 1,234,567 rows at site 42 (exit code 1)')).toBe('value # kWh over # rows at site 42 (exit code 1)');
    expect(redactLogMessage('total -0.5 tCO2e; 2500 litres; SQLITE_BUSY')).toBe('total # tCO2e; # litres; SQLITE_BUSY');
  });

  it('is capped in length', () => {
    const line = formatLogLine(AT, 'error', 'engine', 'x'.repeat(10_000));
    expect(line.length).toBeLessThan(600);
    expect(line.endsWith('…\n')).toBe(true);
  });
});

describe('the log file', () => {
  const tempDir = useTempDir();

  it('appends lines and creates its folder', () => {
    const dir = path.join(tempDir(), 'logs');
    const log = new LogFile(dir, { now: () => AT });
    log.write('info', 'main', 'started');
    log.write('error', 'engine', 'failed');
    expect(fs.readFileSync(path.join(dir, LOG_FILE_NAME), 'utf8')).toBe('2026-11-30T15:02:12.345Z INFO  [main] started\n2026-11-30T15:02:12.345Z ERROR [engine] failed\n');
  });

  it('rotates before a line would take it over its cap, keeping only the newest older files', () => {
    const dir = tempDir();
    const line = formatLogLine(AT, 'info', 'main', 'entry 01');
    const perFile = 3;
    const log = new LogFile(dir, { maxBytes: line.length * perFile, keep: 2, now: () => AT });
    for (let n = 1; n <= 10; n += 1) log.write('info', 'main', `entry ${String(n).padStart(2, '0')}`);

    const read = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((text) => text.slice(-2));
    expect(read(log.path)).toEqual(['10']);
    expect(read(log.olderFile(1))).toEqual(['07', '08', '09']);
    expect(read(log.olderFile(2))).toEqual(['04', '05', '06']);
    expect(fs.existsSync(log.olderFile(3))).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['carbon-audit.1.log', 'carbon-audit.2.log', 'carbon-audit.log']);
    for (const file of [log.path, log.olderFile(1), log.olderFile(2)]) expect(fs.statSync(file).size).toBeLessThanOrEqual(line.length * perFile);
  });

  it('exists to be opened before anything was logged, and a write that fails does not throw', () => {
    const dir = tempDir();
    const log = new LogFile(path.join(dir, 'logs'));
    expect(fs.readFileSync(log.ensureExists(), 'utf8')).toBe('');
    const blocked = path.join(dir, 'blocked');
    fs.writeFileSync(blocked, 'a file where the log folder should be');
    expect(() => new LogFile(blocked).write('error', 'main', 'nowhere to go')).not.toThrow();
  });
});
