import type { ApiEventName, ApiEvents, AppInfo } from '../../../shared/contract';

/**
 * What the engine needs from whoever hosts it: native dialogs and a way to push events.
 * Electron's main process implements it with real dialogs; the browser test harness with
 * paths chosen by the test.
 */
export interface Host {
  readonly kind: AppInfo['host'];
  readonly actor: string;
  readonly nativeBinding?: string;
  /** The shipped default factor library; the engine finds it beside itself when not given. */
  readonly factorLibraryDir?: string;
  chooseNewEngagementPath(suggestedName: string): Promise<string | null>;
  chooseEngagementToOpen(): Promise<string | null>;
  chooseImportFile(): Promise<string | null>;
  /** Where to save an exported workbook. */
  chooseExportPath(suggestedName: string): Promise<string | null>;
  /** Shows a file in the system's file manager ("show in folder"). */
  revealFile(filePath: string): void;
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}
