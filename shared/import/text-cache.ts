/**
 * Per-text caches of pure parses that run on every cell of a column: a file has few units,
 * activities, months and sites but millions of rows. Only pure functions of the text belong
 * here: a parse that also reads the row, or settings that can differ between calls, must not be
 * cached by text alone (its owner keeps one cache per setting, e.g. one per column).
 *
 * The cache is bounded, so a column of unique texts cannot grow memory with the file: once it
 * holds `limit` texts it keeps them and adds no more, and if most texts so far were new (a
 * quantity or meter column) it is dropped and every further text is parsed directly, without
 * paying for a lookup that would almost never hit. A text longer than CACHED_TEXT_LENGTH is
 * never kept (no unit, month, site code or number is that long; a column of long notes would
 * otherwise hold megabytes), and caches that share a TextBudget keep that many texts between them.
 */

/** Distinct texts a cache keeps: far more than a column of units or sites holds, far fewer than a file's rows. */
export const TEXT_CACHE_LIMIT = 4096;

/** The longest text a cache keeps: longer ones are parsed each time. */
export const CACHED_TEXT_LENGTH = 64;

/** How many more texts the caches sharing it may keep (one per table's columns, say). */
export interface TextBudget {
  texts: number;
}

/** A budget for the caches of one table's columns: a few columns' worth, whatever the number of columns. */
export function textBudget(texts = 4 * TEXT_CACHE_LIMIT): TextBudget {
  return { texts };
}

/** Stands for a cached undefined, so that a hit costs one lookup. */
const UNDEFINED = Symbol('undefined');

/** `parse`, computed once per distinct text while the cache pays; undefined is a result like any other. */
export function memoByText<T>(parse: (text: string) => T, limit = TEXT_CACHE_LIMIT, budget: TextBudget = { texts: limit }): (text: string) => T {
  let cache: Map<string, T | typeof UNDEFINED> | null = new Map();
  let hits = 0;
  return (text) => {
    if (cache === null || text.length > CACHED_TEXT_LENGTH) return parse(text);
    const cached = cache.get(text);
    if (cached !== undefined) {
      hits++;
      return cached === UNDEFINED ? (undefined as T) : cached;
    }
    const parsed = parse(text);
    if (cache.size >= limit) {
      if (hits < limit) cache = null;
    } else if (budget.texts > 0) {
      // Once the shared budget is spent, the cache keeps what it holds and adds nothing.
      cache.set(text, parsed === undefined ? UNDEFINED : parsed);
      budget.texts--;
    }
    return parsed;
  };
}
