import type { Platform } from '../../../shared/domain/ids.js';
import { AppError } from '../../../shared/errors.js';
import type { ShopStore } from '../../shops/shop-store.js';
import type { AdapterContext } from '../../sync/adapter.js';
import type { HttpClient } from '../../sync/http.js';
import { PlatformError } from '../../sync/platform-error.js';
import { TopClient, type TopClientOptions } from '../../sync/platforms/taobao/client.js';
import { parseTaobaoCredentials } from '../../sync/platforms/taobao/credentials.js';
import { CainiaoWaybillApi, cainiaoRefusal, type CainiaoSubscriptionInfo } from '../../sync/platforms/taobao/waybill.js';
import type { AllocatedNumber, CarrierSetup, Party, WaybillProvider, WaybillTarget } from './provider.js';

/**
 * Cainiao's order-channel codes (order_channels_type) [S: TB, JD, PDD, AMAZON, OTHERS appear in Cainiao's examples
 * and SDK demos]; DY and KS are [U]. Tmall shops share 'taobao' in ShopDesk and go as TB [U: Cainiao also has TM].
 */
const CHANNEL: Readonly<Partial<Record<Platform, string>>> = { taobao: 'TB', jd: 'JD', pinduoduo: 'PDD', amazon: 'AMAZON', douyin: 'DY', kuaishou: 'KS' };

/** Trade order ids may only hold letters, digits, _ and - (cainiao_waybill_ii_get.json, trade_order_list). */
const tradeId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '') || 'SD';

const address = (p: Party) => ({ province: p.province, city: p.city, district: p.district, ...(p.town ? { town: p.town } : {}), detail: p.address });
/** A mobile when the number looks like one (1 + 10 digits, or masked like it), otherwise a landline. */
const phoneOf = (phone: string) => (/^[1*][\d*]{10}$/.test(phone.replace(/[\s-]/g, '')) || /-\d+$/.test(phone) ? { mobile: phone } : { phone });

/**
 * The Cainiao e-waybill as a provider: numbers and cloud-print data through the seller's Taobao shop session
 * (cainiao.waybill.ii.get), cancelled with cainiao.waybill.ii.cancel. The request's object_id and package id are
 * the waybill's attempt key, so asking again after a lost answer returns the same number instead of spending a
 * second one; a new number (reprint) comes with a new key.
 */
export class CainiaoProvider implements WaybillProvider {
  readonly name = 'cainiao' as const;
  constructor(
    private readonly shops: ShopStore,
    private readonly http: HttpClient,
    private readonly now: () => number,
    private readonly top: TopClientOptions = {},
  ) {}

  async allocate(t: WaybillTarget, setup: CarrierSetup, sender: Party, recipient: Party): Promise<AllocatedNumber> {
    const { api, cpCode } = this.api(setup);
    let modules;
    try {
      modules = await api.get({
        cp_code: cpCode,
        sender: { name: sender.name, ...phoneOf(sender.phone), address: address(sender) },
        trade_order_info_dtos: [
          {
            object_id: t.attemptKey,
            order_info: { order_channels_type: CHANNEL[t.platform] ?? 'OTHERS', trade_order_list: t.platformOrderIds.map(tradeId) },
            package_info: { id: t.attemptKey, items: t.items.slice(0, 100), ...(t.weightG !== null ? { weight: t.weightG } : {}) },
            recipient: {
              name: recipient.name,
              ...phoneOf(recipient.phone),
              address: address(recipient),
              ...(recipient.oaid ? { oaid: recipient.oaid, tid: recipient.tid ?? t.platformOrderIds[0]! } : {}),
            },
            template_url: setup.templateUrl!,
            user_id: setup.userId!,
          },
        ],
        // A decrypted address must not be stored in the clear (it would be, inside print_data).
        ...(recipient.revealed ? { need_encrypt: true } : {}),
      });
    } catch (e) {
      throw this.explain(e, setup, 'get a number');
    }
    const m = modules.find((x) => x.objectId === t.attemptKey) ?? modules[0];
    if (!m) throw new AppError('internal', `Cainiao answered without a ${setup.carrier} number for ${t.kind} ${t.id}`, { carrier: setup.carrier });
    return { trackingNo: m.waybillCode, printData: m.printData };
  }

  async cancel(trackingNo: string, setup: CarrierSetup): Promise<void> {
    const { api, cpCode } = this.api(setup);
    try {
      await api.cancel(cpCode, trackingNo);
    } catch (e) {
      throw this.explain(e, setup, `cancel ${trackingNo}`);
    }
  }

  async subscriptions(setup: CarrierSetup): Promise<CainiaoSubscriptionInfo[]> {
    const { api, cpCode } = this.api(setup);
    try {
      return await api.search(cpCode);
    } catch (e) {
      throw this.explain(e, setup, 'read the e-waybill subscription');
    }
  }

  private api(setup: CarrierSetup): { api: CainiaoWaybillApi; cpCode: string } {
    if (setup.provider !== 'cainiao' || setup.shopId === null || !setup.templateUrl || !setup.userId) {
      throw new AppError('conflict', `${setup.carrier} is not set up for the Cainiao e-waybill (shop, template and user id): Settings → Waybills`, { carrier: setup.carrier });
    }
    if (!setup.cpCode) throw new AppError('conflict', `${setup.carrier} has no Cainiao code: set it under Settings → Waybills`, { carrier: setup.carrier, field: 'cpCode' });
    const shopId = setup.shopId;
    const shop = this.shops.context(shopId);
    const ctx: AdapterContext = {
      shop,
      http: this.http,
      now: this.now,
      signal: new AbortController().signal,
      saveCredentials: (next) => this.shops.saveCredentials(shopId, next),
      note: () => {},
    };
    return { api: new CainiaoWaybillApi(new TopClient(parseTaobaoCredentials(shop.credentials), ctx, this.top)), cpCode: setup.cpCode };
  }

  /** A Cainiao refusal in the seller's terms; other platform errors keep their class and say what was being done. */
  private explain(e: unknown, setup: CarrierSetup, doing: string): Error {
    const details = { carrier: setup.carrier, cpCode: setup.cpCode, ...(e instanceof PlatformError ? { platformCode: e.details.platformCode } : {}) };
    switch (cainiaoRefusal(e)) {
      case 'quota_exhausted':
        return new AppError('conflict', `Cainiao has no ${setup.carrier} e-waybill numbers left on this account (quota exhausted): top it up at the carrier's branch (网点充值), then print again`, {
          ...details,
          reason: 'quota_exhausted',
        });
      case 'cancel_refused':
        return new AppError('conflict', `Cainiao refused to ${doing}: the carrier already picked up, delivered or recycled that parcel`, { ...details, reason: 'cancel_refused' });
      case 'not_found':
        return new AppError('not_found', `Cainiao does not know that ${setup.carrier} number under this account (${doing})`, { ...details, reason: 'not_found' });
      default:
        if (e instanceof PlatformError) {
          // 'unauthorized' would read as "sign in to ShopDesk": a refused Taobao session is a conflict with the setup instead.
          const code = e.kind === 'network' || e.kind === 'server' || e.kind === 'throttled' ? 'io_error' : 'conflict';
          return new AppError(code, `Cainiao e-waybill: could not ${doing} for ${setup.carrier}: ${e.message}`, { ...details, kind: e.kind });
        }
        return e instanceof Error ? e : new Error(String(e));
    }
  }
}
