import { AppError } from '../../shared/errors.js';
import type { DocumentOptions } from './document.js';
import { encodeEscposNative, encodeEscposRaster } from './encode/escpos.js';
import { nativePage } from './encode/page-for.js';
import { encodeTsplNative, encodeTsplRaster } from './encode/tspl.js';
import { encodeZplNative, encodeZplRaster } from './encode/zpl.js';
import type { DocData, DocKind } from './layout-types.js';
import { renderDocument } from './render.js';
import { asSettings, checkMode, RAW_LANGUAGES, type PrintMode, type PrintSettings, type PrintSettingsInput, type RawLanguage } from './settings.js';
import type { Paper } from './units.js';

export interface EncodedJob {
  bytes: Buffer;
  mode: PrintMode;
  /** e.g. an address shortened to fit; the queue shows them with the job */
  warnings: string[];
}

function checkLanguage(language: string): RawLanguage {
  if (language === 'os') {
    throw new AppError('invalid_input', 'a printer with language "os" prints through the system driver: use osPrintRequest() (a PNG page at its exact size), not printer commands', { field: 'language', value: language });
  }
  if (!(RAW_LANGUAGES as readonly string[]).includes(language)) throw new AppError('invalid_input', `unknown printer language "${language}"; expected ${RAW_LANGUAGES.join(', ')}`, { field: 'language', value: language });
  return language as RawLanguage;
}

/** Printer bytes for one document, with what the queue should know about it. */
export function encodeJob<K extends DocKind>(
  language: RawLanguage | 'os',
  mode: PrintMode | undefined,
  kind: K,
  paper: Paper,
  data: DocData[K],
  settings: PrintSettingsInput | PrintSettings | string = {},
  opts: DocumentOptions = {},
): EncodedJob {
  const lang = checkLanguage(language);
  const s = asSettings(lang, settings);
  const m = mode ?? s.mode;
  checkMode(lang, s.escposModel, m);
  if (m === 'raster') {
    const r = renderDocument(kind, paper, data, s, opts);
    const bytes = lang === 'tspl' ? encodeTsplRaster(r.bitmap, r.page, s) : lang === 'zpl' ? encodeZplRaster(r.bitmap, r.page, s) : encodeEscposRaster(r.bitmap, r.page, s);
    return { bytes, mode: m, warnings: r.warnings };
  }
  const { page, origin } = nativePage(lang, kind, paper, data, s, opts);
  const bytes = lang === 'tspl' ? encodeTsplNative(page, s, origin) : lang === 'zpl' ? encodeZplNative(page, s, origin) : encodeEscposNative(page, s, origin);
  return { bytes, mode: m, warnings: page.warnings };
}

/** Printer bytes for one document (see encodeJob for the warnings). */
export function encodeDocument<K extends DocKind>(
  language: RawLanguage | 'os',
  mode: PrintMode | undefined,
  kind: K,
  paper: Paper,
  data: DocData[K],
  settings: PrintSettingsInput | PrintSettings | string = {},
  opts: DocumentOptions = {},
): Buffer {
  return encodeJob(language, mode, kind, paper, data, settings, opts).bytes;
}
