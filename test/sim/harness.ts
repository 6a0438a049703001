import { expect } from 'vitest';
import type { AdapterContext, AdapterPage, AfterSalePage, PlatformAdapter, TimeWindow } from '../../main/sync/adapter.js';
import { PlatformError } from '../../main/sync/platform-error.js';

/** Helpers every platform's adapter tests share; each platform's harness re-exports them beside its own. */

/** Every page the adapter lists for the window. */
export async function collect(adapter: PlatformAdapter, window: TimeWindow, ctx: AdapterContext): Promise<AdapterPage[]> {
  const pages: AdapterPage[] = [];
  for await (const p of adapter.listUpdated(window, ctx)) pages.push(p);
  return pages;
}

/** Every after-sales page the adapter lists for the window (the adapter must have the listing). */
export async function collectAfterSales(adapter: PlatformAdapter, window: TimeWindow, ctx: AdapterContext): Promise<AfterSalePage[]> {
  if (!adapter.listAfterSales) throw new Error(`${adapter.platform} has no after-sales listing`);
  const pages: AfterSalePage[] = [];
  for await (const p of adapter.listAfterSales(window, ctx)) pages.push(p);
  return pages;
}

export const ids = (pages: AdapterPage[]): string[] => pages.flatMap((p) => p.orders.map((o) => o.platformOrderId));

/** The PlatformError a call rejects with (the test fails when it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}
