/**
 * The carriers ShopDesk knows by its own code. Orders, waybills and write-backs carry this code; each platform's
 * adapter turns it into that platform's company code (main/sync/carrier-codes.ts, with the seller's overrides).
 */
export interface CarrierInfo {
  code: string;
  zh: string;
  en: string;
  /** Domestic Chinese express (the codes the Chinese platforms list) or international. */
  region: 'cn' | 'intl';
}

export const CARRIERS: readonly CarrierInfo[] = [
  { code: 'SF', zh: '顺丰速运', en: 'SF Express', region: 'cn' },
  { code: 'YTO', zh: '圆通速递', en: 'YTO Express', region: 'cn' },
  { code: 'ZTO', zh: '中通快递', en: 'ZTO Express', region: 'cn' },
  { code: 'STO', zh: '申通快递', en: 'STO Express', region: 'cn' },
  { code: 'YUNDA', zh: '韵达快递', en: 'Yunda Express', region: 'cn' },
  { code: 'JT', zh: '极兔速递', en: 'J&T Express', region: 'cn' },
  { code: 'EMS', zh: 'EMS', en: 'China EMS', region: 'cn' },
  { code: 'CHINAPOST', zh: '邮政快递包裹', en: 'China Post', region: 'cn' },
  { code: 'JD', zh: '京东快递', en: 'JD Logistics', region: 'cn' },
  { code: 'DBL', zh: '德邦快递', en: 'Deppon Express', region: 'cn' },
  { code: 'BEST', zh: '百世快递', en: 'BEST Express', region: 'cn' },
  { code: 'ZJS', zh: '宅急送', en: 'ZJS Express', region: 'cn' },
  { code: 'SELF', zh: '商家自送', en: 'Seller delivery', region: 'cn' },
  { code: 'CAINIAO', zh: '菜鸟', en: 'Cainiao', region: 'intl' },
  { code: 'YUNEXPRESS', zh: '云途物流', en: 'YunExpress', region: 'intl' },
  { code: '4PX', zh: '递四方', en: '4PX', region: 'intl' },
  { code: 'YANWEN', zh: '燕文物流', en: 'Yanwen', region: 'intl' },
  { code: 'UPS', zh: 'UPS', en: 'UPS', region: 'intl' },
  { code: 'FEDEX', zh: '联邦快递', en: 'FedEx', region: 'intl' },
  { code: 'DHL', zh: 'DHL', en: 'DHL Express', region: 'intl' },
  { code: 'DHLECOM', zh: 'DHL 电商', en: 'DHL eCommerce', region: 'intl' },
  { code: 'USPS', zh: '美国邮政', en: 'USPS', region: 'intl' },
  { code: 'ROYALMAIL', zh: '英国皇家邮政', en: 'Royal Mail', region: 'intl' },
  { code: 'CANADAPOST', zh: '加拿大邮政', en: 'Canada Post', region: 'intl' },
  { code: 'AUSPOST', zh: '澳大利亚邮政', en: 'Australia Post', region: 'intl' },
  { code: 'DPD', zh: 'DPD', en: 'DPD', region: 'intl' },
  { code: 'GLS', zh: 'GLS', en: 'GLS', region: 'intl' },
];

const BY_CODE = new Map(CARRIERS.map((c) => [c.code, c]));

export function carrierInfo(code: string): CarrierInfo | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}
