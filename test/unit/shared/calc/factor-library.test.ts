// Which factors a pool admits: a biogenic companion comes only from the main factor's set.
import { describe, expect, it } from 'vitest';
import { FactorLibrary } from '../../../../shared/calc/factor-library';
import { factor } from '../../../helpers/factor-selection';

const SETTINGS = { fiscal: { startMonth: 1, labelRule: 'end-year' }, gwpBasis: 'AR5', consolidationApproach: 'operational-control', defaultRegion: 'UK' } as const;

describe('FactorLibrary.factorsIn', () => {
  const library = new FactorLibrary(
    [
      factor(4, { activityKey: 'wood', biogenic: true, factorSetId: 2, setKey: 'desnz-2024' }),
      factor(3, { activityKey: 'wood', biogenic: true, factorSetId: 1 }),
      factor(2, { activityKey: 'wood', scope: 'Scope 1', factorSetId: 1 }),
      factor(1, { activityKey: 'wood', scope: 'Scope 3', factorSetId: 1 }),
    ],
    SETTINGS,
  );

  it('admits biogenic companions of the main factor’s set only', () => {
    expect(library.factorsIn({ activityKey: 'wood', kind: 'biogenic', scope: null, factorSetId: 1 }).map(({ id }) => id)).toEqual([3]);
    expect(library.factorsIn({ activityKey: 'wood', kind: 'biogenic', scope: null, factorSetId: 2 }).map(({ id }) => id)).toEqual([4]);
  });

  it('admits the average factors of the pool’s scope, never a biogenic one', () => {
    expect(library.factorsIn({ activityKey: 'wood', kind: 'average', scope: 'Scope 1' }).map(({ id }) => id)).toEqual([2]);
    expect(library.factorsIn({ activityKey: 'diesel', kind: 'average', scope: 'Scope 1' })).toEqual([]);
  });
});
