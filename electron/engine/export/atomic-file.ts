import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A file written under a temporary name beside its target and renamed into place only when it
 * is complete: a crash, a kill or a cancel never leaves a half-written file under the final name
 * (the rename is atomic on one file system, which "beside the target" guarantees).
 */
export class AtomicFile {
  readonly tempPath: string;
  private settled = false;

  constructor(readonly targetPath: string) {
    const dir = path.dirname(path.resolve(targetPath));
    if (!fs.existsSync(dir)) throw new Error(`the folder ${dir} does not exist`);
    this.tempPath = path.join(dir, `.${path.basename(targetPath)}.${randomBytes(6).toString('hex')}.partial`);
  }

  /** Flushes the finished temporary file to disk and renames it over the target. */
  commit(): void {
    const fd = fs.openSync(this.tempPath, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(this.tempPath, this.targetPath);
    this.settled = true;
  }

  /** Removes the temporary file; the target is untouched. Safe to call after commit. */
  discard(): void {
    if (this.settled) return;
    this.settled = true;
    fs.rmSync(this.tempPath, { force: true });
  }
}
