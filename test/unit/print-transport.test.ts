import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryPrinterStatus, sendToPrinter, type PrintTarget } from '../../main/print/send.js';
import { PaperOutError, PrinterError } from '../../main/print/transport/errors.js';
import { sendTcp } from '../../main/print/transport/tcp.js';
import type { RawLanguage } from '../../main/print/settings.js';
import { tmpDir } from '../helpers/tmp.js';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterOptions } from '../sim/printer/virtual-printer.js';

/** Getting bytes to printers: raw TCP against the virtual printer (and its failure modes), status, the OS spooler. */
const running: VirtualPrinter[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});

async function printer(o: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const p = await startVirtualPrinter(o);
  running.push(p);
  return p;
}

const target = (vp: VirtualPrinter, language: RawLanguage = 'tspl'): PrintTarget => ({ name: `bench ${language}`, transport: 'tcp', address: vp.address, language, paper: '100x150' });

async function failure(p: Promise<unknown>): Promise<PrinterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PrinterError);
    return e as PrinterError;
  }
  throw new Error('expected the send to fail');
}

const JOB = Buffer.from('SIZE 100 mm,150 mm\r\nCLS\r\nPRINT 1,1\r\n', 'ascii');

describe('raw TCP', () => {
  it('delivers the bytes as one job and answers the status query first', async () => {
    const vp = await printer();
    await sendToPrinter(target(vp, 'zpl'), JOB);
    await vp.waitForJobs(1);
    expect(vp.jobs[0]!.bytes.equals(JOB)).toBe(true);
    expect(vp.statusQueries).toEqual(['zpl']);
  });

  it('names host:port when nothing listens', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const e = await failure(sendToPrinter({ name: 'gone', transport: 'tcp', address: `127.0.0.1:${port}`, language: 'tspl', paper: '100x150' }, JOB));
    expect(e.reason).toBe('refused');
    expect(e.message).toContain(`127.0.0.1:${port} refused the connection`);
    expect(e.code).toBe('io_error');
  });

  it('times out when the printer takes the data but never closes', async () => {
    const vp = await printer({ neverClose: true });
    const e = await failure(sendTcp({ host: '127.0.0.1', port: vp.port }, JOB, { timeoutMs: 300 }));
    expect(e.reason).toBe('timeout');
    expect(e.details).toMatchObject({ phase: 'closing', bytesWritten: JOB.length, address: vp.address });
    expect(e.message).toMatch(/took the data but did not close the connection within 300 ms/);
  });

  it('times out when a slow printer stops taking bytes', async () => {
    const vp = await printer({ readDelayMs: 10_000 });
    const big = Buffer.alloc(32 * 1024 * 1024, 0x41); // more than loopback socket buffers hold
    const e = await failure(sendTcp({ host: '127.0.0.1', port: vp.port }, big, { timeoutMs: 400 }));
    expect(e.reason).toBe('timeout');
    expect(e.details).toMatchObject({ phase: 'sending' });
    expect((e.details as { bytesWritten: number }).bytesWritten).toBeLessThan(big.length);
  });

  it('still delivers everything to a printer that is slow but alive', async () => {
    const vp = await printer({ readDelayMs: 15 });
    const job = Buffer.alloc(300_000, 0x55);
    await sendToPrinter(target(vp), job, { timeoutMs: 5_000 });
    await vp.waitForJobs(1);
    expect(vp.jobs[0]!.bytes.equals(job)).toBe(true);
  });

  it('reports a printer that drops the connection part way', async () => {
    const vp = await printer({ dropAfterBytes: 10_000 });
    const e = await failure(sendToPrinter(target(vp), Buffer.alloc(4 * 1024 * 1024, 0x30), { timeoutMs: 5_000 }));
    expect(e.reason).toBe('reset');
    expect(e.message).toContain(vp.address);
    expect(vp.jobs).toEqual([]);
  });
});

