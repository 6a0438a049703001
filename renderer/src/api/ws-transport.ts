import type { InvokeResult, ShopDeskBridge } from '../../../shared/contract/bridge.js';
import { WS_CLOSE_UNAUTHORIZED, WS_PATH, type ServerMessage } from '../../../shared/contract/wire.js';
import { isErrorPayload } from '../../../shared/errors.js';
import { setConnection, useConnection } from './connection.js';
import { ApiError } from './errors.js';
import { pairStation, type Credentials } from './token.js';

/** Reconnect delays grow 0.5 s, 1 s, 2 s … up to 10 s: quick after a blip, gentle while main is down. */
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
/** Refusals in a row (server up, socket refused, no clearer answer) before we call it a bad token. */
const REFUSALS_FOR_UNAUTHORIZED = 2;

interface Pending {
  resolve: (r: InvokeResult) => void;
  reject: (e: ApiError) => void;
  /** The serialized message; kept until sent so a request made while offline goes out on reconnect. */
  text: string | null;
}

/**
 * The contract over the `shopdesk serve` WebSocket. Requests made while the socket is down wait and go out when it is
 * back; requests already sent when it drops fail with `offline` (they may or may not have run). Events are broadcast
 * by the server to every client; listeners here are local.
 */
export class WsTransport implements ShopDeskBridge {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private attempt = 0;
  private refusals = 0;
  private everOpened = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  private token: string | null;

  constructor(private readonly credentials: Credentials) {
    this.token = credentials.token;
  }

  /** Pairs first when the page was opened from a pairing link, then connects. */
  async start(): Promise<void> {
    if (this.credentials.pairCode) {
      const paired = await pairStation(this.credentials.pairCode);
      if (!paired.ok) return this.giveUp('pair_failed', paired.error.message);
      this.token = paired.token;
      setConnection({ source: 'station' });
    } else {
      setConnection({ source: this.credentials.source });
    }
    if (!this.token) return this.giveUp('no_token');
    this.connect();
  }

  /** Skip the backoff wait (the banner's "retry now"). */
  retryNow(): void {
    if (this.stopped || this.socket) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.connect();
  }

  invoke(channel: string, input: unknown): Promise<InvokeResult> {
    if (this.stopped) return Promise.reject(new ApiError({ code: 'unauthorized', message: 'not authorized' }));
    const id = this.nextId++;
    const text = JSON.stringify({ type: 'invoke', id, channel, input });
    return new Promise<InvokeResult>((resolve, reject) => {
      const p: Pending = { resolve, reject, text };
      this.pending.set(id, p);
      this.flush();
    });
  }

  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private url(): string {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${window.location.host}${WS_PATH}?token=${encodeURIComponent(this.token ?? '')}`;
  }

  private connect(): void {
    if (useConnection.getState().state !== 'offline') setConnection({ state: 'connecting' });
    let opened = false;
    const ws = new WebSocket(this.url());
    this.socket = ws;
    ws.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.refusals = 0;
      const reconnects = useConnection.getState().reconnects + (this.everOpened ? 1 : 0);
      this.everOpened = true;
      setConnection({ state: 'online', retryAt: null, reason: null, reconnects });
      this.flush();
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data === 'string') this.receive(ev.data);
    };
    ws.onclose = (ev: CloseEvent) => {
      this.socket = null;
      this.failInFlight();
      if (ev.code === WS_CLOSE_UNAUTHORIZED) return this.giveUp('refused');
      if (opened) return this.scheduleReconnect();
      void this.classifyRefusal().then((kind) => {
        if (this.stopped) return;
        if (kind === 'unauthorized') return this.giveUp('refused');
        this.refusals = kind === 'refused' ? this.refusals + 1 : 0;
        if (this.refusals >= REFUSALS_FOR_UNAUTHORIZED) return this.giveUp('refused');
        this.scheduleReconnect();
      });
    };
  }

  /**
   * A browser cannot see the HTTP status of a refused WebSocket upgrade, so ask the same URL over plain HTTP.
   * 401 means the token is wrong; 426 (or 2xx) means it was accepted and the failure was something else. A server
   * that answers neither way but is clearly up while refusing our socket is counted as a refusal.
   */
  private async classifyRefusal(): Promise<'unauthorized' | 'down' | 'refused'> {
    try {
      const res = await fetch(this.url().replace(/^ws/, 'http'), { cache: 'no-store', credentials: 'omit' });
      if (res.status === 401 || res.status === 403) return 'unauthorized';
      if (res.status === 426 || res.ok) return 'down';
      return 'refused';
    } catch {
      return 'down';
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const raw = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** this.attempt);
    const delay = Math.round(raw * (0.8 + Math.random() * 0.4)); // jitter, so many benches do not retry in step
    this.attempt++;
    setConnection({ state: 'offline', retryAt: Date.now() + delay });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }

  private giveUp(reason: 'no_token' | 'refused' | 'pair_failed', detail: string | null = null): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const [id, p] of this.pending) {
      p.reject(new ApiError({ code: 'unauthorized', message: 'not authorized' }));
      this.pending.delete(id);
    }
    setConnection({ state: 'unauthorized', retryAt: null, reason, detail });
  }

  private flush(): void {
    const ws = this.socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    for (const p of this.pending.values()) {
      if (p.text === null) continue;
      ws.send(p.text);
      p.text = null;
    }
  }

  private failInFlight(): void {
    for (const [id, p] of this.pending) {
      if (p.text !== null) continue; // never sent: it waits for the next connection
      p.reject(new ApiError({ code: 'offline', message: 'the connection to ShopDesk was lost before it answered' }));
      this.pending.delete(id);
    }
  }

  private receive(text: string): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(text) as ServerMessage;
    } catch {
      return; // not ours to interpret; the server never sends non-JSON
    }
    if (msg.type === 'event') {
      for (const l of this.listeners.get(msg.name) ?? []) l(msg.payload);
      return;
    }
    if (msg.type !== 'result') return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve({ ok: true, value: msg.value });
    else p.resolve({ ok: false, error: isErrorPayload(msg.error) ? msg.error : { code: 'internal', message: 'malformed error from server' } });
  }
}
