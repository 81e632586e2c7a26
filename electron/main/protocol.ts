import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { decideAppRequest } from './protocol-request';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer's files with the CSP header; what decideAppRequest refuses gets its status. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const decision = decideAppRequest(request.url, request.method, rendererDir);
    if (decision.kind === 'refuse') return new Response(decision.message, { status: decision.status, headers: withSecurityHeaders() });
    const response = await net.fetch(pathToFileURL(decision.path).toString());
    return new Response(response.body, { status: response.status, headers: withSecurityHeaders(response.headers) });
  });
}

function withSecurityHeaders(from?: Headers): Headers {
  const headers = new Headers(from);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return headers;
}
