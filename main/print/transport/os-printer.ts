import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { PrinterError } from './errors.js';

/**
 * Raw bytes to a printer the operating system knows (a USB label printer is usually installed this way).
 * - Linux / macOS: CUPS `lp -d NAME -o raw`, the job on stdin; `-o raw` keeps CUPS from filtering the bytes.
 * - Windows: the spooler with datatype RAW, through winspool.drv (OpenPrinter / StartDocPrinter "RAW" /
 *   WritePrinter) called from PowerShell — Out-Printer would render the bytes as text. [U] untested here (no
 *   Windows machine); it is Microsoft's documented raw-printing sequence (KB 322091).
 */
export interface OsPrintOptions {
  platform?: NodeJS.Platform;
  /** the CUPS client to run (tests point it at a stand-in) */
  lpCommand?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** job title shown in the OS queue */
  title?: string;
}

const WINDOWS_RAW = `
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @"
using System; using System.Runtime.InteropServices;
public static class ShopDeskRaw {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDataType; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] public static extern bool OpenPrinter(string name, out IntPtr h, IntPtr d);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool ClosePrinter(IntPtr h);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] public static extern int StartDocPrinter(IntPtr h, int level, [In] DOCINFO di);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndDocPrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool StartPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool WritePrinter(IntPtr h, byte[] b, int n, out int written);
  public static void Send(string printer, string title, byte[] bytes) {
    IntPtr h;
    if (!OpenPrinter(printer, out h, IntPtr.Zero)) throw new Exception("OpenPrinter failed: " + Marshal.GetLastWin32Error());
    try {
      var di = new DOCINFO { pDocName = title, pDataType = "RAW" };
      if (StartDocPrinter(h, 1, di) == 0) throw new Exception("StartDocPrinter failed: " + Marshal.GetLastWin32Error());
      StartPagePrinter(h);
      int written;
      bool ok = WritePrinter(h, bytes, bytes.Length, out written);
      EndPagePrinter(h); EndDocPrinter(h);
      if (!ok || written != bytes.Length) throw new Exception("WritePrinter wrote " + written + " of " + bytes.Length + " bytes: " + Marshal.GetLastWin32Error());
    } finally { ClosePrinter(h); }
  }
}
"@
[ShopDeskRaw]::Send($env:SHOPDESK_PRINTER, $env:SHOPDESK_TITLE, [System.IO.File]::ReadAllBytes($env:SHOPDESK_FILE))
`;

function checkName(name: string): void {
  // a name starting with "-" would be read by lp as an option
  if (!name.trim() || name.startsWith('-') || /[\r\n\0]/.test(name)) throw new AppError('invalid_input', `"${name}" is not a usable printer name`, { field: 'address', value: name });
}

function run(cmd: string, args: string[], input: Uint8Array | null, env: NodeJS.ProcessEnv, timeoutMs: number, printer: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new PrinterError('timeout', `the system print command for ${printer} did not finish within ${timeoutMs} ms`, { printer, command: cmd, timeoutMs }));
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') reject(new PrinterError('no_spooler', `cannot print to ${printer}: the command "${cmd}" is not installed (CUPS provides lp)`, { printer, command: cmd }));
      else reject(new PrinterError('spooler', `cannot start "${cmd}" for ${printer}: ${err.message}`, { printer, command: cmd }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PrinterError('spooler', `the system spooler refused the job for ${printer}: ${stderr.trim() || `exit code ${code}`}`, { printer, command: cmd, exitCode: code, stderr: stderr.trim() }));
    });
    child.stdin.on('error', () => {}); // the exit code reports a spooler that stopped reading
    child.stdin.end(input ?? undefined);
  });
}

export async function sendToOsPrinter(name: string, bytes: Uint8Array, opts: OsPrintOptions = {}): Promise<void> {
  checkName(name);
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const title = opts.title ?? 'ShopDesk';
  if (platform !== 'win32') return run(opts.lpCommand ?? 'lp', ['-d', name, '-o', 'raw', '-t', title], bytes, env, timeoutMs, name);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shopdesk-raw-'));
  const file = path.join(dir, 'job.bin');
  try {
    await fs.writeFile(file, bytes);
    const childEnv = { ...env, SHOPDESK_PRINTER: name, SHOPDESK_TITLE: title, SHOPDESK_FILE: file };
    await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_RAW], null, childEnv, timeoutMs, name);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
