import fs from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './trust';

/**
 * What the app:// handler does with a request: serve one file of the built renderer, or refuse.
 * Kept free of Electron imports so every edge is unit-tested without the Electron binary.
 */
export type AppRequestDecision =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'refuse'; readonly status: 400 | 404 | 405; readonly message: string };

const NOT_FOUND = { kind: 'refuse', status: 404, message: 'Not found' } as const;
const BAD_REQUEST = { kind: 'refuse', status: 400, message: 'Bad request' } as const;

export function decideAppRequest(requestUrl: string, method: string, rendererRoot: string): AppRequestDecision {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refuse', status: 405, message: 'Method not allowed' };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return BAD_REQUEST;
  }
  // Only our own origin is served: any other host, a port or credentials get nothing.
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return NOT_FOUND;
  return resolveRendererFile(url.pathname, rendererRoot);
}

/**
 * The file of the built renderer a URL path names (still %-encoded), or why not: a malformed
 * escape is a bad request; a path outside the renderer, a directory or a missing file is not found.
 * The test harness serves the renderer through this too.
 */
export function resolveRendererFile(encodedPathname: string, rendererRoot: string): AppRequestDecision {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return BAD_REQUEST;
  }
  if (pathname.includes('\0')) return BAD_REQUEST;
  const root = path.resolve(rendererRoot);
  const target = path.resolve(root, `.${pathname}`);
  if (!target.startsWith(root + path.sep)) return NOT_FOUND;
  try {
    if (!fs.statSync(target).isFile()) return NOT_FOUND; // directories are not listed or served
  } catch {
    return NOT_FOUND;
  }
  return { kind: 'file', path: target };
}
