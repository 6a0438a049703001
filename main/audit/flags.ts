import { AUDIT_CHECKS } from '../../shared/domain/audit.js';
import { FLAG_BIT } from '../../shared/domain/status.js';
import type { Settled } from './evaluate.js';
import type { FlagRecord, LoadedOrder } from './loader.js';

/** Who the audit itself acts as; every rule acts as "rule:<name>". */
export const AUDIT_ACTOR = 'rule:audit';
/** Releases a hold whose release time came. */
export const TIMER_ACTOR = 'rule:timer';

/** Flags raised (or released) by the audit rather than a person, a station or a sync. */
export function isAuditActor(who: string | null): boolean {
  return who !== null && who.startsWith('rule:');
}

const CHECK_NAMES = new Set<string>(AUDIT_CHECKS);

/**
 * Holds the audit may let go of by itself once it no longer finds their reason: checks' holds and reviews on an
 * approved order. A rule's hold says itself how it ends (its release); `whenFixed` answers for those.
 */
export function releasedWhenFixed(f: FlagRecord, whenFixed: (f: FlagRecord) => boolean): boolean {
  if (f.kind === 'exception') return true;
  if (f.kind !== 'hold' || f.releaseAt !== null) return false; // a timed hold runs its time
  if (CHECK_NAMES.has(f.reason) || f.reason === 'rule_review') return true;
  return whenFixed(f);
}

/**
 * What a person or the clock already settled on this order: a finding whose flag a person released (approved
 * past it) with the same note, or a rule's hold whose time ran out. The audit does not raise those again.
 */
export function settledOn(o: LoadedOrder): Settled {
  return (reason, note, createdBy) => {
    for (const f of o.flags) {
      if (f.releasedAt === null || f.reason !== reason) continue;
      if (f.releasedBy !== null && !isAuditActor(f.releasedBy) && f.note === note) return f.releasedBy;
      if (f.releasedBy === TIMER_ACTOR && f.createdBy === createdBy) return 'its hold time';
    }
    return null;
  };
}

export function openBits(flags: readonly { kind: string }[]): number {
  let bits = 0;
  for (const f of flags) bits |= FLAG_BIT[f.kind as keyof typeof FLAG_BIT] ?? 0;
  return bits;
}

/** The machine's local calendar day, YYYY-MM-DD (the KPI's days are the seller's days). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
