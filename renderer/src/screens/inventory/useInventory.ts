import { useCallback, useEffect, useState } from 'react';
import type { InventoryResults } from '../../../../shared/contract';
import { api } from '../../api';
import { errorMessage } from '../../format';

type InventoryState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly results: InventoryResults }
  | { readonly status: 'failed'; readonly message: string };

/**
 * The stored inventory and whether it is out of date. Opening the screen only reads: it never
 * calculates nor freezes factor versions; `calculate` does, when the auditor asks.
 */
export function useInventory() {
  const [state, setState] = useState<InventoryState>({ status: 'loading' });
  const show = useCallback(async (results: Promise<InventoryResults>) => {
    try {
      setState({ status: 'ready', results: await results });
    } catch (caught) {
      setState({ status: 'failed', message: errorMessage(caught) });
    }
  }, []);
  const reload = useCallback(() => show(api.call('inventory.results', {})), [show]);
  const calculate = useCallback(() => show(api.call('inventory.calculate', {})), [show]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload, calculate };
}
