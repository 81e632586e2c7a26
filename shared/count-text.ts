/** A count with its noun in the engine's English ("1 row", "2 rows", "3 entries"), for the CLI, workbook and engine messages. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${inNumber(count, singular, plural)}`;
}

/** The word agreeing in number with a count: `inNumber(1, 'holds', 'hold')` is 'holds'. */
export function inNumber(count: number, singular: string, plural: string): string {
  return count === 1 ? singular : plural;
}
