import { useState } from 'react';
import type { EngagementSummary } from '../../../shared/contract';
import { api } from '../api';
import { useAppRequest } from '../native/appRequests';
import { AuditLogView } from './AuditLogView';
import { ExportView } from './ExportView';
import { BoundaryView } from './BoundaryView';
import { FactorLibraryView } from './FactorLibraryView';
import { ImportWizard } from './import/ImportWizard';
import { InventoryView } from './InventoryView';
import { OverviewView } from './OverviewView';
import { ReconciliationView } from './ReconciliationView';
import { RecordsView } from './RecordsView';
import { FindingsView } from './review/FindingsView';
import { SamplingView } from './review/SamplingView';
import { SignOffState } from './review/SignOffState';
import type { SignOffArea } from '../../../shared/review/sign-off';
import { SourcesView, type SourceReplacement } from './SourcesView';
import { t } from '../../../shared/messages';

const VIEWS = [
  { id: 'overview', label: t.engagementScreen.overview },
  { id: 'import', label: t.engagementScreen.import },
  { id: 'sources', label: t.engagementScreen.sourceFiles },
  { id: 'records', label: t.engagementScreen.records },
  { id: 'boundary', label: t.engagementScreen.boundary },
  { id: 'inventory', label: t.engagementScreen.inventory },
  { id: 'reconciliation', label: t.engagementScreen.reconciliation },
  { id: 'findings', label: t.engagementScreen.findings },
  { id: 'sampling', label: t.engagementScreen.sampling },
  { id: 'factors', label: t.engagementScreen.factorLibrary },
  { id: 'audit-log', label: t.engagementScreen.auditLog },
  { id: 'export', label: t.engagementScreen.export },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

/** The area each screen belongs to, whose sign-off state it shows. */
const VIEW_AREAS: Readonly<Partial<Record<ViewId, SignOffArea>>> = {
  import: 'import',
  sources: 'import',
  records: 'import',
  boundary: 'inventory',
  inventory: 'inventory',
  factors: 'inventory',
  reconciliation: 'reconciliation',
  export: 'export',
};

/** On every screen while it holds: the audit log is shorter than, or forks from, what this machine saw of it. */
function AuditWitnessBanner({ engagement }: { engagement: EngagementSummary }) {
  const witness = engagement.auditWitness;
  if (witness.status !== 'cut' && witness.status !== 'forked') return null;
  return (
    <div role="alert" className="notice danger witness-banner" data-testid="audit-witness-banner">
      <strong>{witness.status === 'cut' ? t.engagementScreen.auditLogEntriesAreMissing : t.engagementScreen.theAuditLogWasRewritten}</strong> {witness.finding.message}
    </div>
  );
}

export function EngagementScreen({ engagement }: { engagement: EngagementSummary }) {
  const [view, setView] = useState<ViewId>('overview');
  /** A source file the auditor chose to replace: the import wizard imports its corrected file in its place. */
  const [replacement, setReplacement] = useState<SourceReplacement | null>(null);
  useAppRequest('show-view', setView);
  const area = VIEW_AREAS[view];
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t.engagementScreen.engagement}>
        <div className="sidebar-title">
          <div className="brand-mark small" aria-hidden="true">{t.engagementScreen.ca}</div>
          <div>
            <strong>{engagement.settings.entityName}</strong>
            <div className="muted small">{engagement.fileName}</div>
          </div>
        </div>
        <ul>
          {VIEWS.map((item) => (
            <li key={item.id}>
              <button type="button" className={view === item.id ? 'nav active' : 'nav'} aria-current={view === item.id ? 'page' : undefined} onClick={() => setView(item.id)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="nav close" onClick={() => void api.call('engagement.close', {})}>
          {t.engagementScreen.closeEngagement}
        </button>
      </nav>
      <main className="content">
        <AuditWitnessBanner engagement={engagement} />
        {engagement.finalised && (
          <p role="status" className="notice warning finalised-banner">{t.engagementScreen.thisEngagementIsFinalisedAnd}</p>
        )}
        {area && <SignOffState area={area} auditEntries={engagement.auditEntries} />}
        {view === 'overview' && <OverviewView engagement={engagement} onNavigate={setView} />}
        {/* Kept mounted while hidden, so leaving the Import screen mid-wizard loses nothing. */}
        <div hidden={view !== 'import'}>
          {/* A new replacement starts the wizard afresh, on the replaced file's kind. */}
          <ImportWizard key={replacement?.sourceFileId ?? 'import'} replacement={replacement} onReplacementEnd={() => setReplacement(null)} />
        </div>
        {view === 'sources' && (
          <SourcesView
            engagement={engagement}
            onReplace={(chosen) => {
              setReplacement(chosen);
              setView('import');
            }}
          />
        )}
        {view === 'records' && <RecordsView engagement={engagement} />}
        {view === 'boundary' && <BoundaryView engagement={engagement} />}
        {view === 'inventory' && <InventoryView />}
        {view === 'reconciliation' && <ReconciliationView engagement={engagement} />}
        {view === 'findings' && <FindingsView engagement={engagement} />}
        {view === 'sampling' && <SamplingView engagement={engagement} />}
        {view === 'factors' && <FactorLibraryView />}
        {view === 'audit-log' && <AuditLogView engagement={engagement} />}
        {view === 'export' && <ExportView />}
      </main>
    </div>
  );
}
