import { z } from 'zod';
import { PlatformError } from '../../platform-error.js';
import type { TopClient } from './client.js';
import { TopError } from './errors.js';

/*
 * The Cainiao e-waybill (菜鸟电子面单) through TOP: the same router, signature and session as the Taobao shop, with the
 * seller's e-waybill subscription behind it. Fields are from the TOP API metadata [V opentaobao
 * metadata/assets/json/waybill/cainiao_waybill_ii_{get,cancel,search}.json]; the JSON response shapes (list wrappers
 * waybill_cloud_print_response, waybill_apply_subscription_info…) are [S: SDK code parsing live answers]; error
 * sub_codes are marked where they are used.
 */
export const CAINIAO_GET = 'cainiao.waybill.ii.get';
export const CAINIAO_CANCEL = 'cainiao.waybill.ii.cancel';
export const CAINIAO_SEARCH = 'cainiao.waybill.ii.search';

export interface CainiaoAddress {
  province: string;
  city?: string;
  district?: string;
  town?: string;
  detail: string;
}

/** One number requested (TradeOrderInfoDto); at most 10 per call. */
export interface CainiaoTradeOrderInfo {
  /** Echoed back: matches each answer to its request. */
  object_id: string;
  order_info: { order_channels_type: string; trade_order_list: string[] };
  /** id: the package id; the same order with the same package id gets the same number back [S]. */
  package_info: { id: string; items: { name: string; count: number }[]; weight?: number };
  recipient: { name: string; mobile?: string; phone?: string; address: CainiaoAddress; oaid?: string; tid?: string };
  template_url: string;
  user_id: number | string;
}

/** param_waybill_cloud_print_apply_new_request. */
export interface CainiaoApplyRequest {
  cp_code: string;
  sender: { name: string; mobile?: string; phone?: string; address: CainiaoAddress };
  trade_order_info_dtos: CainiaoTradeOrderInfo[];
  /** print_data comes back encrypted (encryptedData), readable only by the print component. */
  need_encrypt?: boolean;
}

export interface CainiaoWaybill {
  objectId: string;
  waybillCode: string;
  /** Cloud-print JSON (data, signature, templateURL) for the print component. */
  printData: string;
  parentWaybillCode: string | null;
}

export interface CainiaoBranch {
  branchCode: string;
  branchName: string;
  quantity: number;
  allocated: number;
  cancelled: number;
  printed: number;
  addresses: { province: string; city: string; district: string; town: string; detail: string }[];
}
export interface CainiaoSubscriptionInfo {
  cpCode: string;
  cpType: number | null;
  branches: CainiaoBranch[];
}

/** Non-simplified TOP JSON wraps each list in an object keyed by the item type; simplified JSON does not. */
const listOf = <T extends z.ZodType>(item: T, wrapper: string) =>
  z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[wrapper] ?? [] : (v ?? [])), z.array(item));

const Module = z.object({
  object_id: z.coerce.string(),
  waybill_code: z.string().min(1),
  print_data: z.string(),
  parent_waybill_code: z.string().nullish(),
});
const GetAnswer = z.object({ modules: listOf(Module, 'waybill_cloud_print_response') });
const Num = z.coerce.number().int().catch(0);
const Address = z.object({ province: z.string().default(''), city: z.string().default(''), district: z.string().default(''), town: z.string().default(''), detail: z.string().default('') });
const Branch = z.object({
  branch_code: z.coerce.string().default(''),
  branch_name: z.string().default(''),
  quantity: Num,
  allocated_quantity: Num,
  cancel_quantity: Num,
  print_quantity: Num,
  shipp_address_cols: listOf(Address, 'address_dto').default([]),
});
const SearchAnswer = z.object({
  waybill_apply_subscription_cols: listOf(
    z.object({ cp_code: z.string(), cp_type: z.coerce.number().int().nullish(), branch_account_cols: listOf(Branch, 'waybill_branch_account').default([]) }),
    'waybill_apply_subscription_info',
  ).default([]),
});

