import crypto from 'node:crypto';
import type { SimResponse } from '../base.js';
import { invalid, missing, remote, topOk } from '../taobao/envelope.js';
import type { CainiaoSimState, Params, SimAddress, SimBranch, SimWaybill } from './state.js';

/*
 * The three e-waybill APIs as the Cainiao service behind TOP answers them, written from the TOP metadata
 * (opentaobao metadata/assets/json/waybill/cainiao_waybill_ii_{get,cancel,search}.json) and SDK code that parses
 * live answers. Business refusals come as TOP code 15 "Remote service error" with a sub_code; the sub_codes for
 * cancel are PDD's documented ones for its copy of this API [S], the others [U].
 */
const CHANNELS = new Set(['TB', 'TM', 'JD', 'PDD', 'AMAZON', 'DY', 'KS', 'OTHERS']);
const TEMPLATE = /^https?:\/\/cloudprint\.cainiao\.com\/template\/standard\/\d+(\/\d+)?$/;
const TRADE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Numbers of each carrier's own shape (the same shapes ShopDesk's format check knows). */
function numberFor(cp: string, n: number): string {
  const d = (len: number) => String(n).padStart(len, '0');
  switch (cp) {
    case 'YTO': return `YT${d(13)}`;
    case 'ZTO': return `75${d(10)}`;
    case 'STO': return `773${d(10)}`;
    case 'YUNDA': return `43${d(11)}`;
    case 'SF': return `SF${d(13)}`;
    case 'JTSD': return `JT${d(13)}`;
    case 'POSTB': return `98${d(11)}`;
    default: return `CN${d(12)}`;
  }
}

const norm = (s: unknown) => String(s ?? '').trim();
const sameAddress = (a: SimAddress, b: Record<string, unknown>) =>
  norm(b.province) === a.province && norm(b.city) === a.city && norm(b.district) === a.district && norm(b.detail) === a.detail;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);

/** cainiao.waybill.ii.get */
export function waybillGet(st: CainiaoSimState, p: Params): SimResponse {
  const rawReq = p.get('param_waybill_cloud_print_apply_new_request');
  if (!rawReq) return missing('param_waybill_cloud_print_apply_new_request');
  let req: Json | null;
  try {
    req = obj(JSON.parse(rawReq));
  } catch {
    return invalid('param_waybill_cloud_print_apply_new_request', 'not valid JSON');
  }
  if (!req) return invalid('param_waybill_cloud_print_apply_new_request', 'not a JSON object');
  const cp = norm(req.cp_code);
  if (!cp) return invalid('cp_code', 'cp_code不能为空');
  const sub = st.subscriptions.find((s) => s.cpCode === cp);
  if (!sub) return remote('isv.invalid-parameter', `商家未订购${cp}的电子面单服务`); // [U] wording
  const sender = obj(req.sender);
  const senderAddr = obj(sender?.address);
  if (!sender || !norm(sender.name) || !senderAddr || !norm(senderAddr.province) || !norm(senderAddr.detail)) return invalid('sender', '发货人姓名、省、详细地址不能为空');
  if (!norm(sender.mobile) && !norm(sender.phone)) return invalid('sender', '手机号和固定电话不能同时为空');
  const branches = sub.branches.filter((b) => b.addresses.some((a) => sameAddress(a, senderAddr)));
  if (!branches.length) return remote('isv.invalid-parameter', '发货地址不在订购关系的发货地址中，请通过search接口获取'); // [U] wording
  const dtos = req.trade_order_info_dtos;
  if (!Array.isArray(dtos) || dtos.length < 1 || dtos.length > 10) return invalid('trade_order_info_dtos', '请求面单信息，数量限制为1-10');
  const checked: { dto: Json; trades: string[]; packageId: string }[] = [];
  for (const [i, raw] of dtos.entries()) {
    const dto = obj(raw);
    const why = dto ? checkDto(dto) : 'not an object';
    if (why) return invalid(`trade_order_info_dtos[${i}]`, why);
    const info = obj(dto!.order_info)!;
    checked.push({ dto: dto!, trades: (info.trade_order_list as unknown[]).map(norm), packageId: norm(obj(dto!.package_info)!.id) });
  }
  const modules = [];
  for (const { dto, trades, packageId } of checked) {
    const key = `${cp}|${trades.join(',')}|${packageId}`;
    const again = st.waybills.get(st.byKey.get(key) ?? '');
    let w: SimWaybill;
    if (again && again.state !== 'cancelled') w = again;
    else {
      const branch = branches.find((b) => b.quantity > 0);
      // [S] a third-party simulator of the older TOP e-waybill answers an empty balance this way.
      if (!branch) return remote('isv.invalid-parameter', '电子面单余额不足');
      w = issue(st, cp, branch, key, dto, trades, sender, senderAddr, req.need_encrypt === true);
    }
    modules.push({ cp_code: cp, object_id: norm(dto.object_id), waybill_code: w.code, print_data: w.printData, real_cp_code: cp });
  }
  return topOk('cainiao.waybill.ii.get', { modules: { waybill_cloud_print_response: modules } });
}

