import type { ShopInfo } from '../../shared/domain/shop.js';
import type { Platform } from '../../shared/domain/ids.js';
import type { DB } from '../store/db.js';
import type { Handlers } from '../transport/dispatch.js';

interface ShopRecord {
  id: number;
  platform: Platform;
  name: string;
  currency: string;
  active: number;
  has_credentials: number;
  base_url: string | null;
  settings: string;
  created_at: number;
}

/** Shops as the renderer may see them: credentials stay in main. */
export function listShops(db: DB): ShopInfo[] {
  const rows = db
    .prepare('SELECT id, platform, name, currency, active, credentials_enc IS NOT NULL AS has_credentials, base_url, settings, created_at FROM shops ORDER BY platform, name')
    .all() as ShopRecord[];
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    name: r.name,
    currency: r.currency,
    active: r.active === 1,
    hasCredentials: r.has_credentials === 1,
    baseUrl: r.base_url,
    syncIntervalSec: (JSON.parse(r.settings) as { syncIntervalSec?: number }).syncIntervalSec ?? null,
    createdAt: r.created_at,
  }));
}

export function shopsHandlers(db: DB): Pick<Handlers, 'shops.list'> {
  return { 'shops.list': () => listShops(db) };
}
