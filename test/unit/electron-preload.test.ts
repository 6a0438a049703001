import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, type ShopDeskBridge } from '../../shared/contract/bridge.js';

// A stand-in for Electron's preload API: records what the preload exposes and lets the test play main's part.
const fake = vi.hoisted(() => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Set<Listener>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn<(...args: unknown[]) => Promise<unknown>>(),
    emit(...args: unknown[]) {
      for (const l of listeners) l({ sender: 'the IPC event object must not reach the page' }, ...args);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: fake.invoke,
    on: (channel: string, l: (event: unknown, ...args: unknown[]) => void) => channel === IPC_EVENT && fake.listeners.add(l),
    removeListener: (_channel: string, l: (event: unknown, ...args: unknown[]) => void) => fake.listeners.delete(l),
  },
}));

await import('../../main/electron/preload.js');
const bridge = fake.exposed.get('shopdesk') as ShopDeskBridge;

describe('preload bridge', () => {
  beforeEach(() => {
    fake.invoke.mockReset();
  });

  it('exposes only window.shopdesk with invoke and subscribe', () => {
    expect([...fake.exposed.keys()]).toEqual(['shopdesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('invokes main on the one IPC channel and returns its envelope', async () => {
    fake.invoke.mockResolvedValue({ ok: true, value: { version: '0.1.0' } });
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: true, value: { version: '0.1.0' } });
    expect(fake.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'app.info', {});
  });

  it('answers a non-string channel or an IPC failure with an error envelope, never a throw', async () => {
    await expect(bridge.invoke(42 as unknown as string, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(fake.invoke).not.toHaveBeenCalled();
    fake.invoke.mockImplementation(() => Promise.reject(new Error("No handler registered for 'shopdesk:invoke'")));
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only the subscribed event, only its payload, until unsubscribed', () => {
    const got: unknown[] = [];
    const off = bridge.subscribe('orders.changed', (p) => got.push(p));
    fake.emit('shops.changed', {});
    fake.emit('orders.changed', { ids: [1] });
    off();
    fake.emit('orders.changed', { ids: [2] });
    expect(got).toEqual([{ ids: [1] }]);
    expect(fake.listeners.size).toBe(0);
    expect(() => bridge.subscribe(1 as unknown as string, () => {})).toThrow(TypeError);
  });
});
