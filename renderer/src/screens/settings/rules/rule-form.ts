import type { AuditCheck, AuditRule, HoldReason, RuleAction, RuleCondition, RuleInput } from '../../../../../shared/domain/audit.js';
import { minorToDecimal } from '../../../../../shared/domain/money.js';
import { joinList } from './text-list.js';

/*
 * The rule editor's form state: what each field offers, empty rows, and a saved rule → what the form shows. The way
 * back (form → RuleInput, with every mistake named) is rule-compile.ts.
 */
export type ConditionField = RuleCondition['field'];

export const CONDITION_FIELDS: readonly ConditionField[] = [
  'shop',
  'platform',
  'total',
  'goods',
  'shipping',
  'discount',
  'quantity',
  'lines',
  'weight',
  'sku',
  'region',
  'buyer',
  'remark',
  'payment',
  'stock',
  'tag',
  'placed_hour',
  'ship_by_hours',
  'check',
];

/** Fields typed as a number, and so shown with a unit. */
export type NumberField = 'quantity' | 'lines' | 'weight' | 'placed_hour' | 'ship_by_hours';
export type ListField = 'sku' | 'region' | 'buyer' | 'tag' | 'remark';

export function isNumberField(f: ConditionField): f is NumberField {
  return f === 'quantity' || f === 'lines' || f === 'weight' || f === 'placed_hour' || f === 'ship_by_hours';
}
export function isListField(f: ConditionField): f is ListField {
  return f === 'sku' || f === 'region' || f === 'buyer' || f === 'tag' || f === 'remark';
}

/** How a field's value is typed in: a pick list, a decimal amount, a whole number, a text list, or nothing. */
export type FieldKind = 'shops' | 'platforms' | 'payments' | 'checks' | 'amount' | 'number' | 'hour' | 'text' | 'remark' | 'none';

export const FIELD_KIND: Record<ConditionField, FieldKind> = {
  shop: 'shops',
  platform: 'platforms',
  total: 'amount',
  goods: 'amount',
  shipping: 'amount',
  discount: 'amount',
  quantity: 'number',
  lines: 'number',
  weight: 'number',
  sku: 'text',
  region: 'text',
  buyer: 'text',
  remark: 'remark',
  payment: 'payments',
  stock: 'none',
  tag: 'text',
  placed_hour: 'hour',
  ship_by_hours: 'number',
  check: 'checks',
};

const COMPARE = ['gt', 'gte', 'lt', 'lte', 'eq', 'between'] as const;
export type CompareOp = (typeof COMPARE)[number];

/** The operators each field allows (the contract's, in the order the picker lists them). */
export type ConditionOp = RuleCondition['op'];

export const FIELD_OPS: Record<ConditionField, readonly ConditionOp[]> = {
  shop: ['in', 'not_in'],
  platform: ['in', 'not_in'],
  total: COMPARE,
  goods: COMPARE,
  shipping: COMPARE,
  discount: COMPARE,
  quantity: COMPARE,
  lines: COMPARE,
  weight: COMPARE,
  sku: ['any', 'all', 'none'],
  region: ['in', 'not_in'],
  buyer: ['contains', 'in'],
  remark: ['contains', 'not_empty', 'empty'],
  payment: ['in'],
  stock: ['short', 'available'],
  tag: ['any', 'none'],
  placed_hour: ['between'],
  ship_by_hours: ['lt', 'gt'],
  check: ['fired', 'not_fired'],
};

export type RemarkTarget = 'buyer_message' | 'seller_memo' | 'either';

export interface ConditionDraft {
  /** Stable React key for the row (rows are added and removed). */
  key: number;
  field: ConditionField;
  op: ConditionOp;
  /** Picked values: shop ids as text, platforms, payments, checks. */
  picked: string[];
  /** A typed list (SKUs, regions, buyers, keywords, tags). */
  text: string;
  value: string;
  value2: string;
  /** Amount fields: '' = any currency (amounts then have two decimals). */
  currency: string;
  target: RemarkTarget;
}

export type Outcome = 'none' | 'approve' | 'review' | 'hold';
export type ReleaseKind = 'manual' | 'after' | 'before_ship_by' | 'when_fixed';
export type ReleaseUnit = 'minutes' | 'hours' | 'days';

export interface ActionsDraft {
  outcome: Outcome;
  note: string;
  holdReason: HoldReason;
  release: ReleaseKind;
  releaseAmount: string;
  releaseUnit: ReleaseUnit;
  beforeHours: string;
  waive: AuditCheck[];
  tags: string;
  carrier: string;
  warehouseId: string;
  priority: string;
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  stop: boolean;
  conditions: ConditionDraft[];
  actions: ActionsDraft;
}

