/**
 * The review through the CLI: the check after import and on demand, findings worked from open to
 * explained with a comment, samples drawn twice with one seed, sign-off with the audit-log head and
 * "modified since", and a finalised engagement that refuses every change (each refusal logged).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { BLANK_SITE, reviewWorkbookPlan, writeReviewWorkbook } from '../../helpers/review-workbook';
import { useTempDir } from '../../helpers/temp';
import fs from 'node:fs';

describe('carbon-audit check, findings, sample, signoff, finalise', () => {
  const tempDir = useTempDir();
  let workbook: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-cli-review-'));
    workbook = path.join(dir, 'electricity.xlsx');
    await writeReviewWorkbook(workbook, reviewWorkbookPlan());
  });

  async function engagement(): Promise<string> {
    const file = path.join(tempDir(), 'e.carbonaudit');
    expect((await cli('--actor', 'preparer', 'init', file, '--entity', 'Example Group', '--fy-start', '4', '--region', 'UK')).code).toBe(0);
    expect((await cli('factors', 'load-library', file)).code).toBe(0);
    for (const site of ['Leeds Office', BLANK_SITE]) expect((await cli('site', file, site, '--ownership', '100')).code).toBe(0);
    const imported = await cli('--actor', 'preparer', 'import', file, workbook);
    expect(imported.code).toBe(0);
    // The check runs after the import, and its summary is printed with it.
    expect(imported.out).toMatch(/Check #1 \(import\) over FY2022, FY2023/);
    // Nine about the workbook, and one about the shipped DESNZ 2020 factors: CO2e on AR4 GWPs in an AR5 engagement.
    expect(imported.out).toContain('10 current findings: 10 new');
    expect(imported.out).toMatch(/Electricity C\d+ \(Electricity \(kWh\)\): stated [\d,.]+, imported [\d,.]+, agrees/);
    return file;
  }

  it('lists findings by status as JSON, works one from open to explained, and keeps that through a rerun', async () => {
    const file = await engagement();
    const open = JSON.parse((await cli('findings', file, '--status', 'open', '--json')).out);
    expect(open.total).toBe(10);
    const gap = open.findings.find((finding: { rule: string }) => finding.rule === 'gaps');
    expect(gap).toMatchObject({ site: BLANK_SITE, figures: { kind: 'blank-in-source' } });

    const refused = await cli('finding', file, String(gap.id), '--status', 'explained');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('needs a comment');
    const explained = await cli('--actor', 'preparer', 'finding', file, String(gap.id), '--status', 'explained', '--comment', 'Meter replaced; readings estimated by the supplier');
    expect(explained.code).toBe(0);
    expect(explained.out).toContain('Explained');
    expect(explained.out).toMatch(/preparer: status open → explained: Meter replaced/);
    // The finding opens to its source row, as read.
    expect(explained.out).toMatch(/electricity\.xlsx › Electricity row \d+: A=York Depot \| B=2022-0[67]-01 \| C=\(blank\) \| D=Meter not read/);

    const rerun = JSON.parse((await cli('check', file, '--json')).out);
    expect(rerun).toMatchObject({ added: 0, reopened: 0, resolved: 0, current: 10 });
    expect(JSON.parse((await cli('findings', file, '--status', 'explained', '--json')).out).findings.map((finding: { id: number }) => finding.id)).toEqual([gap.id]);
    expect((await cli('check', file, '--rule', 'no-such-rule')).err).toContain("No rule named 'no-such-rule'");
  });

  it("says in findings --help that the check summary's 'calculation' filters as --rule or --source", async () => {
    const help = await cli('findings', '--help');
    expect(help.code).toBe(0);
    expect(help.out.replace(/\s+/g, ' ')).toContain("'calculation' is every calculation finding, as --source calculation");
  });

  it('draws the same sample with the same seed and a different one with another, and records vouching', async () => {
    const file = await engagement();
    const draw = async (seed: string, method = 'random') => JSON.parse((await cli('sample', file, '--method', method, '--size', '5', '--seed', seed, '--json')).out);
    const first = await draw('42');
    const again = await draw('42');
    const other = await draw('43');
    const keys = (sample: { items: { key: string }[] }) => sample.items.map((item) => item.key);
    expect(keys(first)).toHaveLength(5);
    expect(keys(again)).toEqual(keys(first));
    expect(again.populationSha256).toBe(first.populationSha256);
    expect(keys(other)).not.toEqual(keys(first));
    const mus = await draw('42', 'mus');
    expect(mus.strata[0].intervalTco2e).toBeGreaterThan(0);

    const vouched = await cli('vouch', file, String(first.id), '1', '--result', 'difference', '--comment', 'Invoice shows 10% less', '--finding');
    expect(vouched.code).toBe(0);
    expect(vouched.out).toMatch(/difference: Invoice shows 10% less \(finding \d+\)/);
    const sampling = JSON.parse((await cli('findings', file, '--source', 'sampling', '--json')).out);
    expect(sampling.findings).toHaveLength(1);
    expect(sampling.findings[0].recordCount).toBe(1);
  });

  it('signs off with the audit-log head and entry count, marks a later change, and wants a different reviewer', async () => {
    const file = await engagement();
    const signed = await cli('--actor', 'preparer', 'signoff', file, '--area', 'import', '--role', 'preparer');
    expect(signed.code).toBe(0);
    const head = /Audit log at entry (\d+), head ([0-9a-f]{64})/.exec(signed.out);
    expect(head).not.toBeNull();
    const info = JSON.parse((await cli('info', file, '--json')).out);
    expect(Number(head![1])).toBe(info.auditEntries - 1);

    expect((await cli('--actor', 'preparer', 'signoff', file, '--area', 'import', '--role', 'reviewer')).err).toContain('the reviewer must be someone else');
    const findings = JSON.parse((await cli('findings', file, '--json')).out).findings;
    await cli('--actor', 'preparer', 'finding', file, String(findings[0].id), '--comment', 'looked at the meter photos');
    const status = await cli('signoffs', file);
    expect(status.out).toMatch(/Import and source data \(import\): modified/);
    expect(status.out).toMatch(/modified since sign-off: #\d+ finding\.update by preparer/);
    // Inventory was not touched by a finding comment.
    expect(status.out).toContain('Inventory and boundary (inventory): not-signed');
    expect((await cli('--actor', 'reviewer', 'signoff', file, '--area', 'import', '--role', 'reviewer')).err).toContain('the preparer signs it off again first');
    await cli('--actor', 'preparer', 'signoff', file, '--area', 'import', '--role', 'preparer');
    expect((await cli('--actor', 'reviewer', 'signoff', file, '--area', 'import', '--role', 'reviewer')).code).toBe(0);
    expect((await cli('signoffs', file)).out).toContain('Import and source data (import): reviewed');
  });

  it('refuses every change to a finalised engagement, logs each refusal, and unlocks only with a reason', async () => {
    const file = await engagement();
    const out = path.join(path.dirname(file), 'out');
    fs.mkdirSync(out);
    const finding = JSON.parse((await cli('findings', file, '--json')).out).findings[0].id;
    // The first calculation freezes the factor versions; a finalised engagement could not.
    expect((await cli('calculate', file)).code).toBe(0);
    const finalised = await cli('finalise', file);
    expect(finalised.code).toBe(0);
    expect(finalised.out).toMatch(/Audit log at entry \d+, head [0-9a-f]{64}/);
    const before = JSON.parse((await cli('info', file, '--json')).out).auditEntries;

    const changes: string[][] = [
      ['import', file, workbook, '--allow-duplicate'],
      ['site', file, 'Leeds Office', '--ownership', '50'],
      ['factors', 'load-library', file],
      ['recalculate', file],
      ['check', file],
      ['rules', file, '--set', 'gaps.withinSeriesOnly=true'],
      ['finding', file, String(finding), '--comment', 'late comment'],
      ['sample', file, '--method', 'random', '--size', '2', '--seed', '1'],
      ['signoff', file, '--area', 'export', '--role', 'preparer'],
      ['finalise', file],
    ];
    for (const args of changes) {
      const refused = await cli(...args);
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.err, args.join(' ')).toMatch(/finalised/);
    }
    // Reading still works, and so does the export of the finalised engagement.
    expect((await cli('findings', file)).code).toBe(0);
    expect((await cli('export', file, path.join(out, 'final.xlsx'))).code).toBe(0);

    const log = (await cli('log', file, '--json')).out.trim().split('\n').map((line) => JSON.parse(line) as { seq: number; operation: string; params: { operation?: string } });
    const refusals = log.filter((entry) => entry.seq > before && entry.operation === 'engagement.changeRefused').map((entry) => entry.params.operation);
    expect(refusals).toEqual(['import', 'site.set', 'factors.loadLibrary', 'recalculate', 'review.check', 'review.setRuleParameters', 'finding.update', 'sample.draw', 'signoff']);
    expect((await cli('verify', file)).code).toBe(0);

    expect((await cli('unlock', file)).code).toBe(2);
    const unlocked = await cli('--actor', 'partner', 'unlock', file, '--reason', 'Supplier re-issued the March invoice');
    expect(unlocked.out).toContain('Unlocked by partner');
    expect((await cli('site', file, 'Leeds Office', '--ownership', '50')).code).toBe(0);
    expect((await cli('signoffs', file)).out).toContain('Last unlocked by partner');
  });
});
