/**
 * Per-text caches of pure parses that run on every cell of a column: a file has few units,
 * activities, months and sites but millions of rows. Only pure functions of the text belong
 * here: a parse that also reads the row, or settings that can differ between calls, must not be
 * cached by text alone (its owner keeps one cache per setting, e.g. one per column).
 *
 * The cache is bounded, so a column of unique texts cannot grow memory with the file: once it
 * holds `limit` texts it keeps them and adds no more, and if most texts so far were new (a
 * quantity or meter column) it is dropped and every further text is parsed directly, without
 * paying for a lookup that would almost never hit.
 */

/** Distinct texts a cache keeps: far more than a column of units or sites holds, far fewer than a file's rows. */
export const TEXT_CACHE_LIMIT = 4096;

/** Stands for a cached undefined, so that a hit costs one lookup. */
const UNDEFINED = Symbol('undefined');

/** `parse`, computed once per distinct text while the cache pays; undefined is a result like any other. */
export function memoByText<T>(parse: (text: string) => T, limit = TEXT_CACHE_LIMIT): (text: string) => T {
  let cache: Map<string, T | typeof UNDEFINED> | null = new Map();
  let hits = 0;
  return (text) => {
    if (cache === null) return parse(text);
    const cached = cache.get(text);
    if (cached !== undefined) {
      hits++;
      return cached === UNDEFINED ? (undefined as T) : cached;
    }
    const parsed = parse(text);
    if (cache.size < limit) cache.set(text, parsed === undefined ? UNDEFINED : parsed);
    else if (hits < limit) cache = null;
    return parsed;
  };
}
