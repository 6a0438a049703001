import { describe, expect, it } from 'vitest';
import { minorToDecimal, parseDecimalToMinor } from '../../shared/domain/money.js';
import { deriveQueue, FLAG_BIT, workflowAdvances } from '../../shared/domain/status.js';

describe('money', () => {
  it('parses decimal strings exactly, without floats', () => {
    expect(parseDecimalToMinor('0.1', 'CNY') + parseDecimalToMinor('0.2', 'CNY')).toBe(30);
    expect(parseDecimalToMinor('1,234.50', 'USD')).toBe(123450);
    expect(parseDecimalToMinor('-12.3', 'EUR')).toBe(-1230);
    expect(parseDecimalToMinor('12.300', 'CNY')).toBe(1230);
    expect(parseDecimalToMinor('500', 'JPY')).toBe(500);
    expect(parseDecimalToMinor('90071992547409.91', 'CNY')).toBe(9007199254740991);
  });
  it('refuses what is not an exact amount in the currency', () => {
    expect(() => parseDecimalToMinor('12.345', 'CNY')).toThrow(/more than 2 decimals/);
    expect(() => parseDecimalToMinor('1e3', 'CNY')).toThrow(/not a decimal/);
    expect(() => parseDecimalToMinor('', 'CNY')).toThrow(/not a decimal/);
    expect(() => parseDecimalToMinor('5.5', 'JPY')).toThrow(/more than 0 decimals/);
    expect(() => parseDecimalToMinor('90071992547409.92', 'CNY')).toThrow(/out of range/);
  });
  it('formats minor units back to the same text', () => {
    expect(minorToDecimal(123450, 'USD')).toBe('1234.50');
    expect(minorToDecimal(-5, 'CNY')).toBe('-0.05');
    expect(minorToDecimal(500, 'JPY')).toBe('500');
    expect(minorToDecimal(1, 'KWD')).toBe('0.001');
  });
});

describe('derived queue', () => {
  const base = { platformState: 'to_ship', workflow: 'pending_audit', payment: 'paid', openFlags: 0 } as const;
  it('puts an order where a person expects it', () => {
    expect(deriveQueue(base)).toBe('pending_audit');
    expect(deriveQueue({ ...base, openFlags: FLAG_BIT.exception })).toBe('review');
    expect(deriveQueue({ ...base, openFlags: FLAG_BIT.exception | FLAG_BIT.hold })).toBe('on_hold');
    expect(deriveQueue({ ...base, workflow: 'allocated' })).toBe('to_print');
    expect(deriveQueue({ ...base, workflow: 'verified' })).toBe('to_pack');
    expect(deriveQueue({ ...base, payment: 'unpaid', platformState: 'unpaid' })).toBe('unpaid');
    expect(deriveQueue({ ...base, platformState: 'cancelled' })).toBe('cancelled');
    expect(deriveQueue({ ...base, platformState: 'completed' })).toBe('shipped');
  });
  it('ranks an intercept above everything but a parcel that already left', () => {
    expect(deriveQueue({ ...base, workflow: 'printed', platformState: 'cancelled', openFlags: FLAG_BIT.intercept | FLAG_BIT.hold })).toBe('intercepted');
    expect(deriveQueue({ ...base, workflow: 'shipped', openFlags: FLAG_BIT.intercept })).toBe('shipped');
  });
  it('only lets the workflow move forward', () => {
    expect(workflowAdvances('printed', 'shipped')).toBe(true);
    expect(workflowAdvances('printed', 'printed')).toBe(true);
    expect(workflowAdvances('shipped', 'approved')).toBe(false);
  });
});
