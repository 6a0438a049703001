import type { RawLanguage } from '../../../main/print/settings.js';
import { decodeEscPos } from './decode-escpos.js';
import type { DecodedJob, DecodedPage } from './decoded.js';
import { decodeTspl } from './decode-tspl.js';
import { decodeZpl } from './decode-zpl.js';

export interface DecodeOptions {
  /** ESC/POS printable width in dots */
  width?: number;
  dialect?: 'epson' | 'star';
  /** TSPL SIZE conversion */
  dotsPerMm?: number;
}

/** Decodes a job in the printer's language. */
export function decodeJob(language: RawLanguage, bytes: Buffer, o: DecodeOptions = {}): DecodedJob {
  if (language === 'tspl') return decodeTspl(bytes, { dotsPerMm: o.dotsPerMm });
  if (language === 'zpl') return decodeZpl(bytes);
  return decodeEscPos(bytes, { width: o.width, dialect: o.dialect });
}

/** All printed text of a page run together without whitespace, for "does the address appear" checks across wraps. */
export function squashedText(page: DecodedPage): string {
  return [...page.texts]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((t) => t.text)
    .join('')
    .replace(/\s+/g, '');
}

export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
