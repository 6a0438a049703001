import Database from 'better-sqlite3';
import fs from 'node:fs';
import { OrderState, type OrderSummary, type Problem } from './order-state.js';

/** Bits of the key filter: 2^26 bits (8 MiB), about 1 false "maybe seen" in 10,000 at a million orders. */
const FILTER_BITS = 1 << 26;
const FILTER_HASHES = 3;
const FLUSH_EVERY = 5_000;

/** What the dry run counted a run as when it was spilled: an outcome, or invalid. */
export const OUTCOMES = ['new', 'updated', 'unchanged', 'invalid'] as const;
export type RunOutcome = (typeof OUTCOMES)[number];

interface RunRow {
  key: string;
  src: number;
  row: number;
  outcome: number;
  data: string;
}

/** The state of a run as JSON: [bad, order summary | null, lines, refundedLines, problem | null, rows]. */
type Packed = [number, OrderSummary | null, number, number, Problem | null, number[]];

/**
 * The dry run's spill file: every finished run (OrderState) of every order, in a private SQLite file beside the
 * uploads, so that memory stays flat however many orders a file holds (a JS object per order reached 862 MiB at a
 * million orders). A fixed-size Bloom filter over the order ids notes which ids may have been seen before — those
 * ("suspects": an order split over non-consecutive rows, a Taobao item report joining its order report, duplicates)
 * are merged from their runs at the end. Every run is counted when it is spilled (as if it were the whole order) and
 * its outcome kept with it, so at the end only suspects are read back: their runs' counts are taken back and the
 * merged order counted instead.
 * Durability is pointless here (deleted after the preview), so the journal and fsync are off; the page cache is
 * bounded.
 */
export class RunStore {
  private readonly db: Database.Database;
  private readonly insertRun;
  private readonly insertSuspect;
  private readonly filter = new Uint32Array(FILTER_BITS >>> 5);
  private pending = 0;
  private inTx = false;
  suspects = 0;

  constructor(readonly file: string) {
    fs.rmSync(file, { force: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('temp_store = FILE');
    this.db.pragma('cache_size = -16384');
    // `noted`: deciding the run alone raised an error (reported at the end unless the order has more runs).
    this.db.exec(`CREATE TABLE runs (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, src INTEGER NOT NULL, row INTEGER NOT NULL,
      outcome INTEGER NOT NULL, noted INTEGER NOT NULL, data TEXT NOT NULL);
      CREATE TABLE suspects (key TEXT PRIMARY KEY) WITHOUT ROWID;`);
    this.insertRun = this.db.prepare('INSERT INTO runs (key, src, row, outcome, noted, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertSuspect = this.db.prepare('INSERT OR IGNORE INTO suspects (key) VALUES (?)');
  }

  /** Adds `key` to the filter; true when it may have been added before. */
  private seenBefore(key: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9e3779b1;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 + c, 0x85ebca6b) ^ (h2 >>> 13);
    }
    h2 |= 1;
    let all = true;
    for (let k = 0; k < FILTER_HASHES; k++) {
      const bit = (h1 + Math.imul(k, h2)) & (FILTER_BITS - 1);
      const w = bit >>> 5;
      const m = 1 << (bit & 31);
      if (!(this.filter[w]! & m)) {
        all = false;
        this.filter[w]! |= m;
      }
    }
    return all;
  }

  add(s: OrderState, outcome: RunOutcome, noted: boolean): void {
    if (!this.inTx) {
      this.db.exec('BEGIN');
      this.inTx = true;
    }
    if (this.seenBefore(s.key) && this.insertSuspect.run(s.key).changes > 0) this.suspects++;
    const packed: Packed = [s.bad ? 1 : 0, s.order, s.lines, s.refundedLines, s.problem, s.rows];
    this.insertRun.run(s.key, s.src, s.row, OUTCOMES.indexOf(outcome), noted ? 1 : 0, JSON.stringify(packed));
    if (++this.pending >= FLUSH_EVERY) this.flush();
  }

  flush(): void {
    if (this.inTx) this.db.exec('COMMIT');
    this.inTx = false;
    this.pending = 0;
  }

  /** Forgets what was gathered from one file (it is being read again in another encoding); returns what it counted. */
  resetSource(src: number): Map<RunOutcome, number> {
    this.flush();
    const counted = new Map<RunOutcome, number>();
    for (const r of this.db.prepare('SELECT outcome, count(*) AS n FROM runs WHERE src = ? GROUP BY outcome').all(src) as { outcome: number; n: number }[]) {
      counted.set(OUTCOMES[r.outcome]!, r.n);
    }
    this.db.prepare('DELETE FROM runs WHERE src = ?').run(src);
    return counted;
  }

  private static state(r: RunRow): OrderState {
    const s = new OrderState(r.key, r.src, r.row);
    const [bad, order, lines, refundedLines, problem, rows] = JSON.parse(r.data) as Packed;
    s.bad = bad === 1;
    s.order = order;
    s.lines = lines;
    s.refundedLines = refundedLines;
    s.problem = problem;
    s.rows = rows;
    return s;
  }

  /** Orders seen in one run only whose run, decided alone, raised an error: in file order. */
  *notedSingles(): Generator<OrderState> {
    this.flush();
    const q = `SELECT key, src, row, outcome, data FROM runs WHERE noted = 1${this.suspects ? ' AND key NOT IN (SELECT key FROM suspects)' : ''} ORDER BY seq`;
    for (const r of this.db.prepare(q).iterate() as Iterable<RunRow>) yield RunStore.state(r);
  }

  /** Orders that may span several runs: all their runs (with what each was counted as), in file order, by order id. */
  *groups(): Generator<{ state: OrderState; counted: RunOutcome }[]> {
    this.flush();
    if (this.suspects === 0) return;
    let group: { state: OrderState; counted: RunOutcome }[] = [];
    const q = 'SELECT key, src, row, outcome, data FROM runs WHERE key IN (SELECT key FROM suspects) ORDER BY key, seq';
    for (const r of this.db.prepare(q).iterate() as Iterable<RunRow>) {
      if (group.length && group[0]!.state.key !== r.key) {
        yield group;
        group = [];
      }
      group.push({ state: RunStore.state(r), counted: OUTCOMES[r.outcome]! });
    }
    if (group.length) yield group;
  }

  /** Closes and deletes the file. */
  destroy(): void {
    if (this.db.open) {
      try {
        if (this.inTx) this.db.exec('ROLLBACK');
      } catch {
        // closing anyway
      }
      this.db.close();
    }
    fs.rmSync(this.file, { force: true });
  }
}
