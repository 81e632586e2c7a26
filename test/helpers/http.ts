import http from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string | undefined>;
  readonly body?: Buffer | string;
  /** Sent without Content-Length, so the server must count the bytes as they arrive. */
  readonly chunked?: boolean;
  /** The address to connect to (default the server's own, 127.0.0.1). */
  readonly connectTo?: string;
}

/** A raw HTTP request to a local server, so the test controls the Host header (fetch does not let it). */
export function sendRaw(origin: string, options: RawRequest): Promise<RawAnswer> {
  const { port, host } = new URL(origin);
  const headers = Object.fromEntries(Object.entries({ Host: host, ...options.headers }).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return new Promise((resolve, reject) => {
    const request = http.request({ host: options.connectTo ?? '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
    });
    request.on('error', reject);
    if (options.body !== undefined && options.chunked) {
      const body = Buffer.from(options.body);
      for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.subarray(offset, offset + 64 * 1024));
      request.end();
    } else {
      request.end(options.body);
    }
  });
}
