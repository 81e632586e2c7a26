/** A count with its noun in the engine's English ("1 row", "2 rows", "3 entries"), for the CLI, workbook and engine messages. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