function checkDto(dto: Json): string | null {
  if (!norm(dto.object_id)) return 'object_id不能为空';
  const info = obj(dto.order_info);
  if (!info || !CHANNELS.has(norm(info.order_channels_type))) return 'order_info.order_channels_type不正确';
  const list = info.trade_order_list;
  if (!Array.isArray(list) || list.length < 1 || list.length > 100 || !list.every((t) => TRADE_ID.test(norm(t)))) {
    return 'order_info.trade_order_list只能传入数字、字母、下划线和中划线，数量1-100';
  }
  const pkg = obj(dto.package_info);
  if (!pkg || !Array.isArray(pkg.items) || pkg.items.length < 1 || pkg.items.length > 100) return 'package_info.items数量限制为1-100';
  if (!pkg.items.every((it) => norm(obj(it)?.name) && Number.isInteger(obj(it)?.count) && (obj(it)!.count as number) >= 1)) return 'package_info.items的name、count不正确';
  if (pkg.id !== undefined && !/^[A-Za-z0-9_]{1,64}$/.test(norm(pkg.id))) return 'package_info.id只能传入数字、字母和下划线';
  const r = obj(dto.recipient);
  const addr = obj(r?.address);
  if (!r || !norm(r.name) || !addr || !norm(addr.province) || !norm(addr.detail)) return 'recipient的姓名、省、详细地址不能为空';
  if (!norm(r.oaid)) {
    const phone = norm(r.mobile) || norm(r.phone);
    if (!phone) return 'recipient手机号和固定电话不能同时为空';
    // A masked value is only printable when Cainiao can decrypt it, i.e. with the trade's OAID.
    if (phone.includes('*') || norm(r.name).includes('*')) return 'recipient为脱敏数据，请传入oaid';
  }
  if (!TEMPLATE.test(norm(dto.template_url))) return 'template_url不是菜鸟云打印标准模板URL';
  if (!/^\d{1,20}$/.test(norm(dto.user_id))) return 'user_id不能为空';
  return null;
}

