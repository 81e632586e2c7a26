/**
 * The app's local log: main-process and engine errors, one line each (time, level, where, what),
 * in the app-data folder, capped in size by rotation. It is for support, so it holds no figures
 * and nothing from a user's files beyond their names: a line is the app's own words, then the
 * detail of what failed (an error's message or stack), which passes through redactLogMessage.
 * Free of Electron imports, so it is unit-tested without the Electron binary.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LogLevel } from '../engine/api/host';

export type { LogLevel };
export type LogSource = 'main' | 'engine' | 'window';

export const LOG_FOLDER = 'logs';
export const LOG_FILE_NAME = 'carbon-audit.log';
/** 1 MiB per file, the current one and three older: a support bundle stays small. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_KEEP = 3;
const MAX_MESSAGE_CHARS = 500;

/** `2026-11-30T15:02:12.345Z ERROR [engine] message: detail`: sortable, greppable, one line. */
export function formatLogLine(at: Date, level: LogLevel, source: LogSource, message: string, detail?: string): string {
  const text = detail === undefined ? oneLine(message) : `${oneLine(message)}: ${redactLogMessage(detail)}`;
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} [${source}] ${capped(text)}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function capped(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

/** A quoted path (Node's error messages quote them) may hold spaces: the quotes say where it ends. */
const QUOTED_PATH = /(['"`])((?:[A-Za-z]:\\|\/)[^'"`\n]*)\1/g;
const WINDOWS_PATH = /\b[A-Za-z]:\\[^\s'"`<>|]*/g;
const POSIX_PATH = /(?<![\w.:/])\/(?:[^\s'"`<>/]+\/)*[^\s'"`<>/]*/g;
/** Decimals and numbers of three digits or more: figures, sizes, ids. Short counts and codes stay. */
const FIGURE = /(?<![\w.])-?\d+(?:[.,]\d+)+(?![\w.])|(?<![\w.])\d{3,}(?![\w.])/g;

/** One line, paths reduced to file names, figures masked, capped in length. */
export function redactLogMessage(message: string): string {
  const baseName = (filePath: string) => (/^[A-Za-z]:\\/.test(filePath) ? path.win32.basename(filePath) : path.posix.basename(filePath));
  return capped(oneLine(message
    .replace(QUOTED_PATH, (_match, quote: string, filePath: string) => `${quote}${baseName(filePath)}${quote}`)
    .replace(WINDOWS_PATH, (match) => path.win32.basename(match))
    .replace(POSIX_PATH, (match) => path.posix.basename(match) || '/')
    .replace(FIGURE, '#')));
}

export interface LogFileOptions {
  readonly maxBytes?: number;
  /** Older files kept beside the current one: carbon-audit.1.log (newest) … carbon-audit.<keep>.log. */
  readonly keep?: number;
  readonly now?: () => Date;
}

export class LogFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;

  constructor(readonly dir: string, { maxBytes = DEFAULT_MAX_BYTES, keep = DEFAULT_KEEP, now = () => new Date() }: LogFileOptions = {}) {
    this.path = path.join(dir, LOG_FILE_NAME);
    this.maxBytes = maxBytes;
    this.keep = keep;
    this.now = now;
  }

  /** Appends one line, rotating first when it would take the file over its cap. Never throws: a log that cannot be written must not stop the app. */
  write(level: LogLevel, source: LogSource, message: string, detail?: string): void {
    const line = formatLogLine(this.now(), level, source, message, detail);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      if (this.size() > 0 && this.size() + Buffer.byteLength(line) > this.maxBytes) this.rotate();
      fs.appendFileSync(this.path, line);
    } catch {
      // Nowhere left to report it.
    }
  }

  /** The file exists (empty when nothing was logged yet), so the system can open it. */
  ensureExists(): string {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.closeSync(fs.openSync(this.path, 'a'));
    return this.path;
  }

  /** Older file n (1 = the newest of them). */
  olderFile(n: number): string {
    const extension = path.extname(LOG_FILE_NAME);
    return path.join(this.dir, `${path.basename(LOG_FILE_NAME, extension)}.${n}${extension}`);
  }

  private size(): number {
    try {
      return fs.statSync(this.path).size;
    } catch {
      return 0;
    }
  }

  private rotate(): void {
    fs.rmSync(this.olderFile(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 1; n -= 1) {
      if (fs.existsSync(this.olderFile(n))) fs.renameSync(this.olderFile(n), this.olderFile(n + 1));
    }
    if (this.keep >= 1) fs.renameSync(this.path, this.olderFile(1));
    else fs.rmSync(this.path, { force: true });
  }
}
