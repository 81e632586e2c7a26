import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideAppRequest } from '../../../electron/main/protocol-request';
import { APP_ORIGIN } from '../../../electron/main/trust';
import { useTempDir } from '../../helpers/temp';

/** A built renderer (index.html, assets/) beside a folder whose name starts like it. */
function renderer(root: string): string {
  const dir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(dir, 'assets', 'app 1.js'), 'export {}');
  fs.mkdirSync(path.join(root, 'renderer-old'));
  fs.writeFileSync(path.join(root, 'renderer-old', 'index.html'), 'old');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
  return dir;
}

const refused = (status: number) => expect.objectContaining({ kind: 'refuse', status });

describe('app:// request decision', () => {
  const tempDir = useTempDir();

  it('serves the renderer’s files, %-escapes decoded', () => {
    const dir = renderer(tempDir());
    expect(decideAppRequest(`${APP_ORIGIN}/index.html`, 'GET', dir)).toEqual({ kind: 'file', path: path.join(dir, 'index.html') });
    expect(decideAppRequest(`${APP_ORIGIN}/assets/app%201.js?v=2#x`, 'GET', dir)).toEqual({ kind: 'file', path: path.join(dir, 'assets', 'app 1.js') });
    expect(decideAppRequest(`${APP_ORIGIN}/index.html`, 'HEAD', dir)).toMatchObject({ kind: 'file' });
  });

  it('answers 400 to a malformed % escape or an encoded NUL, instead of throwing', () => {
    const dir = renderer(tempDir());
    expect(decideAppRequest(`${APP_ORIGIN}/%E0%A4%A.js`, 'GET', dir)).toEqual({ kind: 'refuse', status: 400, message: 'Bad request' });
    expect(decideAppRequest(`${APP_ORIGIN}/%`, 'GET', dir)).toEqual(refused(400));
    expect(decideAppRequest(`${APP_ORIGIN}/index.html%00.png`, 'GET', dir)).toEqual(refused(400));
  });

  it('serves only the app’s own host: other hosts, ports, credentials and schemes get 404', () => {
    const dir = renderer(tempDir());
    for (const url of ['app://evil.example/index.html', 'app://carbon-audit.evil/index.html', 'app://carbon-audit:8080/index.html', 'app://user:pw@carbon-audit/index.html', 'file:///index.html', 'https://carbon-audit/index.html']) {
      expect(decideAppRequest(url, 'GET', dir), url).toEqual({ kind: 'refuse', status: 404, message: 'Not found' });
    }
  });

  it('refuses directories, missing files and anything outside the renderer with 404', () => {
    const dir = renderer(tempDir());
    for (const pathname of ['/', '/assets', '/assets/', '/missing.js', '/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/../renderer-old/index.html']) {
      expect(decideAppRequest(`${APP_ORIGIN}${pathname}`, 'GET', dir), pathname).toEqual(refused(404));
    }
  });

  it('answers 405 to anything but GET and HEAD', () => {
    expect(decideAppRequest(`${APP_ORIGIN}/index.html`, 'POST', renderer(tempDir()))).toEqual(refused(405));
  });
});
