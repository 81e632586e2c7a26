/**
 * Sign-off: a preparer and then a reviewer sign each area of the engagement off, by name and time,
 * at a given state of the audit log. Any later entry that touches the area marks the sign-off
 * "modified since sign-off" and names what changed. Which entries touch which area is decided here,
 * from the operation (and, for the review's own operations, the areas they name); an operation this
 * table does not know touches every area, so nothing can slip past a sign-off unseen.
 */
export const SIGN_OFF_AREAS = ['import', 'inventory', 'reconciliation', 'export'] as const;
export type SignOffArea = (typeof SIGN_OFF_AREAS)[number];

export const SIGN_OFF_ROLES = ['preparer', 'reviewer'] as const;
export type SignOffRole = (typeof SIGN_OFF_ROLES)[number];

/** In the audited workbook's and the CLI's words (English, as the workbook is); the UI names them from its own catalogue. */
export const SIGN_OFF_AREA_LABELS: Readonly<Record<SignOffArea, string>> = {
  import: 'Import and source data',
  inventory: 'Inventory and boundary',
  reconciliation: 'Reconciliation and adjustments',
  export: 'Audited workbook',
};

/** Operations that change no area: the sign-offs themselves, finalising, refusals, creating the file. */
const NO_AREA = new Set(['engagement.create', 'signoff', 'engagement.finalise', 'engagement.unlock', 'engagement.changeRefused']);

/** Operations by prefix ('import' matches 'import.refused' and 'import.cancelled', attempts that added nothing), first match wins. */
const AREAS_BY_OPERATION: readonly (readonly [string, readonly SignOffArea[]])[] = [
  ['import', ['import']],
  ['mapping', ['import']],
  ['site', ['inventory']],
  ['factors', ['inventory']],
  ['recalculate', ['inventory']],
  ['inventory', ['inventory']],
  ['reconcile', ['reconciliation']],
  ['claims', ['reconciliation']],
  ['targets', ['reconciliation']],
  ['adjust', ['reconciliation']],
  ['adjustment', ['reconciliation']],
  ['export', ['export']],
];

function matches(operation: string, prefix: string): boolean {
  return operation === prefix || operation.startsWith(`${prefix}.`);
}

function isArea(value: unknown): value is SignOffArea {
  return typeof value === 'string' && (SIGN_OFF_AREAS as readonly string[]).includes(value);
}

/** What a source file holds that the figures read, by the counts an audit entry records. */
interface SourceContents {
  readonly records?: unknown;
  readonly claims?: unknown;
  readonly targets?: unknown;
  readonly adjustments?: unknown;
}

/**
 * A source file imported, withdrawn, reinstated or replaced changes the source data in use (import)
 * and what its contents feed: its records the inventory and the reconciliation (the recomputed
 * figures claims and targets are compared with move); its claims and targets, and the adjustments on
 * its records (they stop or start correcting), the reconciliation. A count the entry lacks is taken
 * to be there.
 */
function areasOfSourceContents(contents: SourceContents | null): readonly SignOffArea[] {
  const holds = (name: keyof SourceContents) => {
    const count = contents?.[name];
    return typeof count !== 'number' || count > 0;
  };
  return [
    'import',
    ...(holds('records') ? (['inventory'] as const) : []),
    ...((['records', 'claims', 'targets', 'adjustments'] as const).some(holds) ? (['reconciliation'] as const) : []),
  ];
}

/**
 * What an import's entry says it added, in a source change's counts: its control totals count what
 * its kind creates (an activity file's records, and the claims its rows state; a claims or targets
 * file's claims or targets; a factor file's factors, which the calculation reads only once
 * recalculate moves to their version). Nothing on its new records is adjusted yet.
 */
function contentsOfImport(params: unknown): SourceContents | null {
  const { kind, controlTotals } = (params ?? {}) as { kind?: unknown; controlTotals?: { recordsCreated?: unknown; claimsCreated?: unknown } };
  const created = controlTotals?.recordsCreated;
  const none = { records: 0, claims: 0, targets: 0, adjustments: 0 };
  if (kind === 'activity') return { ...none, records: created, claims: controlTotals?.claimsCreated };
  if (kind === 'claims') return { ...none, claims: created };
  if (kind === 'targets') return { ...none, targets: created };
  if (kind === 'factors') return none;
  return null;
}

/**
 * The areas an audit entry changes. The review's entries (check runs, finding updates, samples)
 * carry the areas they touched in their params as `areas`; a source file's import, withdrawal,
 * reinstatement or replacement changes the areas its contents feed.
 */
export function areasChangedBy(operation: string, params: unknown): readonly SignOffArea[] {
  if (NO_AREA.has(operation)) return [];
  if (operation === 'import') return areasOfSourceContents(contentsOfImport(params));
  if (matches(operation, 'source')) return areasOfSourceContents(params as SourceContents | null);
  const named = (params as { areas?: unknown } | null)?.areas;
  if (Array.isArray(named) && (matches(operation, 'review') || matches(operation, 'finding') || matches(operation, 'sample'))) return named.filter(isArea);
  for (const [prefix, areas] of AREAS_BY_OPERATION) if (matches(operation, prefix)) return areas;
  return SIGN_OFF_AREAS;
}

/** The area a finding belongs to, by its source: where its answer is signed off. */
export function areaOfFindingSource(source: string): SignOffArea {
  if (source === 'calculation') return 'inventory';
  if (source === 'reconciliation') return 'reconciliation';
  if (source === 'audit-log') return 'export';
  return 'import';
}
