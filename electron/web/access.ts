/**
 * Who may use the browser-mode server: like a notebook server, a request is answered only when it
 * comes over loopback, names the served address in its Host header (so a DNS-rebound name gets
 * nothing) and carries this run's token: in the header scripts send, in the cookie the first
 * visit set, or once in the URL the server printed. Free of I/O so every refusal is unit-tested.
 */
import { timingSafeEqual } from 'node:crypto';

/** The header a script (or the test harness) sends the token in. */
export const TOKEN_HEADER = 'x-carbon-audit-token';
export const TOKEN_QUERY = 'token';

export interface AccessRequest {
  readonly method: string;
  readonly remoteAddress: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly url: URL;
}

export type AccessDecision =
  | { readonly kind: 'allow' }
  /** The token came in the URL: set the cookie and send the browser to the same page without it. */
  | { readonly kind: 'set-cookie'; readonly cookie: string; readonly location: string }
  | { readonly kind: 'refuse'; readonly status: 403 | 405; readonly message: string };

const FORBIDDEN = { kind: 'refuse', status: 403, message: 'Forbidden' } as const;

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/**
 * The cookie carries the port in its name: browsers scope cookies by host, not port, so two
 * servers on 127.0.0.1 would otherwise overwrite each other's token.
 */
export function cookieName(port: number): string {
  return `carbon-audit-token-${port}`;
}

export function decideAccess(request: AccessRequest, served: { readonly host: string; readonly port: number; readonly token: string }): AccessDecision {
  if (!isLoopbackAddress(request.remoteAddress)) return FORBIDDEN;
  if (request.headers.host !== served.host) return FORBIDDEN;
  // No CORS: a preflight is never granted, and a cross-origin write is refused outright.
  if (request.method === 'OPTIONS') return { kind: 'refuse', status: 405, message: 'Method not allowed' };
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${served.host}`) return FORBIDDEN;

  const name = cookieName(served.port);
  if (matches(request.headers[TOKEN_HEADER], served.token) || matches(readCookie(request.headers.cookie, name), served.token)) return { kind: 'allow' };
  const fromUrl = request.url.searchParams.get(TOKEN_QUERY);
  if (request.method === 'GET' && matches(fromUrl ?? undefined, served.token)) {
    const location = new URL(request.url);
    location.searchParams.delete(TOKEN_QUERY);
    return {
      kind: 'set-cookie',
      cookie: `${name}=${served.token}; Path=/; HttpOnly; SameSite=Strict`,
      location: `${location.pathname === '/' ? '/index.html' : location.pathname}${location.search}`,
    };
  }
  return FORBIDDEN;
}

function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function matches(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false;
  const [given, expected] = [Buffer.from(sent), Buffer.from(token)];
  return given.length === expected.length && timingSafeEqual(given, expected);
}
