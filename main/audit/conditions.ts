import type { AuditCheck, RuleCondition } from '../../shared/domain/audit.js';
import { minorToDecimal } from '../../shared/domain/money.js';
import type { LoadedOrder } from './loader.js';

/** What a condition may consult besides the order itself. */
export interface ConditionContext {
  now: number;
  /** Built-in checks that fired on this order (before any waiver). */
  fired: ReadonlySet<AuditCheck>;
  /** Whether every line can be served from available stock (computed once per order, only if a rule asks). */
  stockOk: () => boolean;
}

type Cmp = 'lt' | 'lte' | 'gt' | 'gte' | 'eq' | 'between';
const SYMBOL: Record<Exclude<Cmp, 'between'>, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥', eq: '=' };
const HOUR = 3_600_000;

function compare(op: Cmp, v: number, a: number, b: number | undefined): boolean {
  switch (op) {
    case 'lt':
      return v < a;
    case 'lte':
      return v <= a;
    case 'gt':
      return v > a;
    case 'gte':
      return v >= a;
    case 'eq':
      return v === a;
    case 'between':
      // Saved rules always carry value2 for between (checked when saved); inclusive at both ends.
      return b !== undefined && v >= Math.min(a, b) && v <= Math.max(a, b);
  }
}

/** "≥ 100.00", "between 1 and 3": the right-hand side of a comparison in plain words. */
function rhs(op: Cmp, a: string, b: string | undefined): string {
  return op === 'between' ? `between ${a} and ${b ?? '?'}` : `${SYMBOL[op]} ${a}`;
}

const lower = (s: string) => s.trim().toLowerCase();

/** Province/city names compared without their administrative suffix: 广东 = 广东省, 上海 = 上海市. */
const DIVISION_SUFFIX = /(省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|自治州|地区|盟)$/u;
function sameDivision(a: string, b: string): boolean {
  const x = lower(a);
  const y = lower(b);
  return x === y || x.replace(DIVISION_SUFFIX, '') === y.replace(DIVISION_SUFFIX, '');
}

/** "广东省/深圳市" or "US/CA": from the left, either starting at the country or (country left out) at the province. */
function regionMatches(value: string, o: LoadedOrder): boolean {
  const parts = value.split('/').map((p) => p.trim()).filter(Boolean);
  const path = [o.country, o.province, o.city];
  const fits = (from: number) => parts.every((p, i) => {
    const have = path[from + i];
    return have != null && sameDivision(p, have);
  });
  return parts.length > 0 && (fits(0) || (parts.length <= 2 && fits(1)));
}

function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return `"${one.length > 40 ? one.slice(0, 39) + '…' : one}"`;
}

const amountOf = { total: 'totalMinor', goods: 'goodsMinor', shipping: 'shippingMinor', discount: 'discountMinor' } as const;

/** Order weight in grams from the SKUs, or null when any line's SKU or weight is unknown. */
export function orderWeight(o: LoadedOrder): number | null {
  let g = 0;
  for (const l of o.lines) {
    if (l.weightG === null) return null;
    g += l.weightG * l.units;
  }
  return g;
}

/** The codes a line answers to: our SKU's code, the code on the line, and the platform's SKU. */
function lineCodes(o: LoadedOrder): Set<string>[] {
  return o.lines.map((l) => new Set([l.ourCode, l.skuCode, l.platformSku].filter((c): c is string => c !== null).map(lower)));
}

/**
 * Tests one condition. Returns what held, in plain words naming the field and value ("total 120.00 CNY ≥ 100.00"),
 * or null when it does not hold.
 */
