import { hasHan } from './names.js';
import { isChineseProvince, specialRegionOf } from './region.js';

/** How platforms spell China when they do not use the ISO code (PDD '中国', imports 'China'). */
const CHINA = new Set(['CN', 'CHN', 'CHINA', '中国', '中华人民共和国', 'PRC', "PEOPLE'S REPUBLIC OF CHINA"]);
const SPECIAL: Readonly<Record<string, 'HK' | 'MO' | 'TW'>> = { HKG: 'HK', 'HONG KONG': 'HK', 香港: 'HK', MAC: 'MO', MACAO: 'MO', MACAU: 'MO', 澳门: 'MO', TWN: 'TW', TAIWAN: 'TW', 台湾: 'TW' };

/**
 * The order's country as an ISO 3166 alpha-2 code: 'CN' for China in any spelling, and for an address with no
 * country whose province is Chinese (or written in Chinese); HK/MO/TW when the province names them; otherwise the
 * two-letter code given, or null when it cannot be told.
 */
export function countryOf(country: string | null, province: string | null): string | null {
  const c = country?.normalize('NFKC').trim().toUpperCase() ?? '';
  const special = specialRegionOf(province);
  if (CHINA.has(c)) return special ?? 'CN';
  if (c !== '') return SPECIAL[c] ?? (/^[A-Z]{2}$/.test(c) ? c : null);
  if (special) return special;
  if (province && (isChineseProvince(province) || hasHan(province))) return 'CN';
  return null;
}
