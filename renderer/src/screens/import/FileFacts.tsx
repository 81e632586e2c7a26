import type { ImportPreview } from '../../../../shared/contract';
import { formatBytes, formatTimestamp } from '../../format';
import { t } from '../../../../shared/messages';

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ',': t.fileFacts.comma, ';': t.fileFacts.semicolon, '\t': t.fileFacts.tab, '|': t.fileFacts.pipe };

/** What the auditor records about the file before importing it. */
export function FileFacts({ preview }: { preview: ImportPreview }) {
  const facts: [string, string][] = [
    [t.fileFacts.file, preview.fileName],
    [t.fileFacts.format, preview.format.toUpperCase()],
    [t.fileFacts.size, formatBytes(preview.sizeBytes)],
    [t.fileFacts.macros, preview.hasMacros ? t.fileFacts.containsMacrosKeptNeverRun : t.fileFacts.none],
  ];
  if (preview.encoding !== undefined) facts.push([t.fileFacts.encoding, preview.encoding]);
  if (preview.delimiter !== undefined) facts.push([t.fileFacts.delimiter, DELIMITER_NAMES[preview.delimiter] ?? `'${preview.delimiter}'`]);
  return (
    <dl className="facts" data-testid="file-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className={label === 'Macros' && preview.hasMacros ? 'warn' : undefined}>{value}</dd>
        </div>
      ))}
      <div>
        <dt>{t.fileFacts.sha256}</dt>
        <dd><code className="hash">{preview.sha256}</code></dd>
      </div>
    </dl>
  );
}

interface DuplicateProps {
  duplicateOf: NonNullable<ImportPreview['duplicateOf']>;
  allowDuplicate: boolean;
  onAllowDuplicateChange: (allow: boolean) => void;
}

/** A file with the same SHA-256 was imported before: importing it again needs a deliberate tick. */
export function DuplicateWarning({ duplicateOf, allowDuplicate, onAllowDuplicateChange }: DuplicateProps) {
  return (
    <div className="notice warning" data-testid="duplicate-warning">
      <strong>{t.fileFacts.thisFileWasImportedBefore}</strong> {t.fileFacts.asOnSameSha256(duplicateOf.fileName, formatTimestamp(duplicateOf.importedAt))}
      <label className="checkbox">
        <input type="checkbox" checked={allowDuplicate} onChange={(event) => onAllowDuplicateChange(event.target.checked)} />
        {t.fileFacts.importAgainAnyway}
      </label>
    </div>
  );
}
