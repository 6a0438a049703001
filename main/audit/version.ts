import type { DB } from '../store/db.js';

const KEY = 'audit.rules_version';

/**
 * The rules version: bumped whenever rules, check settings or the blacklist change, and stored with every audit
 * result, so an order audited under older rules is found and audited again.
 */
export class RulesVersion {
  private readonly read;
  private readonly write;
  constructor(db: DB) {
    this.read = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  current(): number {
    const v = this.read.get(KEY) as string | undefined;
    return v === undefined ? 0 : Number(JSON.parse(v));
  }

  /** Call inside the transaction that made the change. */
  bump(): number {
    const next = this.current() + 1;
    this.write.run(KEY, JSON.stringify(next));
    return next;
  }
}
