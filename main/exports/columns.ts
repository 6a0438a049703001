import type { ExportLang } from '../../shared/contract/exports.js';
import { minorToDecimal } from '../../shared/domain/money.js';
import type { RowRecord } from '../orders/rows.js';

/**
 * What a column holds decides how each format writes it:
 *  - text: anything a buyer, a platform or a person typed (guarded against formula injection in CSV);
 *  - id: like text, and kept as text in XLSX so a 19-digit order id is not turned into 3.1E+18;
 *  - money: exact decimal text from minor units (beside a currency column);
 *  - int: a count we computed;
 *  - time: epoch ms, written as "yyyy-MM-dd HH:mm:ss" in the export's time zone.
 */
export type CellKind = 'text' | 'id' | 'money' | 'int' | 'time';
export type CellValue = string | number | null;

export interface Column<R> {
  header: Record<ExportLang, string>;
  kind: CellKind;
  /** Width in characters for XLSX. */
  width: number;
  value: (r: R) => CellValue;
}

const col = <R>(en: string, zh: string, kind: CellKind, width: number, value: (r: R) => CellValue): Column<R> => ({ header: { en, 'zh-CN': zh }, kind, width, value });

/** One row per order, as the queue shows it. */
export const ORDER_COLUMNS: Column<RowRecord>[] = [
  col('Order ID', '订单编号', 'id', 22, (r) => r.platform_order_id),
  col('Platform', '平台', 'text', 12, (r) => r.platform),
  col('Shop', '店铺', 'text', 20, (r) => r.shop_name),
  col('Queue', '队列', 'text', 14, (r) => r.queue),
  col('Workflow', '处理进度', 'text', 14, (r) => r.workflow),
  col('Payment', '付款状态', 'text', 14, (r) => r.payment),
  col('Platform status', '平台状态', 'text', 18, (r) => r.platform_status),
  col('Buyer nick', '买家昵称', 'text', 16, (r) => r.buyer_nick),
  col('Recipient', '收货人', 'text', 12, (r) => r.buyer_name),
  col('Province', '省份', 'text', 10, (r) => r.province),
  col('City', '城市', 'text', 10, (r) => r.city),
  col('Items', '商品', 'text', 40, (r) => r.sku_summary),
  col('Qty', '件数', 'int', 6, (r) => r.item_count),
  col('Total', '订单金额', 'money', 12, (r) => minorToDecimal(r.total_minor, r.currency)),
  col('Currency', '币种', 'text', 8, (r) => r.currency),
  col('Carrier', '快递公司', 'text', 10, (r) => r.carrier),
  col('Tracking no.', '快递单号', 'id', 20, (r) => r.tracking_no),
  col('Placed at', '下单时间', 'time', 20, (r) => r.placed_at),
  col('Paid at', '付款时间', 'time', 20, (r) => r.paid_at),
  col('ShopDesk ID', '系统编号', 'int', 10, (r) => r.id),
];

/** One row per shipped order line: what a carrier or an accountant reconciles against. Addresses exactly as stored. */
export interface ShipmentRecord {
  shipped_at: number;
  id: number;
  platform: string;
  platform_order_id: string;
  shop_name: string;
  carrier: string | null;
  tracking_no: string | null;
  buyer_name: string | null;
  buyer_phone: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address1: string | null;
  postcode: string | null;
  pii_masked: number;
  currency: string;
  total_minor: number;
  line_no: number;
  sku_code: string | null;
  platform_sku: string | null;
  title: string;
  variant: string | null;
  qty: number;
  unit_price_minor: number;
  discount_minor: number;
}

export function shipmentColumns(lang: ExportLang): Column<ShipmentRecord>[] {
  const yes = lang === 'zh-CN' ? '是' : 'yes';
  const no = lang === 'zh-CN' ? '否' : 'no';
  return [
    col('Shipped at', '发货时间', 'time', 20, (r) => r.shipped_at),
    col('Order ID', '订单编号', 'id', 22, (r) => r.platform_order_id),
    col('Platform', '平台', 'text', 12, (r) => r.platform),
    col('Shop', '店铺', 'text', 20, (r) => r.shop_name),
    col('Carrier', '快递公司', 'text', 10, (r) => r.carrier),
    col('Tracking no.', '快递单号', 'id', 20, (r) => r.tracking_no),
    col('Recipient', '收货人', 'text', 12, (r) => r.buyer_name),
    col('Phone', '联系电话', 'id', 16, (r) => r.buyer_phone),
    col('Country', '国家', 'text', 8, (r) => r.country),
    col('Province', '省份', 'text', 10, (r) => r.province),
    col('City', '城市', 'text', 10, (r) => r.city),
    col('District', '区县', 'text', 10, (r) => r.district),
    col('Address', '详细地址', 'text', 36, (r) => r.address1),
    col('Postcode', '邮编', 'id', 10, (r) => r.postcode),
    col('Masked', '已脱敏', 'text', 8, (r) => (r.pii_masked ? yes : no)),
    col('Line', '行号', 'int', 6, (r) => r.line_no),
    col('SKU', '商家编码', 'id', 16, (r) => r.sku_code ?? r.platform_sku),
    col('Title', '商品名称', 'text', 36, (r) => r.title),
    col('Variant', '规格', 'text', 16, (r) => r.variant),
    col('Qty', '数量', 'int', 6, (r) => r.qty),
    col('Unit price', '单价', 'money', 12, (r) => minorToDecimal(r.unit_price_minor, r.currency)),
    col('Line discount', '行优惠', 'money', 12, (r) => minorToDecimal(r.discount_minor, r.currency)),
    col('Order total', '订单金额', 'money', 12, (r) => minorToDecimal(r.total_minor, r.currency)),
    col('Currency', '币种', 'text', 8, (r) => r.currency),
  ];
}

/** "yyyy-MM-dd HH:mm:ss" in `timeZone` (Swedish dates are ISO-shaped); throws on a zone the runtime does not know. */
export function timeFormatter(timeZone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return (ms) => f.format(ms);
}

/** Header cells in the export's language; time columns name their zone so nobody has to guess. */
export function headers<R>(cols: readonly Column<R>[], lang: ExportLang, timeZone: string): string[] {
  return cols.map((c) => (c.kind === 'time' ? `${c.header[lang]} (${timeZone})` : c.header[lang]));
}
