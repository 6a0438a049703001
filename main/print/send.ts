import { AppError } from '../../shared/errors.js';
import { asSettings, type PrintSettings, type PrintSettingsInput, type RawLanguage } from './settings.js';
import { isPrinterError, PaperOutError, PrinterError } from './transport/errors.js';
import { sendToOsPrinter, type OsPrintOptions } from './transport/os-printer.js';
import { statusQueryFor, type PrinterStatus } from './transport/status.js';
import { parseTcpAddress, queryTcp, sendTcp } from './transport/tcp.js';
import type { Paper } from './units.js';

/** A printer as the print queue knows it (PrinterInfo from the printers table, with its settings). */
export interface PrintTarget {
  name: string;
  transport: 'tcp' | 'os';
  /** tcp: "host:port"; os: the system's printer name */
  address: string;
  language: RawLanguage | 'os';
  paper: Paper;
  settings?: PrintSettingsInput | PrintSettings | string;
}

export interface SendOptions {
  /** silence allowed while connecting, sending and closing */
  timeoutMs?: number;
  /** ask the printer for paper/head status before sending, where its language can (default true) */
  checkStatus?: boolean;
  statusTimeoutMs?: number;
  os?: OsPrintOptions;
}

function rawLanguage(p: PrintTarget): RawLanguage {
  if (p.language === 'os') {
    throw new AppError('invalid_input', `printer ${p.name} prints through the system driver (language "os"); it takes a page, not printer commands`, { printer: p.name, field: 'language' });
  }
  return p.language;
}

/** Asks a network printer for its status; null when its language has no query ShopDesk sends or it is an OS printer. */
export async function queryPrinterStatus(p: PrintTarget, timeoutMs = 3_000): Promise<PrinterStatus | null> {
  const language = rawLanguage(p);
  if (p.transport !== 'tcp') return null;
  const q = statusQueryFor(language, asSettings(language, p.settings).escposModel);
  if (!q) return null;
  const addr = parseTcpAddress(p.address);
  const answer = await queryTcp(addr, q.query, q.complete, { timeoutMs });
  return q.parse(answer, p.address);
}

function refuseIfNotReady(p: PrintTarget, st: PrinterStatus): void {
  if (st.paperOut) throw new PaperOutError(p.name, { address: p.address, status: st.raw });
  const why = [st.headOpen && 'the print head is open', st.paused && 'it is paused', st.ribbonOut && 'the ribbon ran out', st.jammed && 'the paper is jammed'].filter(Boolean);
  if (why.length) throw new PrinterError('not_ready', `printer ${p.name} is not ready: ${why.join(', ')}`, { printer: p.name, address: p.address, status: st.raw });
}

/**
 * Sends finished printer bytes. A network printer is asked for its status first: out of paper is a PaperOutError
 * (nothing was sent, so resuming cannot print twice); a printer that does not answer status queries is printed to
 * anyway (many cheap ones don't). Failures are PrinterErrors with a reason.
 */
export async function sendToPrinter(p: PrintTarget, bytes: Uint8Array, opts: SendOptions = {}): Promise<void> {
  rawLanguage(p);
  if (bytes.length === 0) throw new AppError('invalid_input', `nothing to send to printer ${p.name}`, { printer: p.name });
  if (p.transport === 'os') return sendToOsPrinter(p.address, bytes, opts.os);
  const addr = parseTcpAddress(p.address);
  if (opts.checkStatus ?? true) {
    try {
      const st = await queryPrinterStatus(p, opts.statusTimeoutMs ?? 2_000);
      if (st) refuseIfNotReady(p, st);
    } catch (e) {
      if (!isPrinterError(e, 'timeout') && !isPrinterError(e, 'reset')) throw e; // silent or hung-up: status unknown
    }
  }
  await sendTcp(addr, bytes, { timeoutMs: opts.timeoutMs });
}
