import type { ApiEventName, ApiEvents, AppInfo } from '../../../shared/contract';

/** Who hosts the engine: fixed when the engine host starts, and passed to its thread as data. */
export interface HostIdentity {
  readonly kind: AppInfo['host'];
  readonly actor: string;
  readonly nativeBinding?: string;
  /** The shipped default factor library; the engine finds it beside itself when not given. */
  readonly factorLibraryDir?: string;
  /** The shipped sample engagement's files; found beside the engine when not given. */
  readonly sampleDir?: string;
  /** The app's own data on this machine (Electron's userData), where the audit witness is kept. */
  readonly appDataDir: string;
}

/**
 * What the engine asks of the process it is embedded in: native dialogs and a way to push
 * events. Electron's main process answers with real dialogs; the browser test harness with
 * paths chosen by the test.
 */
export interface HostShell {
  chooseNewEngagementPath(suggestedName: string): Promise<string | null>;
  chooseEngagementToOpen(): Promise<string | null>;
  chooseImportFile(): Promise<string | null>;
  /** Where to save an exported workbook or CSV table (the suggested name's extension says which). */
  chooseExportPath(suggestedName: string): Promise<string | null>;
  /** Shows a file in the system's file manager ("show in folder"). */
  revealFile(filePath: string): void;
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
  /**
   * A line for the app's log file: `message` in the app's own words, `detail` what failed (an
   * error's message), which the log reduces to file names and masks figures in.
   */
  log(level: LogLevel, message: string, detail?: string): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface Host extends HostIdentity, HostShell {}
