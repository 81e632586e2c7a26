import { useCallback, useEffect, useState } from 'react';
import { ApiError, type InventorySummary } from '../../../../shared/contract';
import { api } from '../../api';
import { errorMessage } from '../../format';

type InventoryState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly summary: InventorySummary }
  | { readonly status: 'no-factors' }
  | { readonly status: 'failed'; readonly message: string };

/** The inventory on the frozen factor versions, or the engine's word that no factors are loaded yet. */
export function useInventory() {
  const [state, setState] = useState<InventoryState>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', summary: await api.call('inventory.calculate', {}) });
    } catch (caught) {
      setState(caught instanceof ApiError && caught.code === 'no-factors' ? { status: 'no-factors' } : { status: 'failed', message: errorMessage(caught) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}
