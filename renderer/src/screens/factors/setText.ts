/** A factor set's edition and validity as the UI words them (shared/factors/labels words them for the engine, workbook and CLI). */
import { isUndatedEdition, validitySpan } from '../../../../shared/factors/labels';
import { t } from '../../../../shared/messages';

/** '2022', or 'Undated' for a set stored without an edition. */
export function editionText(edition: string): string {
  return isUndatedEdition(edition) ? t.factorSets.undated : edition;
}

/** '2022-01-01 – 2022-12-31'; 'undated (any period)'; an open end reads 'from …' or 'until …'. */
export function validityText(validFrom: string | null, validTo: string | null): string {
  const { from, to } = validitySpan(validFrom, validTo);
  if (from === null) return to === null ? t.factorSets.undatedAnyPeriod : t.factorSets.until(to);
  return to === null ? t.factorSets.from(from) : t.factorSets.span(from, to);
}
