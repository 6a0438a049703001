import type { SimResponse } from '../base.js';
import { decodeCursor, encodeCursor, refuse, whole } from './gateway.js';

const DAY = 24 * 3600_000;

export interface CursorQuery<T> {
  /** The time the query filters and sorts on, and the id that breaks ties. */
  time: (row: T) => number;
  id: (row: T) => number;
  /** Inclusive bounds [U]. */
  begin: number;
  end: number;
  desc: boolean;
  cursor: string;
  pageSize: number;
}

/**
 * A keyset page: rows in [begin, end] ordered by (time, id), those after the cursor's position, up to pageSize; the
 * next cursor is the last row's position, or "nomore" when nothing follows. Computed from the current data on every
 * request, as a database query would be: a row updated since the last page simply moves out of (or into) the range.
 */
export function keysetPage<T>(rows: Iterable<T>, q: CursorQuery<T>): { page: T[]; cursor: string } | null {
  const at = q.cursor === '' ? null : decodeCursor(q.cursor);
  if (q.cursor !== '' && at === null) return null;
  const sign = q.desc ? -1 : 1;
  const cmp = (t: number, id: number, u: number, jd: number) => sign * (t - u || id - jd);
  const sorted = [...rows].filter((r) => q.time(r) >= q.begin && q.time(r) <= q.end).sort((a, b) => cmp(q.time(a), q.id(a), q.time(b), q.id(b)));
  const after = at ? sorted.filter((r) => cmp(q.time(r), q.id(r), at[0], at[1]) > 0) : sorted;
  const page = after.slice(0, q.pageSize);
  const last = page.at(-1);
  return { page, cursor: after.length > page.length && last ? encodeCursor(q.time(last), q.id(last)) : 'nomore' };
}

export interface WindowRules {
  maxSpanMs: number;
  maxAgeMs: number;
  maxPageSize: number;
}

/** The checks both cursor lists make on their common parameters; a refusal names the parameter, as Kuaishou does. */
export function checkWindow(b: Record<string, unknown>, now: number, rules: WindowRules): SimResponse | { begin: number; end: number; pageSize: number; desc: boolean; queryType: number } {
  const begin = whole(b.beginTime);
  const end = whole(b.endTime);
  if (begin === null) return refuse('PARAM_INVALID', 'beginTime无效');
  if (end === null || end <= begin) return refuse('PARAM_INVALID', 'endTime无效');
  if (end - begin > rules.maxSpanMs) return refuse('TIME_RANGE_EXCEEDED', `开始时间与结束时间的范围不能大于${rules.maxSpanMs / DAY}天`);
  if (begin < now - rules.maxAgeMs) return refuse('TIME_RANGE_EXCEEDED', `beginTime不能早于${rules.maxAgeMs / DAY}天前`);
  const pageSize = whole(b.pageSize);
  if (pageSize === null || pageSize < 1 || pageSize > rules.maxPageSize) return refuse('PARAM_INVALID', `pageSize取值范围为1-${rules.maxPageSize}`);
  const queryType = b.queryType === undefined ? 1 : whole(b.queryType);
  if (queryType !== 1 && queryType !== 2) return refuse('PARAM_INVALID', 'queryType无效');
  const sort = b.sort === undefined ? 1 : whole(b.sort);
  if (sort !== 1 && sort !== 2) return refuse('PARAM_INVALID', 'sort无效');
  return { begin, end, pageSize, desc: sort === 1, queryType };
}