export type Problem =
  | 'nameRequired'
  | 'nameLong'
  | 'pickOne'
  | 'listEmpty'
  | 'listLong'
  | 'amountBad'
  | 'numberBad'
  | 'hourBad'
  | 'rangeOrder'
  | 'currencyBad'
  | 'noAction'
  | 'releaseBad'
  | 'tagsBad'
  | 'warehouseBad'
  | 'priorityBad'
  | 'tooMany';

/** Problems by input: 'name', 'conditions', `cond.<i>.value`, `cond.<i>.value2`, `cond.<i>.values`, `cond.<i>.currency`, 'actions', 'release', 'tags', 'warehouse', 'priority'. */
export type Problems = Record<string, Problem>;
export type Compiled = { ok: true; input: RuleInput } | { ok: false; problems: Problems; schema?: string };

let nextKey = 1;

export function emptyCondition(field: ConditionField = 'remark'): ConditionDraft {
  return { key: nextKey++, field, op: FIELD_OPS[field][0]!, picked: [], text: '', value: '', value2: '', currency: 'CNY', target: 'buyer_message' };
}

/** Switching a row to another field keeps what still fits (the text list between text fields) and resets the operator. */
export function changeField(d: ConditionDraft, field: ConditionField): ConditionDraft {
  const sameKind = FIELD_KIND[field] === FIELD_KIND[d.field];
  return { ...emptyCondition(field), key: d.key, text: d.text, ...(sameKind ? { picked: d.picked, value: d.value, value2: d.value2, currency: d.currency } : {}) };
}

export const EMPTY_ACTIONS: ActionsDraft = {
  outcome: 'review',
  note: '',
  holdReason: 'manual_hold',
  release: 'manual',
  releaseAmount: '24',
  releaseUnit: 'hours',
  beforeHours: '12',
  waive: [],
  tags: '',
  carrier: '',
  warehouseId: '',
  priority: '',
};

export function emptyDraft(): RuleDraft {
  return { name: '', enabled: true, stop: false, conditions: [emptyCondition()], actions: { ...EMPTY_ACTIONS } };
}

export const UNIT_MINUTES: Record<ReleaseUnit, number> = { minutes: 1, hours: 60, days: 1440 };

function conditionDraft(c: RuleCondition): ConditionDraft {
  const d = emptyCondition(c.field);
  d.op = c.op;
  switch (c.field) {
    case 'shop':
      return { ...d, picked: c.values.map(String) };
    case 'platform':
    case 'payment':
    case 'check':
      return { ...d, picked: [...c.values] };
    case 'total':
    case 'goods':
    case 'shipping':
    case 'discount': {
      const cur = c.currency ?? '';
      return { ...d, currency: cur, value: minorToDecimal(c.value, cur), value2: c.value2 === undefined ? '' : minorToDecimal(c.value2, cur) };
    }
    case 'quantity':
    case 'lines':
    case 'weight':
    case 'placed_hour':
      return { ...d, value: String(c.value), value2: c.value2 === undefined ? '' : String(c.value2) };
    case 'ship_by_hours':
      return { ...d, value: String(c.value) };
    case 'sku':
    case 'region':
    case 'buyer':
    case 'tag':
      return { ...d, text: joinList(c.values) };
    case 'remark':
      return { ...d, target: c.target, text: joinList(c.values ?? []) };
    case 'stock':
      return d;
  }
}

function actionsDraft(actions: readonly RuleAction[]): ActionsDraft {
  const a: ActionsDraft = { ...EMPTY_ACTIONS, outcome: 'none' };
  for (const x of actions) {
    switch (x.type) {
      case 'approve':
        a.outcome = 'approve';
        break;
      case 'review':
        a.outcome = 'review';
        a.note = x.note ?? '';
        break;
      case 'hold':
        a.outcome = 'hold';
        a.holdReason = x.reason;
        a.note = x.note ?? '';
        a.release = x.release.kind;
        if (x.release.kind === 'after') {
          const m = x.release.minutes;
          a.releaseUnit = m % 1440 === 0 ? 'days' : m % 60 === 0 ? 'hours' : 'minutes';
          a.releaseAmount = String(m / UNIT_MINUTES[a.releaseUnit]);
        }
        if (x.release.kind === 'before_ship_by') a.beforeHours = String(x.release.hours);
        break;
      case 'waive':
        a.waive = [...x.checks];
        break;
      case 'tag':
        a.tags = joinList(x.tags);
        break;
      case 'set_carrier':
        a.carrier = x.carrier;
        break;
      case 'set_warehouse':
        a.warehouseId = String(x.warehouseId);
        break;
      case 'set_priority':
        a.priority = String(x.priority);
        break;
    }
  }
  return a;
}

export function ruleToDraft(r: Pick<AuditRule, 'name' | 'enabled' | 'stop' | 'conditions' | 'actions'>): RuleDraft {
  return { name: r.name, enabled: r.enabled, stop: r.stop, conditions: r.conditions.map(conditionDraft), actions: actionsDraft(r.actions) };
}
