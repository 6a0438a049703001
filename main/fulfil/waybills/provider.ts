import type { Platform } from '../../../shared/domain/ids.js';

export type WaybillProviderName = 'manual' | 'pool' | 'cainiao';

/** How one carrier's numbers are obtained (a waybill_carriers row; 'manual' when the seller set nothing). */
export interface CarrierSetup {
  carrier: string;
  provider: WaybillProviderName;
  /** cainiao: the Taobao shop whose TOP session asks for numbers. */
  shopId: number | null;
  /** cainiao: the carrier's Cainiao code. */
  cpCode: string | null;
  templateUrl: string | null;
  userId: string | null;
  lowWater: number;
}

/** A sender or recipient as a label shows them. */
export interface Party {
  name: string;
  phone: string;
  country?: string | null;
  province: string;
  city: string;
  district: string;
  town?: string | null;
  address: string;
  /**
   * Taobao's Open Addressee ID and trade id: with them Cainiao decrypts a masked address itself, and the masked
   * name/phone/address stay as they are (ShopDesk never sees the plaintext).
   */
  oaid?: string | null;
  tid?: string | null;
  /**
   * The address was decrypted by the platform for this label: it must not come back in print data ShopDesk stores,
   * so the provider asks for encrypted print data (only the print component can read it).
   */
  revealed?: boolean;
}

/** What a number is asked for: one order, or one parcel (merged orders / one part of a split order). */
export interface WaybillTarget {
  kind: 'order' | 'parcel';
  id: number;
  shopId: number;
  platform: Platform;
  /** The platform order ids the parcel carries (one, or several when merged). */
  platformOrderIds: string[];
  items: { name: string; count: number }[];
  weightG: number | null;
  /**
   * The provider's idempotency key for this request: the same key after a lost answer gets the same number back;
   * a new number (reprint with a new number, after a recycle) always gets a new key.
   */
  attemptKey: string;
}

export interface AllocatedNumber {
  trackingNo: string;
  /** What the print component renders (Cainiao cloud-print JSON), when the provider gives one. */
  printData?: string;
}

/**
 * Where a carrier's numbers come from. allocate() gets one number for a target; cancel() gives one back — `printed`
 * says whether a label with it was ever printed (a pool number never printed can be handed out again; one that was
 * printed is void for good).
 */
export interface WaybillProvider {
  readonly name: WaybillProviderName;
  allocate(target: WaybillTarget, setup: CarrierSetup, sender: Party, recipient: Party): Promise<AllocatedNumber>;
  cancel(trackingNo: string, setup: CarrierSetup, how: { printed: boolean }): Promise<void>;
}
