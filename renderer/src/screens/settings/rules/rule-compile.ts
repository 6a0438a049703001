import { RuleInput, type AuditCheck, type HoldRelease, type RuleAction, type RuleCondition } from '../../../../../shared/domain/audit.js';
import type { Platform } from '../../../../../shared/domain/ids.js';
import { parseDecimalToMinor } from '../../../../../shared/domain/money.js';
import type { Payment } from '../../../../../shared/domain/status.js';
import { FIELD_KIND, UNIT_MINUTES, type ActionsDraft, type CompareOp, type Compiled, type ConditionDraft, type Problem, type Problems, type RuleDraft } from './rule-form.js';
import { splitList } from './text-list.js';

/*
 * The rule form → the RuleInput main receives. Amounts are typed as decimals and become minor units exactly
 * (parseDecimalToMinor), never through a float. Every mistake is named by the input it belongs to, all at once,
 * before anything is sent; the contract's own schema then has the last word.
 */
const INT_RE = /^-?\d{1,15}$/;

function int(text: string): number | null {
  const t = text.trim();
  return INT_RE.test(t) ? Number(t) : null;
}

function amount(text: string, currency: string): number | null {
  if (text.trim() === '') return null;
  try {
    return parseDecimalToMinor(text, currency);
  } catch {
    return null;
  }
}

/** One condition row → the contract's condition, or the problems of its inputs (keyed `cond.<i>.…`). */
function compileCondition(d: ConditionDraft, i: number, problems: Problems): RuleCondition | null {
  const at = (part: string, p: Problem) => {
    problems[`cond.${i}.${part}`] = p;
    return null;
  };
  const two = d.op === 'between';
  switch (FIELD_KIND[d.field]) {
    case 'shops':
    case 'platforms':
    case 'payments':
    case 'checks': {
      if (d.picked.length === 0) return at('values', 'pickOne');
      if (d.field === 'shop') return { field: 'shop', op: d.op as 'in' | 'not_in', values: d.picked.map(Number) };
      if (d.field === 'platform') return { field: 'platform', op: d.op as 'in' | 'not_in', values: d.picked as Platform[] };
      if (d.field === 'payment') return { field: 'payment', op: 'in', values: d.picked as Payment[] };
      return { field: 'check', op: d.op as 'fired' | 'not_fired', values: d.picked as AuditCheck[] };
    }
    case 'amount': {
      if (d.currency !== '' && !/^[A-Z]{3}$/.test(d.currency)) return at('currency', 'currencyBad');
      const v = amount(d.value, d.currency);
      const v2 = two ? amount(d.value2, d.currency) : undefined;
      if (v === null) at('value', 'amountBad');
      if (v2 === null) at('value2', 'amountBad');
      if (v === null || v2 === null) return null;
      if (v2 !== undefined && v2 < v) return at('value2', 'rangeOrder');
      const field = d.field as 'total' | 'goods' | 'shipping' | 'discount';
      return { field, op: d.op as CompareOp, value: v, ...(v2 !== undefined ? { value2: v2 } : {}), ...(d.currency ? { currency: d.currency } : {}) };
    }
    case 'number': {
      const v = int(d.value);
      if (d.field === 'ship_by_hours') {
        if (v === null || v < 0 || v > 24 * 90) return at('value', 'numberBad');
        return { field: 'ship_by_hours', op: d.op as 'lt' | 'gt', value: v };
      }
      const v2 = two ? int(d.value2) : undefined;
      if (v === null) at('value', 'numberBad');
      if (v2 === null) at('value2', 'numberBad');
      if (v === null || v2 === null) return null;
      if (v2 !== undefined && v2 < v) return at('value2', 'rangeOrder');
      const field = d.field as 'quantity' | 'lines' | 'weight';
      return { field, op: d.op as CompareOp, value: v, ...(v2 !== undefined ? { value2: v2 } : {}) };
    }
    case 'hour': {
      const v = int(d.value);
      const v2 = int(d.value2);
      const bad = (n: number | null) => n === null || n < 0 || n > 23;
      if (bad(v)) at('value', 'hourBad');
      if (bad(v2)) at('value2', 'hourBad');
      if (v === null || v2 === null || bad(v) || bad(v2)) return null;
      // No order check: 22 → 6 is "overnight", wrapping past midnight as the contract says.
      return { field: 'placed_hour', op: 'between', value: v, value2: v2 };
    }
    case 'text':
    case 'remark': {
      const values = splitList(d.text);
      if (d.field === 'remark' && d.op !== 'contains') return { field: 'remark', target: d.target, op: d.op as 'empty' | 'not_empty' };
      if (values.length === 0) return at('values', 'listEmpty');
      if (values.some((v) => v.length > 200) || values.length > 500) return at('values', 'listLong');
      if (d.field === 'remark') return { field: 'remark', target: d.target, op: 'contains', values };
      if (d.field === 'buyer') return { field: 'buyer', op: d.op as 'in' | 'contains', values };
      if (d.field === 'region') return { field: 'region', op: d.op as 'in' | 'not_in', values };
      if (d.field === 'tag') return { field: 'tag', op: d.op as 'any' | 'none', values };
      return { field: 'sku', op: d.op as 'any' | 'all' | 'none', values };
    }
    case 'none':
      return { field: 'stock', op: d.op as 'available' | 'short' };
  }
}

