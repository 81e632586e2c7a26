/**
 * A finalised engagement through the API: every method that changes the engagement is refused at
 * the contract's boundary with the 'finalised' code, and each refusal is in the audit log. The
 * methods are classified against the contract itself, so a method added later fails this test
 * until it is placed among the changes (and refused) or the methods that change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/engine/api/dispatch';
import { createHandlers } from '../../../electron/engine/api/handlers';
import type { Host } from '../../../electron/engine/api/host';
import { Session } from '../../../electron/engine/api/session';
import { loadFactorLibrary } from '../../../electron/engine/factors/service';
import { startImport, suggestedMappings } from '../../../electron/engine/import/service';
import { calculateInventory, setSite } from '../../../electron/engine/inventory/service';
import { proposeAdjustment } from '../../../electron/engine/reconcile/service';
import { drawSample, listFindings } from '../../../electron/engine/review/service';
import { API, type ApiMethod } from '../../../shared/contract';
import { findingQuerySchema } from '../../../shared/review/findings';
import { newEngagement } from '../../helpers/engagement';
import { BLANK_SITE, REVIEW_SHEET, writeReviewWorkbook } from '../../helpers/review-workbook';
import { useTempDir } from '../../helpers/temp';

/**
 * Changes to claims and targets, refused the same way (Engagement.change), need a claims file this
 * engagement does not have: each first answers that its claim or target does not exist.
 */
const NEED_CLAIMS: readonly ApiMethod[] = ['reconcile.confirmMatch', 'reconcile.confirmTarget', 'reconcile.saveMatchTemplate'];

/** Methods that only read, start nothing that changes the engagement, or concern the session itself. */
const CHANGE_NOTHING: readonly ApiMethod[] = [
  // The sample is built as a new engagement file, like engagement.create.
  'app.info', 'engagement.create', 'sample.open', 'engagement.open', 'engagement.current', 'engagement.close', 'audit.verify', 'audit.entries',
  // The recent list belongs to this machine, not to the engagement; opening a recent one is opening.
  'recent.list', 'recent.open', 'recent.remove',
  'import.chooseFile', 'import.preview', 'import.cancel', 'import.sources', 'import.rejectedRows', 'import.findings', 'mapping.list', 'boundary.sites', 'factors.sets', 'factors.list', 'tables.page', 'tables.sourceRow',
  'inventory.results', 'inventory.monthlyProfile', 'reconcile.report', 'reconcile.glance', 'reconcile.bridge', 'adjustments.list', 'inventory.trace', 'inventory.traceBreakdown', 'inventory.findings', 'review.latestCheck', 'review.rules', 'findings.list', 'findings.get', 'sampling.list', 'signoff.status',
  // Calculating keeps the stored results made from the engagement as it is (a finalised one cannot have changed since).
  'inventory.calculate',
  // Exporting writes a workbook, not the engagement; finalising and unlocking are the lock itself.
  'export.start', 'export.tableCsv', 'export.cancel', 'export.reveal', 'engagement.finalise', 'engagement.unlock',
];

