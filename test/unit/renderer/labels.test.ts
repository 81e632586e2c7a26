/** Words the UI gives to the ids shared/ names things by. */
import { describe, expect, it } from 'vitest';
import { changedInputs } from '../../../renderer/src/labels';
import { t } from '../../../shared/messages';

describe('why stored figures are out of date', () => {
  it('names every input that changed, in the order given', () => {
    expect(t.resultsStatus.outOfDate(changedInputs(['boundary', 'records']))).toBe('results are out of date: recalculate (the reporting boundary, the activity records changed)');
    expect(t.resultsStatus.outOfDateSentence(changedInputs(['method']))).toBe('Results are out of date: recalculate (the calculation method (a newer Carbon Audit) changed)');
  });
});
