import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Shared pieces of the platform simulators: an HTTP server on 127.0.0.1 (port 0: a free one), a clock the test
 * controls (the simulator judges windows, token expiry and throttling by it, not by the wall), and a request log.
 * A simulator is a faithful stand-in for one platform: it checks auth and signatures, enforces the real limits and
 * answers with the platform's own envelopes. It never accepts what the real platform would refuse.
 */
export class SimClock {
  constructor(private ms: number = Date.UTC(2026, 10, 25, 4, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface SimRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown; // objects are sent as JSON; strings as they are
}

export interface RunningSim {
  url: string; // http://127.0.0.1:PORT
  port: number;
  clock: SimClock;
  log: LoggedRequest[];
  close(): Promise<void>;
}

/** Starts a simulator whose `handle` answers each request (synchronously or not). */
export async function startSim(handle: (req: SimRequest) => SimResponse | Promise<SimResponse>, clock = new SimClock()): Promise<RunningSim> {
  const log: LoggedRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let out: SimResponse;
      try {
        out = await handle({ method: req.method ?? 'GET', url, headers: req.headers, body });
      } catch (e) {
        out = { status: 500, body: { simulatorBug: String(e) } };
      }
      log.push({ at: clock.now(), method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body, status: out.status });
      const text = out.body === undefined ? '' : typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
      const headers: Record<string, string> = { ...(typeof out.body === 'object' ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), ...out.headers };
      res.writeHead(out.status, headers).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clock,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
