import type { Platform } from '../../shared/domain/ids.js';
import type { Payment, PlatformState } from '../../shared/domain/status.js';

/**
 * An order as an adapter, an import or a person hands it to the store: already normalized (money in minor units,
 * times in epoch ms), with the platform's own payload kept verbatim beside it.
 */
export interface NormalizedLine {
  platformLineId?: string | null;
  platformSku?: string | null;
  skuCode?: string | null;
  title: string;
  variant?: string | null;
  qty: number;
  unitPriceMinor: number;
  discountMinor?: number;
}

export interface NormalizedOrder {
  shopId: number;
  platform: Platform;
  platformOrderId: string;
  platformStatus: string;
  platformState: PlatformState;
  payment: Payment;
  buyerNick?: string | null;
  buyerName?: string | null;
  buyerPhone?: string | null;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  address1?: string | null;
  postcode?: string | null;
  piiMasked?: boolean;
  /**
   * What the platform needs to decrypt this order's address for printing (Taobao oaid, Douyin/PDD ciphertexts…),
   * stored apart from the order (order_pii) and handed back to the adapter's decryptAddresses. The masked values
   * go in buyerName/buyerPhone/address1 with piiMasked set.
   */
  piiRef?: Record<string, string> | null;
  buyerMessage?: string | null;
  sellerMemo?: string | null;
  currency: string;
  goodsMinor: number;
  shippingMinor?: number;
  discountMinor?: number;
  totalMinor: number;
  paidMinor?: number;
  refundedMinor?: number;
  trackingNo?: string | null;
  carrier?: string | null;
  placedAt: number;
  paidAt?: number | null;
  shipBy?: number | null;
  platformUpdatedAt?: number | null;
  lines: NormalizedLine[];
  raw?: { format: string; payload: string };
}
