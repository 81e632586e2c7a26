/** Who the browser-mode server answers: loopback, its own Host, this run's token; no CORS, no foreign Origin. */
import { describe, expect, it } from 'vitest';
import { cookieName, decideAccess, isLoopbackAddress, TOKEN_HEADER, type AccessRequest } from '../../../electron/web/access';

const served = { host: '127.0.0.1:48123', port: 48123, token: 'c'.repeat(64) };
const FORBIDDEN = { kind: 'refuse', status: 403, message: 'Forbidden' };

function request(overrides: Partial<AccessRequest> & { path?: string } = {}): AccessRequest {
  return {
    method: 'GET',
    remoteAddress: '127.0.0.1',
    url: new URL(overrides.path ?? '/index.html', `http://${served.host}`),
    ...overrides,
    headers: { host: served.host, [TOKEN_HEADER]: served.token, ...overrides.headers },
  };
}

describe('browser-mode access', () => {
  it('allows loopback requests with the Host and the token, in the header or the cookie', () => {
    expect(decideAccess(request(), served)).toEqual({ kind: 'allow' });
    expect(decideAccess(request({ remoteAddress: '::ffff:127.0.0.1' }), served)).toEqual({ kind: 'allow' });
    const byCookie = request({ headers: { [TOKEN_HEADER]: undefined, cookie: `other=1; ${cookieName(served.port)}=${served.token}` } });
    expect(decideAccess(byCookie, served)).toEqual({ kind: 'allow' });
  });

  it('refuses a request without the token or with a wrong one', () => {
    expect(decideAccess(request({ headers: { [TOKEN_HEADER]: undefined } }), served)).toEqual(FORBIDDEN);
    for (const wrong of ['', 'short', 'd'.repeat(64), 'é'.repeat(64), `${served.token}x`]) {
      expect(decideAccess(request({ headers: { [TOKEN_HEADER]: wrong } }), served), wrong).toEqual(FORBIDDEN);
      expect(decideAccess(request({ headers: { [TOKEN_HEADER]: undefined, cookie: `${cookieName(served.port)}=${wrong}` } }), served)).toEqual(FORBIDDEN);
    }
    // Another server's cookie (another port on 127.0.0.1) is not ours.
    expect(decideAccess(request({ headers: { [TOKEN_HEADER]: undefined, cookie: `${cookieName(1234)}=${served.token}` } }), served)).toEqual(FORBIDDEN);
  });

  it('refuses a foreign Host header, as a DNS-rebound name sends', () => {
    for (const host of ['evil.example', 'evil.example:48123', 'localhost:48123', '127.0.0.1', '127.0.0.1:1', undefined]) {
      expect(decideAccess(request({ headers: { host } }), served), String(host)).toEqual(FORBIDDEN);
    }
  });

  it('refuses a request from a non-loopback interface, even with the token', () => {
    for (const address of ['192.0.2.7', '::ffff:192.0.2.7', 'fd00::2', '0.0.0.0', undefined]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
      expect(decideAccess(request({ remoteAddress: address }), served)).toEqual(FORBIDDEN);
    }
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
  });

  it('grants no CORS: preflights are refused, and so is any request from another origin', () => {
    expect(decideAccess(request({ method: 'OPTIONS' }), served)).toMatchObject({ kind: 'refuse', status: 405 });
    expect(decideAccess(request({ method: 'POST', headers: { origin: 'http://evil.example' } }), served)).toEqual(FORBIDDEN);
    expect(decideAccess(request({ method: 'POST', headers: { origin: 'null' } }), served)).toEqual(FORBIDDEN);
    expect(decideAccess(request({ method: 'POST', headers: { origin: `http://${served.host}` } }), served)).toEqual({ kind: 'allow' });
  });

  it('takes the token from the URL once: sets an HttpOnly, SameSite=Strict cookie and sends the browser on without it', () => {
    const first = request({ path: `/?token=${served.token}`, headers: { [TOKEN_HEADER]: undefined } });
    expect(decideAccess(first, served)).toEqual({
      kind: 'set-cookie',
      cookie: `${cookieName(served.port)}=${served.token}; Path=/; HttpOnly; SameSite=Strict`,
      location: '/index.html',
    });
    const wrong = request({ path: '/index.html?token=nope', headers: { [TOKEN_HEADER]: undefined } });
    expect(decideAccess(wrong, served)).toEqual(FORBIDDEN);
    // A write cannot be authorised by a token in its URL.
    const post = request({ method: 'POST', path: `/api/app.info?token=${served.token}`, headers: { [TOKEN_HEADER]: undefined } });
    expect(decideAccess(post, served)).toEqual(FORBIDDEN);
  });
});
