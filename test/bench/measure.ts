export interface Figure {
  name: string;
  budgetMs: number;
  coldMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  runs: number;
}

/** Times fn: one cold call, then `runs` warm calls; the budget is judged on the median and p95 of warm calls. */
export function measure(name: string, budgetMs: number, fn: () => unknown, runs = 25): Figure {
  const t0 = performance.now();
  fn();
  const coldMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { name, budgetMs, coldMs, medianMs: at(0.5), p95Ms: at(0.95), maxMs: times[times.length - 1]!, runs };
}

export function printTable(figures: Figure[]): void {
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(`${'query'.padEnd(48)} ${'cold ms'.padStart(8)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}  budget`);
  for (const x of figures) {
    const ok = x.p95Ms <= x.budgetMs ? 'ok' : 'OVER';
    console.log(`${x.name.padEnd(48)} ${f(x.coldMs)} ${f(x.medianMs)} ${f(x.p95Ms)} ${f(x.maxMs)}  ${ok} (<${x.budgetMs} ms)`);
  }
}