function issue(st: CainiaoSimState, cp: string, branch: SimBranch, key: string, dto: Json, trades: string[], sender: Json, senderAddr: Json, encrypt: boolean): SimWaybill {
  const code = numberFor(cp, ++st.serial);
  branch.quantity--;
  branch.allocated++;
  const r = obj(dto.recipient)!;
  const data = {
    waybillCode: code,
    cpCode: cp,
    orderChannelsType: norm(obj(dto.order_info)!.order_channels_type),
    packageInfo: dto.package_info,
    // With an OAID the address goes out encrypted ("AES:…") and the print component decrypts it [S: a live print_data].
    recipient: r.oaid ? { address: { ...obj(r.address), detail: `AES:${Buffer.from(norm(obj(r.address)!.detail)).toString('base64')}` }, name: norm(r.name), caid: norm(r.oaid).slice(0, 12) } : r,
    sender: { name: norm(sender.name), mobile: norm(sender.mobile), phone: norm(sender.phone), address: senderAddr },
    routingInfo: { origin: { code: branch.code, name: branch.name } },
  };
  const signed = { signature: `MD:${crypto.createHash('md5').update(JSON.stringify(data)).digest('base64')}`, templateURL: norm(dto.template_url), ver: 'waybill_print_secret_version_1' };
  // need_encrypt: only the print component (holding Cainiao's key) can read the label data [S: field name encryptedData].
  const printData = JSON.stringify(encrypt ? { encryptedData: sealForPrinter(JSON.stringify(data)), ...signed } : { data, ...signed });
  const w: SimWaybill = { code, cpCode: cp, branchCode: branch.code, key, objectId: norm(dto.object_id), state: 'allocated', printData, tradeOrders: trades, recipientOaid: norm(r.oaid) || null, createdAt: st.clock.now() };
  st.waybills.set(code, w);
  st.byKey.set(key, code);
  return w;
}

/** The key Cainiao shares with its print component, never with the ISV. */
const PRINTER_KEY = crypto.randomBytes(32);
function sealForPrinter(text: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', PRINTER_KEY, iv);
  const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

function branchOf(st: CainiaoSimState, w: SimWaybill): SimBranch {
  return st.subscriptions.find((s) => s.cpCode === w.cpCode)!.branches.find((b) => b.code === w.branchCode)!;
}

/** cainiao.waybill.ii.cancel */
export function waybillCancel(st: CainiaoSimState, p: Params): SimResponse {
  for (const name of ['cp_code', 'waybill_code']) if (!p.get(name)) return missing(name);
  const w = st.waybills.get(p.get('waybill_code')!);
  if (!w || w.cpCode !== p.get('cp_code')) return remote('isv.waybill-not-exist', '通过传入的快递公司编码和面单号，没能查询到面单存在记录');
  if (w.state === 'cancelled') return remote('isv.waybill-already-cancelled', '面单已取消');
  if (w.state === 'collected') return remote('isv.waybill-cancel-fail', '取消面单失败，面单已经被揽收、签收、或回收');
  w.state = 'cancelled';
  const b = branchOf(st, w);
  b.cancelled++;
  b.quantity++; // [U] a cancelled number's balance comes back
  return topOk('cainiao.waybill.ii.cancel', { cancel_result: true });
}

/** cainiao.waybill.ii.search */
export function waybillSearch(st: CainiaoSimState, p: Params): SimResponse {
  const cp = p.get('cp_code');
  const subs = st.subscriptions.filter((s) => !cp || s.cpCode === cp);
  return topOk('cainiao.waybill.ii.search', {
    waybill_apply_subscription_cols: {
      waybill_apply_subscription_info: subs.map((s) => ({
        cp_code: s.cpCode,
        cp_type: s.cpType,
        branch_account_cols: {
          waybill_branch_account: s.branches.map((b) => ({
            branch_code: b.code,
            branch_name: b.name,
            branch_status: 1,
            quantity: b.quantity,
            allocated_quantity: b.allocated,
            cancel_quantity: b.cancelled,
            print_quantity: b.printed,
            shipp_address_cols: { address_dto: b.addresses },
          })),
        },
      })),
    },
  });
}

/** The cloud-print component rendering a label: refuses a cancelled number, counts the print. */
export function printWaybill(st: CainiaoSimState, code: string): { ok: true; printData: string } | { ok: false; reason: string } {
  const w = st.waybills.get(code);
  if (!w) return { ok: false, reason: `unknown waybill ${code}` };
  if (w.state === 'cancelled') return { ok: false, reason: `waybill ${code} was cancelled and cannot be printed` };
  if (w.state === 'allocated') {
    w.state = 'printed';
    branchOf(st, w).printed++;
  }
  return { ok: true, printData: w.printData };
}
