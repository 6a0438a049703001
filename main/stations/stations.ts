import crypto from 'node:crypto';
import type { StationInfo } from '../../shared/domain/people.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';

export interface StationRecord {
  id: number;
  name: string;
  kind: 'local' | 'paired';
  last_operator_id: number | null;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
}

const PAIRING_TTL_MS = 10 * 60_000;
const COLUMNS = 'id, name, kind, last_operator_id, created_at, last_seen_at, revoked_at';
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** An 8-digit code, easy to type on a tablet; single use, short-lived, and guarded by attempt limits at /pair. */
function newCode(): string {
  return String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');
}

/**
 * Stations: this computer (local) and the packing-bench computers or tablets paired with it. A paired station holds
 * its own token (only its hash is stored); revoking it locks that station out at once.
 */
export class StationStore {
  private readonly revokeListeners = new Set<(stationId: number) => void>();
  constructor(private readonly db: DB) {}

  get(id: number): StationRecord | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM stations WHERE id = ?`).get(id) as StationRecord | undefined;
  }

  /** This computer's own station, created on first use. */
  local(now = Date.now()): StationRecord {
    const found = this.db.prepare(`SELECT ${COLUMNS} FROM stations WHERE kind = 'local'`).get() as StationRecord | undefined;
    if (found) return found;
    const id = Number(this.db.prepare("INSERT INTO stations (name, kind, created_at) VALUES ('本机 / This computer', 'local', ?)").run(now).lastInsertRowid);
    return this.get(id)!;
  }

  list(online: ReadonlySet<number>): StationInfo[] {
    this.local();
    return (this.db.prepare(`SELECT ${COLUMNS} FROM stations ORDER BY kind = 'local' DESC, revoked_at IS NOT NULL, created_at`).all() as StationRecord[]).map((r) =>
      this.toInfo(r, online),
    );
  }

  toInfo(r: StationRecord, online: ReadonlySet<number>): StationInfo {
    return { id: r.id, name: r.name, kind: r.kind, createdAt: r.created_at, lastSeenAt: r.last_seen_at, revokedAt: r.revoked_at, online: online.has(r.id) };
  }

  pairStart(name: string, operatorId: number | null, now = Date.now()): { code: string; expiresAt: number } {
    const code = newCode();
    const expiresAt = now + PAIRING_TTL_MS;
    this.db.prepare('DELETE FROM pairing_codes WHERE expires_at < ? AND used_at IS NULL').run(now);
    this.db.prepare('INSERT INTO pairing_codes (code_hash, station_name, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(sha256(code), name, operatorId, now, expiresAt);
    return { code, expiresAt };
  }

  /** Trades a pairing code for a new station and its token. The code works once. */
  redeem(code: string, now = Date.now()): { station: StationRecord; token: string } {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT station_name, expires_at, used_at FROM pairing_codes WHERE code_hash = ?').get(sha256(code.replace(/\s+/g, ''))) as
        | { station_name: string; expires_at: number; used_at: number | null }
        | undefined;
      if (!row || row.used_at !== null) throw new AppError('unauthorized', 'this pairing code is not valid (mistyped, or already used)');
      if (row.expires_at < now) throw new AppError('unauthorized', 'this pairing code has expired; ask for a new one on the main computer');
      const token = crypto.randomBytes(32).toString('base64url');
      const id = Number(
        this.db.prepare("INSERT INTO stations (name, kind, token_hash, created_at, last_seen_at) VALUES (?, 'paired', ?, ?, ?)").run(row.station_name, sha256(token), now, now)
          .lastInsertRowid,
      );
      this.db.prepare('UPDATE pairing_codes SET used_at = ?, station_id = ? WHERE code_hash = ?').run(now, id, sha256(code.replace(/\s+/g, '')));
      return { station: this.get(id)!, token };
    })();
  }

  /** The station a token belongs to, unless revoked. */
  byToken(token: string, now = Date.now()): StationRecord | null {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM stations WHERE token_hash = ? AND revoked_at IS NULL`).get(sha256(token)) as StationRecord | undefined;
    if (!r) return null;
    this.db.prepare('UPDATE stations SET last_seen_at = ? WHERE id = ?').run(now, r.id);
    return r;
  }

  revoke(id: number, now = Date.now()): StationRecord {
    const r = this.get(id);
    if (!r) throw new AppError('not_found', `station ${id} does not exist`, { id });
    if (r.kind === 'local') throw new AppError('conflict', 'this computer’s own station cannot be revoked', { id });
    if (r.revoked_at === null) this.db.prepare('UPDATE stations SET revoked_at = ? WHERE id = ?').run(now, id);
    for (const l of this.revokeListeners) l(id);
    return this.get(id)!;
  }

  /** Transports close a revoked station's open connections. */
  onRevoke(listener: (stationId: number) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  touch(stationId: number, now = Date.now()): void {
    this.db.prepare('UPDATE stations SET last_seen_at = ? WHERE id = ?').run(now, stationId);
  }

  setLastOperator(stationId: number, operatorId: number | null): void {
    this.db.prepare('UPDATE stations SET last_operator_id = ? WHERE id = ?').run(operatorId, stationId);
  }
}
