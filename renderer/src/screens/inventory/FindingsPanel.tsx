import type { Finding, FindingKind } from '../../../../shared/calc/inventory-types';
import { NO_VALUE } from '../../format';

const KIND_LABELS: Readonly<Record<FindingKind, string>> = {
  activity: 'Activity',
  unit: 'Unit',
  period: 'Period',
  quantity: 'Quantity',
  boundary: 'Boundary',
  'no-factor': 'No factor',
  'ambiguous-factor': 'Ambiguous factor',
  'calorific-basis-ambiguous': 'Calorific basis ambiguous',
  'factor-value': 'Factor value',
  'scope3-category': 'Scope 3 category',
  'instrument-exceeds-consumption': 'Instrument exceeds consumption',
  'double-count': 'Double count',
};

/** What the calculation could not settle on its own: records left out, guesses made, inputs that disagree. */
export function FindingsPanel({ findings }: { findings: readonly Finding[] }) {
  return (
    <section className="card" aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings ({findings.length})</h2>
      {findings.length === 0 ? (
        <p className="muted">No findings: every record was placed in a period, a boundary and a scope, with a factor.</p>
      ) : (
        <table className="grid findings" aria-label="Findings">
          <thead>
            <tr>
              <th>Kind</th>
              <th className="num">Record</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((finding, index) => (
              <tr key={index}>
                <td><span className="badge finding">{KIND_LABELS[finding.kind]}</span></td>
                <td className="num">{finding.recordId ?? NO_VALUE}</td>
                <td>{finding.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
