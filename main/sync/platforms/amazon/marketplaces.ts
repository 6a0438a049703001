/**
 * The marketplaces we know, with the SP-API region that serves them and the currency their orders are priced in.
 * Used to catch a region/marketplace mix-up when credentials are entered (a DE shop on the NA host answers with
 * nothing useful) and to price orders Amazon sends without any money fields (Pending orders carry no OrderTotal).
 * Unknown ids are accepted: Amazon opens marketplaces faster than we ship releases.
 */
export type AmazonRegion = 'na' | 'eu' | 'fe';

export interface MarketplaceInfo {
  country: string;
  region: AmazonRegion;
  currency: string;
}

export const MARKETPLACES: Readonly<Record<string, MarketplaceInfo>> = {
  ATVPDKIKX0DER: { country: 'US', region: 'na', currency: 'USD' },
  A2EUQ1WTGCTBG2: { country: 'CA', region: 'na', currency: 'CAD' },
  A1AM78C64UM0Y8: { country: 'MX', region: 'na', currency: 'MXN' },
  A2Q3Y263D00KWC: { country: 'BR', region: 'na', currency: 'BRL' },
  A1F83G8C2ARO7P: { country: 'GB', region: 'eu', currency: 'GBP' },
  A1PA6795UKMFR9: { country: 'DE', region: 'eu', currency: 'EUR' },
  A13V1IB3VIYZZH: { country: 'FR', region: 'eu', currency: 'EUR' },
  APJ6JRA9NG5V4: { country: 'IT', region: 'eu', currency: 'EUR' },
  A1RKKUPIHCS9HS: { country: 'ES', region: 'eu', currency: 'EUR' },
  A1805IZSGTT6HS: { country: 'NL', region: 'eu', currency: 'EUR' },
  AMEN7PMS3EDWL: { country: 'BE', region: 'eu', currency: 'EUR' },
  A28R8C7NBKEWEA: { country: 'IE', region: 'eu', currency: 'EUR' },
  A2NODRKZP88ZB9: { country: 'SE', region: 'eu', currency: 'SEK' },
  A1C3SOZRARQ6R3: { country: 'PL', region: 'eu', currency: 'PLN' },
  A33AVAJ2PDY3EV: { country: 'TR', region: 'eu', currency: 'TRY' },
  A2VIGQ35RCS4UG: { country: 'AE', region: 'eu', currency: 'AED' },
  A17E79C6D8DWNP: { country: 'SA', region: 'eu', currency: 'SAR' },
  ARBP9OOSHTCHU: { country: 'EG', region: 'eu', currency: 'EGP' },
  A21TJRUUN4KGV: { country: 'IN', region: 'eu', currency: 'INR' },
  AE08WJ6YKNBMC: { country: 'ZA', region: 'eu', currency: 'ZAR' },
  A1VC38T7YXB528: { country: 'JP', region: 'fe', currency: 'JPY' },
  A39IBJ37TRP1C6: { country: 'AU', region: 'fe', currency: 'AUD' },
  A19VAU5U5O7RUS: { country: 'SG', region: 'fe', currency: 'SGD' },
};

/** SP-API hosts by region (platform-apis.md §2.1). */
export const SP_API_HOSTS: Readonly<Record<AmazonRegion, string>> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};

/** Login with Amazon token endpoint; SP-API apps use the global host whatever the region (§2.1, [U] in §10.2). */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
