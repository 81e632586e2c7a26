/**
 * The main window's size, position and maximised state, kept between runs in the app-data
 * folder and brought back onto the displays present at start (a window last seen on an
 * unplugged monitor comes back on screen). Free of Electron imports, so it is unit-tested
 * without the Electron binary; main.ts gives it `screen.getAllDisplays()`' work areas.
 */
import fs from 'node:fs';
import path from 'node:path';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Rectangle;
  readonly maximised: boolean;
}

export interface WindowSizes {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

/** How much of the title bar must be on a display for the window to count as on it (a user can grab it). */
const VISIBLE_GRIP = { width: 100, height: 40 } as const;

function isWindowState(value: unknown): value is WindowState {
  if (typeof value !== 'object' || value === null) return false;
  const { bounds, maximised } = value as Partial<Record<keyof WindowState, unknown>>;
  if (typeof maximised !== 'boolean' || typeof bounds !== 'object' || bounds === null) return false;
  const { x, y, width, height } = bounds as Partial<Record<keyof Rectangle, unknown>>;
  return [x, y, width, height].every(Number.isSafeInteger) && (width as number) > 0 && (height as number) > 0;
}

/**
 * Where the window opens. No saved state (or one that cannot be read): the default size, centred
 * on the primary display. A saved window keeps its place when enough of its title bar is on some
 * display; otherwise it moves onto the display it overlaps most (the primary one if none). Either
 * way it is made to fit that display and no smaller than the minimum size.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rectangle[], sizes: WindowSizes): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: sizes.width, height: sizes.height };
  if (!isWindowState(saved)) return { bounds: centred({ width: sizes.width, height: sizes.height }, primary, sizes), maximised: false };
  const { bounds, maximised } = saved;
  const grip: Rectangle = { x: bounds.x, y: bounds.y, width: Math.min(bounds.width, VISIBLE_GRIP.width), height: VISIBLE_GRIP.height };
  const home = workAreas.find((area) => overlap(grip, area) >= grip.width * grip.height * 0.5);
  if (home) return { bounds: fitted(bounds, home, sizes), maximised };
  const nearest = [...workAreas].sort((a, b) => overlap(bounds, b) - overlap(bounds, a))[0] ?? primary;
  return { bounds: centred(bounds, overlap(bounds, nearest) > 0 ? nearest : primary, sizes), maximised };
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function size(wanted: { readonly width: number; readonly height: number }, area: Rectangle, sizes: WindowSizes): { width: number; height: number } {
  return {
    width: Math.max(sizes.minWidth, Math.min(wanted.width, area.width)),
    height: Math.max(sizes.minHeight, Math.min(wanted.height, area.height)),
  };
}

/** Kept where it was, made to fit the display, and moved only as far as needed to be wholly on it. */
function fitted(bounds: Rectangle, area: Rectangle, sizes: WindowSizes): Rectangle {
  const { width, height } = size(bounds, area, sizes);
  return {
    x: Math.max(area.x, Math.min(bounds.x, area.x + area.width - width)),
    y: Math.max(area.y, Math.min(bounds.y, area.y + area.height - height)),
    width,
    height,
  };
}

function centred(wanted: { readonly width: number; readonly height: number }, area: Rectangle, sizes: WindowSizes): Rectangle {
  const { width, height } = size(wanted, area, sizes);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/** The saved state, or undefined when there is none or it cannot be read (then the defaults apply). */
export function readWindowState(appDataDir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(appDataDir, WINDOW_STATE_FILE), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Written beside itself and renamed: a crash while quitting leaves the old state or the new one. */
export function writeWindowState(appDataDir: string, state: WindowState): void {
  const file = path.join(appDataDir, WINDOW_STATE_FILE);
  fs.mkdirSync(appDataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  fs.renameSync(temporary, file);
}
