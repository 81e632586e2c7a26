/**
 * The one typed API between the UI and the engine.
 *
 * Each method has an input schema, validated by the engine at the boundary (Electron main
 * process or the browser test harness), and an output type. The preload and the harness
 * bridge build the client from METHOD_NAMES, so a method exists everywhere or nowhere.
 */
import { z } from 'zod';
import { engagementSettingsSchema, type EngagementSettings } from './settings';

export interface EngagementSummary {
  readonly path: string;
  readonly fileName: string;
  readonly schemaVersion: number;
  readonly settings: EngagementSettings;
  readonly createdAt: string;
  readonly auditEntries: number;
  readonly auditHeadHash: string;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly operation: string;
  readonly params: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditVerification =
  | { readonly intact: true; readonly entries: number; readonly headHash: string }
  | { readonly intact: false; readonly entries: number; readonly brokenAt: number; readonly reason: string };

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'harness';
}

const NO_INPUT = z.object({}).strict();

interface MethodSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Phantom field carrying the output type; never set at run time. */
  readonly output?: Output;
}

function method<Output>() {
  return <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({ input });
}

export const API = {
  'app.info': method<AppInfo>()(NO_INPUT),
  /** Asks the host where to save (a native dialog), then creates the file. Null when cancelled. */
  'engagement.create': method<EngagementSummary | null>()(z.object({ settings: engagementSettingsSchema }).strict()),
  /** Asks the host which file to open (a native dialog). Null when cancelled. */
  'engagement.open': method<EngagementSummary | null>()(NO_INPUT),
  'engagement.current': method<EngagementSummary | null>()(NO_INPUT),
  'engagement.close': method<null>()(NO_INPUT),
  'engagement.updateSettings': method<EngagementSummary>()(z.object({ settings: engagementSettingsSchema }).strict()),
  'audit.verify': method<AuditVerification>()(NO_INPUT),
  'audit.entries': method<readonly AuditEntry[]>()(
    z.object({ afterSeq: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  ),
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = (typeof API)[M] extends MethodSpec<z.ZodType, infer Output> ? Output : never;

export const METHOD_NAMES = Object.keys(API) as ApiMethod[];

/** Events the engine pushes to the UI (progress of long work). */
export interface ApiEvents {
  readonly 'engagement.changed': EngagementSummary | null;
}
export type ApiEventName = keyof ApiEvents;
export const EVENT_NAMES: readonly ApiEventName[] = ['engagement.changed'];

/** What crosses the transport: errors travel as data so their code and message survive IPC. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorPayload };

export interface ApiErrorPayload {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export type Transport = (method: ApiMethod, input: unknown) => Promise<Envelope<unknown>>;

/** What the preload (Electron) or the harness bridge (browser tests) puts on `window.carbonAudit`. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(eventName: string, listener: (payload: unknown) => void): () => void;
}
export type EventSource = <E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) => () => void;

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The client the renderer uses: `api.call('engagement.open', {})`, typed end to end. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on: EventSource;
}

export function createApiClient(transport: Transport, events: EventSource): ApiClient {
  return {
    async call(method, input) {
      const envelope = await transport(method, input);
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
      return envelope.value as never;
    },
    on: events,
  };
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