export function matchCondition(c: RuleCondition, o: LoadedOrder, ctx: ConditionContext): string | null {
  switch (c.field) {
    case 'shop': {
      const inList = c.values.includes(o.shopId);
      return inList === (c.op === 'in') ? `shop "${o.shopName}" ${c.op === 'in' ? 'is' : 'is not'} one of the rule's shops` : null;
    }
    case 'platform': {
      const inList = c.values.includes(o.platform);
      return inList === (c.op === 'in') ? `platform ${o.platform} ${c.op === 'in' ? 'is in' : 'is not in'} ${c.values.join(', ')}` : null;
    }
    case 'total':
    case 'goods':
    case 'shipping':
    case 'discount': {
      if (c.currency && c.currency !== o.currency) return null;
      const v = o[amountOf[c.field]];
      if (!compare(c.op, v, c.value, c.value2)) return null;
      const m = (x: number) => minorToDecimal(x, o.currency);
      return `${c.field} ${m(v)} ${o.currency} ${rhs(c.op, m(c.value), c.value2 === undefined ? undefined : m(c.value2))}`;
    }
    case 'quantity':
    case 'lines':
    case 'weight': {
      const v = c.field === 'quantity' ? o.lines.reduce((n, l) => n + l.qty, 0) : c.field === 'lines' ? o.lines.length : orderWeight(o);
      if (v === null || !compare(c.op, v, c.value, c.value2)) return null;
      const unit = c.field === 'weight' ? ' g' : '';
      return `${c.field} ${v}${unit} ${rhs(c.op, `${c.value}${unit}`, c.value2 === undefined ? undefined : `${c.value2}${unit}`)}`;
    }
    case 'sku': {
      const wanted = new Set(c.values.map(lower));
      const codes = lineCodes(o);
      const hit = (s: Set<string>) => [...s].some((x) => wanted.has(x));
      if (c.op === 'any') {
        const i = codes.findIndex(hit);
        return i >= 0 ? `line ${o.lines[i]!.lineNo} is SKU ${o.lines[i]!.ourCode ?? o.lines[i]!.skuCode ?? o.lines[i]!.platformSku}` : null;
      }
      if (c.op === 'all') return codes.length > 0 && codes.every(hit) ? `every line is one of SKUs ${c.values.join(', ')}` : null;
      return codes.some(hit) ? null : `no line is one of SKUs ${c.values.join(', ')}`;
    }
    case 'region': {
      const hit = c.values.find((v) => regionMatches(v, o));
      const where = [o.country, o.province, o.city].filter(Boolean).join('/') || '(no address)';
      if (c.op === 'in') return hit ? `region ${where} is in ${hit}` : null;
      return hit ? null : `region ${where} is outside ${c.values.join(', ')}`;
    }
    case 'buyer': {
      const fields: [string, string | null][] = [
        ['nick', o.buyerNick],
        ['name', o.buyerName],
        ['phone', o.buyerPhone],
      ];
      for (const [label, value] of fields) {
        if (!value) continue;
        const have = lower(value);
        const digits = label === 'phone' ? value.replace(/\D/g, '') : '';
        for (const v of c.values) {
          const want = lower(v);
          const eq = have === want || (digits !== '' && digits === v.replace(/\D/g, ''));
          if (c.op === 'in' ? eq : have.includes(want)) return `buyer ${label} ${quote(value)} ${c.op === 'in' ? 'is' : 'contains'} ${quote(v)}`;
        }
      }
      return null;
    }
    case 'remark': {
      const targets: [string, string | null][] =
        c.target === 'buyer_message' ? [['buyer message', o.buyerMessage]] : c.target === 'seller_memo' ? [['seller memo', o.sellerMemo]] : [['buyer message', o.buyerMessage], ['seller memo', o.sellerMemo]];
      const label = c.target === 'either' ? 'buyer message and seller memo' : targets[0]![0];
      if (c.op === 'empty') return targets.every(([, t]) => !t?.trim()) ? `${label} ${c.target === 'either' ? 'are' : 'is'} empty` : null;
      if (c.op === 'not_empty') {
        const t = targets.find(([, x]) => x?.trim());
        return t ? `${t[0]} is ${quote(t[1]!)}` : null;
      }
      for (const [name, text] of targets) {
        if (!text) continue;
        const kw = (c.values ?? []).find((k) => lower(text).includes(lower(k)));
        if (kw) return `${name} ${quote(text)} contains ${quote(kw)}`;
      }
      return null;
    }
    case 'payment':
      return c.values.includes(o.payment) ? `payment is ${o.payment}` : null;
    case 'stock': {
      const ok = ctx.stockOk();
      return ok === (c.op === 'available') ? (ok ? 'every line is in stock' : 'a line is short of stock') : null;
    }
    case 'tag': {
      const have = new Set(o.tags.map(lower));
      const hit = c.values.find((t) => have.has(lower(t)));
      if (c.op === 'any') return hit ? `tagged ${quote(hit)}` : null;
      return hit ? null : `not tagged ${c.values.map(quote).join(', ')}`;
    }
    case 'placed_hour': {
      const h = new Date(o.placedAt).getHours(); // the seller's local clock
      const inside = c.value <= c.value2 ? h >= c.value && h <= c.value2 : h >= c.value || h <= c.value2;
      return inside ? `placed at ${String(h).padStart(2, '0')}h, within ${c.value}–${c.value2}h` : null;
    }
    case 'ship_by_hours': {
      if (o.shipBy === null) return null;
      const left = (o.shipBy - ctx.now) / HOUR;
      const holds = c.op === 'lt' ? left < c.value : left > c.value;
      return holds ? `ship-by in ${left.toFixed(1)} h ${c.op === 'lt' ? '<' : '>'} ${c.value} h` : null;
    }
    case 'check': {
      const fired = c.values.filter((k) => ctx.fired.has(k));
      if (c.op === 'fired') return fired.length ? `check ${fired.join(', ')} fired` : null;
      return fired.length ? null : `checks ${c.values.join(', ')} did not fire`;
    }
  }
}
