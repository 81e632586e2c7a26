/**
 * Factor appendix: each emission factor the detail used, with its set, edition, publisher,
 * licence and GWP basis, its published values per gas and the rows of the publication it came from.
 */
import type { GasValue } from '../../../../shared/factors/types';
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import { TICK } from './tick-marks';
import { selectFactorsByIds } from '../store';
import type { SheetModule } from './sheet-module';

export const FACTORS_SHEET = 'Factor appendix';

const COLUMNS: readonly TableColumn[] = [
  { header: 'Factor id', style: 'integer' },
  { header: 'Factor set', style: 'text' },
  { header: 'Edition', style: 'text' },
  { header: 'Publisher', style: 'text' },
  { header: 'Title', style: 'text' },
  { header: 'Licence', style: 'text' },
  { header: 'GWP basis', style: 'text' },
  { header: 'Valid from', style: 'text' },
  { header: 'Valid to', style: 'text' },
  { header: 'Factor', style: 'text' },
  { header: 'Activity', style: 'text' },
  { header: 'Per unit', style: 'text' },
  { header: 'Region', style: 'text' },
  { header: 'Source scope', style: 'text' },
  { header: 'Biogenic', style: 'text' },
  { header: 'kg CO2e per unit (as published)', style: 'factor' },
  { header: 'Gases (as published)', style: 'clipped' },
  { header: 'Publication rows', style: 'text' },
  { header: 'Set content SHA-256', style: 'mono', width: 66 },
];

function gasesText(json: string): string {
  const stored = JSON.parse(json) as { gases?: GasValue[] };
  return (stored.gases ?? []).map((gas) => `${gas.gas} ${gas.value} ${gas.valueUnit}${gas.alreadyCo2e ? ' CO2e' : ''}`).join('; ');
}

function publicationRows(json: string): string {
  const source = JSON.parse(json) as { sheet?: string; rowNumbers?: number[] } | null;
  if (source && typeof source.sheet === 'string' && Array.isArray(source.rowNumbers)) return `${source.sheet}: row ${source.rowNumbers.join(', ')}`;
  return json;
}

export const factorAppendixSheet: SheetModule = {
  tabs: () => [{ name: FACTORS_SHEET, description: 'Each emission factor used, with its set, edition, source, licence and GWP basis' }],
  async write(book, context) {
    const factors = selectFactorsByIds(context.db, [...context.usedFactorIds]);
    const rows = factors.map((factor): Cell[] => [
      { value: factor.id, style: 'integer' },
      { value: factor.set_key, style: 'text' },
      { value: factor.edition, style: 'text' },
      { value: factor.publisher, style: 'text' },
      { value: factor.title, style: 'text' },
      { value: factor.licence, style: 'text' },
      { value: factor.gwp_basis, style: 'text' },
      { value: factor.valid_from, style: 'text' },
      { value: factor.valid_to, style: 'text' },
      { value: factor.label, style: 'text' },
      { value: factor.activity_key, style: 'text' },
      { value: factor.unit_text, style: 'text' },
      { value: factor.region, style: 'text' },
      { value: factor.scope, style: 'text' },
      { value: factor.biogenic === 1 ? 'Yes' : 'No', style: 'text' },
      { value: factor.co2e_per_unit_kg, style: 'factor' },
      { value: gasesText(factor.gases_json), style: 'clipped' },
      { value: publicationRows(factor.source_rows_json), style: 'text' },
      { value: factor.content_sha256, style: 'mono' },
    ]);
    await writeTable(book, {
      name: FACTORS_SHEET,
      title: 'Factor appendix',
      notes: [
        `${factors.length} factors used by the detail ${TICK.factor}, from the frozen factor-set versions named on the Cover.`,
        'A factor given per gas (EPA) is weighted by the engagement’s GWP basis; DESNZ per-gas values are already CO2e and are never weighted again.',
      ],
      columns: COLUMNS,
    }, rows);
  },
};
