import iconv from 'iconv-lite';
import type { PrintSettings } from '../settings.js';

/**
 * Text as printer bytes. Chinese-market ESC/POS and TSPL firmware read GB18030 (in practice its two-byte GBK part;
 * the four-byte extension is missing from their fonts), so a line goes to the printer's font only when every
 * character is ASCII or GBK — anything else (rare characters, emoji) is drawn as a small raster block instead of
 * printing as "?".
 */
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

export function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

export function inGbk(text: string): boolean {
  // an unencodable character comes back as "?", so the round trip differs
  return iconv.decode(iconv.encode(text, 'gbk'), 'gbk') === text;
}

export function gb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}

/** Whether this line can be printed with the printer's font (else: a raster block). */
export function printerFontCan(text: string, language: 'escpos' | 'tspl' | 'zpl', s: PrintSettings): boolean {
  if (isPrintableAscii(text)) return true;
  if (s.cjkText !== 'printer') return false;
  // ZPL with a stored TrueType font takes UTF-8 (^CI28); the others take GB18030
  return language === 'zpl' ? [...text].every((ch) => ch.charCodeAt(0) >= 0x20) : inGbk(text);
}
