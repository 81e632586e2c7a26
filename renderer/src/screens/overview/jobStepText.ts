import type { EngagementProgress, JobStep } from '../../../../shared/overview';
import { countOf, formatCount, formatThreeDecimals } from '../../format';
import { t } from '../../../../shared/messages';

/** A step of the job in the catalogue's words: its name, and what is done or what to do next. */
export function jobStepText(step: JobStep, progress: EngagementProgress): { readonly label: string; readonly detail: string } {
  switch (step.id) {
    case 'import':
      return { label: t.jobSteps.import, detail: progress.sourceFiles > 0 ? t.jobSteps.importsInRegister(countOf(progress.sourceFiles, t.jobSteps.import1, t.jobSteps.imports)) : t.jobSteps.importActivityData };
    case 'boundary': {
      if (progress.sites === 0) return { label: t.jobSteps.boundary, detail: t.jobSteps.sitesAppearOnImport };
      const configured = t.jobSteps.sitesConfigured(formatCount(progress.sitesConfigured), countOf(progress.sites, t.jobSteps.site, t.jobSteps.sites));
      return { label: t.jobSteps.boundary, detail: progress.sitesConfigured < progress.sites ? `${configured}${t.jobSteps.theRestCountInFull}` : configured };
    }
    case 'factors':
      return { label: t.jobSteps.factors, detail: progress.factorSets > 0 ? t.jobSteps.factorSetsLoaded(countOf(progress.factorSets, t.jobSteps.factorSet, t.jobSteps.factorSets)) : t.jobSteps.loadTheLibrary };
    case 'calculate': {
      if (progress.calculatedYears === 0) return { label: t.jobSteps.calculate, detail: t.jobSteps.needsDataAndFactors };
      const calculated = t.jobSteps.yearsCalculated(countOf(progress.calculatedYears, t.jobSteps.fiscalYear, t.jobSteps.fiscalYears));
      const { records, atStake } = progress.unpriced;
      if (records === 0) return { label: t.jobSteps.calculate, detail: calculated };
      const stake = atStake === null ? t.jobSteps.atStakeUnknown : atStake.low === atStake.high ? t.jobSteps.atStake(formatThreeDecimals(atStake.high)) : t.jobSteps.atStakeRange(formatThreeDecimals(atStake.low), formatThreeDecimals(atStake.high));
      return { label: t.jobSteps.calculate, detail: t.jobSteps.recordsNotPriced(calculated, countOf(records, t.jobSteps.record, t.jobSteps.records), stake) };
    }
    case 'reconcile':
      return { label: t.jobSteps.reconcile, detail: progress.claimFiles > 0 ? t.jobSteps.filesOfReportedFigures(countOf(progress.claimFiles, t.jobSteps.file, t.jobSteps.files)) : t.jobSteps.importReportedFigures };
    case 'export':
      return { label: t.jobSteps.export, detail: progress.exports > 0 ? t.jobSteps.exportedTimes(countOf(progress.exports, t.jobSteps.time, t.jobSteps.times)) : t.jobSteps.exportOnceReviewed };
  }
}