/** What a Cainiao refusal means for ShopDesk, from TOP's code, sub_code and sub_msg. */
export type CainiaoRefusal = 'quota_exhausted' | 'already_cancelled' | 'cancel_refused' | 'not_found';

export function cainiaoRefusal(e: unknown): CainiaoRefusal | null {
  if (!(e instanceof TopError)) return null;
  const sub = e.top.sub_code ?? '';
  const msg = `${e.top.sub_msg ?? ''} ${e.top.msg}`;
  // [S] "电子面单余额不足" with isv.invalid-parameter, seen in a third-party TOP e-waybill simulator; matched by words too.
  if (/余额不足|BALANCE|QUANTITY_NOT_ENOUGH/i.test(`${sub} ${msg}`)) return 'quota_exhausted';
  // [S] these three sub_codes are documented for PDD's copy of this API (pdd.waybill.*); Cainiao's are [U].
  if (/waybill-already-cancel/i.test(sub) || /已取消|已经取消/.test(msg)) return 'already_cancelled';
  if (/waybill-cancel-fail/i.test(sub) || /揽收|签收/.test(msg)) return 'cancel_refused';
  if (/waybill-not-exist/i.test(sub)) return 'not_found';
  return null;
}

/** The three e-waybill calls on a seller's TOP session. */
export class CainiaoWaybillApi {
  constructor(private readonly client: TopClient) {}

  /** cainiao.waybill.ii.get: a number and its print data for each TradeOrderInfoDto. */
  async get(req: CainiaoApplyRequest): Promise<CainiaoWaybill[]> {
    if (req.trade_order_info_dtos.length < 1 || req.trade_order_info_dtos.length > 10) {
      throw new PlatformError('bad_request', `Cainiao ${CAINIAO_GET}: 1 to 10 numbers per call, not ${req.trade_order_info_dtos.length}`);
    }
    const raw = await this.client.call(CAINIAO_GET, { param_waybill_cloud_print_apply_new_request: JSON.stringify(req) });
    const r = GetAnswer.safeParse(raw);
    if (!r.success) throw new PlatformError('server', `Cainiao ${CAINIAO_GET}: unexpected answer (${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
    return r.data.modules.map((m) => ({ objectId: m.object_id, waybillCode: m.waybill_code, printData: m.print_data, parentWaybillCode: m.parent_waybill_code ?? null }));
  }

  /** cainiao.waybill.ii.cancel; a number Cainiao already cancelled counts as cancelled (a retry after a lost answer). */
  async cancel(cpCode: string, waybillCode: string): Promise<'cancelled' | 'already'> {
    let raw: Record<string, unknown>;
    try {
      raw = await this.client.call(CAINIAO_CANCEL, { cp_code: cpCode, waybill_code: waybillCode });
    } catch (e) {
      if (cainiaoRefusal(e) === 'already_cancelled') return 'already';
      throw e;
    }
    if (raw.cancel_result !== true && raw.cancel_result !== 'true') {
      throw new PlatformError('bad_request', `Cainiao ${CAINIAO_CANCEL}: waybill ${waybillCode} was not cancelled (cancel_result ${String(raw.cancel_result)})`);
    }
    return 'cancelled';
  }

  /** cainiao.waybill.ii.search: the seller's subscriptions, branches, numbers left and allowed sender addresses. */
  async search(cpCode?: string): Promise<CainiaoSubscriptionInfo[]> {
    const raw = await this.client.call(CAINIAO_SEARCH, cpCode ? { cp_code: cpCode } : {});
    const r = SearchAnswer.safeParse(raw);
    if (!r.success) throw new PlatformError('server', `Cainiao ${CAINIAO_SEARCH}: unexpected answer (${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
    return r.data.waybill_apply_subscription_cols.map((s) => ({
      cpCode: s.cp_code,
      cpType: s.cp_type ?? null,
      branches: s.branch_account_cols.map((b) => ({
        branchCode: b.branch_code,
        branchName: b.branch_name,
        quantity: b.quantity,
        allocated: b.allocated_quantity,
        cancelled: b.cancel_quantity,
        printed: b.print_quantity,
        addresses: b.shipp_address_cols,
      })),
    }));
  }
}
