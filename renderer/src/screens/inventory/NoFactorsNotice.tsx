import { api } from '../../api';
import { useAction } from '../../useAction';

/** No factors yet: the one step that makes the inventory calculable (calculating stays the auditor's next, explicit step). */
export function NoFactorsNotice({ onLoaded }: { onLoaded: () => Promise<void> }) {
  const load = useAction(async () => {
    await api.call('factors.loadLibrary', {});
    await onLoaded();
  });
  return (
    <div className="notice warning call-to-action" data-testid="no-factors">
      <p>
        <strong>No emission factors are loaded in this engagement,</strong> so no figure can be calculated. Load the default factor library
        shipped with Carbon Audit, or import a factor table under Import.
      </p>
      <button type="button" className="primary" onClick={() => void load.run()} disabled={load.busy}>
        {load.busy ? 'Loading…' : 'Load default factor library'}
      </button>
      {load.error && <p role="alert" className="error">{load.error}</p>}
    </div>
  );
}
