import type { SimResponse } from '../base.js';
import { invalid, missing, topOk } from './envelope.js';
import { cnTime } from './fixtures.js';
import type { Params, TaobaoSimState } from './state.js';

/** Scene codes of §4.8. */
const SCENES = new Set(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '2001', '2002']);
const MAX_QUERIES = 20;

/**
 * taobao.top.oaid.decrypt: the only way the plaintext receiver leaves the simulated platform. Counts its calls; an
 * OAID that is not the trade's current one comes back matched=false with no address.
 */
export function oaidDecrypt(st: TaobaoSimState, p: Params): SimResponse {
  const raw = p.get('query_list');
  if (!raw) return missing('query_list');
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return invalid('query_list', 'query_list must be a JSON array');
  }
  if (!Array.isArray(list) || list.length === 0) return invalid('query_list', 'query_list must be a non-empty JSON array');
  if (list.length > MAX_QUERIES) return invalid('query_list', `at most ${MAX_QUERIES} queries per call`); // [U] wording
  const queries: { tid: string; oaid: string; scene: string }[] = [];
  for (const q of list as Record<string, unknown>[]) {
    const tid = typeof q.tid === 'number' || typeof q.tid === 'string' ? String(q.tid) : '';
    const oaid = typeof q.oaid === 'string' ? q.oaid : '';
    const scene = typeof q.scene === 'number' || typeof q.scene === 'string' ? String(q.scene) : '';
    if (!tid || !oaid) return invalid('query_list', 'every query needs tid and oaid');
    if (!SCENES.has(scene)) return invalid('query_list', `unknown scene ${scene}`);
    queries.push({ tid, oaid, scene });
  }
  st.decryptCalls++;
  const receivers = queries.map(({ tid, oaid, scene }) => {
    const t = st.trades.get(tid);
    if (!t || t.oaid !== oaid) return { tid, oaid, matched: false };
    st.decrypted.push({ tid, scene });
    const r = t.receiver;
    return {
      tid,
      oaid,
      name: r.name,
      mobile: t.privacy ? `188${r.mobile.slice(-4)}1111-123` : r.mobile,
      ...(r.phone ? { phone: r.phone } : {}),
      state: r.state,
      city: r.city,
      district: r.district,
      town: r.town,
      address_detail: r.address,
      matched: true,
      privacy_protection: t.privacy,
      ...(t.privacy ? { secret_no_expire_time: cnTime(st.clock.now() + 30 * 24 * 3600_000) } : {}),
    };
  });
  return topOk('taobao.top.oaid.decrypt', { receiver_list: { receiver: receivers } });
}
