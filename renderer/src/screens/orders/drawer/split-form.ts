/*
 * The split dialog's grid: one row per order line, one column per parcel, each cell the units of that line going
 * into that parcel. Checked here before anything is sent, in the words the dialog shows: every line's parts must add
 * up to its quantity (each unit in exactly one parcel), and every parcel must get something.
 */
export const MIN_PARTS = 2;
export const MAX_PARTS = 20;

export interface SplitLine {
  id: number;
  qty: number;
}

/** cells[lineIndex][partIndex] as typed. */
export type SplitGrid = string[][];

export type SplitProblem =
  | { kind: 'cellBad'; line: number; part: number }
  | { kind: 'lineSum'; line: number; sum: number; qty: number }
  | { kind: 'partEmpty'; part: number };

export interface SplitPart {
  lines: { orderLineId: number; qty: number }[];
}

/** Everything in the first parcel, the rest empty: the person moves units to the right. */
export function initialGrid(lines: readonly SplitLine[], parts: number): SplitGrid {
  return lines.map((l) => Array.from({ length: parts }, (_, p) => (p === 0 ? String(l.qty) : '0')));
}

export function resizeGrid(grid: SplitGrid, parts: number): SplitGrid {
  const n = Math.max(MIN_PARTS, Math.min(MAX_PARTS, parts));
  return grid.map((row) => {
    if (row.length <= n) return [...row, ...Array.from({ length: n - row.length }, () => '0')];
    // A removed parcel's units go back to the first one, so every line still adds up.
    const dropped = row.slice(n).reduce((s, c) => s + (cellQty(c) ?? 0), 0);
    const kept = row.slice(0, n);
    if (dropped > 0) kept[0] = String((cellQty(kept[0] ?? '') ?? 0) + dropped);
    return kept;
  });
}

/** A cell as a whole number of units; empty counts as 0; anything else is null. */
export function cellQty(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}

export type SplitCheck = { ok: true; parts: SplitPart[] } | { ok: false; problems: SplitProblem[] };

export function checkSplit(lines: readonly SplitLine[], grid: SplitGrid): SplitCheck {
  const problems: SplitProblem[] = [];
  const parts = grid[0]?.length ?? 0;
  const out: SplitPart[] = Array.from({ length: parts }, () => ({ lines: [] }));
  lines.forEach((line, li) => {
    let sum = 0;
    let bad = false;
    for (let p = 0; p < parts; p++) {
      const q = cellQty(grid[li]?.[p] ?? '');
      if (q === null) {
        problems.push({ kind: 'cellBad', line: li, part: p });
        bad = true;
        continue;
      }
      sum += q;
      if (q > 0) out[p]!.lines.push({ orderLineId: line.id, qty: q });
    }
    if (!bad && sum !== line.qty) problems.push({ kind: 'lineSum', line: li, sum, qty: line.qty });
  });
  out.forEach((part, p) => {
    if (part.lines.length === 0) problems.push({ kind: 'partEmpty', part: p });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, parts: out };
}
