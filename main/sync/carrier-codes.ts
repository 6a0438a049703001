import type { Platform } from '../../shared/domain/ids.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';

/**
 * ShopDesk carrier code → each Chinese platform's own company code, as its ship call wants it:
 * - taobao: `company_code` of taobao.logistics.offline.send (taobao.logistics.companies.get lists them);
 * - douyin: `company_code` of order.logisticsAdd (order.logisticsCompanyList);
 * - pinduoduo: numeric `logistics_id` of pdd.logistics.online.send (pdd.logistics.companies.get);
 * - jd: numeric `logiCoprId` of jingdong.pop.order.shipment;
 * - kuaishou: integer `expressCode` of open.seller.order.goods.deliver.
 * Codes marked [U] are not confirmed against the platform's live list (platform-apis.md §4.6, §7.1 mark them so):
 * a seller whose platform disagrees sets an override in the carrier_codes table (Settings), which wins over this
 * table. Amazon, Shopify and WooCommerce map carriers inside their adapters (names, not codes).
 */
export const DEFAULT_CARRIER_CODES: Readonly<Partial<Record<Platform, Readonly<Record<string, string>>>>> = {
  taobao: {
    SF: 'SF', YTO: 'YTO', ZTO: 'ZTO', STO: 'STO', YUNDA: 'YUNDA', EMS: 'EMS', // [U] per §4.6 "typical codes"
    CHINAPOST: 'POSTB', JD: 'JD', DBL: 'DBKD', JT: 'JTSD', BEST: 'HTKY', ZJS: 'ZJS', // [U]
  },
  douyin: {
    SF: 'shunfeng', YTO: 'yuantong', ZTO: 'zhongtong', STO: 'shentong', YUNDA: 'yunda', EMS: 'ems', // [U]
    CHINAPOST: 'youzhengguonei', JD: 'jd', DBL: 'debangkuaidi', JT: 'jtexpress', BEST: 'huitongkuaidi', ZJS: 'zhaijisong', // [U]
  },
  pinduoduo: {
    SF: '44', YTO: '85', ZTO: '115', STO: '1', YUNDA: '121', EMS: '118', // [U]
    CHINAPOST: '132', JD: '120', DBL: '131', JT: '384', BEST: '3', ZJS: '129', // [U]
  },
  jd: {
    // [S] from a third-party map quoted in platform-apis.md §7.1; verify per seller.
    SF: '467', ZTO: '1499', YTO: '463', STO: '470', YUNDA: '1327', EMS: '465', JD: '2087', SELF: '1274',
  },
  kuaishou: {
    SF: '4', YTO: '2', ZTO: '3', STO: '1', YUNDA: '5', EMS: '7', CHINAPOST: '6', JD: '8', DBL: '9', JT: '54', BEST: '10', // [U]
  },
};

/** The built-in code, or undefined. */
export function defaultCarrierCode(platform: Platform, carrier: string): string | undefined {
  return DEFAULT_CARRIER_CODES[platform]?.[carrier.trim().toUpperCase()];
}

/**
 * The code to send: the seller's override, else the built-in table; a clear error naming both when neither has one
 * (shown on the write-back, which a person can retry after adding an override).
 */
export function requireCarrierCode(platform: Platform, carrier: string, given?: string): string {
  const code = given?.trim() || defaultCarrierCode(platform, carrier);
  if (!code) {
    throw new AppError('invalid_input', `${platform} has no company code for carrier "${carrier}": add one under Settings → Carriers`, { platform, carrier, field: 'carrier' });
  }
  return code;
}

/** The seller's overrides, kept in SQLite (carrier_codes) so a wrong built-in code is fixed without an update. */
export class CarrierCodeStore {
  constructor(private readonly db: DB) {}

  /** Override, else built-in, else null. */
  resolve(platform: Platform, carrier: string): string | null {
    const row = this.db.prepare('SELECT code FROM carrier_codes WHERE platform = ? AND carrier = ?').get(platform, carrier.trim().toUpperCase()) as { code: string } | undefined;
    return row?.code ?? defaultCarrierCode(platform, carrier) ?? null;
  }

  set(platform: Platform, carrier: string, code: string | null, at: number): void {
    const c = carrier.trim().toUpperCase();
    if (code === null || code.trim() === '') this.db.prepare('DELETE FROM carrier_codes WHERE platform = ? AND carrier = ?').run(platform, c);
    else {
      this.db
        .prepare('INSERT INTO carrier_codes (platform, carrier, code, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(platform, carrier) DO UPDATE SET code = excluded.code, updated_at = excluded.updated_at')
        .run(platform, c, code.trim(), at);
    }
  }

  overrides(): { platform: Platform; carrier: string; code: string }[] {
    return this.db.prepare('SELECT platform, carrier, code FROM carrier_codes ORDER BY platform, carrier').all() as { platform: Platform; carrier: string; code: string }[];
  }
}
