/**
 * Cover and index: what this workbook is, for which engagement and entity, on which criteria,
 * and how to tell it is the engagement's (the engagement file's SHA-256 and the audit-log head);
 * then a link to every sheet.
 */
import { whatIfCopyText } from '../../../../shared/audit-summary';
import { MONTH_NAMES } from '../../../../shared/settings';
import { formula, type Cell } from '../book/book';
import { formulaString, quoteSheet } from '../book/refs';
import type { ExportContext } from '../context';
import type { SheetModule } from './sheet-module';

export const COVER_SHEET = 'Cover';

const CONSOLIDATION: Readonly<Record<string, string>> = {
  'operational-control': 'Operational control',
  'financial-control': 'Financial control',
  'equity-share': 'Equity share',
};

function fiscalYears(context: ExportContext): string {
  const years = [...context.periods].sort((a, b) => (a.start < b.start ? -1 : 1));
  return years.length === 0 ? 'None calculated (no records)' : years.map((period) => `${period.label} (${period.start} to ${period.end})`).join('; ');
}

function facts(context: ExportContext): [string, Cell][] {
  const { facts: f } = context;
  const s = f.settings;
  const verification = f.auditVerification;
  const text = (value: string): Cell => ({ value, style: 'text' });
  return [
    ['Entity', text(s.entityName)],
    ['Engagement file', text(f.engagementFileName)],
    ...(f.whatIfCopy === null ? [] : [['Origin', text(whatIfCopyText(f.whatIfCopy))] satisfies [string, Cell]]),
    ['Engagement file SHA-256', { value: f.engagementSha256, style: 'mono' }],
    ['Fiscal years', text(fiscalYears(context))],
    ['Fiscal year convention', text(`Starts in ${MONTH_NAMES[s.fiscalYearStartMonth - 1]}; labelled by the year it ${s.fiscalYearLabelRule === 'end-year' ? 'ends' : 'starts'} in`)],
    ['Base year', text(s.baseYear ?? 'Not set')],
    ['Criteria', text('GHG Protocol Corporate Standard; Scope 2 Guidance (location-based and market-based)')],
    ['Consolidation approach', text(CONSOLIDATION[s.consolidationApproach] ?? s.consolidationApproach)],
    ['GWP basis', text(`IPCC ${s.gwpBasis}, 100-year`)],
    ['Level of assurance', text(s.assuranceLevel === 'reasonable' ? 'Reasonable' : 'Limited')],
    ['Materiality', text(`${s.materialityPercent}% of total reported emissions; performance materiality ${s.performanceMaterialityPercent}%; clearly trivial ${s.clearlyTrivialPercent}%`)],
    ['Factor sets (frozen versions)', text(f.factorSets.length === 0 ? 'None' : f.factorSets.map((set) => `${set.setKey} ${set.edition} (${set.publisher})`).join('; '))],
    ['Recalculation detail', text(f.detailMode === 'full' ? 'Full: one row per calculation line' : 'Summary: one row per group of lines sharing their factor and share')],
    ['Audit log', text(`${f.auditEntries} entries; ${verification.intact ? 'hash chain verified intact at export' : `HASH CHAIN BROKEN at entry ${verification.brokenAt}: ${verification.reason}`}`)],
    ['Audit-log head hash', { value: f.auditHeadHash, style: 'mono' }],
    ['Exported at (UTC)', { value: f.exportedAt, style: 'dateTimeLeft' }],
    ['Exported by', text(f.exportedBy)],
    ['App version', text(`Carbon Audit ${f.appVersion}`)],
  ];
}

export const coverSheet: SheetModule = {
  tabs: () => [{ name: COVER_SHEET, description: 'This page: the engagement, the criteria, and how to verify the workbook' }],

  async write(book, context) {
    const sheet = await book.sheet(COVER_SHEET, { frozenRows: 0, widths: [32, 100] });
    await sheet.row([{ value: 'Carbon Audit — audited greenhouse-gas workbook', style: 'title' }]);
    await sheet.row([{ value: context.facts.settings.entityName, style: 'section' }]);
    await sheet.row([{ value: 'Every figure on the Lead schedule is a formula over the sheets behind it: recalculate (Ctrl+Alt+F9 in Excel) to re-perform them.', style: 'subtitle' }]);
    await sheet.gap();
    for (const [label, value] of facts(context)) await sheet.row([{ value: label, style: 'label' }, value]);
    await sheet.gap();
    await sheet.row([{ value: 'Contents', style: 'section' }]);
    for (const tab of context.contents) {
      const link = formula(`HYPERLINK(${formulaString(`#${quoteSheet(tab.name)}!A1`)},${formulaString(tab.name)})`, tab.name);
      await sheet.row([{ value: link, style: 'link' }, { value: tab.description, style: 'text' }]);
    }
    await sheet.commit();
  },
};
