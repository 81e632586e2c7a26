import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWindowState, restoreWindowState, WINDOW_STATE_FILE, writeWindowState, type Rectangle } from '../../../electron/main/window-state';
import { useTempDir } from '../../helpers/temp';

const SIZES = { width: 1360, height: 880, minWidth: 960, minHeight: 640 };
/** A laptop (primary, below a menu bar) and an external monitor to its right. */
const LAPTOP: Rectangle = { x: 0, y: 25, width: 1440, height: 875 };
const MONITOR: Rectangle = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('where the window opens', () => {
  it('opens at the default size, centred on the primary display, the first time or when the saved state is unreadable', () => {
    const centred = { bounds: { x: 40, y: 25, width: 1360, height: 875 }, maximised: false };
    for (const saved of [undefined, null, 'garbage', { bounds: { x: 0, y: 0, width: -5, height: 100 }, maximised: false }, { bounds: { x: 0.5, y: 0, width: 900, height: 700 }, maximised: false }, { bounds: { x: 0, y: 0, width: 900, height: 700 } }]) {
      expect(restoreWindowState(saved, [LAPTOP, MONITOR], SIZES), JSON.stringify(saved)).toEqual(centred);
    }
  });

  it('comes back where it was when that is on a display present now, maximised or not', () => {
    const onMonitor = { bounds: { x: 2000, y: 200, width: 1600, height: 1000 }, maximised: true };
    expect(restoreWindowState(onMonitor, [LAPTOP, MONITOR], SIZES)).toEqual(onMonitor);
    const onLaptop = { bounds: { x: 100, y: 60, width: 1200, height: 800 }, maximised: false };
    expect(restoreWindowState(onLaptop, [LAPTOP, MONITOR], SIZES)).toEqual(onLaptop);
  });

  it('brings a window last seen on an unplugged monitor back onto the primary display, keeping its maximised state', () => {
    const restored = restoreWindowState({ bounds: { x: 2000, y: 200, width: 1600, height: 1000 }, maximised: true }, [LAPTOP], SIZES);
    expect(restored.maximised).toBe(true);
    expect(restored.bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
    expect(within(restored.bounds, LAPTOP)).toBe(true);
  });

  it('brings a window whose title bar is off the top or left back onto the display it mostly overlaps', () => {
    const aboveMonitor = restoreWindowState({ bounds: { x: 1600, y: -500, width: 1200, height: 900 }, maximised: false }, [LAPTOP, MONITOR], SIZES);
    expect(aboveMonitor.bounds).toEqual({ x: 1440 + (2560 - 1200) / 2, y: (1440 - 900) / 2, width: 1200, height: 900 });
    const farLeft = restoreWindowState({ bounds: { x: -5000, y: -5000, width: 1000, height: 700 }, maximised: false }, [LAPTOP, MONITOR], SIZES);
    expect(within(farLeft.bounds, LAPTOP)).toBe(true);
  });

  it('moves a window hanging over a display’s edge just far enough to be wholly on it, and shrinks one larger than the display', () => {
    const hanging = restoreWindowState({ bounds: { x: 1000, y: 100, width: 1000, height: 700 }, maximised: false }, [LAPTOP], SIZES);
    expect(hanging.bounds).toEqual({ x: 440, y: 100, width: 1000, height: 700 });
    const huge = restoreWindowState({ bounds: { x: 10, y: 30, width: 3000, height: 2000 }, maximised: false }, [LAPTOP], SIZES);
    expect(huge.bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('never opens smaller than the minimum size, even on a tiny display', () => {
    const tiny: Rectangle = { x: 0, y: 0, width: 800, height: 600 };
    expect(restoreWindowState({ bounds: { x: 0, y: 0, width: 300, height: 200 }, maximised: false }, [tiny], SIZES).bounds).toMatchObject({ width: 960, height: 640 });
  });
});

describe('the saved window state', () => {
  const tempDir = useTempDir();

  it('is written atomically and read back; a missing or corrupt file reads as nothing', () => {
    const dir = path.join(tempDir(), 'Carbon Audit');
    expect(readWindowState(dir)).toBeUndefined();
    const state = { bounds: { x: 10, y: 20, width: 1300, height: 850 }, maximised: true };
    writeWindowState(dir, state);
    expect(readWindowState(dir)).toEqual(state);
    expect(fs.readdirSync(dir)).toEqual([WINDOW_STATE_FILE]);
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"bounds": {');
    expect(readWindowState(dir)).toBeUndefined();
  });
});

function within(inner: Rectangle, outer: Rectangle): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}
