import { describe, expect, it } from 'vitest';
import { findingQuerySchema, findingSourceAndRule } from '../../../../shared/review/findings';

describe("findings filtered by the check summary's words", () => {
  it("takes --rule calculation (the summary's line) as every calculation finding", () => {
    expect(findingSourceAndRule({ rule: 'calculation' })).toEqual({ source: 'calculation' });
    expect(findingSourceAndRule({ source: 'calculation', rule: 'calculation' })).toEqual({ source: 'calculation' });
    const query = findingQuerySchema.parse(findingSourceAndRule({ rule: 'sampling' }));
    expect(query.source).toBe('sampling');
    expect(query.rule).toBeUndefined();
  });

  it('leaves a rule, a calculation finding kind and a contradictory filter as given', () => {
    expect(findingSourceAndRule({ rule: 'gaps' })).toEqual({ source: undefined, rule: 'gaps' });
    expect(findingSourceAndRule({ source: 'calculation', rule: 'no-factor' })).toEqual({ source: 'calculation', rule: 'no-factor' });
    // 'rule' is the data-quality rules' source, never a rule of its own; a source named twice differently finds nothing, as asked.
    expect(findingSourceAndRule({ rule: 'rule' })).toEqual({ source: undefined, rule: 'rule' });
    expect(findingSourceAndRule({ source: 'sampling', rule: 'calculation' })).toEqual({ source: 'sampling', rule: 'calculation' });
  });
});
