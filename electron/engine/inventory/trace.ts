import { breakdownByPeriod, type Granularity } from '../../../shared/calc/breakdown';
import { fsum } from '../../../shared/calc/sum';
import type { FigureTrace, TraceLine } from '../../../shared/calc/trace';
import { formatFigureReference, parseFigureReference, type EmissionFigure } from '../../../shared/figures';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { factorLineage } from '../factors/service';
import { calculate } from './calculate';
import { recordSources } from './store';

/** The lineage of one figure down to the source rows, summed exactly as the figure is. */
export function traceFigure(engagement: Engagement, figure: string, site?: string): FigureTrace {
  const reference = parseFigureReference(figure, { traceable: true });
  if (!reference.ok) throw new EngineError('invalid-input', reference.reason);
  const { fiscalYear } = reference.value;
  const { sums } = reference.value.figure as EmissionFigure;
  const result = calculate(engagement);
  const lines = result.lines.filter(
    (line) => line.fiscalYear === fiscalYear && sums.bases.includes(line.basis) && (sums.category === undefined || line.scope3Category === sums.category) && (site === undefined || line.site === site),
  );
  const sourceOf = recordSources(engagement.reader);
  const factorOf = factorLineage(engagement.reader);
  const traced = lines.map((line): TraceLine => {
    const { periodStart, periodEnd, ...source } = sourceOf(line.recordId);
    return { ...line, periodStart, periodEnd, source, factor: line.factorId === null ? null : factorOf(line.factorId) };
  });
  const settings = engagement.settings();
  const fiscal = { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule };
  const breakdown = (granularity: Granularity) => {
    const parts = breakdownByPeriod(traced, granularity, fiscal);
    if (!parts.ok) throw new EngineError('calculation', parts.reason);
    return parts.value;
  };
  return {
    figure: formatFigureReference(fiscalYear, reference.value.figure),
    fiscalYear,
    site: site ?? null,
    tco2e: lines.length === 0 ? null : fsum(lines.map((line) => line.tco2e)),
    lines: traced,
    quarters: breakdown('quarter'),
    months: breakdown('month'),
  };
}
