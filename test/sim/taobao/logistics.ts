import type { SimResponse } from '../base.js';
import { missing, remote, topOk } from './envelope.js';
import type { Params, TaobaoSimState } from './state.js';

/**
 * The simulated platform's own carrier list, as taobao.logistics.companies.get would give it (code, name, reg_mail_no).
 * Written from the platform's side, independently of ShopDesk's main/sync/carrier-codes.ts; the tests check that every
 * code ShopDesk ships with is one this list accepts. Codes and patterns are [U]: §4.6 calls the list unconfirmed.
 */
export const TAOBAO_COMPANIES: readonly { code: string; name: string; regMailNo: RegExp }[] = [
  { code: 'SF', name: '顺丰速运', regMailNo: /^(SF\d{13}|\d{12})$/ },
  { code: 'YTO', name: '圆通速递', regMailNo: /^(YT\d{13}|\d{10})$/ },
  { code: 'ZTO', name: '中通快递', regMailNo: /^\d{12,15}$/ },
  { code: 'STO', name: '申通快递', regMailNo: /^\d{12,13}$/ },
  { code: 'YUNDA', name: '韵达快递', regMailNo: /^\d{13,15}$/ },
  { code: 'EMS', name: 'EMS', regMailNo: /^([A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/ },
  { code: 'POST', name: '中国邮政', regMailNo: /^([A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/ },
  { code: 'POSTB', name: '邮政快递包裹', regMailNo: /^(\d{13}|[A-Z]{2}\d{9}[A-Z]{2})$/ },
  { code: 'JD', name: '京东快递', regMailNo: /^JD[0-9A-Z]{11,15}$/ },
  { code: 'DBKD', name: '德邦快递', regMailNo: /^(DPK\d{12}|\d{8,10})$/ },
  { code: 'DBL', name: '德邦物流', regMailNo: /^\d{8,10}$/ },
  { code: 'JTSD', name: '极兔速递', regMailNo: /^JT\d{13}$/ },
  { code: 'HTKY', name: '百世快递', regMailNo: /^\d{12,14}$/ },
  { code: 'ZJS', name: '宅急送', regMailNo: /^[A-Za-z0-9]{10}$/ },
  { code: 'TTKDEX', name: '天天快递', regMailNo: /^\d{12,14}$/ },
  { code: 'UC', name: '优速快递', regMailNo: /^\d{12,15}$/ },
];

const CAN_SHIP = new Set(['WAIT_SELLER_SEND_GOODS', 'SELLER_CONSIGNED_PART']);
const REFUND_OPEN = new Set(['WAIT_SELLER_AGREE', 'WAIT_BUYER_RETURN_GOODS', 'WAIT_SELLER_CONFIRM_GOODS']);
const ERR = 'isv.logistics-offline-service-error';

/** taobao.logistics.offline.send: the whole trade ships, status → WAIT_BUYER_CONFIRM_GOODS (§4.6). */
export function offlineSend(st: TaobaoSimState, p: Params): SimResponse {
  for (const name of ['tid', 'out_sid', 'company_code']) if (!p.get(name)) return missing(name);
  const tid = p.get('tid')!;
  const outSid = p.get('out_sid')!;
  const code = p.get('company_code')!;
  const t = st.trades.get(tid);
  if (!t) return remote(`${ERR}:B01`, '订单不存在');
  const company = TAOBAO_COMPANIES.find((c) => c.code === code);
  if (!company) return remote(`${ERR}:B56`, `物流公司代码不正确: ${code}`); // [U] sub_code for an unknown company
  // [S] B04 is TOP's answer for "already shipped or closed"; used for every state that cannot ship [U].
  if (!CAN_SHIP.has(t.status)) return remote(`${ERR}:B04`, '订单状态不对该物流订单已经发货或者已关闭，不能重复发货');
  if (t.lines.some((l) => REFUND_OPEN.has(l.refundStatus))) return remote(`${ERR}:B04`, '交易存在退款，不能发货'); // [U]
  const usedElsewhere = [...st.trades.values()].some((o) => o.tid !== tid && o.lines.some((l) => l.invoiceNo === outSid));
  if (!company.regMailNo.test(outSid) || usedElsewhere) return remote(`${ERR}:B60`, '运单号不符合规则或已经被使用');
  const now = st.clock.now();
  t.status = 'WAIT_BUYER_CONFIRM_GOODS';
  t.consignMs = now;
  t.modifiedMs = now;
  for (const l of t.lines) {
    l.status = 'WAIT_BUYER_CONFIRM_GOODS';
    l.invoiceNo = outSid;
    l.company = company.name;
  }
  st.shipments.push({ tid, outSid, companyCode: code, at: now });
  return topOk('taobao.logistics.offline.send', { shipping: { is_success: true } });
}
