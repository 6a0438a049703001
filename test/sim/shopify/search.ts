import type { SimOrder } from './store.js';

/**
 * Shopify's search syntax for the `query` argument of `orders`, the part ShopDesk relies on:
 * terms joined by spaces or AND, OR, NOT / leading '-', parentheses, `field:value` with comparators
 * (`:>`, `:>=`, `:<`, `:<=`), values bare or in single or double quotes (both quoting styles are accepted, the
 * doc could not confirm which one Shopify prefers).
 *
 * Like a search engine, a term it cannot understand (unknown field, value that is not a date) is not an error:
 * it is dropped — the filter then matches more than the caller meant — and a warning is reported beside the result
 * (extensions.search, the shape is [U]). That is why the tests check the form the adapter sends, not just that
 * a request succeeded.
 */
export interface SearchWarning {
  field: string | null;
  message: string;
}

export interface ParsedSearch {
  match: (o: SimOrder) => boolean;
  warnings: SearchWarning[];
}

type Pred = (o: SimOrder) => boolean;
const ALWAYS: Pred = () => true;

const DATE_FIELDS: Record<string, (o: SimOrder) => number> = {
  updated_at: (o) => o.updatedAt,
  created_at: (o) => o.createdAt,
  processed_at: (o) => o.processedAt,
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date or date-time; a date alone is a whole UTC day (the sim's shop time zone is UTC). */
function parseDate(text: string): { from: number; to: number } | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const hasTime = m[4] !== undefined;
  const normalized = hasTime ? (m[7] ? text.replace(' ', 'T') : text.replace(' ', 'T') + 'Z') : `${text}T00:00:00Z`;
  const at = Date.parse(normalized);
  if (!Number.isFinite(at)) return null;
  // Equality against a time stamp means the same second, against a date the same day.
  return { from: at, to: at + (hasTime ? 1000 : 86_400_000) };
}

function tokenize(q: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push(c);
      i++;
    } else {
      let word = '';
      while (i < q.length && !/[\s()]/.test(q[i]!)) {
        const ch = q[i]!;
        if (ch === "'" || ch === '"') {
          // A quoted run may hold spaces and parentheses; an unclosed quote runs to the end.
          const close = q.indexOf(ch, i + 1);
          const end = close < 0 ? q.length : close + 1;
          word += q.slice(i, end);
          i = end;
        } else {
          word += ch;
          i++;
        }
      }
      out.push(word);
    }
  }
  return out;
}

const unquote = (v: string) => (/^(['"]).*\1$/.test(v) && v.length >= 2 ? v.slice(1, -1) : v.replace(/^['"]/, ''));

function term(word: string, warnings: SearchWarning[]): Pred {
  const m = /^([a-z_]+):(>=|<=|>|<)?(.*)$/.exec(word);
  if (!m) {
    // Free text: Shopify matches it against the order's default fields (name, email…).
    const text = unquote(word).toLowerCase();
    return (o) => o.name.toLowerCase().includes(text) || (o.email ?? '').toLowerCase().includes(text);
  }
  const [, field = '', op = '', rawValue = ''] = m;
  const value = unquote(rawValue);
  const dateOf = DATE_FIELDS[field];
  if (dateOf) {
    const d = parseDate(value);
    if (!d) {
      warnings.push({ field, message: `Invalid date value "${value}"; the term was ignored.` });
      return ALWAYS;
    }
    switch (op) {
      case '>':
        return (o) => dateOf(o) > d.from;
      case '>=':
        return (o) => dateOf(o) >= d.from;
      case '<':
        return (o) => dateOf(o) < d.from;
      case '<=':
        return (o) => dateOf(o) <= d.from;
      default:
        return (o) => dateOf(o) >= d.from && dateOf(o) < d.to;
    }
  }
  if (field === 'financial_status' && !op) return (o) => (o.financialStatus ?? '').toLowerCase() === value.toLowerCase();
  if (field === 'name' && !op) return (o) => o.name === value || o.name === `#${value}`;
  warnings.push({ field, message: `Unsupported filter "${field}${op ? ':' + op : ''}"; the term was ignored.` });
  return ALWAYS;
}

export function parseOrderSearch(query: string | null | undefined): ParsedSearch {
  const warnings: SearchWarning[] = [];
  if (!query || !query.trim()) return { match: ALWAYS, warnings };
  const tokens = tokenize(query);
  let pos = 0;

  const parseOr = (): Pred => {
    const parts = [parseAnd()];
    while (tokens[pos] === 'OR') {
      pos++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0]! : (o) => parts.some((p) => p(o));
  };
  const parseAnd = (): Pred => {
    const parts: Pred[] = [];
    while (pos < tokens.length && tokens[pos] !== ')' && tokens[pos] !== 'OR') {
      if (tokens[pos] === 'AND') {
        pos++;
        continue;
      }
      parts.push(parseNot());
    }
    return (o) => parts.every((p) => p(o));
  };
  const parseNot = (): Pred => {
    const t = tokens[pos]!;
    if (t === 'NOT') {
      pos++;
      const inner = parseNot();
      return (o) => !inner(o);
    }
    if (t.startsWith('-') && t.length > 1) {
      pos++;
      const inner = term(t.slice(1), warnings);
      return (o) => !inner(o);
    }
    if (t === '(') {
      pos++;
      const inner = parseOr();
      if (tokens[pos] === ')') pos++;
      else warnings.push({ field: null, message: 'Unbalanced parenthesis.' });
      return inner;
    }
    pos++;
    return term(t, warnings);
  };

  const parts = [parseOr()];
  // A stray ')' is skipped, the rest still applies (a search box is forgiving).
  while (pos < tokens.length) {
    warnings.push({ field: null, message: `Unexpected "${tokens[pos]}".` });
    pos++;
    if (pos < tokens.length) parts.push(parseOr());
  }
  return { match: (o) => parts.every((p) => p(o)), warnings };
}
