import { BLACKLIST_KINDS, type BlacklistEntry } from '../../shared/domain/audit.js';
import { AppError } from '../../shared/errors.js';
import { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import { isMaskedText, normalizePhone } from './address/phone.js';
import type { AuditOrder } from './check-types.js';
import { normAddress, normName } from './checks/text.js';

export type BlacklistKind = BlacklistEntry['kind'];

interface Row {
  id: number;
  kind: BlacklistKind;
  value: string;
  note: string | null;
  created_at: number;
  created_by: string;
}

const toEntry = (r: Row): BlacklistEntry => ({ id: r.id, kind: r.kind, value: r.value, note: r.note, createdAt: r.created_at, createdBy: r.created_by });

/**
 * A value as the blacklist stores and compares it: buyers trimmed, lower-cased and width-folded; phones as their
 * identifying digits (no +86, separators or trunk 0); addresses without whitespace or punctuation. Null when the
 * value cannot be compared (empty, masked).
 */
export function normalizeBlacklistValue(kind: BlacklistKind, value: string): string | null {
  if (isMaskedText(value)) return null;
  const v = kind === 'phone' ? normalizePhone(value) : kind === 'buyer' ? normName(value) : normAddress(value);
  return v === null || v === '' ? null : v;
}

/** What matched: the order's field and value as written on the order, and the entry. */
export interface BlacklistHit {
  field: 'buyer nick' | 'buyer name' | 'phone' | 'address';
  value: string;
  entry: BlacklistEntry;
}

/** The blacklist loaded once, matching orders by equality of normalized values (a few Map lookups an order). */
export class BlacklistMatcher {
  private readonly byKind: Record<BlacklistKind, Map<string, BlacklistEntry>> = { buyer: new Map(), phone: new Map(), address: new Map() };
  constructor(entries: readonly BlacklistEntry[]) {
    for (const e of entries) this.byKind[e.kind].set(e.value, e);
  }

  get size(): number {
    return this.byKind.buyer.size + this.byKind.phone.size + this.byKind.address.size;
  }

  private buyer(field: 'buyer nick' | 'buyer name', value: string | null): BlacklistHit | null {
    if (value === null || isMaskedText(value)) return null;
    const entry = this.byKind.buyer.get(normName(value));
    return entry ? { field, value: value.trim(), entry } : null;
  }

  /**
   * The first hit among buyer nick, buyer name, phone and address. The address is tried as the street alone and
   * prefixed by district, city and province in turn, so an entry of either '文三路100号' or
   * '浙江省杭州市西湖区文三路100号' matches. Masked values are never compared.
   */
  match(o: AuditOrder): BlacklistHit | null {
    const { buyer, phone, address } = this.byKind;
    if (buyer.size > 0) {
      const hit = this.buyer('buyer nick', o.buyerNick) ?? this.buyer('buyer name', o.buyerName);
      if (hit) return hit;
    }
    if (phone.size > 0 && o.buyerPhone !== null && !isMaskedText(o.buyerPhone)) {
      const v = normalizePhone(o.buyerPhone);
      const entry = v === null ? undefined : phone.get(v);
      if (entry) return { field: 'phone', value: o.buyerPhone.trim(), entry };
    }
    if (address.size > 0 && o.address1 !== null && !isMaskedText(o.address1)) {
      // Parts normalized one by one and joined: the same as normalizing the joined text, a quarter of the work.
      let key = normAddress(o.address1);
      let shown = o.address1.trim();
      for (const part of [null, o.district, o.city, o.province]) {
        if (part) {
          key = normAddress(part) + key;
          shown = part.trim() + shown;
        }
        const entry = key === '' ? undefined : address.get(key);
        if (entry) return { field: 'address', value: shown, entry };
      }
    }
    return null;
  }
}

/** Who changes the list: an actor ('cli', 'rule:…'), or a person with their operator and station. */
export type BlacklistActor = string | { actor: string; operatorId: number | null; stationId: number | null };

/**
 * The blacklist: buyers, phones and addresses whose orders the audit holds. Values are stored normalized so a lookup
 * is an equality; every add and remove is an event, and bumps the rules version (when given) in the same transaction
 * so orders audited under the old list are audited again.
 */
export class BlacklistStore {
  private readonly log: EventLog;
  constructor(
    private readonly db: DB,
    log?: EventLog,
    private readonly version?: { bump(): number },
  ) {
    this.log = log ?? new EventLog(db);
  }

  private record(who: BlacklistActor, id: number, action: string, now: number, reason: string | null, data: Record<string, unknown>): void {
    const person = typeof who === 'string' ? { actor: who, operatorId: null, stationId: null } : who;
    this.log.record({ at: now, ...person, entity: 'audit_blacklist', entityId: id, action, reason, data });
    this.version?.bump();
  }

  list(): BlacklistEntry[] {
    return (this.db.prepare('SELECT id, kind, value, note, created_at, created_by FROM audit_blacklist ORDER BY kind, value').all() as Row[]).map(toEntry);
  }

  /** Adds an entry, normalized. A value already listed (in any spelling that normalizes alike) is a conflict. */
  add(kind: BlacklistKind, value: string, note: string | null, who: BlacklistActor, now = Date.now()): BlacklistEntry {
    const actor = typeof who === 'string' ? who : who.actor;
    if (!(BLACKLIST_KINDS as readonly string[]).includes(kind)) {
      throw new AppError('invalid_input', `blacklist kind '${String(kind)}' is not one of ${BLACKLIST_KINDS.join(', ')}`, { field: 'kind', value: kind });
    }
    const normalized = normalizeBlacklistValue(kind, value);
    if (normalized === null) {
      const why = isMaskedText(value) ? 'is masked (asterisks hide part of it), so no order could be matched against it' : 'is empty once normalized';
      throw new AppError('invalid_input', `blacklist ${kind} '${value}' ${why}`, { field: 'value', value });
    }
    if (normalized.length > 200) {
      throw new AppError('invalid_input', `blacklist ${kind} is ${normalized.length} characters long; at most 200`, { field: 'value', value });
    }
    const cleanNote = note === null || note.trim() === '' ? null : note.trim();
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT id FROM audit_blacklist WHERE kind = ? AND value = ?').pluck().get(kind, normalized) as number | undefined;
      if (existing !== undefined) {
        throw new AppError('conflict', `${kind} '${normalized}' is already on the blacklist (entry ${existing})`, { id: existing, kind, value: normalized });
      }
      const id = Number(
        this.db
          .prepare('INSERT INTO audit_blacklist (kind, value, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
          .run(kind, normalized, cleanNote, now, actor).lastInsertRowid,
      );
      this.record(who, id, 'added', now, cleanNote, { kind, value: normalized, entered: value });
      return { id, kind, value: normalized, note: cleanNote, createdAt: now, createdBy: actor };
    })();
  }

  /** Removes an entry; an id that does not exist is not_found. */
  remove(id: number, who: BlacklistActor, now = Date.now()): void {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT id, kind, value, note, created_at, created_by FROM audit_blacklist WHERE id = ?').get(id) as Row | undefined;
      if (!row) throw new AppError('not_found', `blacklist entry ${id} does not exist`, { id });
      this.db.prepare('DELETE FROM audit_blacklist WHERE id = ?').run(id);
      this.record(who, id, 'removed', now, null, { kind: row.kind, value: row.value, note: row.note });
    })();
  }

  /** The whole list, loaded once, for matching a batch of orders. */
  matcher(): BlacklistMatcher {
    return new BlacklistMatcher(this.list());
  }
}
