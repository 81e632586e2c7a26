import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, isTrustedSender } from '../../../electron/main/trust';

describe('IPC sender check', () => {
  it('accepts only the app’s own top-level page', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html#/inventory`, parent: null })).toBe(true);
  });

  it('refuses subframes, other origins, file:// pages, malformed URLs and missing frames', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://carbon-audit.evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://user@carbon-audit/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://carbon-audit:8080/index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows only the app’s own scripts and styles, no inline code, objects or framing', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((directive) => [directive.split(' ')[0], directive]));
    expect(directives.get('default-src')).toBe("default-src 'none'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('is repeated in the page itself, so the harness and dev builds run under it too', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    for (const directive of meta.split('; ')) expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    expect(meta).toContain("script-src 'self'");
  });
});
