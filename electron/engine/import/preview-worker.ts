/**
 * Previews untrusted files on a thread of their own, one request after another, under the heap
 * and time limits of the import service's pool, so a hostile or huge file can neither block the
 * engine host nor exhaust it. It has no database connection: the duplicate check runs in the host.
 */
import type { MappingKind } from '../../../shared/import/mapping';
import { serveRequests } from '../workers/serve';
import { readPreview, type FilePreview } from './preview';

export interface PreviewWorkerData {
  readonly filePath: string;
  readonly kind: MappingKind;
  readonly sheet?: string;
}

serveRequests<PreviewWorkerData, FilePreview>(({ filePath, kind, sheet }) => readPreview(filePath, kind, { sheet }));
