import { describe, expect, it } from 'vitest';
import { RuleInput, type AuditRule } from '../../shared/domain/audit.js';
import { compileRule } from '../../renderer/src/screens/settings/rules/rule-compile.js';
import { changeField, emptyCondition, emptyDraft, ruleToDraft, type RuleDraft } from '../../renderer/src/screens/settings/rules/rule-form.js';
import { splitList } from '../../renderer/src/screens/settings/rules/text-list.js';

/** A draft with one condition row changed by `patch`, the rest as a new rule starts. */
function withCondition(patch: Partial<ReturnType<typeof emptyCondition>>, field: Parameters<typeof emptyCondition>[0] = 'remark'): RuleDraft {
  const d = emptyDraft();
  d.name = 'Test';
  d.conditions = [{ ...emptyCondition(field), ...patch }];
  return d;
}

describe('rule editor: form → RuleInput', () => {
  it('a keyword hold rule compiles to exactly what main receives, and the contract accepts it', () => {
    const d = withCondition({ op: 'contains', target: 'buyer_message', text: '加急，改地址, 加急' });
    d.name = '  Urgent wording  ';
    d.stop = true;
    d.actions = { ...d.actions, outcome: 'hold', holdReason: 'address_check', release: 'after', releaseAmount: '2', releaseUnit: 'days', note: 'call buyer' };
    const c = compileRule(d);
    expect(c).toEqual({
      ok: true,
      input: {
        name: 'Urgent wording',
        enabled: true,
        stop: true,
        conditions: [{ field: 'remark', target: 'buyer_message', op: 'contains', values: ['加急', '改地址'] }],
        actions: [{ type: 'hold', reason: 'address_check', release: { kind: 'after', minutes: 2880 }, note: 'call buyer' }],
      },
    });
    if (c.ok) expect(RuleInput.safeParse(c.input).success).toBe(true);
  });

  it('amounts typed as decimals become exact minor units in the chosen currency (no float rounding)', () => {
    const d = withCondition({ op: 'between', value: '0.29', value2: '1,234.57', currency: 'CNY' }, 'total');
    const c = compileRule(d);
    expect(c.ok && c.input.conditions[0]).toEqual({ field: 'total', op: 'between', value: 29, value2: 123457, currency: 'CNY' });
    const yen = compileRule(withCondition({ op: 'gt', value: '5000', currency: 'JPY' }, 'total'));
    expect(yen.ok && yen.input.conditions[0]).toEqual({ field: 'total', op: 'gt', value: 5000, currency: 'JPY' });
    // Too many decimals for the currency is refused at the input, not rounded.
    const bad = compileRule(withCondition({ op: 'gt', value: '10.5', currency: 'JPY' }, 'total'));
    expect(bad).toEqual({ ok: false, problems: { 'cond.0.value': 'amountBad' } });
    const anyCur = compileRule(withCondition({ op: 'lte', value: '19.9', currency: '' }, 'goods'));
    expect(anyCur.ok && anyCur.input.conditions[0]).toEqual({ field: 'goods', op: 'lte', value: 1990 });
  });

  it('names every mistake at its input in one pass', () => {
    const d = emptyDraft();
    d.conditions = [
      { ...emptyCondition('quantity'), op: 'between', value: '5', value2: '2' },
      { ...emptyCondition('platform'), picked: [] },
      { ...emptyCondition('placed_hour'), value: '24', value2: '6' },
      { ...emptyCondition('sku'), text: ' , ' },
    ];
    d.actions = { ...d.actions, outcome: 'none', priority: '101', warehouseId: '0' };
    const c = compileRule(d);
    expect(c).toEqual({
      ok: false,
      problems: {
        name: 'nameRequired',
        'cond.0.value2': 'rangeOrder',
        'cond.1.values': 'pickOne',
        'cond.2.value': 'hourBad',
        'cond.3.values': 'listEmpty',
        priority: 'priorityBad',
        warehouse: 'warehouseBad',
      },
    });
    const none = emptyDraft();
    none.name = 'x';
    none.conditions = [];
    none.actions = { ...none.actions, outcome: 'none' };
    expect(compileRule(none)).toEqual({ ok: false, problems: { actions: 'noAction' } });
  });

  it('overnight hours wrap, and "is empty" needs no keywords', () => {
    const night = compileRule(withCondition({ value: '22', value2: '6' }, 'placed_hour'));
    expect(night.ok && night.input.conditions[0]).toEqual({ field: 'placed_hour', op: 'between', value: 22, value2: 6 });
    const empty = compileRule(withCondition({ op: 'empty', target: 'seller_memo', text: '' }));
    expect(empty.ok && empty.input.conditions[0]).toEqual({ field: 'remark', target: 'seller_memo', op: 'empty' });
  });

  it('a saved rule round-trips through the form unchanged', () => {
    const rule: AuditRule = {
      id: 7,
      position: 0,
      name: 'Big Xinjiang orders',
      enabled: false,
      stop: false,
      updatedAt: 0,
      updatedBy: 'owner',
      conditions: [
        { field: 'region', op: 'in', values: ['新疆维吾尔自治区', 'US/AK'] },
        { field: 'total', op: 'gte', value: 50000, currency: 'CNY' },
        { field: 'shop', op: 'not_in', values: [3, 4] },
        { field: 'check', op: 'fired', values: ['buyer_message'] },
        { field: 'ship_by_hours', op: 'lt', value: 12 },
        { field: 'stock', op: 'short' },
      ],
      actions: [
        { type: 'review', note: 'check freight' },
        { type: 'waive', checks: ['buyer_message'] },
        { type: 'tag', tags: ['remote', 'big'] },
        { type: 'set_carrier', carrier: 'SF' },
        { type: 'set_warehouse', warehouseId: 2 },
        { type: 'set_priority', priority: -5 },
      ],
    };
    const c = compileRule(ruleToDraft(rule));
    expect(c).toEqual({ ok: true, input: { name: rule.name, enabled: false, stop: false, conditions: rule.conditions, actions: rule.actions } });
    const hold: AuditRule = { ...rule, conditions: [], actions: [{ type: 'hold', reason: 'presale', release: { kind: 'after', minutes: 90 } }] };
    expect(compileRule(ruleToDraft(hold))).toEqual({ ok: true, input: { name: rule.name, enabled: false, stop: false, conditions: [], actions: hold.actions } });
  });

  it('changing a row to another field of the same kind keeps what was typed; another kind resets it', () => {
    const d = { ...emptyCondition('total'), value: '10.00', op: 'gt' as const };
    expect(changeField(d, 'shipping')).toMatchObject({ field: 'shipping', value: '10.00', op: 'gt', key: d.key });
    expect(changeField(d, 'platform')).toMatchObject({ field: 'platform', value: '', op: 'in', picked: [] });
  });

  it('lists split on ASCII and Chinese separators, trimmed and without repeats', () => {
    expect(splitList('a, b，c、d;e；f\n a ,, ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
