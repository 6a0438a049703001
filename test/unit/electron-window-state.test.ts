import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWindowState, parseWindowState, restoreWindowState, saveWindowState, type Rect, type SavedWindowState } from '../../main/electron/window-state.js';

const laptop: Rect = { x: 0, y: 0, width: 1366, height: 728 }; // 1366×768 minus the taskbar
const rightMonitor: Rect = { x: 1366, y: 0, width: 1920, height: 1040 };
const base = { defaultSize: { width: 1280, height: 800 }, minSize: { width: 960, height: 600 } };
const saved = (x: number, y: number, width = 1000, height = 700, maximized = false): SavedWindowState => ({ bounds: { x, y, width, height }, maximized });

describe('restoreWindowState', () => {
  it('opens at the default size, centred and clamped to the primary display, when nothing was saved', () => {
    const r = restoreWindowState({ ...base, saved: null, workAreas: [laptop] });
    expect(r).toEqual({ bounds: { x: 43, y: 0, width: 1280, height: 728 }, maximized: false });
  });

  it('keeps a saved place that is fully visible', () => {
    const r = restoreWindowState({ ...base, saved: saved(1500, 100, 1200, 800, true), workAreas: [laptop, rightMonitor] });
    expect(r).toEqual({ bounds: { x: 1500, y: 100, width: 1200, height: 800 }, maximized: true });
  });

  it('moves a window whose monitor was unplugged back onto the primary display, keeping its size', () => {
    const r = restoreWindowState({ ...base, saved: saved(2000, 100, 1000, 700), workAreas: [laptop] });
    expect(r.bounds).toEqual({ x: 183, y: 14, width: 1000, height: 700 });
  });

  it('pulls a partly off-screen window fully onto the display that holds its title bar', () => {
    const r = restoreWindowState({ ...base, saved: saved(1000, 200, 1000, 700), workAreas: [laptop] });
    expect(r.bounds).toEqual({ x: 366, y: 28, width: 1000, height: 700 });
  });

  it('does not count a window whose title bar is above the screen as reachable', () => {
    const r = restoreWindowState({ ...base, saved: saved(100, -500, 1000, 700), workAreas: [laptop] });
    expect(r.bounds).toEqual({ x: 183, y: 14, width: 1000, height: 700 });
  });

  it('shrinks a saved size larger than the display, and grows one below the minimum', () => {
    expect(restoreWindowState({ ...base, saved: saved(0, 0, 3000, 2000), workAreas: [laptop] }).bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    expect(restoreWindowState({ ...base, saved: saved(10, 10, 300, 200), workAreas: [laptop] }).bounds).toEqual({ x: 10, y: 10, width: 960, height: 600 });
  });

  it('handles displays left of and above the primary (negative coordinates)', () => {
    const left: Rect = { x: -1920, y: -200, width: 1920, height: 1080 };
    const r = restoreWindowState({ ...base, saved: saved(-1800, -150, 1200, 800), workAreas: [laptop, left] });
    expect(r.bounds).toEqual({ x: -1800, y: -150, width: 1200, height: 800 });
  });
});

describe('parseWindowState / load / save', () => {
  it('accepts only well-formed state', () => {
    expect(parseWindowState({ bounds: { x: 1.4, y: 2, width: 1000, height: 700 }, maximized: true })).toEqual(saved(1, 2, 1000, 700, true));
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 0, height: 700 } })).toBeNull();
    expect(parseWindowState({ bounds: { x: 'a', y: 0, width: 10, height: 10 } })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: 'yes' })?.maximized).toBe(false);
  });

  it('round-trips through the file and treats a broken file as no state', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-ws-'));
    const file = path.join(dir, 'sub', 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    saveWindowState(file, saved(5, 6, 1100, 750, true));
    expect(loadWindowState(file)).toEqual(saved(5, 6, 1100, 750, true));
    fs.writeFileSync(file, '{"bounds":');
    expect(loadWindowState(file)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
