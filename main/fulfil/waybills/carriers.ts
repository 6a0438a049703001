import type { WaybillCarrier } from '../../../shared/contract/fulfil.js';
import { AppError } from '../../../shared/errors.js';
import type { EventLog } from '../../history/events.js';
import type { DB } from '../../store/db.js';
import type { CarrierCodeStore } from '../../sync/carrier-codes.js';
import { knownCarrier } from '../rules.js';
import { by, type Who } from '../who.js';
import type { CarrierSetup, WaybillProviderName } from './provider.js';

interface CarrierDbRow {
  carrier: string;
  provider: WaybillProviderName;
  shop_id: number | null;
  cp_code: string | null;
  template_url: string | null;
  user_id: string | null;
  low_water: number;
}

/**
 * Which provider gives each carrier's numbers, and its settings. A carrier nobody set up is 'manual' (numbers are
 * typed in or scanned). The Cainiao code defaults to the carrier's Taobao company code (Settings → Carriers), which
 * is the same code table (platform-apis.md §4.6).
 */
export class WaybillCarriers {
  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
    private readonly codes: CarrierCodeStore,
  ) {}

  setup(carrier: string): CarrierSetup {
    const r = this.db.prepare('SELECT * FROM waybill_carriers WHERE carrier = ?').get(carrier) as CarrierDbRow | undefined;
    if (!r) return { carrier, provider: 'manual', shopId: null, cpCode: null, templateUrl: null, userId: null, lowWater: 0 };
    return {
      carrier: r.carrier,
      provider: r.provider,
      shopId: r.shop_id,
      cpCode: r.cp_code ?? (r.provider === 'cainiao' ? this.codes.resolve('taobao', r.carrier) : null),
      templateUrl: r.template_url,
      userId: r.user_id,
      lowWater: r.low_water,
    };
  }

  list(): WaybillCarrier[] {
    const set = (this.db.prepare('SELECT carrier FROM waybill_carriers').all() as { carrier: string }[]).map((r) => r.carrier);
    const pooled = (this.db.prepare('SELECT DISTINCT carrier FROM waybill_pool').all() as { carrier: string }[]).map((r) => r.carrier);
    return [...new Set([...set, ...pooled])].sort().map((c) => this.view(c));
  }

  view(carrier: string): WaybillCarrier {
    const s = this.setup(carrier);
    const counts = Object.fromEntries(
      (this.db.prepare('SELECT state, count(*) AS n FROM waybill_pool WHERE carrier = ? GROUP BY state').all(carrier) as { state: string; n: number }[]).map((r) => [r.state, r.n]),
    ) as Record<string, number>;
    const pool = { free: counts.free ?? 0, taken: counts.taken ?? 0, void: counts.void ?? 0 };
    return { ...s, pool, poolLow: s.provider === 'pool' && pool.free <= s.lowWater };
  }

  save(
    input: { carrier: string; provider: WaybillProviderName; shopId?: number | null; cpCode?: string | null; templateUrl?: string | null; userId?: string | null; lowWater: number },
    who: Who,
    now = Date.now(),
  ): WaybillCarrier {
    const carrier = knownCarrier(input.carrier, 'carrier');
    return this.db.transaction(() => {
      if (input.provider === 'cainiao') {
        const shop = this.db.prepare('SELECT platform FROM shops WHERE id = ?').get(input.shopId ?? null) as { platform: string } | undefined;
        if (!shop) throw new AppError('invalid_input', `shopId: shop ${input.shopId} does not exist`, { field: 'shopId', value: input.shopId });
        if (shop.platform !== 'taobao') throw new AppError('invalid_input', `shopId: the Cainiao e-waybill is reached through a Taobao shop's authorization, and shop ${input.shopId} is a ${shop.platform} shop`, { field: 'shopId', value: input.shopId });
      }
      const before = this.db.prepare('SELECT * FROM waybill_carriers WHERE carrier = ?').get(carrier) as CarrierDbRow | undefined;
      const v = {
        provider: input.provider,
        shopId: input.provider === 'cainiao' ? (input.shopId ?? null) : null,
        cpCode: input.provider === 'cainiao' ? (input.cpCode ?? null) : null,
        templateUrl: input.provider === 'cainiao' ? (input.templateUrl ?? null) : null,
        userId: input.provider === 'cainiao' ? (input.userId ?? null) : null,
        lowWater: input.lowWater,
      };
      this.db
        .prepare(
          `INSERT INTO waybill_carriers (carrier, provider, shop_id, cp_code, template_url, user_id, low_water, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(carrier) DO UPDATE SET provider = excluded.provider, shop_id = excluded.shop_id, cp_code = excluded.cp_code,
             template_url = excluded.template_url, user_id = excluded.user_id, low_water = excluded.low_water, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(carrier, v.provider, v.shopId, v.cpCode, v.templateUrl, v.userId, v.lowWater, now, who.actor);
      this.log.record({ at: now, ...by(who), entity: 'waybill_carrier', entityId: null, action: 'saved', data: { carrier, ...v, ...(before ? { was: before } : {}) } });
      return this.view(carrier);
    })();
  }
}
