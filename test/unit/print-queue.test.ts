import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { squash } from '../sim/printer/decode.js';
import { mixedLines, printedPages, startPrintWorld } from '../helpers/print-queue-world.js';
import { tmpDir } from '../helpers/tmp.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function setup(opts: Parameters<typeof startPrintWorld>[1] = {}) {
  const world = await startPrintWorld(path.join(tmpDir('print-queue-'), 'shop.db'), opts);
  open.push(world);
  return world;
}

describe('print queue: a batch of labels', () => {
  it('prints 200 labels in pick-list order, each tracking number exactly once with its recipient address', async () => {
    const { w, vp } = await setup();
    const ids = w.orders(mixedLines(200));
    const r = await w.queue.enqueue('label', { orderIds: [...ids].reverse() }, w.who);
    expect(r.refused).toEqual([]);
    expect(r.batch).toMatchObject({ kind: 'label', total: 200, printerName: 'Bench label' });
    await w.queue.runner.idle();

    const batch = w.queue.batch(r.batch!.id);
    expect(batch).toMatchObject({ state: 'done', done: 200, counts: { sent: 200, queued: 0, sending: 0, failed: 0, cancelled: 0, uncertain: 0 } });
    const jobs = w.queue.jobs({ batchId: batch.id, undecided: false, offset: 0, limit: 500 }).rows;

    // Pick-list order: warehouse, then the SKUs inside, then the order — computed here independently of the queue.
    const key = (id: number) =>
      (w.core.db.prepare('SELECT group_concat(sku_code) AS k FROM (SELECT DISTINCT sku_code FROM order_lines WHERE order_id = ? ORDER BY sku_code)').get(id) as { k: string }).k.replaceAll(',', '+');
    const expected = [...ids].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b));
    expect(jobs.map((j) => j.orderId)).toEqual(expected);
    expect(new Set(jobs.map((j) => j.orderId)).size).toBe(200);

    const labels = printedPages(vp);
    expect(labels).toHaveLength(200);
    const tracking = expected.map((id) => w.trackingOf(id));
    expect(labels.map((l) => l.barcodes[0])).toEqual(tracking); // every number once, in print order
    expect(new Set(labels.map((l) => l.barcodes[0])).size).toBe(200);
    for (const [i, id] of expected.entries()) {
      const o = w.core.db.prepare('SELECT buyer_name, province, city, district, address1, platform_order_id FROM orders WHERE id = ?').get(id) as Record<string, string>;
      const text = labels[i]!.text;
      expect(text).toContain(squash(o.address1!));
      expect(text).toContain(squash(`${o.province}${o.city}${o.district}`));
      expect(text).toContain(o.buyer_name);
      expect(text).toContain(o.platform_order_id);
      expect(text).toContain(tracking[i]);
    }

    // The orders moved on, with their numbers, in the same transaction as the job.
    const rows = w.core.db.prepare("SELECT workflow, queue, tracking_no, carrier FROM orders WHERE id IN (SELECT value FROM json_each(?))").all(JSON.stringify(ids)) as Record<string, string>[];
    expect(new Set(rows.map((o) => `${o.workflow}/${o.queue}/${o.carrier}`))).toEqual(new Set(['printed/to_pack/ZTO']));
    expect((w.core.db.prepare("SELECT count(*) AS n FROM waybills WHERE state = 'printed'").get() as { n: number }).n).toBe(200);
    expect((w.core.db.prepare('SELECT count(*) AS n FROM order_lines WHERE qty_printed <> qty').get() as { n: number }).n).toBe(0);
    const printed = w.core.db.prepare("SELECT actor, data FROM events WHERE entity = 'order' AND action = 'printed'").all() as { actor: string; data: string }[];
    expect(printed).toHaveLength(200);
    expect(printed[0]!.actor).toBe('operator:Li Packer');
    expect(w.events.filter((e) => e.state === 'sent').map((e) => e.done)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(w.events.at(-1)).toMatchObject({ batchId: batch.id, batchState: 'done', done: 200, total: 200 });
    // The bytes sent are recorded by their hash, never kept.
    expect(jobs.every((j) => /^[0-9a-f]{64}$/.test(j.bytesSha256 ?? ''))).toBe(true);
  });
});
