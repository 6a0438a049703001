import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';
import WebSocket from 'ws';
import type { ErrorPayload } from '../../shared/errors.js';
import { startServe, type Served } from './serve-fixture.js';

/** A served database of its own for one spec file: sign-ins there move the station's "last operator" for everyone. */
export async function ownServe(opts: { demo: boolean; orders?: number }): Promise<Served & { dir: string; dispose: () => Promise<void> }> {
  const served = await startServe(opts.orders ?? 200, 11, { demo: opts.demo });
  return {
    ...served,
    dispose: async () => {
      await served.stop();
      fs.rmSync(served.dir, { recursive: true, force: true });
    },
  };
}

export type Answer<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/**
 * One contract connection from Node with this computer's run token — its own session, like another window of the
 * owner's. Used to ask main what the UI should show and to check what main refuses.
 */
export async function rpc(shop: Served): Promise<{ call: <T>(channel: string, input?: unknown) => Promise<Answer<T>>; close: () => void }> {
  const token = new URL(shop.url).hash.replace('#token=', '');
  const ws = new WebSocket(`${shop.origin.replace('http', 'ws')}/api?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let nextId = 1;
  const waiting = new Map<number, (a: Answer<unknown>) => void>();
  ws.on('message', (d: Buffer) => {
    const m = JSON.parse(d.toString()) as { type: string; id?: number; ok?: boolean; value?: unknown; error?: ErrorPayload };
    if (m.type !== 'result' || m.id === undefined) return;
    const done = waiting.get(m.id);
    waiting.delete(m.id);
    done?.(m.ok ? { ok: true, value: m.value } : { ok: false, error: m.error ?? { code: 'internal', message: 'no error' } });
  });
  return {
    call: <T>(channel: string, input: unknown = {}) =>
      new Promise<Answer<T>>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve as (a: Answer<unknown>) => void);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      }),
    close: () => ws.close(),
  };
}

/** Keeps a screenshot under test-results/screenshots/ (like orders.spec.ts) and attaches it to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const png = await page.screenshot();
  const file = path.join('test-results', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, png);
  await testInfo.attach(name, { body: png, contentType: 'image/png' });
}

/** Walks the operator picker with the keyboard (Home, then →) until `name` has the focus. */
export async function focusOperator(page: Page, name: string): Promise<void> {
  // After a pairing or a reload the picker appears only once the session and the operator list have loaded.
  await expect(page.locator(`[data-testid="operator-option"][data-name="${name}"]`)).toBeVisible();
  const count = await page.getByTestId('operator-option').count();
  await page.keyboard.press('Home');
  for (let i = 0; i <= count; i++) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-name') ?? null);
    if (focused === name) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`the arrow keys never reached ${name} in the operator picker`);
}
