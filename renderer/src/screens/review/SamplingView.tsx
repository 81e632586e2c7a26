import { useEffect, useState } from 'react';
import type { EngagementSummary } from '../../../../shared/contract';
import { SAMPLE_METHODS, SAMPLE_STRATIFICATIONS, type SampleMethod, type SampleStratification } from '../../../../shared/review/sampling';
import type { SampleItemView, SampleView } from '../../../../shared/review/views';
import { VOUCHING_RESULTS, type VouchingResult } from '../../../../shared/review/vouching';
import { VOUCHING_RESULT_LABELS } from './labels';
import { api } from '../../api';
import { errorMessage, formatCount, formatNumber, formatThreeDecimals, formatTimestamp } from '../../format';
import { useAction } from '../../useAction';
import { t } from '../../../../shared/messages';
import { activityName } from '../../labels';

const METHOD_LABELS: Readonly<Record<SampleMethod, string>> = { random: t.samplingView.random, mus: t.samplingView.monetaryUnitByTco2e };
type Population = 'records' | 'lines';

function DrawForm({ onDrawn }: { onDrawn: (sample: SampleView) => void }) {
  const [method, setMethod] = useState<SampleMethod>('random');
  const [population, setPopulation] = useState<Population>('records');
  const [size, setSize] = useState('25');
  const [seed, setSeed] = useState('');
  const [stratifyBy, setStratifyBy] = useState<SampleStratification | ''>('');
  const draw = useAction(async () => onDrawn(await api.call('sampling.draw', { method, population, size: Number(size), seed, stratifyBy: stratifyBy === '' ? null : stratifyBy })));
  return (
    <form className="card draw-form" aria-label={t.samplingView.drawASample} onSubmit={(event) => { event.preventDefault(); void draw.run(); }}>
      <h2>{t.samplingView.drawASample}</h2>
      <p className="muted small">{t.samplingView.theSeedMethodPopulationAnd}</p>
      <div className="inline-form wraps">
        <label className="inline">{t.samplingView.method}
          <select value={method} onChange={(event) => setMethod(event.target.value as SampleMethod)}>
            {SAMPLE_METHODS.map((value) => <option key={value} value={value}>{METHOD_LABELS[value]}</option>)}
          </select>
        </label>
        <label className="inline">{t.samplingView.population}
          <select value={population} onChange={(event) => setPopulation(event.target.value as Population)}>
            <option value="records">{t.samplingView.records}</option>
            <option value="lines">{t.samplingView.calculationLines}</option>
          </select>
        </label>
        <label className="inline">{t.samplingView.stratifyBy}
          <select value={stratifyBy} onChange={(event) => setStratifyBy(event.target.value as SampleStratification | '')}>
            <option value="">{t.samplingView.none}</option>
            {SAMPLE_STRATIFICATIONS.map((value) => <option key={value} value={value}>{value}</option>)}
          </select>
        </label>
        <label className="inline">{t.samplingView.size}<input inputMode="numeric" value={size} onChange={(event) => setSize(event.target.value.replace(/\D/g, ''))} /></label>
        <label className="inline">{t.samplingView.seed}<input inputMode="numeric" value={seed} onChange={(event) => setSeed(event.target.value.replace(/\D/g, ''))} /></label>
        <button type="submit" className="primary" disabled={draw.busy || seed === '' || size === ''}>{t.samplingView.draw}</button>
      </div>
      {draw.error && <p role="alert" className="notice danger">{draw.error}</p>}
    </form>
  );
}

/** What vouching one item found, recorded in place; a difference can become a finding. */
function VouchItem({ sampleId, item, onVouched }: { sampleId: number; item: SampleItemView; onVouched: (sample: SampleView) => void }) {
  const [result, setResult] = useState<VouchingResult>(item.result ?? 'agreed');
  const [comment, setComment] = useState(item.comment ?? '');
  const [raiseFinding, setRaiseFinding] = useState(false);
  const vouch = useAction(async () => onVouched(await api.call('sampling.vouch', { sampleId, drawOrder: item.drawOrder, result, comment: comment.trim() === '' ? undefined : comment, raiseFinding })));
  return (
    <form className="inline-form vouch" aria-label={t.samplingView.vouchItem(item.drawOrder)} onSubmit={(event) => { event.preventDefault(); void vouch.run(); }}>
      <select aria-label={t.samplingView.vouchingResult} value={result} onChange={(event) => setResult(event.target.value as VouchingResult)}>
        {VOUCHING_RESULTS.map((value) => <option key={value} value={value}>{VOUCHING_RESULT_LABELS[value]}</option>)}
      </select>
      <input aria-label={t.samplingView.vouchingComment} placeholder={t.samplingView.whatTheEvidenceShows} value={comment} onChange={(event) => setComment(event.target.value)} />
      {result === 'difference' && item.findingId === null && (
        <label className="checkbox"><input type="checkbox" checked={raiseFinding} onChange={(event) => setRaiseFinding(event.target.checked)} />{t.samplingView.raiseAFinding}</label>
      )}
      <button type="submit" disabled={vouch.busy}>{t.samplingView.record}</button>
      {vouch.error && <span role="alert" className="error small">{vouch.error}</span>}
    </form>
  );
}

