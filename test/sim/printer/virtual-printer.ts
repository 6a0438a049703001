import net from 'node:net';

/**
 * A network printer on 127.0.0.1 that records what it is sent. Each connection's bytes are one job (as a raw-9100
 * printer sees it). It answers the status queries ShopDesk sends when they open a connection — ESC/POS DLE EOT 4,
 * TSPL ESC ! ?, ZPL ~HS — from its simulated state, and can run out of paper, open its head, be slow, drop the
 * connection part way, or never close it.
 */
export interface PrintJob {
  bytes: Buffer;
  at: number;
  /** false when the printer was out of paper (a real one buffers the job and prints nothing) */
  printed: boolean;
}

export interface VirtualPrinterOptions {
  port?: number;
  paperOut?: boolean;
  headOpen?: boolean;
  /** out of paper: reset the connection instead of buffering the job */
  refuseWhenPaperOut?: boolean;
  /** read a chunk, then wait this long before reading on (a slow printer) */
  readDelayMs?: number;
  /** reset the connection after this many job bytes */
  dropAfterBytes?: number;
  /** never close after the sender finishes (the sender's close wait times out) */
  neverClose?: boolean;
  /** ignore status queries, like printers without a status channel */
  silent?: boolean;
}

const QUERIES: { name: 'escpos' | 'tspl' | 'zpl'; bytes: Buffer }[] = [
  { name: 'escpos', bytes: Buffer.from([0x10, 0x04, 0x04]) },
  { name: 'tspl', bytes: Buffer.from([0x1b, 0x21, 0x3f]) },
  { name: 'zpl', bytes: Buffer.from('~HS', 'ascii') },
];

export class VirtualPrinter {
  readonly jobs: PrintJob[] = [];
  readonly statusQueries: string[] = [];
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private waiters: { n: number; resolve: () => void }[] = [];
  constructor(public options: VirtualPrinterOptions = {}) {}

  get port(): number {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error('virtual printer is not listening');
    return a.port;
  }

  /** "127.0.0.1:PORT", as a printer's address is stored */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    // half-open: the printer decides when to close after the sender finished (neverClose tests the sender's wait)
    this.server = net.createServer({ allowHalfOpen: true }, (s) => this.serve(s));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /** Resolves once `n` jobs have been recorded. */
  waitForJobs(n: number, timeoutMs = 5_000): Promise<void> {
    if (this.jobs.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`virtual printer: ${this.jobs.length} of ${n} jobs after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ n, resolve: () => (clearTimeout(t), resolve()) });
    });
  }

  private answer(query: 'escpos' | 'tspl' | 'zpl'): Buffer {
    const { paperOut = false, headOpen = false } = this.options;
    if (query === 'escpos') return Buffer.from([0x12 | (paperOut ? 0x60 : 0)]);
    if (query === 'tspl') return Buffer.from([(headOpen ? 0x01 : 0) | (paperOut ? 0x04 : 0)]);
    const f = (v: boolean) => (v ? '1' : '0');
    return Buffer.from(`\x02030,${f(paperOut)},0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,${f(headOpen)},0,0,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`, 'latin1');
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {}); // the sender may reset; the test reads its own side of it
    let head = Buffer.alloc(0); // bytes not yet known to be a status query or a job
    let inJob = false;
    const chunks: Buffer[] = [];
    let jobBytes = 0;
    socket.on('data', (chunk: Buffer) => {
      if (this.options.readDelayMs) {
        socket.pause();
        setTimeout(() => socket.resume(), this.options.readDelayMs);
      }
      let data = chunk;
      if (!inJob) {
        head = Buffer.concat([head, data]);
        for (;;) {
          const q = QUERIES.find((x) => head.subarray(0, x.bytes.length).equals(x.bytes));
          if (q && !this.options.silent) {
            this.statusQueries.push(q.name);
            socket.write(this.answer(q.name));
            head = head.subarray(q.bytes.length);
            continue;
          }
          break;
        }
        if (head.length === 0 || QUERIES.some((x) => head.length < x.bytes.length && x.bytes.subarray(0, head.length).equals(head))) return;
        inJob = true;
        data = head;
      }
      if (this.options.paperOut && this.options.refuseWhenPaperOut) {
        socket.resetAndDestroy();
        return;
      }
      chunks.push(data);
      jobBytes += data.length;
      if (this.options.dropAfterBytes !== undefined && jobBytes >= this.options.dropAfterBytes) socket.resetAndDestroy();
    });
    socket.on('end', () => {
      const bytes = Buffer.concat(chunks);
      if (inJob && QUERIES.some((q) => q.bytes.equals(bytes))) this.statusQueries.push('ignored');
      else if (inJob) {
        this.jobs.push({ bytes, at: Date.now(), printed: !this.options.paperOut });
        this.waiters = this.waiters.filter((w) => (this.jobs.length >= w.n ? (w.resolve(), false) : true));
      }
      if (!this.options.neverClose) socket.end();
    });
  }
}

export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  return new VirtualPrinter(options).start();
}
