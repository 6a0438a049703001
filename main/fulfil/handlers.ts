import type { z } from 'zod';
import type { FulfilChannels } from '../../shared/contract/fulfil.js';
import { AppError } from '../../shared/errors.js';
import type { Sessions } from '../people/sessions.js';
import type { CallContext } from '../transport/dispatch.js';
import type { Fulfil } from './services.js';
import { whoOf } from './who.js';

/**
 * The handlers of shared/contract/fulfil.ts. Typed from the fulfil channels themselves so they check before the
 * map joins shared/contract/index.ts; once it does, this type is exactly Pick<Handlers, keyof FulfilChannels>.
 */
export type FulfilHandlers = {
  [N in keyof FulfilChannels]: (input: z.output<FulfilChannels[N]['input']>, ctx: CallContext) => z.output<FulfilChannels[N]['output']> | Promise<z.output<FulfilChannels[N]['output']>>;
};

export function fulfilHandlers(f: Fulfil, sessions: Sessions): FulfilHandlers {
  const who = (ctx: CallContext) => whoOf(sessions, ctx.session);
  return {
    'warehouses.list': () => ({ rows: f.warehouses.list() }),
    'warehouses.save': (input, ctx) => f.warehouses.save(input, who(ctx)),

    'skus.list': (input) => f.catalog.list(input),
    'skus.save': (input, ctx) => f.catalog.save(input, who(ctx)),
    'skus.mappings': (input) => f.catalog.mappings(input),
    'skus.map': (input, ctx) => f.catalog.map(input, who(ctx)),
    'skus.unmap': (input, ctx) => {
      f.catalog.unmap(input.id, who(ctx));
      return { ok: true as const };
    },
    'skus.unmapped': (input) => ({ rows: f.catalog.unmapped(input) }),

    'stock.list': (input) => f.stock.list(input),
    'stock.adjust': (input, ctx) => f.stock.adjust(input, who(ctx)),
    'stock.setLowWater': (input, ctx) => f.stock.setLowWater(input.warehouseId, input.skuId, input.lowWater, who(ctx)),
    'stock.low': (input) => ({ rows: f.stock.low(input) }),

    'fulfil.warehouseRules': () => ({ rules: f.rules.warehouseRules() }),
    'fulfil.saveWarehouseRules': (input, ctx) => ({ rules: f.rules.saveWarehouseRules(input.rules, who(ctx)) }),
    'fulfil.carrierRules': () => ({ rules: f.rules.carrierRules(), defaultCarrier: f.rules.defaultCarrier() }),
    'fulfil.saveCarrierRules': (input, ctx) => f.rules.saveCarrierRules(input.rules, input.defaultCarrier, who(ctx)),
    'fulfil.allocate': (input, ctx) => f.allocator.run(input.orderIds ? { orderIds: input.orderIds } : {}, who(ctx)),
    'fulfil.release': (_input, ctx) => f.moves.releaseBlocked(who(ctx)),

    'waybills.carriers': () => ({ rows: f.carriers.list() }),
    'waybills.setCarrier': (input, ctx) => f.carriers.save(input, who(ctx)),
    'waybills.importPool': (input, ctx) => {
      const setup = f.carriers.setup(input.carrier);
      return f.pool.import(setup.carrier, input.text, input.batch ?? `import ${new Date().toISOString()}`, setup.lowWater, who(ctx));
    },
    'waybills.subscriptions': async (input) => {
      const setup = f.carriers.setup(input.carrier);
      if (setup.provider !== 'cainiao') throw new AppError('conflict', `${input.carrier} is not set up for the Cainiao e-waybill`, { carrier: input.carrier });
      return { rows: await f.cainiao.subscriptions(setup) };
    },
    'waybills.forOrder': (input) => ({ rows: f.waybills.forTarget('order', input.orderId) }),
    'waybills.bind': (input, ctx) => f.waybills.bind('order', input.orderId, input.carrier, input.trackingNo, who(ctx)),
    'waybills.allocate': async (input, ctx) => {
      const results = [];
      // One after another: each may call Cainiao, and the numbers come out in the order the list was printed in.
      for (const orderId of input.orderIds) {
        try {
          results.push({ orderId, ok: true, waybill: await f.waybills.ensure('order', orderId, who(ctx)), error: null });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results.push({ orderId, ok: false, waybill: null, error: { code: e.code, message: e.message } });
        }
      }
      return { results };
    },
    'waybills.reprint': (input, ctx) =>
      f.waybills.reprint('order', input.orderId, { newNumber: input.newNumber, ...(input.trackingNo ? { trackingNo: input.trackingNo } : {}), ...(input.reason ? { reason: input.reason } : {}) }, who(ctx)),
    'waybills.void': (input, ctx) => f.waybills.voidNumber('order', input.orderId, input.reason, who(ctx)),
    'waybills.recycle': (input, ctx) => f.waybills.recycleUnused(input.orderIds ?? null, who(ctx)),
  };
}
