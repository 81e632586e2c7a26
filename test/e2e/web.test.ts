/**
 * Browser mode (`carbon-audit serve`): the real server, as a user starts it, refuses every request
 * that is not this run's own, and a Chromium session that came in through the printed address
 * creates an engagement, imports a workbook by upload and downloads the exported workbook.
 */
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_API_BODY_BYTES, TOKEN_HEADER } from '../../electron/web/server';
import { serveEngagements, type Served } from '../../electron/web/serve';
import { OFFICES_SHEET, writeCompanyWorkbook } from '../helpers/company-workbook';
import { sendRaw } from '../helpers/http';
import { collectPageErrors, launchBrowser, screenshot } from './browser';
import { finishImportWizard, textOf } from './session';

describe('browser mode', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-e2e-web-'));
    fs.mkdirSync(path.join(dir, 'engagements'));
    served = await serveEngagements(path.join(dir, 'engagements'), 'web-tester', path.join(dir, 'app-data'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const withToken = () => ({ [TOKEN_HEADER]: served.token });

  it('listens on 127.0.0.1 only: another interface of this machine is not even connected', async () => {
    expect(served.origin).toBe(`http://127.0.0.1:${served.port}`);
    const external = Object.values(os.networkInterfaces()).flat().filter((address) => address && !address.internal && address.family === 'IPv4');
    for (const address of external) {
      await expect(sendRaw(served.origin, { path: '/index.html', headers: withToken(), connectTo: address!.address })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }
    expect((await sendRaw(served.origin, { path: '/index.html', headers: withToken() })).status).toBe(200);
  });

  it('refuses a request without the token or with a wrong one: pages, calls, events, uploads', async () => {
    for (const headers of [{}, { [TOKEN_HEADER]: 'f'.repeat(64) }, { [TOKEN_HEADER]: served.token.slice(1) }, { Cookie: `carbon-audit-token-${served.port}=wrong` }]) {
      expect(await sendRaw(served.origin, { path: '/index.html', headers })).toMatchObject({ status: 403, body: 'Forbidden' });
      expect((await sendRaw(served.origin, { path: `/index.html?token=${'0'.repeat(64)}`, headers })).status).toBe(403);
      expect((await sendRaw(served.origin, { method: 'POST', path: '/api/engagement.current', headers, body: '{}' })).status).toBe(403);
      expect((await sendRaw(served.origin, { path: '/events', headers })).status).toBe(403);
      expect((await sendRaw(served.origin, { method: 'POST', path: '/drop?name=a.csv', headers, body: 'a,b\n' })).status).toBe(403);
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin, and grants no CORS', async () => {
    for (const host of ['evil.example', `evil.example:${served.port}`, `localhost:${served.port}`]) {
      expect(await sendRaw(served.origin, { path: '/index.html', headers: { ...withToken(), Host: host } })).toMatchObject({ status: 403, body: 'Forbidden' });
    }
    const crossSite = await sendRaw(served.origin, { method: 'POST', path: '/api/app.info', headers: { ...withToken(), Origin: 'http://evil.example' }, body: '{}' });
    expect(crossSite.status).toBe(403);
    const preflight = await sendRaw(served.origin, { method: 'OPTIONS', path: '/api/app.info', headers: { ...withToken(), Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(405);
    const info = await sendRaw(served.origin, { method: 'POST', path: '/api/app.info', headers: withToken(), body: '{}' });
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { host: 'browser' } });
    expect(Object.keys(info.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses an oversize body with 413 and keeps serving', async () => {
    const oversize = Buffer.alloc(MAX_API_BODY_BYTES + 1, 0x20);
    expect(await sendRaw(served.origin, { method: 'POST', path: '/api/app.info', headers: withToken(), body: oversize })).toMatchObject({ status: 413, body: `Request body over ${MAX_API_BODY_BYTES} bytes` });
    expect((await sendRaw(served.origin, { method: 'POST', path: '/api/app.info', headers: withToken(), body: oversize, chunked: true })).status).toBe(413);
    expect((await sendRaw(served.origin, { method: 'POST', path: '/api/app.info', headers: withToken(), body: '{}' })).status).toBe(200);
  });

  it('serves the app with the same Content-Security-Policy as the desktop app', async () => {
    const page = await sendRaw(served.origin, { path: '/index.html', headers: withToken() });
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).toContain('<script src="/web-bridge.js" data-dialogs="browser"></script>');
  });

  it('is what `carbon-audit serve` starts: it prints the address, lets it in once by cookie, and stops on Ctrl+C', async () => {
    const cli = path.resolve(__dirname, '..', '..', 'out', 'node', 'cli.js');
    const child = spawn(process.execPath, [cli, 'serve', served.folder, '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => printed, { timeout: 30_000 }).toContain('Press Ctrl+C to stop.');
    const address = new URL(/http:\/\/127\.0\.0\.1:\d+\/index\.html\?token=[0-9a-f]{64}/.exec(printed)![0]);
    expect(printed).toContain(`Engagements are created, opened and exported in: ${served.folder}`);

    const first = await sendRaw(address.origin, { path: `${address.pathname}${address.search}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/index.html');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toBe(`carbon-audit-token-${address.port}=${address.searchParams.get('token')}`);
    expect((await sendRaw(address.origin, { path: '/index.html', headers: { Cookie: cookie } })).status).toBe(200);
    expect((await sendRaw(address.origin, { path: '/index.html' })).status).toBe(403);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('lets the printed address in once, then works by upload and download in Chromium', async () => {
    const workbook = path.join(dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const errors = collectPageErrors(page);
    await page.goto(served.url);
    // The token leaves the address bar; the cookie carries it from now on.
    expect(page.url()).toBe(`${served.origin}/index.html`);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: `carbon-audit-token-${served.port}`, httpOnly: true, sameSite: 'Strict' });

    await page.getByLabel('Reporting entity').fill('Example Group plc');
    await page.getByRole('button', { name: 'Create engagement file…' }).click();
    await page.getByTestId('engagement-settings').waitFor();
    expect(fs.readdirSync(served.folder)).toContain('Example Group plc.carbonaudit');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(workbook);
    await finishImportWizard(page, workbook, OFFICES_SHEET);

    await page.getByRole('button', { name: 'Factor library', exact: true }).click();
    await page.getByRole('button', { name: 'Load default library' }).click();
    await page.locator('table[aria-label="Factor sets"] tr[data-set="desnz-2020"]').waitFor();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('button', { name: 'Export workbook…' }).click();
    await page.getByRole('region', { name: 'Export finished' }).waitFor();
    await screenshot(page, 'web-export-finished');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download workbook' }).click();
    const saved = path.join(dir, 'downloaded.xlsx');
    await (await download).saveAs(saved);

    const exported = fs.readdirSync(served.folder).find((name) => name.endsWith('.xlsx'));
    expect(exported).toBeDefined();
    expect((await download).suggestedFilename()).toBe(exported);
    expect(fs.readFileSync(saved).equals(fs.readFileSync(path.join(served.folder, exported!)))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    expect(book.worksheets.map((sheet) => sheet.name)).toContain('Lead schedule');
    expect(book.getWorksheet('Source files')?.getSheetValues().flat().map(String)).toContain('company.xlsx');
    await expect(textOf(page.getByRole('region', { name: 'Export finished' }))).resolves.toContain(exported!);

    // Opening is an upload too: the engagement is copied into the served folder, never over a file there.
    await page.getByRole('button', { name: 'Close engagement' }).click();
    const engagementChooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open engagement file…' }).click();
    await (await engagementChooser).setFiles(path.join(served.folder, 'Example Group plc.carbonaudit'));
    await page.getByTestId('engagement-settings').waitFor();
    await expect(textOf(page.locator('body'))).resolves.toContain('Example Group plc (2).carbonaudit');
    expect(errors).toEqual([]);
  });
});
