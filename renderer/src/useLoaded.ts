import { useEffect, useState, type DependencyList } from 'react';
import { errorMessage } from './format';

/**
 * What `load` resolves to, loaded again whenever `deps` change; the answer to an older load that
 * arrives late is dropped. The last value stays in view while the next one loads, unless
 * `resetOnChange` (a different thing is asked for, so the old answer would mislead).
 */
export function useLoaded<T>(load: () => Promise<T>, deps: DependencyList, { resetOnChange = false } = {}) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    if (resetOnChange) {
      setValue(null);
      setError(null);
    }
    load().then(
      (next) => {
        if (!current) return;
        setValue(next);
        setError(null);
      },
      (caught: unknown) => current && setError(errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, deps);
  return { value, error, setValue };
}
