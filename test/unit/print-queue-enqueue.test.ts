import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeJob, squashedText } from '../sim/printer/decode.js';
import { startVirtualPrinter } from '../sim/printer/virtual-printer.js';
import { labelCounts, mixedLines, openQueue, printedPages, startPrintWorld, type PrintWorld } from '../helpers/print-queue-world.js';
import { tmpDir } from '../helpers/tmp.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function setup(opts: Parameters<typeof startPrintWorld>[1] = {}) {
  const world = await startPrintWorld(path.join(tmpDir('print-enqueue-'), 'shop.db'), opts);
  open.push(world);
  return world;
}

const sessionOf = (w: PrintWorld) => ({ stationId: w.stationId, operatorId: w.who.operatorId ?? null, trusted: false });
const pon = (w: PrintWorld, id: number) => (w.core.db.prepare('SELECT platform_order_id AS p FROM orders WHERE id = ?').get(id) as { p: string }).p;

describe('print queue: what goes into a batch', () => {
  it('refuses orders that must not print, each with a reason naming it, and queues the rest', async () => {
    const { w } = await setup();
    await w.queue.stop(); // nothing prints: this is about the batch
    const [ok1, ok2, refunded, held, claimed] = w.orders(mixedLines(5, 1));
    const [waiting] = w.orders(mixedLines(1, 2), { allocate: false });
    w.refund(refunded!);
    const hold = w.core.audit.service.decisions.decide({ orderIds: [held!], decision: 'hold', hold: { reason: 'address_check' }, note: 'buyer to confirm' }, sessionOf(w), Date.now());
    expect(hold.results[0]!.ok).toBe(true);
    // Another bench is printing one of them.
    const other = Number(w.core.db.prepare("INSERT INTO stations (name, kind, created_at) VALUES ('Bench 2', 'paired', 0)").run().lastInsertRowid);
    w.core.people.claims.claim(claimed!, 'print', { stationId: other, operatorId: null, trusted: false });

    const r = await w.queue.enqueue('label', { orderIds: [ok1!, refunded!, held!, waiting!, claimed!, 99_999, ok2!] }, w.who);
    expect(r.batch).toMatchObject({ total: 2, state: 'queued', counts: { queued: 2 } });
    expect(r.refused.map((x) => [x.orderId, x.reason])).toEqual([
      [refunded, 'intercepted'],
      [held, 'on_hold'],
      [waiting, 'not_allocated'],
      [claimed, 'claimed'],
      [99_999, 'not_found'],
    ]);
    const msg = Object.fromEntries(r.refused.map((x) => [x.orderId, x.message]));
    expect(msg[refunded!]).toBe(`not printed: order ${pon(w, refunded!)} is intercepted (refunded or cancelled on the platform after import): do not ship it`);
    expect(msg[held!]).toBe(`not printed: order ${pon(w, held!)} is on hold; release the hold first`);
    expect(msg[waiting!]).toBe(`order ${pon(w, waiting!)} is approved but has no stock allocated yet: run allocation first`);
    expect(msg[claimed!]).toMatch(new RegExp(`^order ${claimed} is being worked at Bench 2; it is free again when they finish or after 10 minutes$`));
    expect(msg[99_999]).toBe('order 99999 does not exist');
    expect(r.refused.find((x) => x.orderId === refunded)!.platformOrderId).toBe(pon(w, refunded!));

    // The queued ones hold this station's print claim and a tracking number each; a second press is refused.
    for (const id of [ok1!, ok2!]) expect(w.core.people.claims.current(id)).toMatchObject({ stationId: w.stationId, purpose: 'print' });
    expect(w.core.db.prepare("SELECT count(*) AS n FROM waybills WHERE state = 'allocated' AND order_id IN (?, ?)").get(ok1, ok2)).toEqual({ n: 2 });
    const again = await w.queue.enqueue('label', { orderIds: [ok1!] }, w.who);
    expect(again).toEqual({ batch: null, refused: [expect.objectContaining({ orderId: ok1, reason: 'already_queued', message: `order ${pon(w, ok1!)} is already queued in print batch ${r.batch!.id}` })] });
    expect(w.core.db.prepare("SELECT actor, data FROM events WHERE entity = 'print_batch' AND action = 'created'").get()).toMatchObject({ actor: 'operator:Li Packer' });
  });

  it('takes "all to print in this view", and refuses the whole selection when a label cannot be made', async () => {
    const { w } = await setup({ pool: 3 });
    await w.queue.stop();
    const ids = w.orders(mixedLines(5, 6));
    w.orders(mixedLines(2, 7), { allocate: false });
    const r = await w.queue.enqueue('label', { view: { search: 'M1000' } }, w.who);
    // The view holds 7 orders to print: 5 allocated (3 numbers in the pool), 2 waiting for stock.
    expect(r.batch!.total).toBe(3);
    expect(r.refused.map((x) => x.reason).sort()).toEqual(['not_allocated', 'not_allocated', 'waybill_failed', 'waybill_failed']);
    expect(r.refused.find((x) => x.reason === 'waybill_failed')!.message).toMatch(/: the ZTO number pool is empty: import more numbers from the carrier \(Settings → Waybills\)$/);
    // A number could not be had: that order's claim is let go again.
    for (const x of r.refused.filter((y) => y.reason === 'waybill_failed')) expect(w.core.people.claims.current(x.orderId)).toBeNull();
    expect(ids.length).toBe(5);
    await expect(w.queue.enqueue('label', { view: { search: 'NOPE' } }, w.who)).rejects.toThrow('there are no orders to print in this view');

    // A warehouse without sender details cannot be the sender on a label: said once per order, naming the fields.
    w.core.db.prepare('UPDATE warehouses SET contact_phone = NULL').run();
    const more = w.orders(mixedLines(1, 8));
    const s = await w.queue.enqueue('label', { orderIds: more }, w.who);
    expect(s.refused).toEqual([expect.objectContaining({ reason: 'no_sender', message: `order ${pon(w, more[0]!)}: warehouse WH-A needs contactPhone to be the sender on a waybill` })]);
  });

  it('prints one label for a merged parcel and one per part of a split order, moving the orders on when all their units are labelled', async () => {
    const { w, vp } = await setup();
    const [a, b] = w.orders([[['CUP-BLUE', 1]], [['MUG-RED', 2]]], { sameBuyer: true });
    const [c] = w.orders([[['PEN-BLK', 1], ['TEA-500', 3]]]);
    const s = sessionOf(w);
    const merged = w.core.parcels.service.merge([a!, b!], s);
    const lines = w.core.db.prepare('SELECT id, qty FROM order_lines WHERE order_id = ? ORDER BY line_no').all(c) as { id: number; qty: number }[];
    const parts = w.core.parcels.service.split(c!, [{ lines: [{ orderLineId: lines[0]!.id, qty: 1 }, { orderLineId: lines[1]!.id, qty: 1 }] }, { lines: [{ orderLineId: lines[1]!.id, qty: 2 }] }], s);

    const r = await w.queue.enqueue('label', { orderIds: [a!, b!, c!] }, w.who);
    expect(r.refused).toEqual([]);
    const jobs = w.queue.jobs({ batchId: r.batch!.id, undecided: false, offset: 0, limit: 10 }).rows;
    expect(jobs.map((j) => [j.parcelId, j.orderIds])).toEqual(
      expect.arrayContaining([
        [merged.id, [a, b]],
        [parts[0]!.id, [c]],
        [parts[1]!.id, [c]],
      ]),
    );
    expect(jobs).toHaveLength(3);
    expect(jobs.find((j) => j.parcelId === merged.id)!.title).toBe(`parcel ${merged.id} (orders ${pon(w, a!)}, ${pon(w, b!)})`);
    await w.queue.runner.idle();
    const pages = printedPages(vp);
    expect(pages).toHaveLength(3);
    const mergedPage = pages.find((p) => p.barcodes[0] === jobs.find((j) => j.parcelId === merged.id)!.trackingNo)!;
    expect(mergedPage.text).toContain(pon(w, a!));
    expect(mergedPage.text).toContain(pon(w, b!));
    expect(mergedPage.text).toContain('CUP-BLUE×1');
    expect(mergedPage.text).toContain('MUG-RED×2');
    expect(w.core.db.prepare('SELECT state FROM parcels WHERE id IN (?, ?, ?) ORDER BY id').all(merged.id, parts[0]!.id, parts[1]!.id)).toEqual([{ state: 'printed' }, { state: 'printed' }, { state: 'printed' }]);
    expect(w.core.db.prepare('SELECT id, workflow FROM orders WHERE id IN (?, ?, ?) ORDER BY id').all(a, b, c)).toEqual([
      { id: a, workflow: 'printed' },
      { id: b, workflow: 'printed' },
      { id: c, workflow: 'printed' },
    ]);
    expect(w.core.db.prepare('SELECT count(*) AS n FROM order_lines WHERE order_id IN (?, ?, ?) AND qty_printed <> qty').get(a, b, c)).toEqual({ n: 0 });
    expect((w.core.db.prepare("SELECT action FROM events WHERE entity = 'order' AND entity_id = ? AND action IN ('printed','part_printed') ORDER BY id").all(c) as { action: string }[]).map((e) => e.action)).toEqual([
      'part_printed',
      'printed',
    ]);
    expect([...labelCounts(vp).values()]).toEqual([1, 1, 1]);
  });

  it('prints packing slips and a pick list on a receipt printer, and refuses a slip printed before', async () => {
    const { w } = await setup();
    const receipt = await startVirtualPrinter();
    open.push({ close: () => receipt.close() });
    w.addPrinter('Bench receipt', receipt.address, 'escpos', '80mm', 'slip', { mode: 'native', cjkText: 'printer' });
    w.addPrinter('Office receipt', receipt.address, 'escpos', '80mm', 'picklist', { mode: 'native' });
    const ids = w.orders([[['TEA-500', 2]], [['TEA-500', 1], ['CUP-BLUE', 4]], [['CUP-BLUE', 1]]]);

    const slips = await w.queue.enqueue('slip', { orderIds: ids }, w.who);
    expect(slips.refused).toEqual([]);
    await w.queue.runner.idle();
    const pages = receipt.jobs.flatMap((j) => decodeJob('escpos', j.bytes).pages);
    expect(pages).toHaveLength(3);
    const jobs = w.queue.jobs({ batchId: slips.batch!.id, undecided: false, offset: 0, limit: 10 }).rows;
    for (const [i, j] of jobs.entries()) {
      const id = j.orderId!;
      expect(pages[i]!.barcodes.map((b) => b.content)).toEqual([pon(w, id)]); // the packer scans it at the bench
      const text = squashedText(pages[i]!);
      const lines = w.core.db.prepare('SELECT sku_code, qty FROM order_lines WHERE order_id = ?').all(id) as { sku_code: string; qty: number }[];
      for (const l of lines) expect(text).toContain(l.sku_code);
      expect(text).toContain('装箱单');
    }
    // A slip does not move the order (the label does), and is recorded on the order.
    expect(w.core.db.prepare('SELECT workflow FROM orders WHERE id = ?').get(ids[0])).toEqual({ workflow: 'allocated' });
    expect(w.core.db.prepare("SELECT count(*) AS n FROM events WHERE entity = 'order' AND action = 'slip_printed'").get()).toEqual({ n: 3 });
    const again = await w.queue.enqueue('slip', { orderIds: [ids[0]!] }, w.who);
    expect(again.refused[0]).toMatchObject({ reason: 'already_printed', message: `order ${pon(w, ids[0]!)} already has its packing slip printed: reprint it explicitly if it is needed again` });

    // The pick list is queued; before it prints, the last order is refunded: it drops off the list.
    await w.queue.stop();
    const pick = await w.queue.enqueue('picklist', { orderIds: ids }, w.who);
    expect(pick.batch).toMatchObject({ kind: 'picklist', total: 1, printerName: 'Office receipt' });
    w.refund(ids[2]!);
    const queue = openQueue(w.core);
    queue.start();
    await queue.runner.idle();
    const list = decodeJob('escpos', receipt.jobs.at(-1)!.bytes).pages[0]!;
    expect(list.barcodes.map((b) => b.content)).toEqual([`B${pick.batch!.id}`]);
    // Each SKU row with the quantity printed beside it: CUP-BLUE 4 (the refunded order's 1 is not picked), TEA-500 2 + 1.
    const qtyBeside = (sku: string) => {
      const row = list.texts.find((t) => t.text === sku)!;
      const qtys = list.texts.filter((t) => t.text.startsWith('×'));
      return qtys.reduce((best, t) => (Math.abs(t.y - row.y) < Math.abs(best.y - row.y) ? t : best)).text;
    };
    expect(qtyBeside('CUP-BLUE')).toBe('×4');
    expect(qtyBeside('TEA-500')).toBe('×3');
    expect(list.texts.filter((t) => t.text.startsWith('×')).map((t) => t.text)).toEqual(['×4', '×3']); // sorted by SKU
    expect(w.core.db.prepare("SELECT count(*) AS n FROM events WHERE entity = 'print_batch' AND entity_id = ? AND action = 'picklist_printed'").get(pick.batch!.id)).toEqual({ n: 1 });
  });
});
