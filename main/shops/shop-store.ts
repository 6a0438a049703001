import type { Platform } from '../../shared/domain/ids.js';
import type { ShopInfo } from '../../shared/domain/shop.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { DB } from '../store/db.js';
import type { ShopContext } from '../sync/adapter.js';
import type { AdapterRegistry } from '../sync/registry.js';
import { listShops } from './handlers.js';

export interface ShopInput {
  platform: Platform;
  name: string;
  currency?: string;
  credentials?: Record<string, unknown>;
  baseUrl?: string | null;
}

export interface ShopChange {
  name?: string;
  credentials?: Record<string, unknown>;
  baseUrl?: string | null;
  active?: boolean;
  syncIntervalSec?: number;
}

const CN_PLATFORMS: readonly Platform[] = ['taobao', 'douyin', 'pinduoduo', 'jd', 'kuaishou', 'manual'];

/**
 * Shops and their credentials. Credentials are checked by the platform's adapter (so a missing field is named at
 * once, not at the first sync) and sealed with the SecretBox before they touch the database; they are opened only
 * to build a sync context, and never leave main.
 */
export class ShopStore {
  constructor(
    private readonly db: DB,
    private readonly secrets: SecretBox,
    private readonly adapters: AdapterRegistry,
    private readonly log: EventLog,
  ) {}

  info(id: number): ShopInfo {
    const s = listShops(this.db).find((x) => x.id === id);
    if (!s) throw new AppError('not_found', `shop ${id} does not exist`, { id });
    return s;
  }

  private seal(platform: Platform, credentials: Record<string, unknown> | undefined): Buffer | null {
    if (platform === 'manual') return null;
    const adapter = this.adapters.require(platform);
    let clean: Record<string, string>;
    try {
      clean = adapter.parseCredentials(credentials ?? {});
    } catch (e) {
      throw e instanceof AppError ? e : new AppError('invalid_input', `${platform} credentials: ${(e as Error).message}`, { field: 'credentials' });
    }
    if (!this.secrets.available()) {
      throw new AppError('conflict', 'this computer cannot store secrets safely (no keychain); credentials were not saved', { field: 'credentials' });
    }
    return this.secrets.encrypt(JSON.stringify(clean));
  }

  add(input: ShopInput, actor: string, now = Date.now()): ShopInfo {
    if (this.db.prepare('SELECT 1 FROM shops WHERE platform = ? AND name = ?').get(input.platform, input.name)) {
      throw new AppError('conflict', `a ${input.platform} shop named "${input.name}" already exists`, { field: 'name' });
    }
    const sealed = this.seal(input.platform, input.credentials);
    const currency = input.currency ?? (CN_PLATFORMS.includes(input.platform) ? 'CNY' : 'USD');
    const id = Number(
      this.db
        .prepare('INSERT INTO shops (platform, name, currency, base_url, credentials_enc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.platform, input.name, currency, input.baseUrl ?? null, sealed, now, now).lastInsertRowid,
    );
    // Never the credentials themselves: only that they were set.
    this.log.record({ actor, entity: 'shop', entityId: id, action: 'shop_added', data: { platform: input.platform, name: input.name, baseUrl: input.baseUrl ?? null } });
    return this.info(id);
  }

  update(id: number, change: ShopChange, actor: string, now = Date.now()): ShopInfo {
    const cur = this.info(id);
    const row = this.db.prepare('SELECT base_url, settings FROM shops WHERE id = ?').get(id) as { base_url: string | null; settings: string };
    const settings = JSON.parse(row.settings) as Record<string, unknown>;
    if (change.syncIntervalSec !== undefined) settings.syncIntervalSec = change.syncIntervalSec;
    const sealed = change.credentials ? this.seal(cur.platform, change.credentials) : undefined;
    this.db
      .prepare(
        `UPDATE shops SET name = ?, base_url = ?, active = ?, settings = ?, updated_at = ?${sealed !== undefined ? ', credentials_enc = ?' : ''} WHERE id = ?`,
      )
      .run(
        ...[
          change.name ?? cur.name,
          change.baseUrl === undefined ? row.base_url : change.baseUrl,
          change.active === undefined ? (cur.active ? 1 : 0) : change.active ? 1 : 0,
          JSON.stringify(settings),
          now,
          ...(sealed !== undefined ? [sealed] : []),
          id,
        ],
      );
    this.log.record({
      actor,
      entity: 'shop',
      entityId: id,
      action: 'shop_updated',
      data: { name: change.name, baseUrl: change.baseUrl, active: change.active, syncIntervalSec: change.syncIntervalSec, credentialsChanged: Boolean(change.credentials) },
    });
    return this.info(id);
  }

  /** Removing a shop that has orders would orphan them: deactivate it instead. */
  remove(id: number, actor: string): boolean {
    this.info(id);
    const orders = (this.db.prepare('SELECT count(*) AS n FROM orders WHERE shop_id = ?').get(id) as { n: number }).n;
    if (orders > 0) throw new AppError('conflict', `shop ${id} has ${orders} orders; deactivate it instead of removing it`, { id, orders });
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM order_counts WHERE shop_id = ?').run(id);
      this.db.prepare('DELETE FROM shops WHERE id = ?').run(id);
      this.log.record({ actor, entity: 'shop', entityId: id, action: 'shop_removed' });
    })();
    return true;
  }

  syncIntervalMs(id: number, fallbackMs: number): number {
    const row = this.db.prepare('SELECT settings FROM shops WHERE id = ?').get(id) as { settings: string } | undefined;
    const sec = row ? (JSON.parse(row.settings) as { syncIntervalSec?: number }).syncIntervalSec : undefined;
    return sec ? sec * 1000 : fallbackMs;
  }

  /** The adapter's view of a shop, credentials opened. */
  context(id: number): ShopContext {
    const row = this.db.prepare('SELECT id, platform, name, base_url, credentials_enc FROM shops WHERE id = ?').get(id) as
      | { id: number; platform: Platform; name: string; base_url: string | null; credentials_enc: Buffer | null }
      | undefined;
    if (!row) throw new AppError('not_found', `shop ${id} does not exist`, { id });
    if (!row.credentials_enc) throw new AppError('conflict', `shop "${row.name}" has no credentials; add them in Settings → Shops`, { id });
    const credentials = JSON.parse(this.secrets.decrypt(row.credentials_enc)) as Record<string, string>;
    return { shopId: row.id, platform: row.platform, name: row.name, credentials, baseUrl: row.base_url };
  }

  /** Stores credentials the platform rotated (e.g. a new refresh token). */
  saveCredentials(id: number, next: Record<string, string>): void {
    this.db.prepare('UPDATE shops SET credentials_enc = ?, updated_at = ? WHERE id = ?').run(this.secrets.encrypt(JSON.stringify(next)), Date.now(), id);
  }

  /** Active shops that have an adapter (those the scheduler polls). */
  syncable(): number[] {
    const platforms = this.adapters.platforms();
    if (!platforms.length) return [];
    return (this.db.prepare(`SELECT id FROM shops WHERE active = 1 AND credentials_enc IS NOT NULL AND platform IN (${platforms.map(() => '?').join(',')}) ORDER BY id`).all(...platforms) as { id: number }[]).map(
      (r) => r.id,
    );
  }
}
