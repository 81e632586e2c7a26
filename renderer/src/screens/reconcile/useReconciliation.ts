import { useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiEvents } from '../../../../shared/contract';
import type { ReconciliationReport } from '../../../../shared/reconcile/report';
import { api } from '../../api';
import { errorMessage } from '../../format';
import { t } from '../../../../shared/messages';

type Phase = ApiEvents['reconcile.progress']['phase'];

type ReconciliationState =
  | { readonly status: 'loading'; readonly phase: Phase | null }
  | { readonly status: 'ready'; readonly report: ReconciliationReport }
  | { readonly status: 'no-factors' }
  | { readonly status: 'failed'; readonly message: string };

export const PHASE_TEXT: Readonly<Record<Phase, string>> = {
  calculating: t.useReconciliation.calculatingTheInventoryAsImported,
  reconciling: t.useReconciliation.comparingClaimsAndTargetsWith,
};

/**
 * The reconciliation report, reconciled again on `reload`. It runs on a worker in the engine;
 * while it does, the previous report stays on screen and the phase it is in is shown.
 */
export function useReconciliation() {
  const [state, setState] = useState<ReconciliationState>({ status: 'loading', phase: null });
  const [refreshing, setRefreshing] = useState<Phase | null>(null);
  useEffect(() => api.on('reconcile.progress', ({ phase }) => {
    setRefreshing(phase);
    setState((current) => (current.status === 'loading' ? { status: 'loading', phase } : current));
  }), []);
  const reload = useCallback(async () => {
    try {
      const report = await api.call('reconcile.report', {});
      setState({ status: 'ready', report });
    } catch (caught) {
      setState(caught instanceof ApiError && caught.code === 'no-factors' ? { status: 'no-factors' } : { status: 'failed', message: errorMessage(caught) });
    } finally {
      setRefreshing(null);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload, refreshing };
}
