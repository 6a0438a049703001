import fs from 'node:fs';
import path from 'node:path';

/**
 * Window position memory. The restore rule is a pure function (tested without Electron); reading and writing the
 * small JSON file is plain node:fs. window.ts feeds it Electron's displays.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
}

export interface RestoreInput {
  saved: SavedWindowState | null;
  /** Work areas (screen minus taskbar/dock) of every display; the primary first. */
  workAreas: Rect[];
  defaultSize: { width: number; height: number };
  minSize: { width: number; height: number };
}

/** How much of the title bar must be on a display for the saved place to count as reachable. */
const GRAB_WIDTH = 100;
const TITLE_BAR_HEIGHT = 32;

function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function clampSize(size: { width: number; height: number }, area: Rect, min: { width: number; height: number }) {
  // The display wins over the minimum: a window larger than its screen cannot be used at all.
  return {
    width: Math.min(Math.max(size.width, min.width), area.width),
    height: Math.min(Math.max(size.height, min.height), area.height),
  };
}

function centered(size: { width: number; height: number }, area: Rect): Rect {
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size,
  };
}

/**
 * Where to open the window. The saved place is kept when its title bar can still be grabbed on some display
 * (a monitor may have been unplugged or rearranged since); the window is then moved, not resized, to fit fully on
 * that display. Otherwise the saved size (or the default) is centred on the primary display.
 */
export function restoreWindowState(input: RestoreInput): SavedWindowState {
  const primary = input.workAreas[0] ?? { x: 0, y: 0, width: input.defaultSize.width, height: input.defaultSize.height };
  const saved = input.saved;
  if (!saved) return { bounds: centered(clampSize(input.defaultSize, primary, input.minSize), primary), maximized: false };

  const titleBar: Rect = { ...saved.bounds, height: Math.min(TITLE_BAR_HEIGHT, saved.bounds.height) };
  const home = input.workAreas.find((area) => {
    const seen = intersect(titleBar, area);
    return seen !== null && seen.width >= Math.min(GRAB_WIDTH, saved.bounds.width);
  });
  if (!home) return { bounds: centered(clampSize(saved.bounds, primary, input.minSize), primary), maximized: saved.maximized };

  const size = clampSize(saved.bounds, home, input.minSize);
  const x = Math.min(Math.max(saved.bounds.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(saved.bounds.y, home.y), home.y + home.height - size.height);
  return { bounds: { x, y, ...size }, maximized: saved.maximized };
}

function isRect(v: unknown): v is Rect {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  return finite(r.x) && finite(r.y) && finite(r.width) && finite(r.height) && (r.width as number) > 0 && (r.height as number) > 0;
}

/** Accepts only a well-formed state; anything else (old format, hand-edited, truncated) means "no saved state". */
export function parseWindowState(v: unknown): SavedWindowState | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Record<string, unknown>;
  if (!isRect(s.bounds)) return null;
  const b = s.bounds;
  return {
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: s.maximized === true,
  };
}

export function loadWindowState(file: string): SavedWindowState | null {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return null; // missing or unreadable: open at the default place
  }
}

export function saveWindowState(file: string, state: SavedWindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so a crash mid-write never leaves a half file behind.
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}
