/**
 * Each data-quality rule on a small constructed engagement: one case where it must fire, and one
 * close to it where it must not. The data is built here, the expected findings written by hand.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityMeaning } from '../../../../shared/activities';
import { RULES, ruleByName, ruleParameters, runRules, type ReviewData, type ReviewRecord } from '../../../../shared/review/rules';
import { engagementPeriods } from '../../../../shared/review/rules/series';
import type { BlankReading, FlaggedCell, TotalsRow } from '../../../../shared/review/rules/types';

const FISCAL = { startMonth: 4, labelRule: 'end-year' } as const;

let nextId = 1;
function record(overrides: Partial<ReviewRecord> & { month?: string } = {}): ReviewRecord {
  const { month = '2022-04', ...rest } = overrides;
  const id = nextId++;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return {
    id, sourceFileId: 1, rawRowId: 1000 + id, site: 'London', periodStart: `${month}-01`, periodEnd: `${month}-${String(lastDay).padStart(2, '0')}`,
    activity: 'electricity', meaning: 'consumption', quantity: 1000, unit: 'kWh', unitBasis: null, tco2e: 0.2, ...rest,
  };
}

/** Every month of FY2022 and FY2023 (April 2021 to March 2023). */
const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const index = 2021 * 12 + 3 + i;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
});

/** Two years of steady monthly electricity for one site, with a gentle seasonal swing. */
function steadySeries(overrides: Partial<ReviewRecord> = {}, months = MONTHS): ReviewRecord[] {
  return months.map((month, i) => record({ month, quantity: 1000 + 40 * (i % 6), ...overrides }));
}

function data(overrides: Partial<ReviewData>): ReviewData {
  return {
    records: [], blanks: [], flaggedCells: [], totalsRows: [], boundarySites: new Set(['London', 'Leeds']), sitesOutsideBoundary: new Set(), factorActivities: new Set(['electricity', 'natural_gas']),
    factorUses: [], gwpBasis: 'AR5', fiscal: FISCAL, ...overrides,
  };
}

function run(name: string, input: ReviewData, overrides: Record<string, unknown> = {}) {
  const rule = ruleByName(name)!;
  const parameters = ruleParameters(rule, overrides);
  if (!parameters.ok) throw new Error(parameters.reason);
  return rule.run(input, parameters.value, { periods: engagementPeriods(input.records, input.fiscal) });
}

function defaults(rule: (typeof RULES)[number]) {
  const parameters = ruleParameters(rule, {});
  if (!parameters.ok) throw new Error(parameters.reason);
  return parameters.value;
}

function blank(month: string, overrides: Partial<BlankReading> = {}): BlankReading {
  return { sourceFileId: 1, rawRowId: 5000 + Number(month.replace('-', '')), sheet: 'Energy', rowNumber: 9, column: 2, site: 'London', periodStart: `${month}-01`, periodEnd: `${month}-28`, activity: 'electricity', meaning: 'consumption', ...overrides };
}

describe('the rule registry', () => {
  it('names every rule once, each with a title, a doc line and parameters that all have defaults', () => {
    expect(new Set(RULES.map((rule) => rule.name)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.doc.length).toBeGreaterThan(20);
      expect(ruleParameters(rule, {}).ok).toBe(true);
      for (const [name, schema] of Object.entries(rule.parameters.shape)) expect((schema as { description?: string }).description, `${rule.name}.${name}`).toBeTruthy();
    }
  });

  it('refuses a parameter a rule does not have, or a value that does not fit', () => {
    expect(ruleParameters(ruleByName('gaps')!, { months: 3 })).toMatchObject({ ok: false });
    expect(ruleParameters(ruleByName('outliers-year-on-year')!, { thresholdPercent: -5 })).toMatchObject({ ok: false, reason: expect.stringContaining('thresholdPercent') });
  });

  it('runs only the rules asked for', () => {
    const records = steadySeries();
    const runs = runRules(data({ records: [...records, { ...records[0]!, id: 999 }] }), defaults, ['duplicates']);
    expect(runs.map((entry) => entry.rule.name)).toEqual(['duplicates']);
    expect(runs[0]!.findings).toHaveLength(1);
  });
});

