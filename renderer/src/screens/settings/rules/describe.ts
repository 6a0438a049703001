import type { AuditCheck, HoldRelease, RuleAction, RuleCondition } from '../../../../../shared/domain/audit.js';
import { carrierInfo } from '../../../../../shared/domain/carriers.js';
import { minorToDecimal } from '../../../../../shared/domain/money.js';
import { formatMoney } from '../../../i18n/format.js';
import { hasKey, type Lang, type T } from '../../../i18n/index.js';

/*
 * Rules in plain words, in the reader's language: the rule list, the conflict notes and each order's explanation say
 * what a rule looks at and what it does the same way. Values a person typed (keywords, SKUs) are shown as text.
 */
export interface DescribeContext {
  t: T;
  lang: Lang;
  shopName: (id: number) => string;
}

const quote = (v: string) => `“${v}”`;

function list(values: readonly string[], max = 6): string {
  const shown = values.slice(0, max).map(quote).join(', ');
  return values.length > max ? `${shown} +${values.length - max}` : shown;
}

function amount(minor: number, currency: string | undefined): string {
  // No currency: the rule compares minor units of whatever the order is in, shown with two decimals.
  return currency ? formatMoney(minor, currency) : minorToDecimal(minor, '');
}

function checks(t: T, values: readonly AuditCheck[]): string {
  return values.map((c) => t(`flagReason.${c}`)).join(', ');
}

export function describeCondition(c: RuleCondition, { t, shopName }: DescribeContext): string {
  const field = t(`cond.field.${c.field}`);
  const op = t(`cond.op.${c.op}`);
  switch (c.field) {
    case 'shop':
      return `${field} ${op} ${c.values.map(shopName).join(', ')}`;
    case 'platform':
      return `${field} ${op} ${c.values.map((p) => t(`platform.${p}`)).join(', ')}`;
    case 'payment':
      return `${field} ${op} ${c.values.map((p) => t(`payment.${p}`)).join(', ')}`;
    case 'check':
      return `${t('cond.field.check')} ${op}: ${checks(t, c.values)}`;
    case 'total':
    case 'goods':
    case 'shipping':
    case 'discount': {
      const cur = c.currency ? ` (${c.currency})` : '';
      if (c.op === 'between') return `${field} ${t('cond.between', { a: amount(c.value, c.currency), b: amount(c.value2 ?? c.value, c.currency) })}${cur}`;
      return `${field} ${op} ${amount(c.value, c.currency)}${cur}`;
    }
    case 'quantity':
    case 'lines':
    case 'weight': {
      const unit = c.field === 'weight' ? ' g' : '';
      if (c.op === 'between') return `${field} ${t('cond.between', { a: `${c.value}${unit}`, b: `${c.value2 ?? c.value}${unit}` })}`;
      return `${field} ${op} ${c.value}${unit}`;
    }
    case 'placed_hour':
      return t('cond.placedHour', { a: String(c.value).padStart(2, '0'), b: String(c.value2).padStart(2, '0') });
    case 'ship_by_hours':
      return `${field} ${op} ${t('cond.hours', { n: c.value })}`;
    case 'stock':
      return `${field}: ${op}`;
    case 'remark': {
      const target = t(`cond.target.${c.target}`);
      return c.op === 'contains' ? `${target} ${op} ${list(c.values ?? [])}` : `${target} ${op}`;
    }
    case 'sku':
    case 'region':
    case 'buyer':
    case 'tag':
      return `${field} ${op} ${list(c.values)}`;
  }
}

/** A duration in minutes in the largest whole unit: 2880 → "2 d", 90 → "90 min". */
export function duration(t: T, minutes: number): string {
  if (minutes % 1440 === 0) return t('dur.days', { n: minutes / 1440 });
  if (minutes % 60 === 0) return t('dur.hours', { n: minutes / 60 });
  return t('dur.minutes', { n: minutes });
}

export function describeRelease(t: T, r: HoldRelease): string {
  switch (r.kind) {
    case 'manual':
      return t('release.manual');
    case 'after':
      return t('release.after', { d: duration(t, r.minutes) });
    case 'before_ship_by':
      return t('release.beforeShipBy', { n: r.hours });
    case 'when_fixed':
      return t('release.whenFixed');
  }
}

export function describeAction(a: RuleAction, { t, lang }: DescribeContext): string {
  switch (a.type) {
    case 'approve':
      return t('act.approve');
    case 'review':
      return a.note ? `${t('act.review')}: ${a.note}` : t('act.review');
    case 'hold': {
      const base = t('act.hold', { reason: t(`flagReason.${a.reason}`), release: describeRelease(t, a.release) });
      return a.note ? `${base} — ${a.note}` : base;
    }
    case 'waive':
      return t('act.waive', { checks: checks(t, a.checks) });
    case 'tag':
      return t('act.tag', { tags: a.tags.join(', ') });
    case 'set_carrier': {
      const c = carrierInfo(a.carrier);
      return t('act.carrier', { carrier: c ? (lang === 'zh-CN' ? c.zh : c.en) : a.carrier });
    }
    case 'set_warehouse':
      return t('act.warehouse', { id: a.warehouseId });
    case 'set_priority':
      return t('act.priority', { n: a.priority });
  }
}

/** The decision an action takes part in, as main names conflicts ('outcome', 'carrier', …); null: it never conflicts. */
export function conflictKind(a: RuleAction): string | null {
  switch (a.type) {
    case 'approve':
    case 'review':
    case 'hold':
      return 'outcome';
    case 'set_carrier':
      return 'carrier';
    case 'set_warehouse':
      return 'warehouse';
    case 'set_priority':
      return 'priority';
    default:
      return null;
  }
}

/** What two rules disagree on, in words; a kind main adds later shows as main named it. */
export function conflictOn(t: T, on: string): string {
  const key = `conflict.on.${on}`;
  return hasKey(key) ? t(key) : on;
}