describe('printer status', () => {
  it.each(['escpos', 'tspl', 'zpl'] as const)('%s: paper out is a PaperOutError and nothing is sent', async (language) => {
    const vp = await printer({ paperOut: true });
    const e = await failure(sendToPrinter(target(vp, language), JOB));
    expect(e).toBeInstanceOf(PaperOutError);
    expect(e.reason).toBe('paper_out');
    expect(e.message).toBe(`printer bench ${language} is out of paper`);
    expect(vp.statusQueries).toEqual([language]);
    expect(vp.jobs).toEqual([]);
    // the packer loads paper; the same job goes through
    vp.options.paperOut = false;
    await sendToPrinter(target(vp, language), JOB);
    await vp.waitForJobs(1);
    expect(vp.jobs[0]!.printed).toBe(true);
  });

  it('reads the status the printer reports', async () => {
    const vp = await printer({ headOpen: true });
    expect(await queryPrinterStatus(target(vp, 'zpl'))).toMatchObject({ paperOut: false, headOpen: true, paused: false });
    expect(await queryPrinterStatus(target(vp, 'tspl'))).toMatchObject({ paperOut: false, headOpen: true, raw: '01' });
    expect(await queryPrinterStatus(target(vp, 'escpos'))).toMatchObject({ paperOut: false, raw: '12' });
    expect(await queryPrinterStatus({ ...target(vp, 'escpos'), settings: { escposModel: 'star' } })).toBeNull();
    const e = await failure(sendToPrinter(target(vp, 'tspl'), JOB));
    expect(e.reason).toBe('not_ready');
    expect(e.message).toMatch(/not ready: the print head is open/);
  });

  it('prints anyway on a printer that ignores status queries, without recording the query as a job', async () => {
    const vp = await printer({ silent: true });
    await sendToPrinter(target(vp, 'escpos'), JOB, { statusTimeoutMs: 200 });
    await vp.waitForJobs(1);
    expect(vp.jobs).toHaveLength(1);
    expect(vp.jobs[0]!.bytes.equals(JOB)).toBe(true);
  });

  it('refuses a status answer it cannot read', async () => {
    const server = net.createServer((s) => s.once('data', () => s.write(Buffer.from([0xff]))));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    try {
      const e = await failure(queryPrinterStatus({ name: 'odd', transport: 'tcp', address, language: 'escpos', paper: '80mm' }));
      expect(e.reason).toBe('bad_status');
      expect(e.message).toContain('(ff)');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('loses the job to a printer that resets when out of paper, and says so', async () => {
    const vp = await printer({ paperOut: true, refuseWhenPaperOut: true });
    const e = await failure(sendToPrinter(target(vp), Buffer.alloc(2 * 1024 * 1024, 0x20), { checkStatus: false }));
    expect(e.reason).toBe('reset');
  });
});

describe('OS printer', () => {
  function fakeLp(script: string): string {
    const file = path.join(tmpDir('shopdesk-lp-'), 'lp');
    fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    return file;
  }

  it('pipes the bytes to lp -d NAME -o raw', async () => {
    const dir = tmpDir('shopdesk-lp-out-');
    const lp = fakeLp(`printf '%s\\n' "$@" > "${dir}/args"; cat > "${dir}/job"`);
    const bytes = Buffer.from([0x1b, 0x40, 0x00, 0xff, 0x0a, 0x1d, 0x56, 0x00]);
    await sendToPrinter({ name: 'USB label', transport: 'os', address: 'Xprinter_XP-420B', language: 'tspl', paper: '100x150' }, bytes, { os: { lpCommand: lp, platform: 'linux' } });
    expect(fs.readFileSync(path.join(dir, 'job')).equals(bytes)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n')).toEqual(['-d', 'Xprinter_XP-420B', '-o', 'raw', '-t', 'ShopDesk']);
  });

  it('passes on the spooler refusal, a missing lp and a bad printer name as clear errors', async () => {
    const os = (lpCommand: string) => ({ os: { lpCommand, platform: 'linux' as const } });
    const t: PrintTarget = { name: 'USB label', transport: 'os', address: 'Nope', language: 'zpl', paper: '100x150' };
    const refused = await failure(sendToPrinter(t, JOB, os(fakeLp(`cat > /dev/null; echo 'lp: The printer or class does not exist.' >&2; exit 1`))));
    expect(refused.reason).toBe('spooler');
    expect(refused.message).toBe('the system spooler refused the job for Nope: lp: The printer or class does not exist.');
    const missing = await failure(sendToPrinter(t, JOB, os('/nonexistent/lp')));
    expect(missing.reason).toBe('no_spooler');
    await expect(sendToPrinter({ ...t, address: '-o evil' }, JOB, os('/bin/true'))).rejects.toThrow(/"-o evil" is not a usable printer name/);
    await expect(sendToPrinter({ ...t, language: 'os' }, JOB)).rejects.toThrow(/prints through the system driver/);
  });
});
