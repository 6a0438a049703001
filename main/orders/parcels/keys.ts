/**
 * What "the same buyer at the same address" means for merging. Values are compared after NFKC (full-width digits
 * and letters, common in Chinese addresses, become their plain forms), lower-casing and dropping every space, so
 * "  Zhang SAN " and "zhangsan" agree and "Main St 1" equals "main st  1".
 */
const ASCII = /^\p{ASCII}*$/u;

export function normText(s: string | null | undefined): string {
  if (!s) return '';
  // Plain ASCII has nothing for NFKC to fold (most Western addresses): skip the costly part.
  const folded = ASCII.test(s) ? s : s.normalize('NFKC');
  return folded.toLowerCase().replace(/\s+/gu, '');
}

export interface PartyFields {
  buyer_nick: string | null;
  buyer_name: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address1: string | null;
  postcode: string | null;
}

/** The buyer: account nick and recipient name both (a nick shared by two recipients is two parcels). */
export function buyerKey(o: PartyFields): string {
  return `${normText(o.buyer_nick)}\u001f${normText(o.buyer_name)}`;
}

export function addressKey(o: PartyFields): string {
  return [o.country, o.province, o.city, o.district, o.address1, o.postcode].map(normText).join('\u001f');
}

/** Shop, buyer and address in one string: the grouping key of merge suggestions. */
export function partyKey(o: PartyFields & { shop_id: number }): string {
  return `${o.shop_id}\u001e${buyerKey(o)}\u001e${addressKey(o)}`;
}

/** Keys of a decrypt reference that name the order itself (Taobao keeps the tid beside the OAID), not the address. */
const ORDER_KEYS = new Set(['tid', 'oid', 'order_id', 'orderId', 'order_sn', 'auth_id']);

/**
 * The part of a platform's decrypt reference that identifies the address (Taobao's OAID, the ciphertexts of the
 * others), as a canonical string; null when there is none. Two masked orders are the same address only when these
 * are equal: masked values alone ("张**", "138****0000") are shared by strangers.
 */
export function addressRefKey(refJson: string | null): string | null {
  if (!refJson) return null;
  const ref = JSON.parse(refJson) as Record<string, unknown>;
  const kept = Object.entries(ref)
    .filter(([k, v]) => !ORDER_KEYS.has(k) && typeof v === 'string' && v.trim() !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return kept.length ? JSON.stringify(kept) : null;
}

/** One line for people: "Zhang San (zs88)". */
export function buyerLabel(o: PartyFields): string {
  const nick = o.buyer_nick?.trim();
  const name = o.buyer_name?.trim();
  return nick && name ? `${name} (${nick})` : nick || name || '';
}

export function addressLabel(o: PartyFields): string {
  return [o.address1, o.district, o.city, o.province, o.postcode, o.country]
    .map((s) => s?.trim())
    .filter((s): s is string => !!s)
    .join(', ');
}
