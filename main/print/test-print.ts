import type { DocumentOptions } from './document.js';
import { encodeJob } from './encode.js';
import type { TestPageData } from './layout-types.js';
import { renderDocument, type RenderedDocument } from './render.js';
import { sendToPrinter, type PrintTarget, type SendOptions } from './send.js';
import { asSettings, type PrintSettings } from './settings.js';
import { AppError } from '../../shared/errors.js';

/** What the test page says about the printer: enough to tell from the paper which settings produced it. */
export function settingsLines(p: PrintTarget, s: PrintSettings): string[] {
  const model = p.language === 'escpos' ? ` (${s.escposModel})` : '';
  const size = s.pageWidthMm || s.pageHeightMm ? ` → ${s.pageWidthMm ?? '—'} × ${s.pageHeightMm ?? '—'} mm` : '';
  return [
    `${p.language.toUpperCase()}${model} · ${s.dpi} dpi · ${s.mode}`,
    `offset x ${s.offsetXMm} mm, y ${s.offsetYMm} mm`,
    `darkness ${s.darkness ?? 'printer default'} · speed ${s.speed ?? 'printer default'}`,
    `paper ${p.paper}${size}`,
    `${p.transport} ${p.address}`,
  ];
}

function testData(p: PrintTarget, s: PrintSettings, now: number): TestPageData {
  return { printerName: p.name, settingsLines: settingsLines(p, s), printedAt: now };
}

function settingsOf(p: PrintTarget): PrintSettings {
  if (p.language === 'os') throw new AppError('invalid_input', `printer ${p.name} prints through the system driver; print its test page from the system dialog`, { printer: p.name });
  return asSettings(p.language, p.settings);
}

/** The test page as it will print, for the setup screen's preview (calibration applied). */
export function testPagePreview(p: PrintTarget, opts: DocumentOptions & { now?: number } = {}): RenderedDocument {
  const s = settingsOf(p);
  return renderDocument('test', p.paper, testData(p, s, opts.now ?? Date.now()), s, opts);
}

/**
 * Prints the test page on the printer with its current settings (mode, calibration, darkness) and returns the
 * bytes sent. Setup: print, measure where the alignment box landed, adjust offsets, print again.
 */
export async function testPrint(p: PrintTarget, opts: DocumentOptions & SendOptions & { now?: number } = {}): Promise<{ bytes: Buffer; warnings: string[] }> {
  const s = settingsOf(p);
  const job = encodeJob(p.language, s.mode, 'test', p.paper, testData(p, s, opts.now ?? Date.now()), s, opts);
  await sendToPrinter(p, job.bytes, opts);
  return { bytes: job.bytes, warnings: job.warnings };
}
