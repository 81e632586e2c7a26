import { api } from '../../api';
import { useAction } from '../../useAction';
import { t } from '../../../../shared/messages';

/** No factors yet: the one step that makes the inventory calculable (calculating stays the auditor's next, explicit step). */
export function NoFactorsNotice({ onLoaded }: { onLoaded: () => Promise<void> }) {
  const load = useAction(async () => {
    await api.call('factors.loadLibrary', {});
    await onLoaded();
  });
  return (
    <div className="notice warning call-to-action" data-testid="no-factors">
      <p>
        <strong>{t.noFactorsNotice.noEmissionFactorsAreLoaded}</strong> {t.noFactorsNotice.soNoFigureCanBe}
      </p>
      <button type="button" className="primary" onClick={() => void load.run()} disabled={load.busy}>
        {load.busy ? t.noFactorsNotice.loading : t.noFactorsNotice.loadDefaultFactorLibrary}
      </button>
      {load.error && <p role="alert" className="error">{load.error}</p>}
    </div>
  );
}
