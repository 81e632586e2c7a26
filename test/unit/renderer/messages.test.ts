/**
 * The message catalogue holds what the UI shows, and only that: a message no code uses is either
 * lost (the code writes its own text instead, which then escapes translation) or dead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../../shared/messages';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The code that shows the catalogue's text: the window, and the main process's menu. */
const SHOWN_BY = [path.join(ROOT, 'renderer'), path.join(ROOT, 'electron', 'main')];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) ? [fs.readFileSync(file, 'utf8')] : [];
  });
}

/** `t.namespace.key` for every key no source that shows the catalogue names; a namespace used whole (`t.tableColumns[table]`) counts all its keys as used. */
function unusedMessages(code: string): string[] {
  return Object.entries(t).flatMap(([namespace, messages]) => {
    if (new RegExp(`\\bt\\.${namespace}\\b(?!\\.)`).test(code)) return [];
    return Object.keys(messages).filter((key) => !new RegExp(`\\bt\\.${namespace}\\.${key}\\b`).test(code)).map((key) => `t.${namespace}.${key}`);
  });
}

describe('the message catalogue', () => {
  it('has no message the UI never shows', () => {
    expect(unusedMessages(SHOWN_BY.flatMap(sources).join('\n'))).toEqual([]);
  });

  it('finds a message no code names, and counts a namespace used whole', () => {
    const unused = unusedMessages('t.app.loading; t.tableColumns[table]; t.traceCsvColumns[column]');
    expect(unused).not.toContain('t.app.loading');
    expect(unused).toContain('t.app.engineNotConnected');
    expect(unused.filter((key) => /^t\.(tableColumns|traceCsvColumns)\./.test(key))).toEqual([]);
    expect(unusedMessages('t.app.loadingSoon')).toContain('t.app.loading');
  });
});
