import { AUDIT_CHECKS } from '../../../shared/domain/audit.js';
import type { BuiltInCheck } from '../check-types.js';
import { addressInvalid } from './address-invalid.js';
import { amountOutlier } from './amount-outlier.js';
import { blacklisted } from './blacklisted.js';
import { buyerMessage } from './buyer-message.js';
import { duplicateOrder } from './duplicate-order.js';
import { outOfStock } from './out-of-stock.js';
import { platformRisk } from './platform-risk.js';
import { sellerMemo } from './seller-memo.js';
import { unmappedSku } from './unmapped-sku.js';

const ALL = [unmappedSku, outOfStock, addressInvalid, duplicateOrder, blacklisted, buyerMessage, sellerMemo, amountOutlier, platformRisk];

/** The built-in checks in AUDIT_CHECKS order (the order findings are listed in). */
export const BUILT_IN_CHECKS: readonly BuiltInCheck[] = AUDIT_CHECKS.map((name) => {
  const c = ALL.find((x) => x.name === name);
  if (!c) throw new Error(`built-in check ${name} has no implementation`);
  return c;
});
