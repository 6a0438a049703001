/**
 * Keyword, SKU and region lists are typed on one line: commas (also the Chinese ，、；) or new lines separate them.
 * Blank pieces are dropped and repeats kept once, so "a, , a" is one keyword.
 */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  for (const piece of text.split(/[\n,，、;；]+/)) {
    const v = piece.trim();
    if (v) seen.add(v);
  }
  return [...seen];
}

export function joinList(values: readonly string[]): string {
  return values.join(', ');
}
