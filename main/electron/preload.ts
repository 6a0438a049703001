import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type InvokeResult, type ShopDeskBridge } from '../../shared/contract/bridge.js';

/**
 * The sandboxed preload: the page gets `window.shopdesk` with invoke and subscribe, nothing else. Neither
 * ipcRenderer nor the IPC event object ever reaches the page. Bundled to CommonJS (dist/main/electron/preload.cjs)
 * because sandboxed preloads cannot be ES modules; it may import only `electron` at run time.
 */

const bridge: ShopDeskBridge = {
  // Like every transport, invoke answers with an envelope and never throws: a bad call is an error result.
  async invoke(channel: string, input: unknown): Promise<InvokeResult> {
    if (typeof channel !== 'string') {
      return { ok: false, error: { code: 'unknown_channel', message: 'shopdesk.invoke: channel must be a string' } };
    }
    try {
      return (await ipcRenderer.invoke(IPC_INVOKE, channel, input)) as InvokeResult;
    } catch (e) {
      // Only when main has no handler (still starting, or shutting down) or the input cannot be cloned.
      return { ok: false, error: { code: 'internal', message: `shopdesk.invoke(${channel}): ${e instanceof Error ? e.message : String(e)}` } };
    }
  },
  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string') throw new TypeError('shopdesk.subscribe: event must be a string');
    if (typeof listener !== 'function') throw new TypeError('shopdesk.subscribe: listener must be a function');
    const onEvent = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, onEvent);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('shopdesk', bridge);
