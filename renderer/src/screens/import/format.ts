import type { MappingKind } from '../../../../shared/contract';
import { t } from '../../messages';

export const KIND_LABELS: Readonly<Record<MappingKind, string>> = {
  activity: t.format.activityData,
  factors: t.format.emissionFactors,
  targets: t.format.targets,
  claims: t.format.reportedFigures,
};
