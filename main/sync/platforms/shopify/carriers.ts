/**
 * ShopDesk carrier codes ↔ Shopify tracking company names. Shopify builds a clickable tracking link only when the
 * company is spelled exactly as in its supported list (case-sensitive); any other string is accepted and stored,
 * just without the link. Names marked [U] could not be confirmed on Shopify's list — they still work, as text.
 */
const TO_SHOPIFY: Record<string, string> = {
  SF: 'SF Express',
  YTO: 'YTO Express', // [U]
  ZTO: 'ZTO Express', // [U]
  STO: 'STO Express', // [U]
  YUNDA: 'Yunda Express', // [U]
  JD: 'JD Logistics', // [U]
  JT: 'J&T Express', // [U]
  CAINIAO: 'Cainiao', // [U]
  EMS: 'China EMS (ePacket)',
  CHINAPOST: 'China Post',
  YUNEXPRESS: 'YunExpress',
  '4PX': '4PX',
  YANWEN: 'Yanwen',
  UPS: 'UPS',
  FEDEX: 'FedEx',
  DHL: 'DHL Express',
  DHLECOM: 'DHL eCommerce',
  USPS: 'USPS',
  ROYALMAIL: 'Royal Mail',
  CANADAPOST: 'Canada Post',
  AUSPOST: 'Australia Post',
  DPD: 'DPD',
  GLS: 'GLS',
};

const FROM_SHOPIFY = new Map(Object.entries(TO_SHOPIFY).map(([code, name]) => [name.toLowerCase(), code]));

/** The company name to send for a ShopDesk carrier code; an unknown code is sent as given (text, no link). */
export function shopifyTrackingCompany(carrierCode: string): string {
  const code = carrierCode.trim();
  return TO_SHOPIFY[code.toUpperCase()] ?? code;
}

/** The ShopDesk code for a company Shopify reports, or the company as Shopify spelled it. */
export function carrierCodeFromShopify(company: string | null | undefined): string | null {
  if (!company) return null;
  return FROM_SHOPIFY.get(company.trim().toLowerCase()) ?? company;
}
