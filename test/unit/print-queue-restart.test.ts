import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { sendToPrinter, type PrintTarget } from '../../main/print/send.js';
import { labelCounts, mixedLines, openQueue, printedPages, startPrintWorld } from '../helpers/print-queue-world.js';
import { tmpDir } from '../helpers/tmp.js';

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function setup() {
  const dbPath = path.join(tmpDir('print-restart-'), 'shop.db');
  const world = await startPrintWorld(dbPath);
  open.push(world);
  return { ...world, dbPath };
}

/** A second process on the same database file, as after a restart. */
function restart(dbPath: string): Core {
  const core = createCore({ dbPath, log: () => {} });
  open.push({ close: () => core.close() });
  return core;
}

/**
 * A queue whose process "dies" at the `nth` send: with `bytesOut` the bytes reach the printer first (the crash came
 * between the printer taking them and 'sent' being committed); without, before any byte left.
 */
function dyingQueue(core: Core, nth: number, bytesOut: boolean) {
  let calls = 0;
  return openQueue(core, [], {
    retryDelaysMs: [5, 10],
    send: async (p: PrintTarget, bytes: Buffer) => {
      if (++calls < nth) return sendToPrinter(p, bytes, { checkStatus: false });
      if (bytesOut) await sendToPrinter(p, bytes, { checkStatus: false });
      return new Promise<void>(() => {}); // never returns: the process is gone
    },
  });
}

const jobsOf = (q: ReturnType<typeof openQueue>, batchId: number) => q.jobs({ batchId, undecided: false, offset: 0, limit: 500 }).rows;

