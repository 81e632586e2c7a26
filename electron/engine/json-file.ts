import fs from 'node:fs';
import path from 'node:path';

/**
 * A small JSON record of the app's own (in the app-data folder), written beside itself and
 * renamed into place, so a crash leaves the old record or the new one, never half of one.
 */
export function writeJsonAtomically(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(temporary, file);
}
