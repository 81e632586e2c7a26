/** The test harness answers only this run's tests: its own Host, its secret, bounded bodies, 400 for bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_API_BODY_BYTES, SECRET_HEADER, startHarness, type Harness } from '../harness/server';
import { sendRaw, type RawRequest } from '../helpers/http';

/** A raw request carrying the harness's secret unless the test overrides it. */
async function send(harness: Harness, options: RawRequest): Promise<{ status: number; body: string }> {
  const { status, body } = await sendRaw(harness.url, { ...options, headers: { ...harness.headers, ...options.headers } });
  return { status, body };
}

describe('the test harness', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('serves the app and the API to a request with its Host and this run’s secret', async () => {
    expect(await send(harness, { path: '/index.html' })).toMatchObject({ status: 200, body: expect.stringContaining('<div id="root">') });
    const info = await send(harness, { method: 'POST', path: '/api/app.info', body: '{}' });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { host: 'harness' } });
  });

  it('refuses another Host (a DNS-rebound name, localhost) with 403', async () => {
    const { port } = new URL(harness.url);
    for (const host of ['evil.example', `evil.example:${port}`, `localhost:${port}`]) {
      expect(await send(harness, { path: '/index.html', headers: { Host: host } }), host).toEqual({ status: 403, body: 'Forbidden' });
      expect((await send(harness, { method: 'POST', path: '/api/app.info', headers: { Host: host }, body: '{}' })).status).toBe(403);
    }
  });

  it('refuses a missing or wrong secret with 403, for pages, calls, events and drops alike', async () => {
    const wrong = { [SECRET_HEADER]: 'a'.repeat(harness.headers[SECRET_HEADER]!.length) };
    const wider = { [SECRET_HEADER]: 'é'.repeat(harness.headers[SECRET_HEADER]!.length) };
    for (const headers of [{ [SECRET_HEADER]: '' }, wrong, { [SECRET_HEADER]: 'short' }, wider]) {
      expect(await send(harness, { path: '/index.html', headers })).toEqual({ status: 403, body: 'Forbidden' });
      expect((await send(harness, { method: 'POST', path: '/api/engagement.current', headers, body: '{}' })).status).toBe(403);
      expect((await send(harness, { path: '/events', headers })).status).toBe(403);
      expect((await send(harness, { method: 'POST', path: '/drop?name=a.csv', headers, body: 'a,b\n' })).status).toBe(403);
    }
  });

  it('refuses an oversize body with 413, counted whether or not its length is declared, and keeps serving', async () => {
    const oversize = Buffer.alloc(MAX_API_BODY_BYTES + 1, 0x20);
    expect(await send(harness, { method: 'POST', path: '/api/app.info', body: oversize })).toEqual({ status: 413, body: `Request body over ${MAX_API_BODY_BYTES} bytes` });
    expect((await send(harness, { method: 'POST', path: '/api/app.info', body: oversize, chunked: true })).status).toBe(413);
    expect((await send(harness, { method: 'POST', path: '/api/app.info', body: '{}' })).status).toBe(200);
  });

  it('answers bad JSON, malformed escapes and a nameless drop with 400 instead of crashing', async () => {
    expect(await send(harness, { method: 'POST', path: '/api/app.info', body: '{"oops"' })).toEqual({ status: 400, body: 'Request body is not JSON' });
    expect(await send(harness, { method: 'POST', path: '/api/%E0%A4%A', body: '{}' })).toEqual({ status: 400, body: 'Malformed % escape in the method name' });
    expect(await send(harness, { path: '/%E0%A4%A.js' })).toEqual({ status: 400, body: 'Bad request' });
    expect(await send(harness, { method: 'POST', path: '/drop?name=..', body: 'a,b\n' })).toEqual({ status: 400, body: 'A dropped file needs a name' });
    expect((await send(harness, { path: '/assets' })).status).toBe(404);
    expect((await send(harness, { path: '/index.html' })).status).toBe(200);
  });

  it('checks a drop as the app does: a non-spreadsheet extension is refused', async () => {
    const answer = await send(harness, { method: 'POST', path: '/drop?name=notes.pdf', body: '%PDF-1.7' });
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'refused', message: 'notes.pdf is not a spreadsheet: drop a .xlsx, .xlsm, .csv, .txt file' } });
  });
});
