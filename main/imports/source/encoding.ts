import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { ImportEncoding } from '../../../shared/contract/imports.js';
import { ImportFailure } from '../failure.js';

/**
 * Which text encoding an export file uses. Chinese platforms export GBK/GB18030 (Excel's default on a Chinese
 * Windows) or UTF-8 with a BOM; Amazon and Shopify UTF-8; Excel's "Unicode text" is UTF-16LE with a BOM.
 * Order of evidence: a BOM settles it; bytes that are valid UTF-8 are UTF-8 (GBK text is almost never valid UTF-8,
 * while ASCII is both); otherwise chardet on the sample, trusted only for the encodings we support.
 */
export function detectEncoding(sample: Buffer, file: string): ImportEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  const zeros = utf16ZeroPattern(sample);
  if (zeros) return zeros;
  if (isUtf8(sample)) return 'utf-8';
  const guess = chardet.detect(sample);
  if (guess && /^(GB18030|GBK|GB2312|EUC-CN|Big5)$/i.test(guess)) return 'gb18030';
  // ISO-8859-x / windows-125x guesses on Chinese text happen on short samples: GB18030 decodes any byte run,
  // so try it and look for the replacement character before giving up.
  if (!iconv.decode(sample, 'gb18030').includes('\uFFFD')) return 'gb18030';
  throw new ImportFailure('invalid_input', `${file}: the text is neither UTF-8, GBK/GB18030 nor UTF-16 (it looks like ${guess ?? 'binary data'}); save it as "CSV UTF-8" and import it again`, {
    file,
    detected: guess,
  });
}

/** Bytes that are not UTF-8 but decode as GB18030 cleanly (chardet agrees, or no replacement characters). */
function looksGb(b: Buffer): boolean {
  const guess = chardet.detect(b);
  if (guess && /^(GB18030|GBK|GB2312|EUC-CN)$/i.test(guess)) return true;
  // The sample may end mid-character: judge all but its last 4 bytes.
  return !iconv.decode(b.subarray(0, Math.max(1, b.length - 4)), 'gb18030').includes('\uFFFD');
}

/** UTF-16 without a BOM: every other byte is 0 in mostly-ASCII text. */
function utf16ZeroPattern(b: Buffer): ImportEncoding | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 16) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros > half * 0.4 && evenZeros < half * 0.05) return 'utf-16le';
  if (evenZeros > half * 0.4 && oddZeros < half * 0.05) return 'utf-16be';
  return null;
}

/** Valid UTF-8, allowing a sequence cut off at the end of the sample. */
export function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Thrown mid-file when bytes stop being valid UTF-8: the reader starts over with the encoding they fit. */
export class EncodingMismatch extends Error {
  constructor(
    readonly byteOffset: number,
    readonly suggested: ImportEncoding | null,
  ) {
    super(`not valid UTF-8 at byte ${byteOffset}`);
  }
}

export interface TextDecoderLike {
  write(chunk: Buffer): string;
  end(): string;
}

/** A streaming decoder for `encoding`, stripping a BOM. UTF-8 is strict: a bad byte throws EncodingMismatch. */
export function decoderFor(encoding: Exclude<ImportEncoding, 'xlsx'>): TextDecoderLike {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    // A fatal TextDecoder is strict and as fast as anything else measured here (Buffer#toString after isUtf8,
    // StringDecoder: all ~10 ns/byte on CJK text, the cost being V8's two-byte strings, not validation).
    const d = new TextDecoder('utf-8', { fatal: true });
    let offset = 0;
    return {
      write(chunk) {
        try {
          const s = d.decode(chunk, { stream: true });
          offset += chunk.length;
          return s;
        } catch {
          const bad = firstInvalidUtf8(chunk.subarray(leadingContinuation(chunk))) + leadingContinuation(chunk);
          throw new EncodingMismatch(offset + bad, looksGb(chunk.subarray(bad, bad + 4096)) ? 'gb18030' : null);
        }
      },
      end() {
        try {
          return d.decode();
        } catch {
          throw new EncodingMismatch(offset, null);
        }
      },
    };
  }
  const d = iconv.getDecoder(encoding === 'gb18030' ? 'gb18030' : encoding, { stripBOM: true });
  return { write: (c) => d.write(c), end: () => d.end() ?? '' };
}

/** Bytes at a chunk's start that finish a character begun in the previous chunk (at most 3). */
function leadingContinuation(b: Buffer): number {
  let i = 0;
  while (i < 3 && i < b.length && (b[i]! & 0xc0) === 0x80) i++;
  return i;
}

function firstInvalidUtf8(b: Buffer): number {
  // Binary search for the shortest prefix that fails; decoding is fast and chunks are small.
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isUtf8(b.subarray(0, mid + 1))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
