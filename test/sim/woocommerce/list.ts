import type { SimResponse } from '../base.js';
import { STATUSES, siteTime, type WooOrderJson } from './orders.js';

/**
 * GET /wp-json/wc/v3/orders as WooCommerce answers it: WordPress validates the registered parameters first
 * (400 rest_invalid_param naming each bad one), then WP_Query filters, sorts and pages, and the controller adds
 * X-WP-Total, X-WP-TotalPages and Link (prev/next) headers. Date filters are strict (> after, < before) at one-second
 * precision, on the GMT columns when dates_are_gmt is true and on site time otherwise. A legacy store (before
 * WooCommerce PR #30585) has no modified_after/modified_before/dates_are_gmt parameters: WordPress ignores unknown
 * parameters, so they simply have no effect.
 */

export interface ListSetup {
  legacy: boolean;
  siteOffsetMinutes: number;
  /** Home URL + path of the collection, for Link headers (rest_url() is built from the home URL). */
  collectionUrl: string;
}

type Check = (v: string) => string | null;
const ORDERBY = ['date', 'id', 'include', 'title', 'slug'];
const STATUS_PARAM = ['any', ...STATUSES];

const integer = (name: string, min: number, max?: number): Check => (v) => {
  if (!/^-?\d+$/.test(v)) return `${name} is not of type integer.`;
  const n = Number(v);
  if (max !== undefined && (n < min || n > max)) return `${name} must be between ${min} (inclusive) and ${max} (inclusive)`;
  if (n < min) return `${name} must be greater than or equal to ${min}`;
  return null;
};
const oneOf = (name: string, values: string[]): Check => (v) =>
  values.includes(v) ? null : `${name} is not one of ${values.slice(0, -1).join(', ')}, and ${values[values.length - 1]}.`;
// rest_parse_date(): RFC 3339 date-time, the zone optional.
const dateTime: Check = (v) => (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/.test(v) ? null : 'Invalid date.');
const boolean = (name: string): Check => (v) => (['true', 'false', '1', '0'].includes(v.toLowerCase()) ? null : `${name} is not of type boolean.`);

function paramChecks(legacy: boolean): Record<string, Check> {
  const checks: Record<string, Check> = {
    page: integer('page', 1),
    per_page: integer('per_page', 1, 100),
    offset: integer('offset', 0),
    orderby: oneOf('orderby', ORDERBY),
    order: oneOf('order', ['asc', 'desc']),
    after: dateTime,
    before: dateTime,
  };
  if (!legacy) Object.assign(checks, { modified_after: dateTime, modified_before: dateTime, dates_are_gmt: boolean('dates_are_gmt') });
  return checks;
}

export function invalidParams(query: URLSearchParams, legacy: boolean): SimResponse | null {
  const bad: Record<string, string> = {};
  for (const [name, check] of Object.entries(paramChecks(legacy))) {
    const v = query.get(name);
    const problem = v === null ? null : check(v);
    if (problem) bad[name] = problem;
  }
  // status is an array parameter: "any" or a comma-separated list of statuses.
  const statuses = query.get('status')?.split(',') ?? [];
  statuses.forEach((s, i) => {
    if (!STATUS_PARAM.includes(s)) bad.status = `status[${i}] is not one of ${STATUS_PARAM.slice(0, -1).join(', ')}, and ${STATUS_PARAM[STATUS_PARAM.length - 1]}.`;
  });
  const names = Object.keys(bad);
  if (names.length === 0) return null;
  const details = Object.fromEntries(names.map((n) => [n, { code: 'rest_invalid_param', message: bad[n], data: null }]));
  return { status: 400, body: { code: 'rest_invalid_param', message: `Invalid parameter(s): ${names.join(', ')}`, data: { status: 400, params: bad, details } } };
}

/** Seconds since the epoch a date parameter stands for; zone-less values are GMT or site time per dates_are_gmt. */
function paramSeconds(v: string, gmt: boolean, offsetMinutes: number): number {
  const hasZone = /([Zz]|[+-]\d{2}(:?\d{2})?)$/.test(v.slice(19));
  const ms = Date.parse(hasZone ? v : `${v.slice(0, 19)}Z`);
  return Math.floor((hasZone || gmt ? ms : ms - offsetMinutes * 60_000) / 1000);
}

const seconds = (gmtText: string) => Math.floor(Date.parse(`${gmtText}Z`) / 1000);

export function listOrders(all: Iterable<WooOrderJson>, query: URLSearchParams, setup: ListSetup): SimResponse {
  const invalid = invalidParams(query, setup.legacy);
  if (invalid) return invalid;
  const gmt = !setup.legacy && ['true', '1'].includes(query.get('dates_are_gmt')?.toLowerCase() ?? '');
  const bound = (name: string) => {
    const v = query.get(name);
    return v === null ? null : paramSeconds(v, gmt, setup.siteOffsetMinutes);
  };
  const after = bound('after');
  const before = bound('before');
  const modAfter = setup.legacy ? null : bound('modified_after');
  const modBefore = setup.legacy ? null : bound('modified_before');
  const statuses = query.get('status')?.split(',') ?? ['any'];

  let rows = [...all].filter((o) => {
    // post_status "any" leaves out trash (and WordPress's internal statuses).
    if (statuses.includes('any') ? o.status === 'trash' : !statuses.includes(o.status)) return false;
    const created = seconds(o.date_created_gmt);
    const modified = seconds(o.date_modified_gmt);
    if (after !== null && !(created > after)) return false;
    if (before !== null && !(created < before)) return false;
    if (modAfter !== null && !(modified > modAfter)) return false;
    if (modBefore !== null && !(modified < modBefore)) return false;
    return true;
  });
  const orderby = query.get('orderby') ?? 'date';
  const dir = (query.get('order') ?? 'desc') === 'asc' ? 1 : -1;
  // WooCommerce adds ID to "date" so equal timestamps page consistently.
  rows.sort((a, b) => dir * (orderby === 'date' ? a.date_created_gmt.localeCompare(b.date_created_gmt) || a.id - b.id : a.id - b.id));

  const perPage = Number(query.get('per_page') ?? 10);
  const page = Number(query.get('page') ?? 1);
  const offset = query.get('offset');
  const total = rows.length;
  const start = offset !== null ? Number(offset) : (page - 1) * perPage; // WP_Query: offset overrides paged
  rows = rows.slice(start, start + perPage);
  const pages = Math.ceil(total / perPage);

  const link = (p: number) => {
    const u = new URL(setup.collectionUrl);
    for (const [k, v] of query) u.searchParams.set(k, v);
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${link(Math.min(page - 1, Math.max(pages, 1)))}>; rel="prev"`);
  if (pages > page) links.push(`<${link(page + 1)}>; rel="next"`);
  const headers: Record<string, string> = { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(pages) };
  if (links.length) headers.Link = links.join(', ');
  // A snapshot, as a real response is: later changes to the store must not reach a page already answered.
  return { status: 200, headers, body: structuredClone(rows) };
}

/** The site-time twin of a GMT stamp, kept in step whenever the simulator touches an order. */
export function touch(o: WooOrderJson, nowMs: number, offsetMinutes: number): void {
  o.date_modified_gmt = new Date(nowMs).toISOString().slice(0, 19);
  o.date_modified = siteTime(nowMs, offsetMinutes);
}
