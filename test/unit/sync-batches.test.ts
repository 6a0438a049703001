import { describe, expect, it } from 'vitest';
import { prefetchBatches } from '../../main/sync/batches.js';

async function collect<T>(src: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const b of src) out.push(b);
  return out;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('group commit: prefetchBatches', () => {
  it('items that are already there share a batch, in order, up to the weight cap', async () => {
    async function* fast() {
      for (let i = 0; i < 50; i++) yield i;
    }
    const batches = await collect(prefetchBatches(fast(), () => 1, 20));
    expect(batches.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(batches.map((b) => b.length)).toEqual([20, 20, 10]);
  });

  it('a slow source gives one item per batch, each handed over as soon as it arrives', async () => {
    const log: string[] = [];
    async function* slow() {
      for (let i = 0; i < 3; i++) {
        await wait(30);
        log.push(`yield ${i}`);
        yield i;
      }
    }
    for await (const b of prefetchBatches(slow(), () => 1, 100)) log.push(`got ${b.join(',')}`);
    // Each item is handed over before the next exists: the first is not held back waiting for others.
    expect(log).toEqual(['yield 0', 'got 0', 'yield 1', 'got 1', 'yield 2', 'got 2']);
  });

  it('fetches the next item while the caller works on the current batch', async () => {
    const log: string[] = [];
    async function* src() {
      for (let i = 0; i < 3; i++) {
        log.push(`fetch ${i}`);
        await wait(20);
        yield i;
      }
    }
    for await (const b of prefetchBatches(src(), () => 1, 1)) {
      log.push(`store ${b[0]}`);
      await wait(40);
    }
    // "fetch 1" starts before "store 0" finishes: it is logged right after the first batch is handed over.
    expect(log.slice(0, 3)).toEqual(['fetch 0', 'fetch 1', 'store 0']);
  });

  it('an error is raised only after what arrived before it was handed over', async () => {
    async function* failing() {
      yield 1;
      yield 2;
      throw new Error('platform said no');
    }
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const b of prefetchBatches(failing(), () => 1, 100)) got.push(...b);
      })(),
    ).rejects.toThrow('platform said no');
    expect(got).toEqual([1, 2]);
  });

  it('stopping early closes the source (its finally runs)', async () => {
    let closed = false;
    async function* src() {
      try {
        for (let i = 0; ; i++) {
          await wait(5);
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    for await (const b of prefetchBatches(src(), () => 1, 1)) if (b[0] === 2) break;
    await wait(30);
    expect(closed).toBe(true);
  });
});
