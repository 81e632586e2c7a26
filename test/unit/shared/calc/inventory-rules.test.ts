/**
 * Rules of the inventory calculation that the mutation run (docs/mutation-testing.md) found no
 * test for: the refusals and their messages, the lineage a line carries, the order of a record's
 * lines and findings, and the keys that keep sites, periods and kinds apart.
 */
import { describe, expect, it } from 'vitest';
import {
  calculateInventory,
  InventoryCalculation,
  type CalcFactor,
  type CalcRecord,
  type CalcSettings,
  type Finding,
  type InventoryResult,
  type ResultLine,
  type SiteInfo,
} from '../../../../shared/calc/inventory';

// January fiscal years: FY2023 is calendar 2023, months M01 (January) to M12.
const SETTINGS: CalcSettings = { fiscal: { startMonth: 1, labelRule: 'end-year' }, gwpBasis: 'AR5', consolidationApproach: 'operational-control', defaultRegion: 'UK' };
const SET = { factorSetId: 7, setKey: 'set-2023', setYear: 2023, validFrom: '2023-01-01', validTo: '2023-12-31', setRegion: 'UK', gwpBasis: 'AR5' } as const;

function factorOf(id: number, fields: Partial<CalcFactor> & Pick<CalcFactor, 'activityKey' | 'unitText' | 'co2ePerUnitKg'>): CalcFactor {
  return { id, ...SET, region: null, scope: null, biogenic: false, gases: [], label: `#${id}`, variant: null, ...fields };
}

/** One month's record at the Works site (June 2023 unless given). */
function use(id: number, activity: string, quantity: number, unit: string, fields: Partial<CalcRecord> = {}): CalcRecord {
  return { id, activity, quantity, unit, site: 'Works', meaning: 'consumption', periodStart: '2023-06-01', periodEnd: '2023-06-30', unitBasis: null, scope3Category: null, region: null, instrument: null, ...fields };
}

function run(records: CalcRecord[], factors: CalcFactor[] = [], options: { sites?: SiteInfo[]; settings?: Partial<CalcSettings> } = {}): InventoryResult {
  return calculateInventory({ records, factors, sites: options.sites ?? [], settings: { ...SETTINGS, ...options.settings } });
}

const linesOf = (result: InventoryResult, recordId: number) => result.lines.filter((line) => line.recordId === recordId);
const causesOf = (result: InventoryResult) => result.findings.map((found) => [found.recordId, found.kind, found.cause]);

const GRID = factorOf(1, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: 0.2 });
const RESIDUAL = factorOf(2, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: 0.5, residualMix: true });