describe('the engagement’s fiscal years', () => {
  it('are the years some series covers for at least half the months; a stray record makes none', () => {
    const records = [...steadySeries(), record({ month: '2019-06' })];
    expect(engagementPeriods(records, FISCAL).map((period) => period.label)).toEqual(['FY2022', 'FY2023']);
  });
});

describe('duplicates', () => {
  it('fires on the same reading imported twice, across files, with the copy’s tCO2e at stake', () => {
    const original = record({ month: '2022-05', quantity: 1234.5, tco2e: 0.25 });
    const copy = { ...original, id: 500, sourceFileId: 2, rawRowId: 7000 };
    const findings = run('duplicates', data({ records: [original, copy, record({ month: '2022-06' })] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ recordIds: [original.id, 500], rawRowIds: [original.rawRowId, 7000], tco2eAtStake: 0.25, figures: { copies: 2, files: 2 } });
    expect(findings[0]!.message).toContain('across 2 files');
  });

  it('does not fire on the same quantity in two different months, or a different activity in the same month', () => {
    const findings = run('duplicates', data({ records: [record({ month: '2022-05' }), record({ month: '2022-06' }), record({ month: '2022-05', activity: 'natural_gas' })] }));
    expect(findings).toEqual([]);
  });

  it('with acrossFilesOnly, leaves copies within one file out', () => {
    const original = record({ month: '2022-05' });
    expect(run('duplicates', data({ records: [original, { ...original, id: 501 }] }), { acrossFilesOnly: true })).toEqual([]);
  });
});

describe('near-duplicates', () => {
  it('fires on two different readings for the same site, period and activity, listed apart from exact ones', () => {
    const first = record({ month: '2022-05', quantity: 1000 });
    const second = record({ month: '2022-05', quantity: 1010 });
    const findings = run('near-duplicates', data({ records: [first, second] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ recordIds: [first.id, second.id], figures: { lowest: 1000, highest: 1010, differencePercent: 0.99 } });
    expect(run('duplicates', data({ records: [first, second] }))).toEqual([]);
  });

  it('does not fire on two sites’ readings for the same month, nor beyond maxDifferencePercent', () => {
    expect(run('near-duplicates', data({ records: [record({ month: '2022-05' }), record({ month: '2022-05', site: 'Leeds', quantity: 5 })] }))).toEqual([]);
    expect(run('near-duplicates', data({ records: [record({ month: '2022-05', quantity: 1000 }), record({ month: '2022-05', quantity: 2000 })] }), { maxDifferencePercent: 10 })).toEqual([]);
  });
});

describe('gaps', () => {
  it('finds each missing month, telling a blank in the source from a month absent altogether', () => {
    const records = steadySeries().filter((r) => !['2022-08', '2022-09', '2023-01'].includes(r.periodStart.slice(0, 7)));
    const findings = run('gaps', data({ records, blanks: [blank('2022-08'), blank('2022-09')] }));
    expect(findings.map((finding) => [finding.period, finding.figures.kind])).toEqual([
      ['2022-08', 'blank-in-source'],
      ['2022-09', 'blank-in-source'],
      ['2023-01', 'absent'],
    ]);
    expect(findings[0]).toMatchObject({ rawRowIds: [blank('2022-08').rawRowId], site: 'London', activity: 'electricity', atStakeEstimated: true, tco2eAtStake: 0.2 });
    expect(findings[2]!.rawRowIds).toEqual([]);
  });

  it('does not fire on a complete series, nor count a quarterly reading as missing months', () => {
    expect(run('gaps', data({ records: steadySeries() }))).toEqual([]);
    const quarterly = steadySeries().filter((r) => !['2022-04', '2022-05', '2022-06'].includes(r.periodStart.slice(0, 7)));
    quarterly.push(record({ periodStart: '2022-04-01', periodEnd: '2022-06-30', quantity: 3000 } as Partial<ReviewRecord>));
    expect(run('gaps', data({ records: quarterly }))).toEqual([]);
  });

  it('expects no monthly reading of an activity recorded only when it happens (refrigerant top-ups)', () => {
    const topUps = [record({ month: '2022-07', activity: 'refrigerant', unit: 'kg', quantity: 12.5 }), record({ month: '2023-01', activity: 'refrigerant', unit: 'kg', quantity: 8 })];
    expect(run('gaps', data({ records: [...steadySeries(), ...topUps] }))).toEqual([]);
    // The same two readings of a monthly activity leave 22 months missing.
    expect(run('gaps', data({ records: [...steadySeries(), ...topUps.map((topUp) => ({ ...topUp, activity: 'natural_gas', unit: 'kWh' }))] }))).toHaveLength(22);
  });

  it('expects no monthly reading of a fuel delivered now and then, but lists the missing months of one delivered monthly', () => {
    const delivery = record({ month: '2022-07', activity: 'diesel', unit: 'L', quantity: 4000 });
    expect(run('gaps', data({ records: [...steadySeries(), delivery] }))).toEqual([]);
    // Diesel delivered every month but three of FY2023 reads monthly: those months are missing.
    const monthly = steadySeries({ activity: 'diesel', unit: 'L' }).filter((r) => !['2022-08', '2022-09', '2023-01'].includes(r.periodStart.slice(0, 7)));
    expect(run('gaps', data({ records: [...steadySeries(), ...monthly] })).map((finding) => [finding.activity, finding.period])).toEqual([
      ['diesel', '2022-08'], ['diesel', '2022-09'], ['diesel', '2023-01'],
    ]);
    // A metered activity's single reading still leaves its other months missing.
    expect(run('gaps', data({ records: [...steadySeries(), { ...delivery, activity: 'natural_gas', unit: 'kWh' }] }))).toHaveLength(23);
  });

  it('decides that a series reads monthly from its readings, not the months it covers, so a series that stops leaves its later months missing', () => {
    // Diesel read every month from April to August 2022, then never again: the 19 other months are missing.
    const stopped = steadySeries({ activity: 'diesel', unit: 'L' }, MONTHS.slice(12, 17));
    const gaps = run('gaps', data({ records: [...steadySeries(), ...stopped] }));
    expect(gaps).toHaveLength(19);
    expect(gaps.filter((finding) => finding.figures.fiscalYear === 'FY2023').map((finding) => finding.period)).toEqual(['2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03']);
    // Deliveries on a day, even month after month, and month-long readings months apart, are not read monthly.
    const days = MONTHS.slice(12, 17).map((month) => record({ periodStart: `${month}-15`, periodEnd: `${month}-15`, activity: 'diesel', unit: 'L' } as Partial<ReviewRecord>));
    const apart = ['2022-04', '2022-07', '2022-11'].map((month) => record({ month, activity: 'diesel', unit: 'L' }));
    expect(run('gaps', data({ records: [...steadySeries(), ...days] }))).toEqual([]);
    expect(run('gaps', data({ records: [...steadySeries(), ...apart] }))).toEqual([]);
  });

  it('expects district cooling every month, as a metered utility', () => {
    const cooling = steadySeries({ activity: 'district_cooling' }, MONTHS.slice(12, 17));
    expect(run('gaps', data({ records: [...steadySeries(), cooling[0]!] }))).toHaveLength(23);
    expect(run('gaps', data({ records: [...steadySeries(), ...cooling] }))).toHaveLength(19);
  });

  it('lists a column blank in every month for a site once, as a low-severity finding to confirm', () => {
    const months = MONTHS.slice(0, 3);
    const blanks = months.map((month) => blank(month, { activity: 'diesel', rowNumber: 5 }));
    const findings = run('gaps', data({ records: steadySeries(), blanks }));
    expect(findings).toEqual([
      expect.objectContaining({ cause: 'blank-throughout', severity: 'low', activity: 'diesel', period: null, rawRowIds: blanks.map((row) => row.rawRowId), message: expect.stringContaining('blank in all 3 months the source lists') }),
    ]);
  });

  it('with withinSeriesOnly, does not list the months before a site opened', () => {
    const records = [...steadySeries(), ...steadySeries({ site: 'Leeds' }, MONTHS.slice(14))];
    expect(run('gaps', data({ records })).filter((finding) => finding.site === 'Leeds')).toHaveLength(14);
    expect(run('gaps', data({ records }), { withinSeriesOnly: true })).toEqual([]);
  });
});

describe('year-on-year change', () => {
  it('fires on a year whose average month moved beyond the threshold, with the expected range', () => {
    const records = [...steadySeries({}, MONTHS.slice(0, 12)), ...steadySeries({ quantity: 1500 }, MONTHS.slice(12))];
    const findings = run('outliers-year-on-year', data({ records }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ period: 'FY2023', figures: { unit: 'kWh', value: 18000, changePercent: 36.36 } });
    expect(findings[0]!.figures.expectedLow).toBeCloseTo(13200 * 0.75, 3);
    expect(findings[0]!.figures.expectedHigh).toBeCloseTo(13200 * 1.25, 3);
    expect(findings[0]!.recordIds).toHaveLength(12);
  });

  it('does not fire on a steady series, nor on a year whose total fell only because months are missing', () => {
    expect(run('outliers-year-on-year', data({ records: steadySeries() }))).toEqual([]);
    const gappy = steadySeries().filter((r, i) => i < 12 || i % 3 !== 0);
    expect(run('outliers-year-on-year', data({ records: gappy }))).toEqual([]);
  });
});

describe('unusual month', () => {
  it('fires on a month far from the site’s own pattern, with the expected range', () => {
    const records = steadySeries();
    const spiked = records.map((r) => (r.periodStart.startsWith('2022-07') ? { ...r, quantity: 9000, tco2e: 1.8 } : r));
    const findings = run('outliers-monthly', data({ records: spiked }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ period: '2022-07', figures: { value: 9000 } });
    expect(Number(findings[0]!.figures.expectedHigh)).toBeLessThan(9000);
    expect(Number(findings[0]!.figures.expectedLow)).toBeLessThan(1000);
    expect(findings[0]!.tco2eAtStake).toBeGreaterThan(1.5);
  });

  it('does not fire on a seasonal series, nor on one too short to have a pattern', () => {
    expect(run('outliers-monthly', data({ records: steadySeries() }))).toEqual([]);
    const short = steadySeries({}, MONTHS.slice(0, 5)).map((r, i) => (i === 2 ? { ...r, quantity: 9000 } : r));
    expect(run('outliers-monthly', data({ records: short }))).toEqual([]);
  });
});

describe('negative or zero', () => {
  it('fires on a zero month of metered electricity and on any negative quantity', () => {
    const findings = run('negative-or-zero', data({ records: [record({ quantity: 0 }), record({ activity: 'diesel', unit: 'L', quantity: -5 })] }));
    expect(findings.map((finding) => [finding.figures.quantity, finding.severity])).toEqual([[0, 'medium'], [-5, 'high']]);
  });

  it('does not fire on a zero diesel delivery, which is an episodic activity', () => {
    expect(run('negative-or-zero', data({ records: [record({ activity: 'diesel', unit: 'L', quantity: 0 }), record({ quantity: 10 })] }))).toEqual([]);
  });
});

describe('unit changes', () => {
  it('fires on a gas series that changes from m³ to kWh, linking the records in the minority unit', () => {
    const gas = (month: string, unit: string) => record({ month, activity: 'natural_gas', unit });
    const records = [gas('2022-04', 'm3'), gas('2022-05', 'm3'), gas('2022-06', 'kWh')];
    const findings = run('unit-changes', data({ records }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'medium', recordIds: [records[2]!.id], figures: { mainUnit: 'm3', dimensions: 2 } });
  });

  it('does not fire when each series keeps its unit, even if two sites differ', () => {
    expect(run('unit-changes', data({ records: [record({ unit: 'kWh' }), record({ site: 'Leeds', unit: 'MWh' })] }))).toEqual([]);
  });
});

describe('out of period', () => {
  it('fires on a record dated years before the engagement’s fiscal years', () => {
    const stray = record({ month: '2019-06' });
    const findings = run('out-of-period', data({ records: [...steadySeries(), stray] }));
    expect(findings.map((finding) => finding.recordIds)).toEqual([[stray.id]]);
  });

  it('does not fire on a bill that straddles the start of the first fiscal year', () => {
    const straddling = record({ periodStart: '2021-03-15', periodEnd: '2021-04-14' } as Partial<ReviewRecord>);
    expect(run('out-of-period', data({ records: [...steadySeries(), straddling] }))).toEqual([]);
  });
});

describe('sites without a boundary entry', () => {
  it('fires on a site named in the records but not in the boundary, with its tCO2e at stake', () => {
    const findings = run('sites-without-boundary', data({ records: [record({ site: 'Bristol', tco2e: 1.5 }), record()] }));
    expect(findings).toMatchObject([{ site: 'Bristol', tco2eAtStake: 1.5 }]);
  });

  it('does not fire on sites in the boundary', () => {
    expect(run('sites-without-boundary', data({ records: [record({ site: 'Leeds' }), record()] }))).toEqual([]);
  });
});

describe('a PUE input missing', () => {
  const it_ = (site: string, month: string) => record({ site, month, activity: 'it_energy', meaning: 'metric', tco2e: null });
  const facility = (site: string, month: string) => record({ site, month, activity: 'facility_energy', tco2e: null });

  it('names the site, the fiscal year and the input it lacks, with the records of the one it has', () => {
    const south = [it_('DC South', '2022-05'), it_('DC South', '2022-06')];
    const findings = run('pue-inputs', data({ records: [facility('DC North', '2022-05'), it_('DC North', '2022-05'), ...south, facility('DC West', '2021-07')] }));
    expect(findings).toMatchObject([
      { site: 'DC West', activity: 'it_energy', figures: { fiscalYear: 'FY2022', missing: 'it' }, message: 'DC West, FY2022: total facility energy is recorded for DC West but no IT energy; its PUE (data centres) cannot be computed and no data centre has both inputs in FY2022, so the year’s cannot be computed either' },
      {
        site: 'DC South', activity: 'facility_energy', figures: { fiscalYear: 'FY2023', missing: 'facility' }, recordIds: south.map((one) => one.id),
        // DC North has both in FY2023: the year's PUE is over it.
        message: 'DC South, FY2023: IT energy is recorded for DC South but no total facility energy; its PUE (data centres) cannot be computed and the year’s is over the other data centres',
      },
    ]);
  });

  it('does not fire on a data centre with both inputs in the year, or on a site with neither', () => {
    expect(run('pue-inputs', data({ records: [facility('DC North', '2022-05'), it_('DC North', '2022-09'), record()] }))).toEqual([]);
  });

  it('does not fire on a site outside the reporting boundary, which the metrics leave out', () => {
    const records = [facility('DC West', '2021-07'), it_('DC East', '2021-07')];
    expect(run('pue-inputs', data({ records, sitesOutsideBoundary: new Set(['DC West']) })).map((finding) => finding.site)).toEqual(['DC East']);
  });

  it('does not say the year’s PUE is over the other data centres when the one with both is outside the boundary', () => {
    const records = [facility('DC West', '2021-07'), it_('DC West', '2021-07'), it_('DC East', '2021-07')];
    expect(run('pue-inputs', data({ records })).map((finding) => finding.message)).toEqual([expect.stringMatching(/and the year’s is over the other data centres$/)]);
    expect(run('pue-inputs', data({ records, sitesOutsideBoundary: new Set(['DC West']) })).map((finding) => finding.message)).toEqual([
      'DC East, FY2022: IT energy is recorded for DC East but no total facility energy; its PUE (data centres) cannot be computed and no data centre has both inputs in FY2022, so the year’s cannot be computed either',
    ]);
  });
});

describe('factors on another GWP basis', () => {
  const use = (factorId: number, setKey: string, otherBasis: boolean, recordIds: number[]) => ({ factorId, setKey, label: `factor ${factorId}`, unitText: 'kWh', gwpBasis: 'AR4' as const, otherBasis, basisUnstated: false, recordIds });

  it('lists each factor set whose published CO2e is on another basis once, with the records it priced', () => {
    const [a, b, c] = [record({ tco2e: 1 }), record({ tco2e: 2 }), record({ tco2e: 4 })];
    const findings = run('gwp-basis', data({ records: [a!, b!, c!], factorUses: [use(7, 'desnz-2020', true, [a!.id, b!.id]), use(9, 'desnz-2020', true, [b!.id]), use(3, 'epa-hub-2025', false, [c!.id])] }));
    expect(findings).toMatchObject([{
      subject: 'desnz-2020|AR4',
      message: "desnz-2020: 2 records priced at 2 factors whose CO2e is published on AR4 GWPs, in an engagement on AR5; published CO2e is not re-weighted (#7 'factor 7' per 'kWh'; #9 'factor 9' per 'kWh')",
      figures: { factorBasis: 'AR4', engagementBasis: 'AR5', factors: 2, records: 2, tco2e: 3 },
      recordIds: [a!.id, b!.id],
    }]);
  });

  it('lists nothing where every factor is on the engagement’s basis or weighted with its GWPs', () => {
    expect(run('gwp-basis', data({ records: [record()], factorUses: [use(3, 'epa-hub-2025', false, [1])] }))).toEqual([]);
  });
});

describe('activities without a factor', () => {
  it('fires on an activity no loaded factor set prices, and on every activity when none is loaded', () => {
    const diesel = record({ activity: 'diesel', unit: 'L' });
    expect(run('activities-without-factor', data({ records: [diesel, record()] }))).toMatchObject([{ activity: 'diesel', recordIds: [diesel.id] }]);
    expect(run('activities-without-factor', data({ records: [diesel, record()], factorActivities: null })).map((finding) => finding.activity)).toEqual(['diesel', 'electricity']);
  });

  it('does not fire on priced activities, on metric inputs, or on quantities already in CO2e', () => {
    const records = [record(), record({ activity: 'it_energy', meaning: 'metric' as ActivityMeaning }), record({ activity: 'process_emissions', unit: 'tCO2e' })];
    expect(run('activities-without-factor', data({ records }))).toEqual([]);
    // A data centre's facility energy consumed takes electricity factors.
    const facility = record({ activity: 'facility_energy', unit: 'MWh' });
    expect(run('activities-without-factor', data({ records: [facility] }))).toEqual([]);
    expect(run('activities-without-factor', data({ records: [facility], factorActivities: new Set(['natural_gas']) }))).toMatchObject([{ activity: 'facility_energy' }]);
  });
});

describe('cells to vouch', () => {
  const cell = (form: FlaggedCell['form'], text: string): FlaggedCell => ({ form, sourceFileId: 1, rawRowId: 70, sheet: 'Energy', rowNumber: 12, column: 2, text, recordId: form === 'text-number' ? 3 : null });

  it('fires on a number typed as text and a formula without a cached value, naming the cell', () => {
    const findings = run('cells-to-vouch', data({ flaggedCells: [cell('text-number', '1,234.5'), cell('formula-without-result', '=SUM(C2:C9)')] }));
    expect(findings.map((finding) => finding.figures.cell)).toEqual(['C12', 'C12']);
    expect(findings[0]).toMatchObject({ recordIds: [3], rawRowIds: [70], message: expect.stringContaining("'1,234.5'") });
    expect(findings[1]!.message).toContain('the row was not imported');
  });

  it('does not fire on forms left out by its parameter, nor when no cell was flagged', () => {
    expect(run('cells-to-vouch', data({ flaggedCells: [cell('percent', '12%')] }), { forms: ['text-number'] })).toEqual([]);
    expect(run('cells-to-vouch', data({}))).toEqual([]);
  });
});

describe('totals rows', () => {
  const total = (stated: number, importedSum: number): TotalsRow => ({
    sourceFileId: 1, fileName: 'energy.xlsx', sheet: 'Energy', rawRowId: 90, rowNumber: 30, column: 2, header: 'Electricity (kWh)', stated, importedSum, readSum: 1500,
    scope: 'section', dataRows: 24, notImportedRawRowIds: [81],
  });

  it('fires on a totals row that differs from the sum imported, with the difference and the rows that explain it', () => {
    const findings = run('totals-rows', data({ totalsRows: [total(1500, 1000)] }));
    expect(findings).toMatchObject([{ figures: { stated: 1500, imported: 1000, difference: 500 }, rawRowIds: [90, 81], severity: 'high' }]);
    expect(findings[0]!.message).toMatch(/differs from the 1000 imported by 500; 1 row with a value was not imported$/);
    const twoLeftOut = run('totals-rows', data({ totalsRows: [{ ...total(1500, 1000), notImportedRawRowIds: [81, 82] }] }));
    expect(twoLeftOut[0]!.message).toMatch(/; 2 rows with a value were not imported$/);
  });

  it('does not fire when the totals row ties, even with the last-digit rounding of Excel’s own sum', () => {
    expect(run('totals-rows', data({ totalsRows: [total(0.1 + 0.2, 0.3)] }))).toEqual([]);
  });
});
