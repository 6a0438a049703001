import type { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { PrinterCalibrationInput } from '../../shared/contract/print.js';
import type { Dpi } from './units.js';

/**
 * A printer's print settings and calibration, stored as JSON in printers.settings. Every field is optional in storage;
 * `resolveSettings` fills the defaults for the printer's language and refuses combinations the printer cannot do
 * (a setting that would be ignored is an error, not a silent no-op).
 */
export const RAW_LANGUAGES = ['escpos', 'tspl', 'zpl'] as const;
export type RawLanguage = (typeof RAW_LANGUAGES)[number];
export type PrintMode = 'raster' | 'native';

/** The stored settings' schema is the contract's (one definition for the setup screen and the encoders). */
export const PrintSettingsInput = PrinterCalibrationInput;
export type PrintSettingsInput = z.infer<typeof PrintSettingsInput>;

export interface PrintSettings {
  dpi: Dpi;
  mode: PrintMode;
  offsetXMm: number;
  offsetYMm: number;
  darkness: number | null;
  speed: number | null;
  pageWidthMm: number | null;
  pageHeightMm: number | null;
  gapMm: number;
  escposModel: 'epson' | 'star';
  cjkText: 'printer' | 'raster';
  zplCjkFont: string | null;
  cut: 'full' | 'partial' | 'none' | null;
}

/**
 * Default mode per language: raster for all three.
 * - TSPL: the built-in Chinese font (TSS24.BF2) exists only on Chinese-market firmware and prints coarse 24-dot
 *   glyphs; a raster label reads the same on any TSC/Gprinter/Xprinter and matches the preview. 800×1200 dots is
 *   120 KB, well within what these printers buffer.
 * - ZPL: Zebra printers ship without a CJK font, so Chinese addresses would have to be raster blocks anyway; ^GFA
 *   with ZPL's run-length compression keeps a mostly white label small.
 * - ESC/POS: receipt printers sold outside China have no GB18030 font, and Star Line Mode has none we can rely on;
 *   raster prints everywhere and is what the preview shows.
 * Native mode is the opt-in for speed on known printers (smaller jobs, sharper printer fonts).
 */
export const DEFAULT_MODE: Record<RawLanguage, PrintMode> = { escpos: 'raster', tspl: 'raster', zpl: 'raster' };

function invalid(field: string, message: string, value: unknown): AppError {
  return new AppError('invalid_input', `printer setting ${field}: ${message}`, { field, value });
}

/** Refuses a mode the printer cannot do. */
export function checkMode(language: RawLanguage, model: 'epson' | 'star', mode: PrintMode): void {
  if (mode === 'native' && language === 'escpos' && model === 'star') {
    throw invalid('mode', 'Star Line Mode prints raster only in ShopDesk (its line feeds are not positioned to the dot); use "raster", or switch the printer to ESC/POS emulation and choose model "epson"', mode);
  }
}

/** Parses stored or submitted settings (JSON text or object) and fills the defaults for this language. */
export function resolveSettings(language: RawLanguage, raw: unknown = {}): PrintSettings {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw || '{}');
    } catch {
      throw new AppError('invalid_input', 'printer settings are not valid JSON', { field: 'settings', value: raw });
    }
  }
  const parsed = PrintSettingsInput.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'settings';
    const got = issue.path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k as string] : undefined), value);
    throw invalid(field, issue.message, got);
  }
  const s = parsed.data;
  const model = s.escposModel ?? 'epson';
  if (s.escposModel && language !== 'escpos') throw invalid('escposModel', `only applies to ESC/POS printers, not ${language}`, s.escposModel);
  if (s.speed !== undefined && language === 'escpos') throw invalid('speed', 'ESC/POS receipt printers take no speed command', s.speed);
  if (s.gapMm !== undefined && language !== 'tspl') throw invalid('gapMm', `only TSPL sets the label gap (a ${language} printer calibrates its own media sensor)`, s.gapMm);
  if (s.darkness !== undefined && language === 'escpos' && model === 'star') throw invalid('darkness', 'Star Line Mode has no print density command ShopDesk sends', s.darkness);
  if (s.mode) checkMode(language, model, s.mode);
  if (s.zplCjkFont !== undefined && language !== 'zpl') throw invalid('zplCjkFont', 'only applies to ZPL printers', s.zplCjkFont);
  const cjkDefault = language === 'tspl' || (language === 'escpos' && model === 'epson') || (language === 'zpl' && s.zplCjkFont) ? 'printer' : 'raster';
  const cjkText = s.cjkText ?? cjkDefault;
  if (cjkText === 'printer' && language === 'zpl' && !s.zplCjkFont) {
    throw invalid('cjkText', 'a ZPL printer prints Chinese with its own font only when zplCjkFont names one (e.g. E:SIMSUN.TTF)', cjkText);
  }
  if (cjkText === 'printer' && language === 'escpos' && model === 'star') {
    throw invalid('cjkText', 'Star Line Mode Chinese text is not supported; use "raster"', cjkText);
  }
  return {
    dpi: s.dpi ?? 203,
    mode: s.mode ?? DEFAULT_MODE[language],
    offsetXMm: s.offsetXMm ?? 0,
    offsetYMm: s.offsetYMm ?? 0,
    darkness: s.darkness ?? null,
    speed: s.speed ?? null,
    pageWidthMm: s.pageWidthMm ?? null,
    pageHeightMm: s.pageHeightMm ?? null,
    gapMm: s.gapMm ?? 2,
    escposModel: model,
    cjkText,
    zplCjkFont: s.zplCjkFont ?? null,
    cut: s.cut ?? null,
  };
}

/** Settings as they would be stored: only what differs from the defaults, so a default change reaches old printers. */
export function settingsToStore(language: RawLanguage, s: PrintSettingsInput): PrintSettingsInput {
  resolveSettings(language, s); // refuse what the printer cannot do before it is stored
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as PrintSettingsInput;
}

const RESOLVED_KEYS: readonly (keyof PrintSettings)[] = ['dpi', 'mode', 'offsetXMm', 'offsetYMm', 'darkness', 'speed', 'pageWidthMm', 'pageHeightMm', 'gapMm', 'escposModel', 'cjkText', 'zplCjkFont', 'cut'];

/** A resolved PrintSettings has every field present (nulls included); stored input only has what was set. */
function isResolved(s: unknown): s is PrintSettings {
  return typeof s === 'object' && s !== null && RESOLVED_KEYS.every((k) => k in s);
}

/** Settings as given (resolved, a stored object or its JSON text) → resolved for this language. */
export function asSettings(language: RawLanguage, s: PrintSettingsInput | PrintSettings | string | undefined): PrintSettings {
  return isResolved(s) ? s : resolveSettings(language, s ?? {});
}
