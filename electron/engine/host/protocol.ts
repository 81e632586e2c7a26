/** Messages between the engine host's thread and the process that embeds it (engine-host.ts, client.ts). */
import type { ApiEventName, Envelope } from '../../../shared/contract';
import type { HostShell, LogLevel } from '../api/host';

export type DialogName = Exclude<keyof HostShell, 'emit' | 'revealFile' | 'log'>;

/** To the engine host. */
export type HostRequest =
  | { readonly type: 'invoke'; readonly id: number; readonly method: unknown; readonly input: unknown }
  /** A file the user dropped on the window, by the path the OS gave the embedding process. */
  | { readonly type: 'drop'; readonly id: number; readonly filePath: string }
  /** Open this engagement in place of the current one: a dropped engagement file, or one the OS asked the app to open. */
  | { readonly type: 'open'; readonly id: number; readonly filePath: string }
  /** The path the user chose, null when they cancelled; `failed` when the dialog itself failed. */
  | { readonly type: 'dialog-answer'; readonly id: number; readonly filePath: string | null; readonly failed?: string }
  /** Close the engagement and cancel running jobs before the thread is stopped. */
  | { readonly type: 'shutdown'; readonly id: number };

/** From the engine host. */
export type HostMessage =
  | { readonly type: 'reply'; readonly id: number; readonly envelope: Envelope<unknown> }
  | { readonly type: 'dialog'; readonly id: number; readonly dialog: DialogName; readonly suggestedName?: string }
  | { readonly type: 'event'; readonly event: ApiEventName; readonly payload: unknown }
  /** Show this file in the system's file manager (a finished export). */
  | { readonly type: 'reveal'; readonly filePath: string }
  /** A line for the app's log file (an unexpected error). */
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string; readonly detail?: string };
