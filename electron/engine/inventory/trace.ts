import type { ResultLine } from '../../../shared/calc/inventory';
import { formatFigureReference, parseFigureReference, type EmissionFigure } from '../../../shared/figures';
import { breakdownByPeriod, type Granularity, type PeriodPart } from '../../../shared/calc/breakdown';
import { fsum } from '../../../shared/calc/sum';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { calculate } from './calculate';

export interface TraceSource {
  readonly fileName: string;
  readonly sha256: string;
  readonly sheet: string;
  readonly rowNumber: number;
  readonly cells: unknown[];
}

export interface TraceLine extends ResultLine {
  /** The record's own period, which the line's part of the fiscal year falls in. */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly source: TraceSource;
  readonly factor: { readonly label: string; readonly setKey: string; readonly edition: string; readonly sourceRows: unknown } | null;
}

export interface FigureTrace {
  readonly figure: string;
  readonly fiscalYear: string;
  readonly site: string | null;
  readonly tco2e: number | null;
  readonly lines: readonly TraceLine[];
  /** The figure by fiscal quarter and month (pro rata by days within each record's period). */
  readonly quarters: readonly PeriodPart[];
  readonly months: readonly PeriodPart[];
}

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
  const sourceOf = engagement.db.prepare(
    `SELECT s.file_name, s.sha256, w.sheet, w.row_number, w.cells_json, r.period_start, r.period_end FROM activity_record r JOIN raw_row w ON w.id = r.raw_row_id JOIN source_file s ON s.id = r.source_file_id WHERE r.id = ?`,
  );
  const factorOf = engagement.db.prepare('SELECT f.label, s.set_key, s.edition, f.source_rows_json FROM emission_factor f JOIN factor_set s ON s.id = f.factor_set_id WHERE f.id = ?');
  const traced = lines.map((line): TraceLine => {
      const source = sourceOf.get(line.recordId) as { file_name: string; sha256: string; sheet: string; row_number: number; cells_json: string; period_start: string; period_end: string };
      const factor = line.factorId === null ? undefined : (factorOf.get(line.factorId) as { label: string; set_key: string; edition: string; source_rows_json: string });
      return {
        ...line,
        periodStart: source.period_start,
        periodEnd: source.period_end,
        source: { fileName: source.file_name, sha256: source.sha256, sheet: source.sheet, rowNumber: source.row_number, cells: JSON.parse(source.cells_json) as unknown[] },
        factor: factor ? { label: factor.label, setKey: factor.set_key, edition: factor.edition, sourceRows: JSON.parse(factor.source_rows_json) as unknown } : null,
      };
  });
  const settings = engagement.settings();
  const fiscal = { startMonth: settings.fiscalYearStartMonth, labelRule: settings.fiscalYearLabelRule };
  const breakdown = (granularity: Granularity) => {
    const result = breakdownByPeriod(traced, granularity, fiscal);
    if (!result.ok) throw new EngineError('calculation', result.reason);
    return result.value;
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
