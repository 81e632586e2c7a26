import type { MappingKind } from '../../../../shared/contract';

export const KIND_LABELS: Readonly<Record<MappingKind, string>> = {
  activity: 'Activity data',
  factors: 'Emission factors',
  targets: 'Targets',
  claims: 'Reported figures',
};
