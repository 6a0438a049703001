import { describe, expect, it } from 'vitest';
import { checkMapping, oneOfGroup, sampleValue } from '../../renderer/src/screens/imports/mapping-check.js';

const HEADERS = ['单号', '下单时间', '商品', '编码', '数量', '单价', '小计'];

describe('import column mapping: the live check the screen shows', () => {
  it('an empty mapping names every required field and each one-of group once', () => {
    const c = checkMapping({}, HEADERS);
    expect(c.byField.orderId).toEqual([{ kind: 'required' }]);
    expect(c.byField.placedAt).toEqual([{ kind: 'required' }]);
    expect(c.byField.qty).toEqual([{ kind: 'required' }]);
    expect(c.byField.title).toEqual([{ kind: 'oneOf', fields: ['title', 'skuCode'] }]);
    expect(c.byField.skuCode).toEqual([]);
    expect(c.byField.unitPrice).toEqual([{ kind: 'oneOf', fields: ['unitPrice', 'lineTotal'] }]);
    expect(c.blocking).toBe(5);
  });

  it('a complete mapping passes; a header this file lacks blocks; one column used twice only warns', () => {
    const ok = checkMapping({ orderId: '单号', placedAt: '下单时间', qty: '数量', skuCode: '编码', lineTotal: '小计' }, HEADERS);
    expect(ok.blocking).toBe(0);
    const absent = checkMapping({ orderId: '订单号', placedAt: '下单时间', qty: '数量', title: '商品', unitPrice: '单价' }, HEADERS);
    expect(absent.byField.orderId).toEqual([{ kind: 'absent', header: '订单号' }]);
    expect(absent.blocking).toBe(1);
    const twice = checkMapping({ orderId: '单号', placedAt: '下单时间', qty: '数量', title: '商品', skuCode: '商品', unitPrice: '单价' }, HEADERS);
    expect(twice.blocking).toBe(0);
    expect(twice.byField.title).toEqual([{ kind: 'duplicate', fields: expect.arrayContaining(['title', 'skuCode']) }]);
    expect(twice.byField.skuCode).toHaveLength(1);
  });

  it('groups and first-row samples', () => {
    expect(oneOfGroup('lineTotal')).toEqual(['unitPrice', 'lineTotal']);
    expect(oneOfGroup('orderId')).toBeNull();
    expect(sampleValue(HEADERS, [['T1', '2026-11-01 10:00:00', '保温杯'.repeat(20)]], '商品')).toHaveLength(40);
    expect(sampleValue(HEADERS, [['T1']], '单价')).toBe('');
    expect(sampleValue(HEADERS, [['T1']], undefined)).toBe('');
  });
});
