/**
 * Bindings in layout text: "{recipient.name}  {recipient.phone}", "{orderIds|join: / }", "{weightG|kg}",
 * "{printedAt|time}". A missing value prints as nothing; an unknown formatter is a layout bug and throws.
 */
export interface FormatContext {
  /** IANA zone the print time is shown in (the seller's, not UTC) */
  timeZone: string;
}

const TOKEN = /\{([a-zA-Z0-9_.$]+)(?:\|([a-z]+)(?::([^}]*))?)?\}/g;
const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function lookup(scope: unknown, path: string): unknown {
  let v: unknown = scope;
  for (const key of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function timeFormat(timeZone: string): Intl.DateTimeFormat {
  let f = timeFormats.get(timeZone);
  if (!f) {
    // sv-SE spells dates as 2026-11-25 12:00, the form Chinese and international sellers both read
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    timeFormats.set(timeZone, f);
  }
  return f;
}

function format(v: unknown, fmt: string | undefined, arg: string | undefined, ctx: FormatContext): string {
  if (isEmpty(v)) return '';
  switch (fmt) {
    case undefined:
      return Array.isArray(v) ? v.join(', ') : String(v);
    case 'join':
      return Array.isArray(v) ? v.join(arg ?? ', ') : String(v);
    case 'lines':
      return Array.isArray(v) ? v.join('\n') : String(v);
    case 'kg': {
      const g = Number(v);
      // integer grams in, text out: no float money-style rounding surprises (1250 → "1.25 kg")
      const whole = Math.floor(g / 1000);
      const frac = String(g % 1000).padStart(3, '0').replace(/0+$/, '');
      return `${whole}${frac ? `.${frac}` : ''} kg`;
    }
    case 'time':
      return timeFormat(ctx.timeZone).format(new Date(Number(v)));
    case 'qty':
      return `×${String(v)}`;
    default:
      throw new Error(`layout uses unknown formatter "${fmt}"`);
  }
}

export function fill(template: string, scope: unknown, ctx: FormatContext): string {
  return template.replace(TOKEN, (_m, path: string, fmt: string | undefined, arg: string | undefined) => format(lookup(scope, path), fmt, arg, ctx));
}
