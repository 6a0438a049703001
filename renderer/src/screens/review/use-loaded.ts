import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { api } from '../../api/client.js';
import { useConnection } from '../../api/connection.js';
import { useChanges } from '../../state/changes.js';

/** Audit views load through the orders screen's request hook (kept previous answer, superseded answers dropped). */
export { useRequest as useLoaded, type Loaded } from '../orders/hooks.js';

/*
 * 'audit.changed' (rules, checks, blacklist, a finished re-run) as a counter, collected for a moment like the order
 * feed in state/changes.ts: a re-run of 100k orders must not refetch every screen a hundred times. Subscribed while
 * any audit view is mounted; a reconnect counts as a change (events may have been missed).
 */
const useAuditCounter = create<{ n: number }>(() => ({ n: 0 }));
const COLLECT_MS = 300;
let users = 0;
let stop: (() => void) | null = null;

function startFeed(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const bump = () => {
    timer ??= setTimeout(() => {
      timer = null;
      useAuditCounter.setState((s) => ({ n: s.n + 1 }));
    }, COLLECT_MS);
  };
  const off = api.subscribe('audit.changed', bump);
  const offConn = useConnection.subscribe((now, before) => {
    if (now.reconnects !== before.reconnects) bump();
  });
  return () => {
    off();
    offConn();
    if (timer) clearTimeout(timer);
  };
}

/** Moves when audit settings or results change; subscribe by calling it in any component that shows audit data. */
export function useAuditTick(): number {
  useEffect(() => {
    if (users++ === 0) stop = startFeed();
    return () => {
      if (--users === 0) {
        stop?.();
        stop = null;
      }
    };
  }, []);
  return useAuditCounter((s) => s.n);
}

/** Orders or audit changed: what a view of audit results depends on. */
export function useAuditAndOrdersTick(): number {
  const audit = useAuditTick();
  const orders = useChanges((s) => s.orders);
  return audit + orders;
}

/**
 * A mutation's answer shown over a loaded list until the list is loaded again: main answers a save with the new
 * list at once, and the next refetch (its change event, or another window's) replaces it.
 */
export function useAnswerOver<D, V>(data: D): [V | null, (value: V) => void] {
  const [over, setOver] = useState<{ base: D; value: V } | null>(null);
  return [over !== null && over.base === data ? over.value : null, (value: V) => setOver({ base: data, value })];
}