describe('records the calculation refuses, each with why', () => {
  it('names an unknown activity, a meaning the activity cannot have, an unknown unit and a unit of the wrong dimension', () => {
    const result = run([
      use(1, 'moon_dust', 5, 'kg'),
      use(2, 'electricity', 5, 'kWh', { meaning: 'metric' }),
      use(3, 'diesel', 5, 'furlongs'),
      use(4, 'natural_gas', 5, 'L', { unitBasis: 'gross' }),
      use(5, 'electricity', 5, 'kg'),
      use(6, 'diesel', 5, 'pkm'),
    ]);
    expect(result.lines).toEqual([]);
    expect(causesOf(result)).toEqual([
      [1, 'activity', "unknown activity 'moon_dust'"],
      [2, 'activity', "Electricity cannot be 'metric' (it may be: consumption, instrument)"],
      [3, 'unit', "unknown unit 'furlongs'"],
      [4, 'unit', "unknown unit 'L' with a gross calorific basis"],
      [5, 'unit', 'kg measures mass; Electricity is measured in energy'],
      [6, 'unit', 'pkm measures passenger_distance; Diesel (average biofuel blend) is measured in energy or volume or mass'],
    ]);
  });

  it('reads an unspecified calorific basis as none given, and keeps a stated one', () => {
    const netGas = factorOf(3, { activityKey: 'natural_gas', unitText: 'kWh (Net CV)', scope: 'Scope 1', co2ePerUnitKg: 0.2 });
    const gas = (id: number, unitBasis: CalcRecord['unitBasis']) => use(id, 'natural_gas', 100, 'kWh', { unitBasis });
    const result = run([gas(1, 'unspecified'), gas(2, null), gas(3, 'net'), gas(4, 'gross')], [netGas]);
    // Net to net converts; gross to net needs a fuel's ratio and is refused; unspecified is the same as none given.
    const tonnes = (recordId: number) => linesOf(result, recordId).map((line) => line.tco2e);
    expect(tonnes(3)).toEqual([0.02]);
    expect(tonnes(4)).toEqual([]);
    expect(tonnes(1)).toEqual(tonnes(2));
    expect(result.findings.filter((found) => found.recordId === 1).map((found) => found.cause)).toEqual(result.findings.filter((found) => found.recordId === 2).map((found) => found.cause));
    expect(result.findings.map((found) => found.recordId)).toContain(4);
    // A unit that has no calorific basis at all, marked unspecified, is the unit itself.
    const diesel = factorOf(4, { activityKey: 'diesel', unitText: 'litres', scope: 'Scope 1', co2ePerUnitKg: 2.5 });
    expect(run([use(1, 'diesel', 100, 'L', { unitBasis: 'unspecified' })], [diesel]).lines.map((line) => line.tco2e)).toEqual([0.25]);
  });

  it('takes a Scope 3 category from 1 to 15 and reports any other as uncategorised, saying which', () => {
    const spend = (id: number, scope3Category: number | null) => use(id, 'scope3_other', 2, 'tCO2e', { scope3Category });
    const result = run([spend(1, 15), spend(2, 1), spend(3, 0), spend(4, 16), spend(5, null), spend(6, 2.5)]);
    expect(result.lines.map((line) => [line.recordId, line.scope3Category])).toEqual([[1, 15], [2, 1], [3, null], [4, null], [5, null], [6, null]]);
    expect(causesOf(result)).toEqual([
      [3, 'scope3-category', 'Scope 3 category: 0 is not a category 1–15; reported as uncategorised'],
      [4, 'scope3-category', 'Scope 3 category: 16 is not a category 1–15; reported as uncategorised'],
      [5, 'scope3-category', 'Scope 3 category: none is given; reported as uncategorised'],
      [6, 'scope3-category', 'Scope 3 category: 2.5 is not a category 1–15; reported as uncategorised'],
    ]);
  });

  it('leaves intensity denominators out of the inventory, whatever their unit', () => {
    const result = run([use(1, 'floor_area', 1200, 'm2', { meaning: 'denominator' }), use(2, 'revenue', 5, 'furlongs', { meaning: 'denominator' })]);
    expect(result.lines).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('refuses a non-finite quantity as a finding, never a line', () => {
    const result = run([use(1, 'diesel', Number.POSITIVE_INFINITY, 'L')], [factorOf(4, { activityKey: 'diesel', unitText: 'litres', scope: 'Scope 1', co2ePerUnitKg: 2.5 })]);
    expect(result.lines).toEqual([]);
    expect(causesOf(result)).toEqual([[1, 'quantity', 'quantity Infinity is not a finite number']]);
  });
});

describe('what a line says about its pricing', () => {
  it('carries the record’s quantity, its part in each fiscal year when it straddles one', () => {
    const diesel = factorOf(4, { activityKey: 'diesel', unitText: 'litres', scope: 'Scope 1', co2ePerUnitKg: 2.5, validFrom: '2023-01-01', validTo: '2024-12-31' });
    // 31 December to 9 January: 1 day in FY2023, 9 in FY2024.
    const result = run([use(1, 'diesel', 100, 'L'), use(2, 'diesel', 100, 'L', { periodStart: '2023-12-31', periodEnd: '2024-01-09' })], [diesel]);
    expect(result.lines.map((line) => [line.recordId, line.fiscalYear, line.quantity])).toEqual([[1, 'FY2023', 100], [2, 'FY2023', 10], [2, 'FY2024', 90]]);
  });

  it('names no factor for a quantity already in CO2e and says so', () => {
    const [line] = run([use(1, 'process_emissions', 3, 'tCO2e')]).lines;
    expect(line).toMatchObject({ basis: 'scope1', factorId: null, factorUnit: 'kgCO2e', conversionFactor: 1000, co2ePerUnitKg: 1, tco2e: 3, note: 'quantity already in CO2e: no emission factor applied' });
  });

  it('prices a clean instrument at zero per kWh without clean-electricity factors, and at the library’s when it has one', () => {
    const certificate = use(2, 'clean_electricity', 400, 'kWh', { meaning: 'instrument', instrument: 'REGO' });
    const consumed = use(1, 'electricity', 1000, 'kWh');
    const zero = run([consumed, certificate], [GRID, RESIDUAL]);
    expect(linesOf(zero, 2)).toEqual([expect.objectContaining({ basis: 'market', factorId: null, factorUnit: 'kWh', co2ePerUnitKg: 0, tco2e: 0, note: 'zero-emission contractual instrument' })]);
    const scheme = factorOf(5, { activityKey: 'clean_electricity', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: 0.01 });
    const priced = run([consumed, certificate], [GRID, RESIDUAL, scheme]);
    // 400 kWh × 0.01 kg.
    expect(linesOf(priced, 2)).toEqual([expect.objectContaining({ basis: 'market', factorId: 5, tco2e: 0.004 })]);
    expect(priced.findings).toEqual([]);
  });

  it('lists the gas a GWP-priced refrigerant line is made of', () => {
    const [line] = run([use(1, 'refrigerant', 2, 'kg', { attributes: { gas: 'HFC-134a' } })]).lines;
    // 2 kg × AR5 GWP 1300 = 2.6 t, all of it HFC-134a.
    expect(line).toMatchObject({ factorUnit: 'kg', conversionFactor: 1, co2ePerUnitKg: 1300, tco2e: 2.6, gases: [{ gas: 'HFC-134a', tco2e: 2.6 }] });
  });

  it('carries no note when its pricing has none, and joins several notes', () => {
    const result = run([use(1, 'electricity', 1000, 'kWh')], [GRID]);
    const [location, market] = linesOf(result, 1);
    expect(location!.basis).toBe('location');
    expect('note' in location!).toBe(false);
    expect(market).toMatchObject({ basis: 'market', note: 'no residual mix factor: grid average used' });
    const replaced = calculateInventory({
      records: [use(1, 'electricity', 1000, 'kWh')],
      factors: [GRID],
      settings: SETTINGS,
      factorReplacements: [{ replaces: GRID.id, factor: factorOf(9, { activityKey: 'electricity', unitText: 'kWh', co2ePerUnitKg: 0.3 }), note: 'adjustment #1' }],
    });
    expect(linesOf(replaced, 1)[1]!.note).toMatch(/^factor #1 '#1' \(set-2023\) replaced by #9 '#9' \(set-2023\): adjustment #1; no residual mix factor: grid average used$/);
  });

  it('prices heat and steam market-based at the location-based factor, and says why', () => {
    const heat = factorOf(6, { activityKey: 'heat_steam', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: 0.17 });
    const result = run([use(1, 'heat_steam', 1000, 'kWh')], [heat]);
    expect(linesOf(result, 1).map((line) => [line.basis, line.tco2e, line.note])).toEqual([
      ['location', 0.17, undefined],
      ['market', 0.17, 'no contractual instruments for this activity: location-based factor'],
    ]);
  });

  it('notes which scope a category 15 line restates, and marks it charged at a matched fraction like its market line', () => {
    const partner: SiteInfo = { name: 'Works', ownershipPercent: 50, operationalControl: false, financialControl: false, isDataCentre: false, region: 'UK' };
    const diesel = factorOf(4, { activityKey: 'diesel', unitText: 'litres', scope: 'Scope 1', co2ePerUnitKg: 2.5 });
    const records = [use(1, 'diesel', 100, 'L'), use(2, 'electricity', 1000, 'kWh'), use(3, 'clean_electricity', 400, 'kWh', { meaning: 'instrument', instrument: 'REGO' })];
    const calculation = new InventoryCalculation({ factors: [diesel, GRID, RESIDUAL], sites: [partner], settings: { ...SETTINGS, category15Investments: true } });
    for (const item of records.slice(1)) calculation.scope2Flow(item);
    const seen: [ResultLine, boolean][] = [];
    for (const item of records) calculation.add(item, { line: (line) => seen.push([line.resultLine(), line.fractional]), finding: () => undefined });
    const investments = seen.filter(([line]) => line.scope3Category === 15);
    expect(investments.map(([line, fractional]) => [line.recordId, line.note, fractional])).toEqual([
      [1, "Scope 3 category 15: the group's ownership share of the Scope 1 of a site outside its control", false],
      [2, "Scope 3 category 15: the group's ownership share of the market-based Scope 2 of a site outside its control", true],
      [3, "zero-emission contractual instrument; Scope 3 category 15: the group's ownership share of the market-based Scope 2 of a site outside its control", false],
    ]);
    // 50% × 600 uncovered kWh × 0.5 kg.
    expect(investments[1]![0].tco2e).toBe(0.15);
  });

  it('reports a record’s lines in the order of the bases, whatever order its rules made them in', () => {
    const outside = factorOf(8, { activityKey: 'electricity', unitText: 'kWh', scope: 'Outside of scopes', biogenic: true, co2ePerUnitKg: 0.01 });
    const result = run([use(1, 'electricity', 1000, 'kWh')], [GRID, RESIDUAL, outside]);
    // Its rules make the location-based line, then the biogenic one, then the market-based one.
    expect(linesOf(result, 1).map((line) => line.basis)).toEqual(['location', 'market', 'biogenic']);
  });
});

describe('findings and what is at stake', () => {
  it('reports a record’s findings by kind, then message', () => {
    const result = run([use(1, 'electricity', 100, 'kWh'), use(2, 'electricity', 500, 'kWh', { meaning: 'instrument', instrument: 'Acme green tariff' })], [GRID, RESIDUAL]);
    const findings = result.findings.filter((found) => found.recordId === 2);
    expect(findings.map((found) => [found.kind, found.cause])).toEqual([
      ['instrument-exceeds-consumption', 'instruments exceed the electricity consumed at site Works: capped at consumption'],
      ['no-factor', expect.stringMatching(/^instrument factor for 'Acme green tariff': /)],
    ]);
  });

  it('names the site of an instrument or a double count as "(none)" when the record has none, and every month double counted', () => {
    const noSite = { site: null, periodStart: '2023-06-01', periodEnd: '2023-07-31' };
    const result = run(
      [use(1, 'electricity', 100, 'kWh', noSite), use(2, 'clean_electricity', 500, 'kWh', { ...noSite, meaning: 'instrument', instrument: 'REGO' }), use(3, 'facility_energy', 300, 'kWh', noSite)],
      [GRID, RESIDUAL],
    );
    expect(result.findings).toEqual([
      expect.objectContaining({ recordId: 2, cause: 'instruments exceed the electricity consumed at site (none): capped at consumption' }),
      {
        recordId: 3,
        kind: 'double-count',
        cause:
          "facility energy left out of Scope 2 at site (none), not counted twice: the site's electricity consumption in the same fiscal months counts for Scope 2 and clean share, and this facility energy for PUE only; confirm the electricity records cover the whole facility",
        detail: 'in FY2023 M06, FY2023 M07',
        // 300 kWh at the grid's 0.2 kg.
        atStake: { low: 0.06, high: 0.06 },
      },
    ]);
  });

  it('names the factor a failed pricing was looking for', () => {
    const twin = (id: number, fields: Partial<CalcFactor>) => factorOf(id, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: 0.2 + id / 100, ...fields });
    const outside = (id: number) => twin(id, { scope: 'Outside of scopes', biogenic: true });
    const result = run([use(1, 'electricity', 100, 'kWh')], [twin(11, {}), twin(12, {}), twin(13, { residualMix: true }), twin(14, { residualMix: true })]);
    expect(result.findings.map((found) => [found.kind, found.cause.split(':')[0]])).toEqual([
      ['ambiguous-factor', 'location-based grid factor'],
      ['ambiguous-factor', 'market-based residual mix factor'],
    ]);
    expect(result.lines).toEqual([]);
    // The biogenic factor is looked for in the set of a location-based factor that was found.
    const biogenic = run([use(1, 'electricity', 100, 'kWh')], [twin(11, {}), twin(13, { residualMix: true }), outside(15), outside(16)]);
    expect(biogenic.findings.map((found) => [found.kind, found.cause.split(':')[0]])).toEqual([['ambiguous-factor', 'biogenic factor']]);
  });

  it('prices what is at stake in a market-based finding at the fraction instruments leave, and in a location-based one at the whole', () => {
    const twin = (id: number, fields: Partial<CalcFactor> & Pick<CalcFactor, 'co2ePerUnitKg'>) => factorOf(id, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', ...fields });
    const factors = [twin(21, { co2ePerUnitKg: 0.2 }), twin(22, { co2ePerUnitKg: 0.3 }), twin(23, { co2ePerUnitKg: 0.4, residualMix: true }), twin(24, { co2ePerUnitKg: 0.6, residualMix: true })];
    const result = run([use(1, 'electricity', 1000, 'kWh'), use(2, 'clean_electricity', 750, 'kWh', { meaning: 'instrument', instrument: 'REGO' })], factors);
    const stakes = Object.fromEntries(result.findings.map((found) => [found.cause.split(':')[0], found.atStake]));
    // Location: all 1000 kWh at 0.2 or 0.3 kg; market: the 250 kWh left at 0.4 or 0.6 kg.
    expect(stakes).toEqual({ 'location-based grid factor': { low: 0.2, high: 0.3 }, 'market-based residual mix factor': { low: 0.1, high: 0.15 } });
  });

  it('prices what is at stake under a supplier’s tariff at the fraction it covers', () => {
    const tariff = (id: number, kg: number) => factorOf(id, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: kg, variant: 'Acme' });
    const result = run([use(1, 'electricity', 1000, 'kWh'), use(2, 'electricity', 2000, 'kWh', { meaning: 'instrument', instrument: 'Acme' })], [GRID, RESIDUAL, tariff(31, 0.1), tariff(32, 0.3)]);
    // The contract covers only the 1000 kWh consumed: half its 2000 kWh, at 0.1 or 0.3 kg.
    const ambiguity = result.findings.find((found) => found.recordId === 2 && found.kind === 'ambiguous-factor');
    expect(ambiguity).toMatchObject({ recordId: 2, cause: expect.stringMatching(/^instrument factor for 'Acme': /), atStake: { low: 0.1, high: 0.3 } });
  });

  it('reports an ambiguous factor for a refrigerant gas rather than pricing it by its GWP', () => {
    const gas = (id: number, kg: number) => factorOf(id, { activityKey: 'refrigerant', unitText: 'kg', scope: 'Scope 1', co2ePerUnitKg: kg, attributes: { gas: 'HFC-134a' } });
    const result = run([use(1, 'refrigerant', 1, 'kg', { attributes: { gas: 'HFC-134a' } })], [gas(41, 1300), gas(42, 1430)]);
    expect(result.lines).toEqual([]);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'ambiguous-factor', atStake: { low: 1.3, high: 1.43 } })]);
  });

  it('prices by its GWP only a refrigerant: a gas named on another activity’s record is no factor', () => {
    const result = run([use(1, 'purchased_goods', 10, 'kg', { attributes: { gas: 'HFC-134a' } })]);
    expect(result.lines).toEqual([]);
    expect(result.findings.map((found) => found.kind)).toEqual(['no-factor']);
  });

  it('names the clean-electricity factor an instrument was looking for, priced at the fraction it covers', () => {
    const scheme = (id: number, kg: number) => factorOf(id, { activityKey: 'clean_electricity', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: kg });
    const result = run([use(1, 'electricity', 1000, 'kWh'), use(2, 'clean_electricity', 4000, 'kWh', { meaning: 'instrument', instrument: 'REGO' })], [GRID, RESIDUAL, scheme(61, 0.01), scheme(62, 0.02)]);
    // A quarter of the 4000 kWh covers consumption: 1000 kWh at 0.01 or 0.02 kg.
    expect(result.findings.find((found) => found.kind === 'ambiguous-factor')).toMatchObject({ recordId: 2, cause: expect.stringMatching(/^instrument factor: /), atStake: { low: 0.01, high: 0.02 } });
  });

  it('leaves what is at stake open when none of the equally fitting factors has a value', () => {
    const valueless = (id: number) => factorOf(id, { activityKey: 'diesel', unitText: 'litres', scope: 'Scope 1', co2ePerUnitKg: null });
    const result = run([use(1, 'diesel', 100, 'L')], [valueless(71), valueless(72)]);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'ambiguous-factor', atStake: null })]);
  });

  it('says so when an electricity instrument names no supplier', () => {
    const result = run([use(1, 'electricity', 100, 'kWh'), use(2, 'electricity', 50, 'kWh', { meaning: 'instrument' })], [GRID, RESIDUAL]);
    expect(causesOf(result)).toEqual([[2, 'no-factor', 'instrument factor: the record names no instrument, so no supplier-specific factor applies']]);
  });

  it('reports a Scope 1 quantity already in CO2e under Scope 1', () => {
    expect(run([use(1, 'process_emissions', 2, 'kgCO2e')]).lines.map((line) => [line.basis, line.tco2e])).toEqual([['scope1', 0.002]]);
  });
});

