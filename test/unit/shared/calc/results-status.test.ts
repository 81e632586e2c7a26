import { describe, expect, it } from 'vitest';
import { resultsStatusMessage, type ResultsStatus } from '../../../../shared/calc/results-status';

const CALCULATED = { calculatedAt: '2026-03-02T10:00:00.000Z', calculatedBy: 'auditor', inputsSha256: 'ab'.repeat(32) } as const;

describe('results status message', () => {
  it('tells the auditor to calculate when there are no results', () => {
    expect(resultsStatusMessage({ state: 'none' })).toBe('no results yet: calculate');
  });

  it('says nothing about current results', () => {
    expect(resultsStatusMessage({ state: 'current', changed: [], ...CALCULATED })).toBeNull();
  });

  it('names every input that changed, in the order given', () => {
    const status: ResultsStatus = { state: 'stale', changed: ['boundary', 'records', 'method'], ...CALCULATED };
    expect(resultsStatusMessage(status)).toBe(
      'results are out of date: recalculate (the reporting boundary, the activity records, the calculation method (a newer Carbon Audit) changed)',
    );
  });

  it('names a single changed input without a separator', () => {
    expect(resultsStatusMessage({ state: 'stale', changed: ['factors'], ...CALCULATED })).toBe('results are out of date: recalculate (the factor versions changed)');
  });
});
