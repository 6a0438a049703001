import { describe, expect, it } from 'vitest';
import { PrintRequestError, toPrintOptions, type OsPrintRequest } from '../../main/electron/print-options.js';

const html = { kind: 'html' as const, html: '<p>x</p>' };
const req = (extra: Partial<OsPrintRequest> = {}): OsPrintRequest => ({ source: html, silent: true, ...extra });

describe('toPrintOptions', () => {
  it('prints a 100×150 mm label silently on a named printer, edge to edge', () => {
    expect(toPrintOptions(req({ deviceName: 'Xprinter_XP_420B', pageSizeMicrons: { width: 100000, height: 150000 } }))).toEqual({
      silent: true,
      printBackground: true,
      color: false,
      landscape: false,
      deviceName: 'Xprinter_XP_420B',
      pageSize: { width: 100000, height: 150000 },
      margins: { marginType: 'none' },
    });
  });

  it('passes custom margins and copies', () => {
    const o = toPrintOptions(req({ silent: false, marginsPx: { top: 10, right: 5, bottom: 10, left: 5 }, copies: 2, landscape: true }));
    expect(o.margins).toEqual({ marginType: 'custom', top: 10, right: 5, bottom: 10, left: 5 });
    expect(o.copies).toBe(2);
    expect(o.landscape).toBe(true);
    expect(o.silent).toBe(false);
  });

  it('refuses what Chromium would reject or misprint', () => {
    expect(() => toPrintOptions(req({ pageSizeMicrons: { width: 300, height: 150000 } }))).toThrow(PrintRequestError);
    expect(() => toPrintOptions(req({ pageSizeMicrons: { width: 100.5, height: 150000 } }))).toThrow(/whole number/);
    expect(() => toPrintOptions(req({ copies: 0 }))).toThrow(/copies/);
    expect(() => toPrintOptions(req({ deviceName: ' ' }))).toThrow(/printer name/);
    expect(() => toPrintOptions(req({ marginsPx: { top: -1, right: 0, bottom: 0, left: 0 } }))).toThrow(/margins/);
  });
});
