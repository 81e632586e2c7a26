import type { PeriodResult } from '../../../../shared/calc/inventory-types';
import { FIGURE_IDS, FIGURES, figureValue } from '../../../../shared/figures';
import { differenceText, valueText } from './figureText';
import { t } from '../../../../shared/messages';
import { figureName } from '../../labels';

/** Every catalogue figure of each year as imported, after the proposed adjustments, and the difference. */
export function CorrectedFigures({ periods, correctedPeriods }: { periods: readonly PeriodResult[]; correctedPeriods: readonly PeriodResult[] }) {
  const years = [...correctedPeriods].sort((a, b) => a.start.localeCompare(b.start));
  const moved = years.some((year) => {
    const imported = periods.find((period) => period.label === year.label);
    return FIGURE_IDS.some((id) => (imported ? figureValue(FIGURES[id], imported) : null) !== figureValue(FIGURES[id], year));
  });
  return (
    <div className="table-scroll">
      {!moved && <p className="muted small">{t.correctedFigures.noAdjustmentMovesAFigure}</p>}
      <table className="grid corrected-figures" aria-label={t.correctedFigures.figuresAsImportedAndCorrected}>
        <thead>
          <tr>
            <th rowSpan={2} scope="col">{t.correctedFigures.figure}</th>
            {years.map((year) => <th key={year.label} colSpan={3} scope="colgroup">{year.label}</th>)}
          </tr>
          <tr>
            {years.flatMap((year) => [
              <th key={`${year.label}-imported`} scope="col" className="num">{t.correctedFigures.asImported}</th>,
              <th key={`${year.label}-corrected`} scope="col" className="num">{t.correctedFigures.corrected}</th>,
              <th key={`${year.label}-difference`} scope="col" className="num">{t.correctedFigures.difference}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {FIGURE_IDS.map((id) => (
            <tr key={id} data-figure={id}>
              <th scope="row">{figureName(FIGURES[id])}</th>
              {years.flatMap((year) => {
                const importedPeriod = periods.find((period) => period.label === year.label);
                const imported = importedPeriod ? figureValue(FIGURES[id], importedPeriod) : null;
                const corrected = figureValue(FIGURES[id], year);
                const difference = imported === null || corrected === null ? null : corrected - imported;
                return [
                  <td key={`${year.label}-imported`} className="num" data-period={year.label} data-variant="imported">{valueText(id, imported)}</td>,
                  <td key={`${year.label}-corrected`} className={difference ? 'num moved' : 'num'} data-period={year.label} data-variant="corrected">{valueText(id, corrected)}</td>,
                  <td key={`${year.label}-difference`} className="num">{difference ? differenceText(id, difference) : ''}</td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
