import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, engagementSettingsSchema, materialityThresholds } from '../../../shared/settings';

describe('engagement settings', () => {
  it('derives performance materiality (75%) and the clearly-trivial threshold (5%) from materiality unless they are given', () => {
    expect(materialityThresholds(5)).toEqual({ performanceMaterialityPercent: 3.75, clearlyTrivialPercent: 0.25 });
    const derived = engagementSettingsSchema.parse({ entityName: 'X', fiscalYearStartMonth: 4, materialityPercent: 2 });
    expect(derived).toMatchObject({ materialityPercent: 2, performanceMaterialityPercent: 1.5, clearlyTrivialPercent: 0.1 });
    const given = engagementSettingsSchema.parse({ entityName: 'X', fiscalYearStartMonth: 4, materialityPercent: 2, performanceMaterialityPercent: 1, clearlyTrivialPercent: 0.05 });
    expect(given).toMatchObject({ performanceMaterialityPercent: 1, clearlyTrivialPercent: 0.05 });
    expect(engagementSettingsSchema.safeParse({ entityName: 'X', fiscalYearStartMonth: 4, materialityPercent: 2, performanceMaterialityPercent: 3 }).success).toBe(false);
  });

  it('starts every front door from the same defaults', () => {
    expect(engagementSettingsSchema.parse({ entityName: 'X', fiscalYearStartMonth: 1 })).toMatchObject(DEFAULT_SETTINGS);
  });
});