describe('print queue: restart and explicit reprints', () => {
  it('after a crash with a job sending, the restarted queue makes it uncertain, never resends it, and prints the rest', async () => {
    const { w, vp, dbPath } = await setup();
    const ids = w.orders(mixedLines(5, 21));
    const dying = dyingQueue(w.core, 3, true);
    const { batch } = await dying.enqueue('label', { orderIds: ids }, w.who);
    await vp.waitForJobs(3);
    const third = jobsOf(dying, batch!.id)[2]!;
    await expect.poll(() => dying.job(third.id).state).toBe('sending');

    const core = restart(dbPath);
    const queue = openQueue(core);
    expect(queue.start()).toEqual({ uncertain: 1 });
    await queue.runner.idle();
    const jobs = jobsOf(queue, batch!.id);
    expect(jobs.map((j) => j.state)).toEqual(['sent', 'sent', 'uncertain', 'sent', 'sent']);
    expect(jobs[2]!.lastError).toBe('ShopDesk stopped while this job was being sent: it may or may not have printed');
    expect(queue.batch(batch!.id)).toMatchObject({ state: 'done', done: 5 });
    expect([...labelCounts(vp).values()]).toEqual([1, 1, 1, 1, 1]); // the third printed once, before the crash, and never again
    expect(core.db.prepare("SELECT actor FROM events WHERE entity = 'print_job' AND entity_id = ? AND action = 'uncertain'").get(third.id)).toEqual({ actor: 'system:print-queue' });
    expect(core.db.prepare('SELECT workflow FROM orders WHERE id = ?').get(third.orderId)).toEqual({ workflow: 'allocated' });

    // Printing the order again is refused until a person decides; they look at the printer: it is there.
    const again = await queue.enqueue('label', { orderIds: [third.orderId!] }, w.who);
    expect(again.batch).toBeNull();
    expect(again.refused).toEqual([expect.objectContaining({ orderId: third.orderId, reason: 'uncertain' })]);
    const r = await queue.resolve(third.id, 'markPrinted', 'on the printer tray', w.who);
    expect(r.job).toMatchObject({ state: 'sent', resolution: 'confirmed', resolvedBy: 'operator:Li Packer' });
    expect(core.db.prepare('SELECT workflow, queue FROM orders WHERE id = ?').get(third.orderId)).toEqual({ workflow: 'printed', queue: 'to_pack' });
    expect(core.db.prepare("SELECT actor, data FROM events WHERE entity = 'order' AND entity_id = ? AND action = 'printed'").get(third.orderId)).toMatchObject({
      actor: 'operator:Li Packer',
      data: expect.stringContaining('"confirmedBy":"operator:Li Packer"'),
    });
    await expect(queue.resolve(third.id, 'reprint', undefined, w.who)).rejects.toThrow(`print job ${third.id} (${third.title}) is already decided (confirmed by operator:Li Packer)`);
    expect(vp.jobs).toHaveLength(5);
  });

  it('a job cut off before its bytes left is decided by reprinting it: printed exactly once', async () => {
    const { w, vp, dbPath } = await setup();
    const ids = w.orders(mixedLines(3, 4));
    const dying = dyingQueue(w.core, 2, false);
    const { batch } = await dying.enqueue('label', { orderIds: ids }, w.who);
    const second = jobsOf(dying, batch!.id)[1]!;
    await expect.poll(() => dying.job(second.id).state).toBe('sending');

    const core = restart(dbPath);
    const queue = openQueue(core);
    queue.start();
    await queue.runner.idle();
    expect(labelCounts(vp).get(second.trackingNo!)).toBeUndefined();
    expect(queue.jobs({ undecided: true, offset: 0, limit: 10 }).rows.map((j) => j.id)).toEqual([second.id]);

    const r = await queue.resolve(second.id, 'reprint', 'tray empty', w.who);
    expect(r.job).toMatchObject({ state: 'uncertain', resolution: 'reprinted' });
    expect(r.reprint!.job).toMatchObject({ reprintOf: second.id, trackingNo: second.trackingNo, state: expect.stringMatching(/queued|sending/) });
    expect(r.reprint!.batch).toMatchObject({ reprint: true, total: 1, kind: 'label' });
    await queue.runner.idle();
    expect(labelCounts(vp).get(second.trackingNo!)).toBe(1);
    expect(queue.job(r.reprint!.job.id).state).toBe('sent');
    expect(queue.jobs({ undecided: true, offset: 0, limit: 10 }).total).toBe(0);
    expect(core.db.prepare('SELECT workflow FROM orders WHERE id = ?').get(second.orderId)).toEqual({ workflow: 'printed' });
    expect(core.db.prepare('SELECT reprints FROM waybills WHERE tracking_no = ?').get(second.trackingNo)).toEqual({ reprints: 1 });
  });

  it('reprints explicitly — same number or a new one — and records who asked and why', async () => {
    const { w, vp } = await setup();
    const ids = w.orders(mixedLines(3, 8));
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    await w.queue.runner.idle();
    const [first, second] = jobsOf(w.queue, batch!.id);

    // Printing a printed order again is not a reprint: refused, saying how.
    const again = await w.queue.enqueue('label', { orderIds: [first!.orderId!] }, w.who);
    expect(again.refused[0]).toMatchObject({ reason: 'already_printed', message: expect.stringContaining('reprint it explicitly') });

    const same = await w.queue.reprint({ jobId: first!.id, kind: 'label', newNumber: false, reason: 'label smudged' }, w.who);
    expect(same.job).toMatchObject({ reprintOf: first!.id, trackingNo: first!.trackingNo, orderId: first!.orderId });
    await w.queue.runner.idle();
    expect(labelCounts(vp).get(first!.trackingNo!)).toBe(2);
    expect(w.core.db.prepare('SELECT reprints, state FROM waybills WHERE tracking_no = ?').get(first!.trackingNo)).toEqual({ reprints: 1, state: 'printed' });
    const asked = w.core.db.prepare("SELECT actor, reason, data FROM events WHERE entity = 'order' AND entity_id = ? AND action = 'reprint_requested'").get(first!.orderId) as { actor: string; reason: string; data: string };
    expect(asked).toMatchObject({ actor: 'operator:Li Packer', reason: 'label smudged' });
    expect(JSON.parse(asked.data)).toMatchObject({ reprintOf: first!.id, trackingNo: first!.trackingNo, newNumber: false });
    expect(w.core.db.prepare("SELECT count(*) AS n FROM events WHERE entity = 'order' AND entity_id = ? AND action = 'label_reprinted'").get(first!.orderId)).toEqual({ n: 1 });

    // By order, with a new number: the old one is voided (never reused), the new one printed and on the order.
    const fresh = await w.queue.reprint({ orderId: second!.orderId!, kind: 'label', newNumber: true, reason: 'parcel lost' }, w.who);
    expect(fresh.job.trackingNo).not.toBe(second!.trackingNo);
    await w.queue.runner.idle();
    expect(printedPages(vp).at(-1)!.barcodes).toEqual([fresh.job.trackingNo]);
    expect(w.core.db.prepare('SELECT state FROM waybills WHERE tracking_no = ?').get(second!.trackingNo)).toEqual({ state: 'void' });
    expect(w.core.db.prepare('SELECT state FROM waybill_pool WHERE tracking_no = ?').get(second!.trackingNo)).toEqual({ state: 'void' });
    expect(w.core.db.prepare('SELECT tracking_no, workflow FROM orders WHERE id = ?').get(second!.orderId)).toEqual({ tracking_no: fresh.job.trackingNo, workflow: 'printed' });
    expect(vp.jobs).toHaveLength(5);

    // Not a reprint: a job still waiting; an order refunded since.
    w.refund(second!.orderId!);
    await expect(w.queue.reprint({ orderId: second!.orderId!, kind: 'label', newNumber: false }, w.who)).rejects.toThrow(/is intercepted .*: do not ship it/);
    const third = await w.queue.enqueue('slip', { orderIds: [ids[2]!] }, w.who).catch((e: Error) => e);
    expect(third).toBeInstanceOf(Error); // no slip printer at this station
    expect((third as Error).message).toBe('no slip printer is set for station "本机 / This computer"; choose one in Settings → Stations');
  });
});
