import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { CellProblem, RowFacts } from './formats/types.js';
import { rowHash, type RowSink } from './job.js';
import type { TableRecord } from './source/table.js';

/** One staged row of an order, as read back for merging. */
export interface StagedRow {
  src: number;
  row: number;
  bad: boolean;
  facts: RowFacts | null;
  /** The row's non-empty cells, header → text, as JSON (kept verbatim beside the stored order). */
  raw: string;
  /** rowHash of the cells: a row identical to an earlier row of the same order in the same file is skipped. */
  hash: number;
}

/**
 * Commit's working set, in a private SQLite file beside the uploads: every row of the files keyed by order id, read
 * back sorted by order id so orders spanning rows or files (Shopify lines, Taobao's order + item reports) come
 * together without holding the file in memory. It is filled asynchronously while the files are read, then walked
 * inside the one synchronous transaction that stores the orders. Durability is pointless for it (deleted after
 * commit), so the journal and fsync are off; the page cache is bounded.
 */
export class Stage implements RowSink {
  private readonly db: Database.Database;
  private readonly insertRow;
  private inTx = false;
  private pending = 0;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('temp_store = FILE');
    this.db.pragma('cache_size = -32768');
    this.db.exec('CREATE TABLE rows (key TEXT NOT NULL, src INTEGER NOT NULL, row INTEGER NOT NULL, bad INTEGER NOT NULL, facts TEXT, raw TEXT NOT NULL, hash INTEGER NOT NULL)');
    this.insertRow = this.db.prepare('INSERT INTO rows (key, src, row, bad, facts, raw, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  unattributed(): void {
    // Rows without an order id were counted and reported by the dry run.
  }

  row(src: number, rec: TableRecord, facts: RowFacts, problems: readonly CellProblem[], headers: readonly string[]): void {
    if (!this.inTx) {
      this.db.exec('BEGIN');
      this.inTx = true;
    }
    const raw: Record<string, string> = {};
    for (let i = 0; i < rec.cells.length; i++) {
      const v = rec.cells[i]!;
      if (v !== '') raw[headers[i] || `#${i + 1}`] = v;
    }
    const bad = problems.length > 0;
    this.insertRow.run(facts.orderId, src, rec.row, bad ? 1 : 0, bad ? null : JSON.stringify(facts), JSON.stringify(raw), rowHash(rec.cells) | 0);
    if (++this.pending >= 20_000) this.flush();
  }

  /** Forgets what was staged from one file (it is being read again in another encoding). */
  resetSource(src: number): void {
    this.flush();
    this.db.prepare('DELETE FROM rows WHERE src = ?').run(src);
  }

  flush(): void {
    if (this.inTx) this.db.exec('COMMIT');
    this.inTx = false;
    this.pending = 0;
  }

  /**
   * Rows grouped by order, in order-id order; a row identical to an earlier row of its order in the same file is left
   * out (the dry run reported it as skipped). No index on the order id: reading back through one fetches each row
   * by a random lookup (measured slower); SQLite's external merge sort reads the table once and spills to temp files.
   */
  *orders(): Generator<[string, StagedRow[]]> {
    this.flush();
    let key: string | null = null;
    let group: StagedRow[] = [];
    const stmt = this.db.prepare('SELECT key, src, row, bad, facts, raw, hash FROM rows ORDER BY key, src, row');
    for (const r of stmt.iterate() as Iterable<{ key: string; src: number; row: number; bad: number; facts: string | null; raw: string; hash: number }>) {
      if (r.key !== key) {
        if (key !== null) yield [key, group];
        key = r.key;
        group = [];
      } else if (group.some((g) => g.src === r.src && g.hash === r.hash)) continue;
      group.push({ src: r.src, row: r.row, bad: r.bad === 1, facts: r.facts ? (JSON.parse(r.facts) as RowFacts) : null, raw: r.raw, hash: r.hash });
    }
    if (key !== null) yield [key, group];
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