describe('what keeps records apart', () => {
  it('prices records at two sites whose site and region would read the same run together', () => {
    const regional = (id: number, region: string, kg: number) => factorOf(id, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', region, co2ePerUnitKg: kg });
    // 'Dock=North' in region 'UK' and 'Dock' in region 'North=UK' run together as 'Dock=North=UK'.
    const result = run([use(1, 'electricity', 1000, 'kWh', { site: 'Dock=North', region: 'UK' }), use(2, 'electricity', 1000, 'kWh', { site: 'Dock', region: 'North=UK' })], [regional(51, 'UK', 0.2), regional(52, 'North=UK', 0.3)]);
    expect(result.lines.filter((line) => line.basis === 'location').map((line) => [line.site, line.factorId])).toEqual([['Dock=North', 51], ['Dock', 52]]);
  });

  it('keeps a site named "null" apart from records without a site', () => {
    const excluded: SiteInfo = { name: 'null', ownershipPercent: 100, operationalControl: false, financialControl: false, isDataCentre: false, region: 'UK' };
    const result = run([use(1, 'electricity', 1000, 'kWh', { site: 'null' }), use(2, 'electricity', 1000, 'kWh', { site: null })], [GRID], { sites: [excluded] });
    // The site named 'null' is outside control (0%); records without a site count in full.
    expect(result.lines.filter((line) => line.basis === 'location').map((line) => [line.recordId, line.share])).toEqual([[1, 0], [2, 1]]);
    // Facility energy at site 'null' shares no month with its own electricity: no double count with the records without a site.
    const facility = run([use(1, 'electricity', 1000, 'kWh', { site: null }), use(2, 'facility_energy', 500, 'kWh', { site: 'null' })], [GRID]);
    expect(facility.findings).toEqual([]);
    expect(facility.periods[0]!.metrics.electricityKwh).toBe(1500);
  });

  it('remembers one-day periods as themselves: two daily readings of the same day', () => {
    const day = { periodStart: '2023-06-05', periodEnd: '2023-06-05' };
    const result = run([use(1, 'electricity', 10, 'kWh', day), use(2, 'electricity', 20, 'kWh', day), use(3, 'electricity', 30, 'kWh', { periodStart: '2023-06-05', periodEnd: '2023-06-06' })], [GRID, RESIDUAL]);
    expect(result.periods.map((period) => [period.label, period.scope2Location])).toEqual([['FY2023', 0.012]]);
  });

  it('counts facility energy consumed as electricity in a month when the site consumed only other energy then', () => {
    const gas = factorOf(3, { activityKey: 'natural_gas', unitText: 'kWh', scope: 'Scope 1', co2ePerUnitKg: 0.18 });
    const result = run([use(1, 'natural_gas', 2000, 'kWh'), use(2, 'it_energy', 400, 'kWh', { meaning: 'metric' }), use(3, 'facility_energy', 500, 'kWh')], [gas, GRID, RESIDUAL]);
    expect(result.findings).toEqual([]);
    expect(result.periods[0]).toMatchObject({ scope2Location: 0.1, metrics: { electricityKwh: 500, pue: 1.25 } });
  });

  it('never lets instruments cover facility energy recorded as a metric: it is not electricity consumed', () => {
    const dataCentre = { site: 'DC' };
    const result = run(
      [
        use(1, 'electricity', 1000, 'kWh', dataCentre),
        use(2, 'facility_energy', 1200, 'kWh', { ...dataCentre, meaning: 'metric' }),
        use(3, 'it_energy', 1000, 'kWh', { ...dataCentre, meaning: 'metric' }),
        use(4, 'clean_electricity', 1500, 'kWh', { ...dataCentre, meaning: 'instrument', instrument: 'REGO' }),
      ],
      [GRID, RESIDUAL],
    );
    expect(result.findings.map((found) => [found.recordId, found.kind, found.detail])).toEqual([
      [4, 'instrument-exceeds-consumption', 'in FY2023 (instruments matched per fiscal year): 1000 of 1500 kWh counted'],
    ]);
    expect(result.periods[0]!.metrics).toMatchObject({ electricityKwh: 1000, cleanKwh: 1000, pue: 1.2 });
  });

  it('leaves facility energy counted twice out of instrument matching, so instruments cover only the electricity', () => {
    const result = run(
      [use(1, 'electricity', 1000, 'kWh'), use(2, 'clean_electricity', 1500, 'kWh', { meaning: 'instrument', instrument: 'REGO' }), use(3, 'facility_energy', 1000, 'kWh')],
      [GRID, RESIDUAL],
    );
    expect(result.findings.map((found: Finding) => [found.recordId, found.kind, found.detail])).toEqual([
      [2, 'instrument-exceeds-consumption', 'in FY2023 (instruments matched per fiscal year): 1000 of 1500 kWh counted'],
      [3, 'double-count', 'in FY2023 M06'],
    ]);
    expect(result.periods[0]!.metrics).toMatchObject({ electricityKwh: 1000, cleanKwh: 1000, cleanShare: 1 });
  });

  it('matches quantities exactly however large: 1e21 kWh half covered', () => {
    const result = run([use(1, 'electricity', 1e21, 'kWh'), use(2, 'clean_electricity', 5e20, 'kWh', { meaning: 'instrument', instrument: 'REGO' })], [GRID, RESIDUAL]);
    const market = linesOf(result, 1).find((line) => line.basis === 'market');
    expect(market).toMatchObject({ chargedQuantity: 5e20, tco2e: 2.5e17 });
  });
});

describe('the two passes of the streaming calculation', () => {
  const consumed = use(1, 'electricity', 1000, 'kWh');
  const certificate = use(2, 'clean_electricity', 600, 'kWh', { meaning: 'instrument', instrument: 'REGO' });
  const facility = use(3, 'facility_energy', 500, 'kWh', { periodStart: '2023-07-01', periodEnd: '2023-07-31' });
  const input = { factors: [GRID, RESIDUAL], sites: [], settings: SETTINGS };
  const discard = { line: () => undefined, finding: () => undefined };

  it('takes an instrument after facility energy consumed in the first pass', () => {
    const calculation = new InventoryCalculation(input);
    for (const item of [consumed, facility, certificate]) calculation.scope2Flow(item);
    for (const item of [consumed, certificate, facility]) calculation.add(item, discard);
    expect(calculation.finish().periods).toEqual(run([consumed, certificate, facility], input.factors).periods);
  });

  it('refuses a record that is neither electricity consumed nor an instrument in the first pass', () => {
    expect(() => new InventoryCalculation(input).scope2Flow(use(7, 'diesel', 5, 'L'))).toThrow('record 7 is not electricity consumed or an instrument');
  });

  it('refuses to finish when the passes saw different flows, naming both counts', () => {
    const calculation = new InventoryCalculation(input);
    for (const item of [consumed, certificate]) calculation.scope2Flow(item);
    for (const item of [consumed, certificate, { ...certificate, id: 4 }]) calculation.add(item, discard);
    expect(() => calculation.finish()).toThrow(
      'instrument matching saw {"consumption":1,"facility":0,"instrument":1} but the records held {"consumption":1,"facility":0,"instrument":2}: every instrument and facility energy consumed must pass scope2Flow first',
    );
  });
});
