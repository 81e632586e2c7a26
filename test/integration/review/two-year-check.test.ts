/**
 * The Done-when engagement: a two-year workbook with three blank months for one site, six
 * quantities typed as text and a totals row. The check finds exactly those three gaps (blank in
 * the source), flags exactly the six text numbers, ties the totals row to the imported sum, and
 * raises nothing else. Imported through the import service, so the check runs after the import.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { loadFactorLibrary } from '../../../electron/engine/factors/service';
import { startImport, suggestedMappings } from '../../../electron/engine/import/service';
import { setSite } from '../../../electron/engine/inventory/service';
import { checkEngagement, listFindings } from '../../../electron/engine/review/service';
import { findingQuerySchema, type FindingQueryInput } from '../../../shared/review/findings';
import { newEngagement } from '../../helpers/engagement';
import { BLANK_MONTHS, BLANK_SITE, REVIEW_SHEET, reviewWorkbookPlan, writeReviewWorkbook, type ReviewWorkbookPlan } from '../../helpers/review-workbook';
import { useTempDir } from '../../helpers/temp';

async function engagementFrom(dir: string, options: { excelSum?: boolean } = {}): Promise<{ engagement: Engagement; plan: ReviewWorkbookPlan }> {
  const workbook = path.join(dir, 'electricity.xlsx');
  const plan = await writeReviewWorkbook(workbook, reviewWorkbookPlan(options), options);
  const engagement = newEngagement(dir, { defaultRegion: 'UK' });
  loadFactorLibrary(engagement);
  setSite(engagement, 'Leeds Office', {});
  setSite(engagement, BLANK_SITE, {});
  const [mapping] = await suggestedMappings(engagement, workbook, 'activity', REVIEW_SHEET);
  const outcome = await startImport(engagement, { filePath: workbook, mapping: mapping! }, () => undefined).result;
  expect(outcome.checkError).toBeUndefined();
  expect(outcome.check?.trigger).toBe('import');
  return { engagement, plan };
}

const findings = (engagement: Engagement, query: FindingQueryInput = {}) => listFindings(engagement, findingQuerySchema.parse({ limit: 1000, ...query })).findings;

describe('the check on a two-year engagement with blank months, text numbers and a totals row', () => {
  const tempDir = useTempDir();

  it('finds exactly the three blank months, flags the six text numbers, ties the totals row, and nothing else', async () => {
    const { engagement, plan } = await engagementFrom(tempDir());
    const gaps = findings(engagement, { rule: 'gaps' });
    expect(gaps.map((finding) => [finding.site, finding.period, finding.figures.kind])).toEqual(BLANK_MONTHS.map((month) => [BLANK_SITE, month, 'blank-in-source']));
    for (const gap of gaps) {
      expect(gap.rowCount).toBe(1);
      expect(gap.tco2eAtStake).toBeGreaterThan(0);
      expect(gap.atStakeEstimated).toBe(true);
    }

    const textReadings = plan.readings.filter((reading) => reading.asText);
    const cells = findings(engagement, { rule: 'cells-to-vouch' });
    expect(cells.map((finding) => finding.figures.cell).sort()).toEqual(textReadings.map((reading) => `C${reading.rowNumber}`).sort());
    expect(cells.every((finding) => finding.figures.form === 'text-number' && finding.recordCount === 1)).toBe(true);

    const check = await checkEngagement(engagement, { trigger: 'on-demand' });
    expect(check.totalsRows).toEqual([
      expect.objectContaining({ sheet: REVIEW_SHEET, rowNumber: plan.totalRow, stated: plan.importedSum, imported: plan.importedSum, difference: 0, agrees: true }),
    ]);
    expect(check.periods).toEqual(['FY2022', 'FY2023']);
    expect(check.calculated).toBe(true);
    // Nothing else but the factor set's basis: the shipped DESNZ 2020 factors publish CO2e on AR4
    // GWPs and the engagement reports on AR5. No other rule and no calculation finding fires.
    expect(findings(engagement).map((finding) => finding.rule).sort()).toEqual([...Array(6).fill('cells-to-vouch'), ...Array(3).fill('gaps'), 'gwp-basis']);
    expect(findings(engagement, { rule: 'gwp-basis' })).toMatchObject([{ figures: { factorSet: 'desnz-2020', factorBasis: 'AR4', engagementBasis: 'AR5' } }]);
    // The rerun found the same things: nothing new, nothing reopened or resolved.
    expect(check).toMatchObject({ added: 0, reopened: 0, resolved: 0, current: 10 });
    engagement.close();
  });

  it('shows the difference when the totals row is Excel’s own SUM, which leaves the text numbers out', async () => {
    const { engagement, plan } = await engagementFrom(tempDir(), { excelSum: true });
    const [total] = findings(engagement, { rule: 'totals-rows' });
    const textSum = plan.readings.filter((reading) => reading.asText).reduce((sum, reading) => sum + reading.kwh!, 0);
    expect(total).toMatchObject({ severity: 'high', figures: { stated: plan.stated, imported: plan.importedSum, difference: -textSum } });
    expect(total!.rowCount).toBe(1);
    engagement.close();
  });
});
