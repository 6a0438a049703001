import { decodeXmlText, endsName, itemTextAt } from './xlsx-xml.js';

/*
 * The shared-string table (xl/sharedStrings.xml), read from its bytes. Each item is decoded on its own
 * (buf.toString over its <t>), so it is a compact string of its own: slicing one big decoded text instead kept that
 * whole text alive (two bytes a character once any item is Chinese) behind every item, ~45 MB for the 200,000-row
 * bench file's 401,218 strings. The table itself has to stay in memory, since a cell can refer to any item; it holds
 * each distinct text once.
 */

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const T = 116; // t

function find(buf: Buffer, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (buf[i] === byte) return i;
  return -1;
}

/** Where `tag` (ASCII, starting with '<') starts in buf at or after `from`; a JS loop beats buf.indexOf(string) here. */
function findTag(buf: Buffer, tag: string, from: number): number {
  const n = tag.length;
  for (let i = find(buf, LT, from, buf.length); i >= 0; i = find(buf, LT, i + 1, buf.length)) {
    let k = 1;
    while (k < n && buf[i + k] === tag.charCodeAt(k)) k++;
    if (k === n) return i;
  }
  return -1;
}

/** The item whose content is buf[from, to): one <t> read directly, anything else (rich text, phonetics) in full. */
function item(buf: Buffer, from: number, to: number): string {
  if (buf[from] === LT && buf[from + 1] === T && endsName(buf[from + 2]!)) {
    const gt = find(buf, GT, from + 2, to);
    if (gt > 0 && buf[gt - 1] !== SLASH) {
      const lt = find(buf, LT, gt + 1, to);
      // "</t>" ending the item: the plain case.
      if (lt === to - 4 && buf[lt + 1] === SLASH && buf[lt + 2] === T && buf[lt + 3] === GT) return decodeXmlText(buf.toString('utf8', gt + 1, lt));
    }
  }
  const xml = buf.toString('utf8', from, to);
  return itemTextAt(xml, 0, xml.length);
}

export function parseSharedStrings(buf: Buffer): string[] {
  const out: string[] = [];
  let p = 0;
  for (;;) {
    const si = findTag(buf, '<si', p);
    if (si < 0) break;
    if (!endsName(buf[si + 3] ?? 0)) {
      p = si + 3;
      continue;
    }
    const gt = find(buf, GT, si + 3, buf.length);
    if (gt < 0) break;
    if (buf[gt - 1] === SLASH) {
      out.push('');
      p = gt + 1;
      continue;
    }
    const end = findTag(buf, '</si>', gt);
    if (end < 0) break;
    out.push(item(buf, gt + 1, end));
    p = end + 5;
  }
  return out;
}