function holdRelease(a: ActionsDraft): HoldRelease | null {
  switch (a.release) {
    case 'manual':
    case 'when_fixed':
      return { kind: a.release };
    case 'after': {
      const n = int(a.releaseAmount);
      const minutes = n === null ? null : n * UNIT_MINUTES[a.releaseUnit];
      return minutes !== null && minutes >= 1 && minutes <= 60 * 24 * 60 ? { kind: 'after', minutes } : null;
    }
    case 'before_ship_by': {
      const h = int(a.beforeHours);
      return h !== null && h >= 0 && h <= 24 * 30 ? { kind: 'before_ship_by', hours: h } : null;
    }
  }
}

function compileActions(a: ActionsDraft, problems: Problems): RuleAction[] {
  const out: RuleAction[] = [];
  const note = a.note.trim();
  if (a.outcome === 'approve') out.push({ type: 'approve' });
  if (a.outcome === 'review') out.push({ type: 'review', ...(note ? { note } : {}) });
  if (a.outcome === 'hold') {
    const release = holdRelease(a);
    if (release === null) problems.release = 'releaseBad';
    else out.push({ type: 'hold', reason: a.holdReason, release, ...(note ? { note } : {}) });
  }
  if (a.waive.length > 0) out.push({ type: 'waive', checks: [...a.waive] });
  const tags = splitList(a.tags);
  if (tags.length > 10 || tags.some((x) => x.length > 30)) problems.tags = 'tagsBad';
  else if (tags.length > 0) out.push({ type: 'tag', tags });
  if (a.carrier) out.push({ type: 'set_carrier', carrier: a.carrier });
  if (a.warehouseId.trim()) {
    const w = int(a.warehouseId);
    if (w === null || w < 1) problems.warehouse = 'warehouseBad';
    else out.push({ type: 'set_warehouse', warehouseId: w });
  }
  if (a.priority.trim()) {
    const p = int(a.priority);
    if (p === null || p < -100 || p > 100) problems.priority = 'priorityBad';
    else out.push({ type: 'set_priority', priority: p });
  }
  return out;
}

/** The form → RuleInput, or every problem at once (so the person fixes them in one pass). */
export function compileRule(d: RuleDraft): Compiled {
  const problems: Problems = {};
  const name = d.name.trim();
  if (!name) problems.name = 'nameRequired';
  else if (name.length > 80) problems.name = 'nameLong';
  if (d.conditions.length > 20) problems.conditions = 'tooMany';
  const conditions = d.conditions.map((c, i) => compileCondition(c, i, problems));
  const actions = compileActions(d.actions, problems);
  if (actions.length === 0 && !problems.release && !problems.tags && !problems.warehouse && !problems.priority) problems.actions = 'noAction';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const input = { name, enabled: d.enabled, stop: d.stop, conditions: conditions as RuleCondition[], actions };
  // The contract's own schema has the last word: anything the form missed is refused here, not by main.
  const parsed = RuleInput.safeParse(input);
  if (!parsed.success) return { ok: false, problems: {}, schema: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, input };
}
