import net from 'node:net';
import { AppError } from '../../../shared/errors.js';
import { PrinterError } from './errors.js';

/**
 * Raw TCP ("JetDirect", port 9100): connect, write, half-close, and wait for the printer to close its side — the
 * only acknowledgement the protocol has. Every failure names host:port and says at which step it happened.
 */
export interface TcpAddress {
  host: string;
  port: number;
}

export function parseTcpAddress(address: string): TcpAddress {
  const m = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(address.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new AppError('invalid_input', `printer address "${address}" is not host:port (e.g. 192.168.1.50:9100)`, { field: 'address', value: address });
  return { host: m[1]!, port };
}

type Phase = 'connecting' | 'sending' | 'closing' | 'waiting for an answer';

function networkError(err: NodeJS.ErrnoException, where: string, phase: Phase, written: number): PrinterError {
  const details = { address: where, phase, bytesWritten: written, errno: err.code };
  switch (err.code) {
    case 'ECONNREFUSED':
      return new PrinterError('refused', `printer at ${where} refused the connection: is it switched on, and is ${where.split(':').pop()} its raw port?`, details);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PrinterError('unreachable', `printer host ${where} was not found`, details);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new PrinterError('unreachable', `printer at ${where} cannot be reached (${err.code})`, details);
    default:
      return new PrinterError('reset', `printer at ${where} dropped the connection while ${phase} after ${written} bytes (${err.code ?? err.message})`, details);
  }
}

export interface TcpOptions {
  /** longest silence (connecting, or the printer not taking bytes, or not closing) before giving up */
  timeoutMs?: number;
}

export function sendTcp(addr: TcpAddress, bytes: Uint8Array, opts: TcpOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const where = `${addr.host}:${addr.port}`;
  return new Promise((resolve, reject) => {
    let phase: Phase = 'connecting';
    let settled = false;
    const socket = net.connect({ host: addr.host, port: addr.port });
    // bytesWritten counts what Node still buffers too; what left the process is that minus the buffer
    const sent = () => socket.bytesWritten - socket.writableLength;
    const finish = (err?: PrinterError) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => {
      const what = phase === 'connecting' ? 'did not accept a connection' : phase === 'sending' ? 'stopped taking data' : 'took the data but did not close the connection';
      finish(new PrinterError('timeout', `printer at ${where} ${what} within ${timeoutMs} ms (${sent()} of ${bytes.length} bytes sent)`, { address: where, phase, bytesWritten: sent(), timeoutMs }));
    });
    socket.on('error', (err) => finish(networkError(err, where, phase, sent())));
    socket.on('data', () => {}); // printers may chatter back (status, XON); read it so the socket keeps flowing
    socket.on('connect', () => {
      phase = 'sending';
      socket.end(bytes, () => {
        phase = 'closing';
      });
    });
    socket.on('close', () => {
      if (phase === 'closing') finish();
      else finish(new PrinterError('reset', `printer at ${where} closed the connection while ${phase} after ${sent()} of ${bytes.length} bytes`, { address: where, phase, bytesWritten: sent() }));
    });
  });
}

/** Sends a query and collects the answer until `complete` says it is whole. */
export function queryTcp(addr: TcpAddress, query: Uint8Array, complete: (answer: Buffer) => boolean, opts: TcpOptions = {}): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const where = `${addr.host}:${addr.port}`;
  return new Promise((resolve, reject) => {
    let phase: Phase = 'connecting';
    let answer = Buffer.alloc(0);
    let settled = false;
    const socket = net.connect({ host: addr.host, port: addr.port });
    const finish = (err: PrinterError | null) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (err) reject(err);
      else resolve(answer);
    };
    socket.setTimeout(timeoutMs, () =>
      finish(new PrinterError('timeout', `printer at ${where} did not answer a status query within ${timeoutMs} ms`, { address: where, phase, received: answer.length, timeoutMs })),
    );
    socket.on('error', (err) => finish(networkError(err, where, phase, socket.bytesWritten)));
    socket.on('connect', () => {
      phase = 'waiting for an answer';
      socket.write(query);
    });
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      if (complete(answer)) finish(null);
    });
    socket.on('close', () => finish(new PrinterError('reset', `printer at ${where} closed the connection before answering a status query`, { address: where, phase, received: answer.length })));
  });
}
