import { describe, expect, it } from 'vitest';
import { activityByKey } from '../../../../shared/activities';
import {
  DESNZ_ACTIVITY_RULES,
  EPA_HUB_ACTIVITY_RULES,
  matchActivityRule,
  withActivityKeys,
  type ActivityKeyRule,
} from '../../../../shared/factors/activity-keys';
import type { EmissionFactor } from '../../../../shared/factors/types';

function factor(path: string[], region?: string): EmissionFactor {
  return {
    path,
    label: path[path.length - 1] ?? '',
    unitText: 'kWh',
    gases: [],
    ...(region === undefined ? {} : { region }),
    source: { publisher: 'P', title: 'T', edition: '1', year: 2020, licence: 'L', sheet: 'S', rowNumbers: [1] },
  };
}

describe('activity key rules', () => {
  it('name only activities that exist, with no path listed twice', () => {
    for (const rules of [DESNZ_ACTIVITY_RULES, EPA_HUB_ACTIVITY_RULES]) {
      for (const rule of rules) expect(activityByKey(rule.activityKey), rule.activityKey).toBeDefined();
      const paths = rules.map((rule) => rule.pathPrefix.join('/'));
      expect(new Set(paths).size).toBe(paths.length);
    }
  });

  it.each([
    [['Fuels', 'Liquid fuels', 'Diesel (average biofuel blend)'], 'diesel'],
    [['Fuels', 'Gaseous fuels', 'Natural gas'], 'natural_gas'],
    [['Refrigerant & other', 'Kyoto protocol- blends', 'R410A'], 'refrigerant'],
    [['Business travel- air', 'Flights', 'Domestic, to/from UK'], 'business_travel_air'],
  ])('map DESNZ %j to %s', (path, key) => {
    expect(matchActivityRule(path, DESNZ_ACTIVITY_RULES)?.activityKey).toBe(key);
  });

  it('leave look-alike DESNZ categories unmatched (well-to-tank, mineral diesel, biogenic rows)', () => {
    for (const path of [
      ['WTT- fuels', 'WTT- liquid fuels', 'Diesel (average biofuel blend)'],
      ['Fuels', 'Liquid fuels', 'Diesel (100% mineral diesel)'],
      ['Outside of scopes', 'Forecourt fuels containing biofuel', 'Diesel (average biofuel blend)'],
      ['Transmission and distribution', 'T&D- UK electricity', 'Electricity: UK'],
    ]) {
      expect(matchActivityRule(path, DESNZ_ACTIVITY_RULES), path.join('/')).toBeUndefined();
    }
  });

  it('map EPA natural gas and eGRID subregions', () => {
    expect(matchActivityRule(['Stationary Combustion', 'Natural Gas', 'Natural Gas'], EPA_HUB_ACTIVITY_RULES)?.activityKey).toBe('natural_gas');
    expect(matchActivityRule(['Electricity', 'CAMX', 'WECC California'], EPA_HUB_ACTIVITY_RULES)?.activityKey).toBe('electricity');
    expect(matchActivityRule(['Stationary Combustion', 'Natural Gas'], EPA_HUB_ACTIVITY_RULES)).toBeUndefined();
  });
});

describe('withActivityKeys', () => {
  const rules: ActivityKeyRule[] = [
    { pathPrefix: ['Fuels'], activityKey: 'fuel_oil' },
    { pathPrefix: ['Fuels', 'Gas'], activityKey: 'natural_gas', region: 'UK' },
  ];

  it('applies the longest matching prefix and its region', () => {
    const [gas, other] = withActivityKeys([factor(['Fuels', 'Gas', 'Mains']), factor(['Fuels', 'Oil'])], rules);
    expect(gas).toMatchObject({ activityKey: 'natural_gas', region: 'UK' });
    expect(other?.activityKey).toBe('fuel_oil');
    expect(other?.region).toBeUndefined();
  });

  it("keeps a factor's own region and leaves unmatched factors untouched", () => {
    const own = factor(['Fuels', 'Gas'], 'CAMX');
    const unmatched = factor(['Hotel stay', 'Oman']);
    const [keyed, untouched] = withActivityKeys([own, unmatched], rules);
    expect(keyed?.region).toBe('CAMX');
    expect(untouched).toBe(unmatched);
    expect(untouched?.activityKey).toBeUndefined();
  });

  it('sets the UK region on DESNZ UK grid electricity', () => {
    const [electricity] = withActivityKeys([factor(['UK electricity', 'Electricity generated', 'Electricity: UK'])], DESNZ_ACTIVITY_RULES);
    expect(electricity).toMatchObject({ activityKey: 'electricity', region: 'UK' });
  });
});
