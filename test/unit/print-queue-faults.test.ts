import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryPrinterStatus, type PrintTarget } from '../../main/print/index.js';
import type { PrintJobEvent } from '../../shared/contract/print.js';
import { labelCounts, mixedLines, openQueue, printedPages, startPrintWorld, type PrintWorld } from '../helpers/print-queue-world.js';
import { tmpDir } from '../helpers/tmp.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function setup(opts: Parameters<typeof startPrintWorld>[1] = {}) {
  const world = await startPrintWorld(path.join(tmpDir('print-faults-'), 'shop.db'), opts);
  open.push(world);
  return world;
}

const jobsOf = (w: PrintWorld, batchId: number) => w.queue.jobs({ batchId, undecided: false, offset: 0, limit: 500 }).rows;

describe('print queue: the printer and the orders change under a batch', () => {
  it('pauses when the paper runs out and, resumed, goes on at the next unsent job — nothing printed twice', async () => {
    let onEvent: (e: PrintJobEvent) => void = () => {};
    const { w, vp } = await setup({ onEvent: (e) => onEvent(e) });
    const ids = w.orders(mixedLines(60, 7));
    // The paper runs out as label 25 leaves the printer: the status query before label 26 says so.
    onEvent = (e) => {
      if (e.state === 'sent' && e.done === 25) vp.options.paperOut = true;
    };
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    await w.queue.runner.idle();
    const paused = w.queue.batch(batch!.id);
    expect(paused).toMatchObject({ state: 'paused', pauseCode: 'paper_out', done: 25, counts: { sent: 25, queued: 35, sending: 0 } });
    expect(paused.pauseReason).toBe('printer Bench label is out of paper: load paper and resume');
    expect(vp.jobs).toHaveLength(25);
    expect(vp.statusQueries.length).toBeGreaterThanOrEqual(26);
    expect(w.events.at(-1)).toMatchObject({ batchState: 'paused', pauseCode: 'paper_out' });

    vp.options.paperOut = false;
    onEvent = () => {};
    expect(w.queue.resume(batch!.id, w.who).state).toBe('running'); // the printer's loop picks it up at once
    await w.queue.runner.idle();
    expect(w.queue.batch(batch!.id)).toMatchObject({ state: 'done', done: 60, counts: { sent: 60 } });
    const counts = labelCounts(vp);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(printedPages(vp).map((p) => p.barcodes[0])).toEqual(jobsOf(w, batch!.id).map((j) => j.trackingNo));
    const actions = (w.core.db.prepare("SELECT action, reason FROM events WHERE entity = 'print_batch' AND entity_id = ? ORDER BY id").all(batch!.id) as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(['created', 'paused', 'resumed', 'done']);
  });

  it('cancels a job whose order was refunded after it was queued, with the reason, and prints the rest', async () => {
    let onEvent: (e: PrintJobEvent) => void = () => {};
    const { w, vp } = await setup({ onEvent: (e) => onEvent(e) });
    const ids = w.orders(mixedLines(12, 3));
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    const jobs = jobsOf(w, batch!.id);
    const victim = jobs[6]!;
    const number = victim.trackingNo!;
    onEvent = (e) => {
      if (e.state === 'sent' && e.done === 3) w.refund(victim.orderId!); // the sync brings the refund mid-batch
    };
    await w.queue.runner.idle();
    const after = w.queue.job(victim.id);
    expect(after.state).toBe('cancelled');
    expect(after.lastError).toMatch(/^not printed: order M\d+ is intercepted \(refunded or cancelled on the platform after import\): do not ship it \(found just before printing\)$/);
    expect(w.queue.batch(batch!.id)).toMatchObject({ state: 'done', done: 12, counts: { sent: 11, cancelled: 1 } });
    const printed = printedPages(vp).map((p) => p.barcodes[0]);
    expect(printed).toHaveLength(11);
    expect(printed).not.toContain(number);
    // Its number was never printed, so it goes back to the pool; the order stays where the intercept put it.
    expect(w.core.db.prepare('SELECT state FROM waybills WHERE tracking_no = ?').get(number)).toEqual({ state: 'recycled' });
    expect(w.core.db.prepare("SELECT state FROM waybill_pool WHERE tracking_no = ?").get(number)).toEqual({ state: 'free' });
    expect(w.core.db.prepare('SELECT workflow, queue FROM orders WHERE id = ?').get(victim.orderId)).toEqual({ workflow: 'allocated', queue: 'intercepted' });
    expect(w.core.db.prepare("SELECT actor, reason FROM events WHERE entity = 'print_job' AND entity_id = ? AND action = 'cancelled'").get(victim.id)).toMatchObject({ actor: 'operator:Li Packer' });
    expect(w.core.people.claims.current(victim.orderId!)).toBeNull();
  });

  it('checks the orders again right before sending: a refund that lands while the label is being made stops it', async () => {
    let statusCalls = 0;
    let during: () => void = () => {};
    const { w, vp } = await setup({
      runner: {
        retryDelaysMs: [5, 10],
        // The refund arrives while the queue asks the printer for its status before the 2nd label.
        status: async (p: PrintTarget) => {
          if (++statusCalls === 2) during();
          return queryPrinterStatus(p, 1_000);
        },
      },
    });
    const ids = w.orders(mixedLines(3, 19));
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    const second = jobsOf(w, batch!.id)[1]!;
    during = () => w.refund(second.orderId!);
    await w.queue.runner.idle();
    expect(jobsOf(w, batch!.id).map((j) => j.state)).toEqual(['sent', 'cancelled', 'sent']);
    expect(printedPages(vp).map((p) => p.barcodes[0])).not.toContain(second.trackingNo);
    expect(w.core.db.prepare('SELECT state FROM waybills WHERE tracking_no = ?').get(second.trackingNo)).toEqual({ state: 'recycled' });
  });

  it('tries a printer that refuses connections 3 times with backoff, pauses with the error, and prints everything once when resumed', async () => {
    const { w, vp } = await setup();
    const ids = w.orders(mixedLines(5, 11));
    const address = vp.address;
    await vp.close(); // the printer is switched off
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    await w.queue.runner.idle();
    const b = w.queue.batch(batch!.id);
    expect(b).toMatchObject({ state: 'paused', pauseCode: 'printer_error', counts: { queued: 5, sent: 0, sending: 0 } });
    expect(b.pauseReason).toMatch(new RegExp(`^printer at ${address.replace('.', '\\.')} refused the connection: .* \\(tried 3 times\\); resume when the printer is back$`));
    expect(w.events.filter((e) => e.message?.endsWith('trying again'))).toHaveLength(2);

    // Switched on again at the same address.
    const port = Number(address.split(':')[1]);
    vp.options.port = port;
    await vp.start();
    w.queue.resume(batch!.id, w.who);
    await w.queue.runner.idle();
    expect(w.queue.batch(batch!.id)).toMatchObject({ state: 'done', counts: { sent: 5 } });
    expect([...labelCounts(vp).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('leaves a job the printer dropped part way as uncertain, pauses, and never sends it again by itself', async () => {
    const { w, vp } = await setup();
    const ids = w.orders(mixedLines(4, 5));
    vp.options.dropAfterBytes = 200; // the printer resets the connection after 200 bytes of the first label
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    await w.queue.runner.idle();
    const jobs = jobsOf(w, batch!.id);
    expect(jobs.map((j) => j.state)).toEqual(['uncertain', 'queued', 'queued', 'queued']);
    expect(jobs[0]!.lastError).toMatch(/dropped the connection|closed the connection/);
    expect(jobs[0]!.lastError).toMatch(/may or may not have printed$/);
    expect(w.queue.batch(batch!.id)).toMatchObject({ state: 'paused', pauseCode: 'uncertain' });
    // Its number may be on a label: it can no longer be recycled.
    expect(w.core.db.prepare('SELECT state FROM waybills WHERE tracking_no = ?').get(jobs[0]!.trackingNo)).toEqual({ state: 'printed' });

    vp.options.dropAfterBytes = undefined;
    w.queue.resume(batch!.id, w.who);
    await w.queue.runner.idle();
    expect(jobsOf(w, batch!.id).map((j) => j.state)).toEqual(['uncertain', 'sent', 'sent', 'sent']);
    const counts = labelCounts(vp);
    expect(counts.get(jobs[0]!.trackingNo!)).toBeUndefined(); // the cut-off job was not sent again
    expect(counts.size).toBe(3);
    expect(w.queue.jobs({ undecided: true, offset: 0, limit: 10 }).rows.map((j) => j.id)).toEqual([jobs[0]!.id]);
  });

  it('stops after the job printing now when paused or cancelled; cancel marks every unsent job cancelled', async () => {
    let onEvent: (e: PrintJobEvent) => void = () => {};
    const { w, vp } = await setup({ onEvent: (e) => onEvent(e) });
    const ids = w.orders(mixedLines(20, 9));
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    const id = batch!.id;
    // A person presses pause while job 5 is on its way to the printer.
    onEvent = (e) => {
      if (e.state === 'sending' && e.done === 4) w.queue.pause(id, w.who);
    };
    await w.queue.runner.idle();
    expect(w.queue.batch(id)).toMatchObject({ state: 'paused', pauseCode: 'person', pauseReason: 'paused by operator:Li Packer', counts: { sent: 5, queued: 15 } });
    expect(() => w.queue.pause(id, w.who)).toThrow(`print batch ${id} is paused: only a waiting or printing batch is paused`);

    onEvent = (e) => {
      if (e.state === 'sending' && e.done === 8) w.queue.cancel(id, w.who);
    };
    w.queue.resume(id, w.who);
    await w.queue.runner.idle();
    const b = w.queue.batch(id);
    expect(b).toMatchObject({ state: 'cancelled', done: 20, counts: { sent: 9, cancelled: 11, queued: 0, sending: 0 } });
    expect(vp.jobs).toHaveLength(9);
    const cancelled = jobsOf(w, id).filter((j) => j.state === 'cancelled');
    expect(new Set(cancelled.map((j) => j.lastError))).toEqual(new Set(['cancelled by operator:Li Packer']));
    // The orders not printed are free for another batch (their claims let go) and still to print.
    for (const j of cancelled) expect(w.core.people.claims.current(j.orderId!)).toBeNull();
    const again = await w.queue.enqueue('label', { orderIds: cancelled.map((j) => j.orderId!) }, w.who);
    expect(again.refused).toEqual([]);
    expect(again.batch!.total).toBe(11);
    await w.queue.runner.idle();
    expect(labelCounts(vp).size).toBe(20);
    expect(() => w.queue.cancel(id, w.who)).toThrow(`print batch ${id} is already cancelled`);
  });
  it('asks a printer without a status channel once, then prints without waiting on it; a printer with its head open pauses the batch', async () => {
    const { w, vp } = await setup({ printer: { silent: true }, runner: { statusTimeoutMs: 150 } });
    const ids = w.orders(mixedLines(6, 13));
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    await w.queue.runner.idle();
    expect(w.queue.batch(batch!.id)).toMatchObject({ state: 'done', counts: { sent: 6 } });
    expect(vp.statusQueries).toEqual(['ignored']); // one unanswered question, not one per label
    expect(labelCounts(vp).size).toBe(6);

    vp.options.silent = false;
    vp.options.headOpen = true;
    const more = w.orders(mixedLines(2, 14));
    const b2 = await w.queue.enqueue('label', { orderIds: more }, w.who);
    await w.queue.runner.idle();
    expect(w.queue.batch(b2.batch!.id)).toMatchObject({ state: 'paused', pauseCode: 'not_ready', pauseReason: 'printer Bench label is not ready: the print head is open', counts: { queued: 2 } });
    vp.options.headOpen = false;
    w.queue.resume(b2.batch!.id, w.who);
    await w.queue.runner.idle();
    expect(w.queue.batch(b2.batch!.id)).toMatchObject({ state: 'done', counts: { sent: 2 } });
    expect(labelCounts(vp).size).toBe(8);
  });

  it('pauses a batch whose printer was removed, saying so, instead of leaving it waiting forever', async () => {
    const { w } = await setup();
    await w.queue.stop();
    const { batch } = await w.queue.enqueue('label', { orderIds: w.orders(mixedLines(2, 15)) }, w.who);
    w.core.people.printers.remove(w.printerId);
    const queue = openQueue(w.core);
    queue.start();
    await queue.runner.idle();
    expect(queue.batch(batch!.id)).toMatchObject({ state: 'paused', pauseCode: 'no_printer', printerId: null, pauseReason: 'printer Bench label was removed; cancel this batch and print its orders again' });
    expect(() => queue.resume(batch!.id, w.who)).toThrow(`printer Bench label was removed: cancel batch ${batch!.id} and print its orders again`);
    expect(queue.cancel(batch!.id, w.who)).toMatchObject({ state: 'cancelled', counts: { cancelled: 2 } });
  });
  it('treats a printer that took the bytes but never closed the connection as "may have printed": uncertain, decided by a person', async () => {
    const { w, vp } = await setup({ printer: { neverClose: true }, runner: { sendTimeoutMs: 300 } });
    const ids = w.orders(mixedLines(2, 17));
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    await w.queue.runner.idle();
    const [first] = jobsOf(w, batch!.id);
    expect(first).toMatchObject({ state: 'uncertain', lastError: expect.stringMatching(/did not close the connection within 300 ms .* — the label may or may not have printed$/) });
    expect(w.queue.batch(batch!.id)).toMatchObject({ state: 'paused', pauseCode: 'uncertain', counts: { uncertain: 1, queued: 1 } });
    expect(labelCounts(vp).get(first!.trackingNo!)).toBe(1); // it did print, which only the person at the printer can see
    await w.queue.resolve(first!.id, 'markPrinted', undefined, w.who);
    expect(w.queue.job(first!.id)).toMatchObject({ state: 'sent', resolution: 'confirmed' });
    expect(w.core.db.prepare('SELECT workflow FROM orders WHERE id = ?').get(first!.orderId)).toEqual({ workflow: 'printed' });
  });
});