describe('a finalised engagement through the API', () => {
  const tempDir = useTempDir();

  it('refuses every method that changes it, with the refusal logged', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'electricity.xlsx');
    await writeReviewWorkbook(workbook);
    const file = path.join(dir, 'test.carbonaudit');
    const prepared = newEngagement(dir, { defaultRegion: 'UK' });
    loadFactorLibrary(prepared);
    setSite(prepared, BLANK_SITE, {});
    const [mapping] = await suggestedMappings(prepared, workbook, 'activity', REVIEW_SHEET);
    await startImport(prepared, { filePath: workbook, mapping: mapping! }, () => undefined).result;
    await calculateInventory(prepared);
    const sample = await drawSample(prepared, { method: 'random', size: 2, seed: '5', stratifyBy: null, population: 'records' });
    const finding = listFindings(prepared, findingQuerySchema.parse({})).findings[0]!;
    const adjustment = proposeAdjustment(prepared, { details: { kind: 'exclude-record', recordId: 1 }, reason: 'duplicate invoice', claimIds: [] });
    prepared.close();

    const host: Host = {
      kind: 'harness', actor: 'partner', appDataDir: path.join(dir, 'app-data'),
      chooseNewEngagementPath: async () => null, chooseEngagementToOpen: async () => file, chooseImportFile: async () => workbook,
      chooseExportPath: async () => path.join(dir, 'out.xlsx'), revealFile: () => undefined, emit: () => undefined, log: () => undefined,
    };
    const session = new Session(host);
    const handlers = createHandlers(session);
    const call = (method: string, input: unknown = {}) => dispatch(handlers, method, input);
    expect(await call('engagement.open')).toMatchObject({ ok: true });
    const token = ((await call('import.chooseFile')) as { ok: true; value: { token: string } }).value.token;
    const settings = ((await call('engagement.current')) as { ok: true; value: { settings: unknown } }).value.settings;

    const CHANGES: Readonly<Partial<Record<ApiMethod, unknown>>> = {
      'engagement.updateSettings': { settings },
      'import.start': { file: token, mapping, allowDuplicate: true },
      'sources.withdraw': { sourceFileId: 1, reason: 'wrong unit' },
      'sources.reinstate': { sourceFileId: 1, reason: 'right unit after all' },
      'mapping.save': { name: 'Electricity', mapping },
      'boundary.setSite': { name: 'Leeds Office', ownershipPercent: 50, operationalControl: true, financialControl: false, isDataCentre: false, region: null },
      'factors.loadLibrary': {},
      'inventory.recalculate': {},
      'review.check': {},
      'review.setRuleParameters': { rule: 'gaps', parameters: {} },
      'findings.update': { id: finding.id, comment: 'late' },
      'sampling.draw': { method: 'random', size: 2, seed: '6' },
      'sampling.vouch': { sampleId: sample.id, drawOrder: 1, result: 'agreed' },
      'signoff.sign': { area: 'import', role: 'preparer' },
      'adjustments.propose': { details: { kind: 'exclude-record', recordId: 2 }, reason: 'duplicate invoice' },
      'adjustments.withdraw': { adjustmentId: adjustment.id, reason: 'proposed in error' },
    };
    expect(new Set([...CHANGE_NOTHING, ...NEED_CLAIMS, ...Object.keys(CHANGES)])).toEqual(new Set(Object.keys(API)));

    expect(await call('engagement.finalise')).toMatchObject({ ok: true, value: { finalised: true, actor: 'partner' } });
    const before = ((await call('audit.entries', { limit: 1000 })) as { ok: true; value: { seq: number }[] }).value.length;
    for (const [method, input] of Object.entries(CHANGES)) {
      const result = await call(method, input);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'finalised' } });
    }
    const entries = ((await call('audit.entries', { afterSeq: before, limit: 1000 })) as { ok: true; value: { operation: string; actor: string }[] }).value;
    expect(entries).toHaveLength(Object.keys(CHANGES).length);
    expect(entries.every((entry) => entry.operation === 'engagement.changeRefused' && entry.actor === 'partner')).toBe(true);
    // Calculating reuses the results stored before finalising; a dry run changes nothing and still validates the file.
    expect(await call('inventory.calculate')).toMatchObject({ ok: true });
    expect(await call('reconcile.report')).toMatchObject({ ok: true });
    expect(await call('import.start', { file: token, mapping, dryRun: true })).toMatchObject({ ok: true });
    expect(await call('audit.verify')).toMatchObject({ ok: true, value: { intact: true } });

    expect(await call('engagement.unlock', { reason: 'Invoice re-issued' })).toMatchObject({ ok: true, value: { finalised: false } });
    expect(await call('boundary.setSite', CHANGES['boundary.setSite'])).toMatchObject({ ok: true });
    session.close();
    expect(fs.existsSync(file)).toBe(true);
  });
});
