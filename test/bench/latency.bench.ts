/**
 * Sync latency: platform order created → visible in the queue, with the real scheduler on its default schedule
 * (every 30 s) against the WooCommerce simulator running on the wall clock. Orders are created at random moments over
 * LATENCY_SECONDS; each one's delay is measured from its creation to the orders.changed event that stored it.
 * Goal (issue #3): p95 ≤ 60 s. Prints figures; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../main/core.js';
import { SimClock } from '../sim/base.js';
import { startWooSim, WOO_SIM_KEY } from '../sim/woocommerce/server.js';

const SECONDS = Number(process.env.LATENCY_SECONDS ?? 95);
const ORDERS = Number(process.env.LATENCY_ORDERS ?? 40);

/** The simulator on the wall clock, so its date_modified stamps and our scheduler share one time. */
class WallClock extends SimClock {
  override now(): number {
    return Date.now();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function runLatencyBench(): Promise<{ p50: number; p95: number }> {
  console.log(`\n## Sync latency: ${ORDERS} orders created over ${SECONDS} s, default schedule (30 s), WooCommerce simulator`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-latency-'));
  const sim = await startWooSim({ clock: new WallClock() });
  const core = createCore({ dbPath: path.join(dir, 'latency.db'), log: () => {} });
  try {
    const ctx = { origin: 'bench', session: core.people.sessions.cli() };
    const added = await core.dispatch(
      'shops.add',
      { platform: 'woocommerce', name: 'Latency', currency: 'EUR', credentials: { siteUrl: sim.homeUrl, consumerKey: WOO_SIM_KEY.consumerKey, consumerSecret: WOO_SIM_KEY.consumerSecret }, baseUrl: sim.url },
      ctx,
    );
    if (!added.ok) throw new Error(added.error.message);
    const createdAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const lookup = core.db.prepare('SELECT platform_order_id FROM orders WHERE id = ?');
    core.events.subscribe((name, payload) => {
      if (name !== 'orders.changed') return;
      for (const id of (payload as { ids?: number[] }).ids ?? []) {
        const r = lookup.get(id) as { platform_order_id: string } | undefined;
        if (r && !seenAt.has(r.platform_order_id)) seenAt.set(r.platform_order_id, Date.now());
      }
    });
    core.startBackground();
    const offsets = Array.from({ length: ORDERS }, () => Math.random() * SECONDS * 1000).sort((a, b) => a - b);
    const start = Date.now();
    for (const at of offsets) {
      await new Promise((r) => setTimeout(r, Math.max(0, start + at - Date.now())));
      const o = sim.addOrder({ status: 'processing' });
      createdAt.set(String(o.id), Date.now());
    }
    // Wait for the last ones: at most one interval plus the settle time and a margin.
    const deadline = Date.now() + 45_000;
    while (seenAt.size < createdAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const delays = [...createdAt].filter(([id]) => seenAt.has(id)).map(([id, t]) => (seenAt.get(id)! - t) / 1000).sort((a, b) => a - b);
    const missing = createdAt.size - delays.length;
    const p50 = percentile(delays, 0.5);
    const p95 = percentile(delays, 0.95);
    console.log(`created → visible: p50 ${p50.toFixed(1)} s, p95 ${p95.toFixed(1)} s, max ${delays[delays.length - 1]!.toFixed(1)} s  ${p95 <= 60 ? 'ok' : 'OVER'} (goal p95 ≤ 60 s)`);
    if (missing) console.log(`${missing} order(s) not visible within the wait: a sync problem`);
    return { p50, p95 };
  } finally {
    await core.shutdown();
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