function SampleDetail({ sample, onChanged }: { sample: SampleView; onChanged: (sample: SampleView) => void }) {
  return (
    <section className="card sample" aria-labelledby={`sample-${sample.id}`} data-testid="sample-detail">
      <h2 id={`sample-${sample.id}`}>{t.samplingView.sampleOfFrom(sample.id, METHOD_LABELS[sample.method], sample.size, sample.populationCount, sample.population === 'records' ? t.samplingView.records2 : t.samplingView.calculationLines2)}</h2>
      <dl className="facts">
        <div><dt>{t.samplingView.seed}</dt><dd data-testid="sample-seed">{sample.seed}</dd></div>
        <div><dt>{t.samplingView.stratifiedBy}</dt><dd>{sample.stratifyBy ?? t.samplingView.none}</dd></div>
        <div><dt>{t.samplingView.populationTco2e}</dt><dd>{formatThreeDecimals(sample.populationTco2e)}</dd></div>
        <div><dt>{t.samplingView.populationSha256}</dt><dd><code className="hash short">{sample.populationSha256.slice(0, 16)}…</code></dd></div>
        <div><dt>{t.samplingView.drawn}</dt><dd>{t.samplingView.by(formatTimestamp(sample.drawnAt), sample.drawnBy)}</dd></div>
        <div><dt>{t.samplingView.vouched}</dt><dd>{t.samplingView.of(sample.vouched, sample.items.length, sample.differences, sample.differences === 1 ? t.samplingView.difference : t.samplingView.differences)}</dd></div>
      </dl>
      {sample.notSampleable > 0 && <p className="notice warning">{t.samplingView.itemsHaveNoPositiveTco2e(sample.notSampleable)}</p>}
      {sample.withdrawnItems > 0 && <p className="notice warning" data-testid="sample-withdrawn">{t.samplingView.itemsOutOfTheCalculation(formatCount(sample.withdrawnItems))}</p>}
      {sample.strata.length > 1 && (
        <table className="grid strata" aria-label={t.samplingView.strata}>
          <thead><tr><th>{t.samplingView.stratum}</th><th className="num">{t.samplingView.items}</th><th className="num">{t.samplingView.tco2e}</th><th className="num">{t.samplingView.selected}</th><th className="num">{t.samplingView.intervalT}</th></tr></thead>
          <tbody>
            {sample.strata.map((stratum) => (
              <tr key={stratum.stratum}>
                <td>{stratum.stratum}</td><td className="num">{formatCount(stratum.items)}</td><td className="num">{formatThreeDecimals(stratum.tco2e)}</td>
                <td className="num">{formatCount(stratum.selected)}</td><td className="num">{formatThreeDecimals(stratum.intervalTco2e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="grid sample-items" aria-label={t.samplingView.sampledItems}>
        <thead><tr><th className="num">{t.samplingView.no}</th><th>{t.samplingView.site}</th><th>{t.samplingView.activity}</th><th className="num">{t.samplingView.quantity}</th><th className="num">{t.samplingView.tco2e}</th><th>{t.samplingView.sourceRow}</th><th>{t.samplingView.vouching}</th></tr></thead>
        <tbody>
          {sample.items.map((item) => (
            <tr key={item.drawOrder} data-item={item.drawOrder} data-key={item.key} data-withdrawn={item.withdrawn ? 'true' : undefined}>
              <td className="num">{item.drawOrder}{item.hits > 1 && <span className="muted small"> ×{item.hits}</span>}</td>
              <td>{item.site ?? '—'}</td>
              <td>{activityName(item.activity)}{item.fiscalYear && <div className="muted small">{item.fiscalYear} {item.basis}</div>}</td>
              <td className="num nowrap">{formatNumber(item.quantity)} {item.unit}</td>
              <td className="num">{formatThreeDecimals(item.tco2e)}</td>
              <td className="small">{t.samplingView.row(item.source.fileName, item.source.sheet, item.source.rowNumber)}</td>
              <td>
                {item.result && (
                  <div className="small" data-testid="vouching-result">
                    <strong>{VOUCHING_RESULT_LABELS[item.result]}</strong>{item.comment && `: ${item.comment}`}
                    {item.findingId !== null && t.samplingView.finding(item.findingId)}
                    <span className="muted"> · {item.vouchedBy} {formatTimestamp(item.vouchedAt ?? '')}</span>
                  </div>
                )}
                {item.withdrawn
                  ? <p className="notice warning small" data-testid="item-withdrawn">{t.samplingView.withdrawnItem(item.withdrawn.sourceFileId, item.withdrawn.fileName, formatTimestamp(item.withdrawn.at), item.withdrawn.by, item.withdrawn.reason)}</p>
                  : <VouchItem key={`${item.drawOrder}:${item.result ?? ''}`} sampleId={sample.id} item={item} onVouched={onChanged} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Samples drawn for vouching: draw one (seeded, random or monetary-unit, stratified), then record what each item's evidence showed. */
export function SamplingView({ engagement }: { engagement: EngagementSummary }) {
  const [samples, setSamples] = useState<readonly SampleView[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('sampling.list', {}).then(setSamples, (caught: unknown) => setError(errorMessage(caught)));
  }, [engagement.auditEntries]);
  const replace = (sample: SampleView) => {
    setSamples((previous) => [...previous.filter((candidate) => candidate.id !== sample.id), sample].sort((a, b) => a.id - b.id));
    setSelected(sample.id);
  };
  const shown = samples.find((sample) => sample.id === selected) ?? samples.at(-1);
  return (
    <div className="review">
      <h1>{t.samplingView.sampling}</h1>
      <DrawForm onDrawn={replace} />
      {error && <p role="alert" className="notice danger">{error}</p>}
      {samples.length > 1 && (
        <div className="toolbar sample-tabs" role="group" aria-label={t.samplingView.samples}>
          {samples.map((sample) => (
            <button key={sample.id} type="button" aria-pressed={sample.id === shown?.id} onClick={() => setSelected(sample.id)}>
              {t.samplingView.sampleSeed(sample.id, sample.seed)}
            </button>
          ))}
        </div>
      )}
      {shown ? <SampleDetail sample={shown} onChanged={replace} /> : <p className="card muted">{t.samplingView.noSampleDrawnYet}</p>}
    </div>
  );
}
