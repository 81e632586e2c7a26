/**
 * Sampling: every sample drawn for vouching, with its method, seed, population and size (the same
 * seed over the same population selects the same items), and each item with its source row and
 * what vouching it against the evidence found.
 */
import { VOUCHING_RESULT_LABELS } from '../../../../shared/review/vouching';
import type { SampleView } from '../../../../shared/review/views';
import { withdrawnSourceText } from '../../../../shared/withdrawal';
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { SheetModule } from './sheet-module';

export const SAMPLING_SHEET = 'Sampling';

const COLUMNS: readonly TableColumn[] = [
  { header: 'Sample', style: 'integer' },
  { header: 'Method', style: 'text' },
  { header: 'Seed', style: 'text' },
  { header: 'Population', style: 'text' },
  { header: 'Stratum', style: 'text' },
  { header: 'Item', style: 'integer' },
  { header: 'Record', style: 'integer' },
  { header: 'Site', style: 'text' },
  { header: 'Activity', style: 'text' },
  { header: 'Quantity', style: 'quantity' },
  { header: 'Unit', style: 'text' },
  { header: 'tCO2e', style: 'tco2e' },
  { header: 'Source file', style: 'text' },
  { header: 'Source sheet', style: 'text' },
  { header: 'Source row', style: 'integer' },
  { header: 'Vouching', style: 'text' },
  { header: 'Vouched by', style: 'text' },
  { header: 'Finding', style: 'integer' },
  { header: 'Comment', style: 'clipped', width: 60 },
  { header: 'Out of the calculation', style: 'clipped', width: 60 },
];

const METHODS = { random: 'Random', mus: 'Monetary-unit (tCO2e)' } as const;

function* itemRows(samples: readonly SampleView[]): Generator<Cell[]> {
  for (const sample of samples) {
    for (const item of sample.items) {
      yield [
        { value: sample.id, style: 'integer' },
        { value: METHODS[sample.method], style: 'text' },
        { value: sample.seed, style: 'text' },
        { value: sample.population, style: 'text' },
        { value: item.stratum, style: 'text' },
        { value: item.drawOrder, style: 'integer' },
        { value: item.recordId, style: 'integer' },
        { value: item.site, style: 'text' },
        { value: item.activity, style: 'text' },
        { value: item.quantity, style: 'quantity' },
        { value: item.unit, style: 'text' },
        { value: item.tco2e, style: 'tco2e' },
        { value: item.source.fileName, style: 'text' },
        { value: item.source.sheet, style: 'text' },
        { value: item.source.rowNumber, style: 'integer' },
        { value: item.result ? VOUCHING_RESULT_LABELS[item.result] : 'Not yet vouched', style: 'text' },
        { value: item.vouchedBy, style: 'text' },
        { value: item.findingId, style: 'integer' },
        { value: item.comment, style: 'clipped' },
        { value: item.withdrawn ? `Withdrawn: ${withdrawnSourceText(item.withdrawn)}` : null, style: 'clipped' },
      ];
    }
  }
}

/** One line per sample: what was drawn, from what, by whom. */
function sampleNote(sample: SampleView): string {
  const strata = sample.stratifyBy ? `, stratified by ${sample.stratifyBy}` : '';
  return `Sample ${sample.id}: ${METHODS[sample.method]}, ${sample.size} of ${sample.populationCount} ${sample.population} (${sample.populationTco2e.toFixed(3)} tCO2e${strata}), seed ${sample.seed}, population SHA-256 ${sample.populationSha256}; drawn ${sample.drawnAt} by ${sample.drawnBy}; ${sample.vouched} vouched, ${sample.differences} with a difference${sample.withdrawnItems > 0 ? `; ${sample.withdrawnItems} out of the calculation (their source file withdrawn since), not to be vouched` : ''}.`;
}

export const samplingSheet: SheetModule = {
  tabs: () => [{ name: SAMPLING_SHEET, description: 'Samples for vouching: method, seed, population, items and what vouching found' }],
  async write(book, context) {
    const { samples } = context.review;
    await writeTable(book, {
      name: SAMPLING_SHEET,
      title: 'Sampling',
      notes: samples.length === 0 ? ['None: no sample has been drawn.'] : samples.map(sampleNote),
      columns: COLUMNS,
    }, itemRows(samples), context.signal);
  },
};
