import type { Permission, SessionInfo } from '../../shared/domain/people.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import type { StationStore } from '../stations/stations.js';
import { toInfo, type OperatorStore } from './operators.js';
import { RolePermissions } from './permissions.js';
import { AttemptLimiter, verifyPin } from './pin.js';

/**
 * One connection's identity: which station it is, and which operator is signed in there. Transports create one per
 * connection (a window, a socket); handlers read it from the call context. `trusted` is the CLI, which already has
 * the database file in hand.
 */
export interface Session {
  stationId: number | null;
  operatorId: number | null;
  trusted: boolean;
}

export class Sessions {
  readonly permissions: RolePermissions;
  private readonly attempts = new AttemptLimiter();

  constructor(
    private readonly db: DB,
    private readonly operators: OperatorStore,
    private readonly stations: StationStore,
    private readonly log: EventLog,
  ) {
    this.permissions = new RolePermissions(db);
  }

  cli(): Session {
    return { stationId: null, operatorId: null, trusted: true };
  }

  /** A connection from this computer: signed in as whoever was last, or the owner, when they have no PIN. */
  forLocal(): Session {
    const station = this.stations.local();
    const last = station.last_operator_id ? this.operators.get(station.last_operator_id) : undefined;
    const candidate = last?.active ? last : this.operators.owner();
    const operatorId = candidate && candidate.active && !candidate.pin_hash ? candidate.id : null;
    this.stations.touch(station.id);
    if (operatorId) this.operators.touch(operatorId); // signed in by itself: still "last seen" now
    return { stationId: station.id, operatorId, trusted: false };
  }

  /** A connection from a paired station: its last operator when they have no PIN; otherwise someone must sign in. */
  forStation(stationId: number): Session {
    const station = this.stations.get(stationId);
    const last = station?.last_operator_id ? this.operators.get(station.last_operator_id) : undefined;
    const operatorId = last?.active && !last.pin_hash ? last.id : null;
    if (operatorId) this.operators.touch(operatorId);
    return { stationId, operatorId, trusted: false };
  }

  info(s: Session): SessionInfo {
    const station = s.stationId ? this.stations.get(s.stationId) : undefined;
    const op = s.operatorId ? this.operators.get(s.operatorId) : undefined;
    return {
      station: station ? { id: station.id, name: station.name, kind: station.kind } : { id: this.stations.local().id, name: 'CLI', kind: 'local' },
      operator: op ? toInfo(op) : null,
      permissions: op?.active ? this.permissions.of(op.role) : [],
      needsSetup: !this.operators.owner(),
    };
  }

  /** "who" for the event log. */
  actor(s: Session): string {
    if (s.operatorId) return `operator:${this.operators.get(s.operatorId)?.name ?? s.operatorId}`;
    return s.trusted ? 'cli' : `station:${s.stationId ?? '?'}`;
  }

  /** Throws unless the session may use a channel that needs `permission` (null: open to any connected station). */
  authorize(permission: Permission | null, s: Session): void {
    if (permission === null || s.trusted) return;
    if (!this.operators.owner()) throw new AppError('unauthorized', 'ShopDesk is not set up yet: create the owner first', { reason: 'needs_setup' });
    const op = s.operatorId ? this.operators.get(s.operatorId) : undefined;
    if (!op || !op.active) throw new AppError('unauthorized', 'sign in first', { reason: 'signed_out' });
    if (!this.permissions.of(op.role).includes(permission)) {
      throw new AppError('forbidden', `${op.name} (${op.role}) may not do this: it needs the "${permission}" permission`, { permission, role: op.role });
    }
  }

  setupOwner(s: Session, name: string, pin: string | undefined): SessionInfo {
    this.db.transaction(() => {
      if (this.operators.owner()) throw new AppError('conflict', 'the owner already exists; sign in instead');
      const op = this.operators.create(name, 'owner', pin);
      s.operatorId = op.id;
      if (s.stationId) this.stations.setLastOperator(s.stationId, op.id);
      this.record(s, 'operator', op.id, 'owner_created', { name });
    })();
    return this.info(s);
  }

  signIn(s: Session, operatorId: number, pin: string | undefined): SessionInfo {
    const key = `op:${operatorId}`;
    const wait = this.attempts.blockedFor(key);
    if (wait > 0) throw new AppError('forbidden', `too many wrong PINs; try again in ${Math.ceil(wait / 1000)} s`, { retryInMs: wait });
    const op = this.operators.get(operatorId);
    if (!op || !op.active) throw new AppError('not_found', `operator ${operatorId} does not exist or is inactive`, { operatorId });
    // No PIN given is the switch screen asking what it needs, not a guess: only wrong PINs count toward the lock.
    if (op.pin_hash && !pin) throw new AppError('unauthorized', 'this operator needs a PIN', { field: 'pin', reason: 'pin_required' });
    if (op.pin_hash && pin && !verifyPin(pin, op.pin_hash)) {
      this.attempts.fail(key);
      this.record(s, 'operator', op.id, 'sign_in_failed', null);
      throw new AppError('unauthorized', 'wrong PIN', { field: 'pin', reason: 'wrong_pin' });
    }
    this.attempts.succeed(key);
    this.db.transaction(() => {
      s.operatorId = op.id;
      this.operators.touch(op.id);
      if (s.stationId) this.stations.setLastOperator(s.stationId, op.id);
      this.record(s, 'operator', op.id, 'signed_in', null);
    })();
    return this.info(s);
  }

  signOut(s: Session): SessionInfo {
    if (s.operatorId) {
      this.record(s, 'operator', s.operatorId, 'signed_out', null);
      if (s.stationId) this.stations.setLastOperator(s.stationId, null);
    }
    s.operatorId = null;
    return this.info(s);
  }

  record(s: Session, entity: string, entityId: number | null, action: string, data: Record<string, unknown> | null): void {
    this.log.record({ actor: this.actor(s), operatorId: s.operatorId, stationId: s.stationId, entity, entityId, action, data });
  }
}
