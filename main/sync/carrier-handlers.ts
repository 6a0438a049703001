import { CARRIERS } from '../../shared/domain/carriers.js';
import { CODED_PLATFORMS, type CarrierCodeRow } from '../../shared/contract/carriers.js';
import { AppError } from '../../shared/errors.js';
import type { Sessions } from '../people/sessions.js';
import type { Handlers } from '../transport/dispatch.js';
import { defaultCarrierCode, type CarrierCodeStore } from './carrier-codes.js';

type CarrierHandlers = Pick<Handlers, 'carriers.codes' | 'carriers.setCode'>;

/** Settings → Carriers: every Chinese carrier × coded platform, built-in code beside the seller's override. */
export function carrierHandlers(store: CarrierCodeStore, sessions: Sessions, now: () => number): CarrierHandlers {
  const rows = (): { rows: CarrierCodeRow[] } => {
    const overrides = new Map(store.overrides().map((o) => [`${o.platform}:${o.carrier}`, o.code]));
    const out: CarrierCodeRow[] = [];
    for (const c of CARRIERS.filter((x) => x.region === 'cn')) {
      for (const platform of CODED_PLATFORMS) {
        out.push({ platform, carrier: c.code, builtIn: defaultCarrierCode(platform, c.code) ?? null, override: overrides.get(`${platform}:${c.code}`) ?? null });
      }
    }
    return { rows: out };
  };
  return {
    'carriers.codes': () => rows(),
    'carriers.setCode': (input, ctx) => {
      if (!CARRIERS.some((c) => c.code === input.carrier)) throw new AppError('invalid_input', `carrier: ShopDesk has no carrier "${input.carrier}"`, { field: 'carrier' });
      const code = input.code && input.code !== '' ? input.code : null;
      store.set(input.platform, input.carrier, code, now());
      sessions.record(ctx.session, 'carrier_code', null, code ? 'override_set' : 'override_removed', { platform: input.platform, carrier: input.carrier, code });
      return rows();
    },
  };
}
