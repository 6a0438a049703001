/**
 * ShopDesk carrier codes → what confirmShipment's packageDetail wants. Amazon recognizes its own carrierCode values
 * (and builds the buyer's tracking link from them); any other carrier goes as carrierCode "Other" with a readable
 * carrierName, which Amazon then requires (platform-apis.md §2.5).
 */
export interface AmazonCarrier {
  carrierCode: string;
  carrierName?: string;
}

/** Carriers Amazon knows by code, keyed by ShopDesk's code (upper case). */
const AMAZON_CODES: Readonly<Record<string, string>> = {
  UPS: 'UPS',
  USPS: 'USPS',
  FEDEX: 'FedEx',
  DHL: 'DHL',
};

/** Names for carriers Amazon has no code for: what the buyer reads next to the tracking number. */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  SF: 'SF Express',
  YTO: 'YTO Express',
  ZTO: 'ZTO Express',
  STO: 'STO Express',
  YUNDA: 'Yunda Express',
  JD: 'JD Logistics',
  EMS: 'China EMS',
  CHINAPOST: 'China Post',
  YUNEXPRESS: 'YunExpress',
  '4PX': '4PX',
  YANWEN: 'Yanwen',
  CAINIAO: 'Cainiao',
};

export function amazonCarrier(shopDeskCode: string): AmazonCarrier {
  const code = shopDeskCode.trim().toUpperCase();
  if (!code) throw new Error('carrier is empty');
  const known = AMAZON_CODES[code];
  if (known) return { carrierCode: known };
  // An unlisted carrier still ships: its own code is the best name we have.
  return { carrierCode: 'Other', carrierName: OTHER_NAMES[code] ?? shopDeskCode.trim() };
}
