/**
 * Line breaking for printed text. Chinese (and Japanese/Korean) text breaks between any two characters; Latin text
 * breaks between words, and a word wider than the line breaks between letters. Closing punctuation (，。）… and
 * ,.!?) stays with the character before it and opening brackets with the one after, so no line starts with "，".
 */
export type Measure = (text: string) => number;

const CJK = '\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF01-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3134F}';
const CLOSE = '，。、；：！？）》」』】〕’”,.;:!?)\\]}%';
const OPEN = '（《「『【〔‘“(\\[{';
const TOKEN = new RegExp(`[${OPEN}]*(?:[${CJK}]|[^\\s${CJK}]+)[${CLOSE}]*|\\s+`, 'gu');
const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');

export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

function breakWord(word: string, maxWidth: number, measure: Measure, lines: string[], start: string): string {
  let cur = start;
  for (const ch of word) {
    if (cur !== '' && measure(cur + ch) > maxWidth) {
      lines.push(cur);
      cur = ch;
    } else cur += ch;
  }
  return cur;
}

export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let cur = '';
    for (const tok of paragraph.match(TOKEN) ?? []) {
      if (/^\s+$/.test(tok)) {
        if (cur !== '') cur += ' ';
        continue;
      }
      const candidate = cur + tok;
      if (measure(candidate) <= maxWidth) {
        cur = candidate;
        continue;
      }
      const trimmed = cur.trimEnd();
      if (trimmed !== '') lines.push(trimmed);
      cur = measure(tok) <= maxWidth ? tok : breakWord(tok, maxWidth, measure, lines, '');
    }
    lines.push(cur.trimEnd());
  }
  return lines;
}

/** Cuts to maxLines, ending the last kept line in "…" so a reader sees that something was left out. */
export function truncateLines(lines: string[], maxLines: number, maxWidth: number, measure: Measure): string[] {
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = [...kept[maxLines - 1]!];
  while (last.length > 0 && measure(`${last.join('')}…`) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.join('').trimEnd()}…`;
  return kept;
}
