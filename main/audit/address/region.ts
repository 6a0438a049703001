import { chinaDivisions, findCity, findProvince, hasDistrict, type Divisions, type SpecialRegion } from './divisions.js';
import { compact, districtBase } from './names.js';

export interface RegionInput {
  province: string | null;
  city: string | null;
  district: string | null;
}

export interface RegionOptions {
  /** A district the data does not list is a finding (off by default: districts renamed lately are missing there). */
  strictDistrict: boolean;
}

const blank = (s: string | null): boolean => s === null || compact(s) === '';

/** Hong Kong, Macao or Taiwan when the province names one of them, else null. */
export function specialRegionOf(province: string | null, d: Divisions = chinaDivisions()): SpecialRegion | null {
  return province === null ? null : (d.special.get(compact(province)) ?? null);
}

/** Whether `province` is a mainland province-level division in any of the forms platforms write. */
export function isChineseProvince(province: string | null, d: Divisions = chinaDivisions()): boolean {
  return province !== null && findProvince(d, province) !== undefined;
}

/**
 * Checks a Chinese address's province, city and district against the division data: each must be real and inside
 * the one above it. Returns the first problem in plain words naming the field and value, or null. Hong Kong, Macao
 * and Taiwan pass (the mainland table does not cover them).
 */
export function checkChineseRegion(r: RegionInput, opts: RegionOptions, d: Divisions = chinaDivisions()): string | null {
  if (blank(r.province)) return 'province is missing';
  const province = r.province!.trim();
  if (specialRegionOf(province, d)) return null;
  const p = findProvince(d, province);
  if (!p) return `province '${province}' is not a Chinese province`;
  if (blank(r.city)) return `city is missing (province ${p.name})`;
  const cityText = r.city!.trim();
  const city = findCity(p, cityText);
  if (!city) {
    // Some platforms (JD) write a municipality's district as its city and a town as the district.
    if (p.municipality) {
      const whole = findCity(p, p.name)!;
      if (hasDistrict(whole, cityText)) return null;
    }
    return `city '${cityText}' is not a city of ${p.name}`;
  }
  if (blank(r.district)) return city.hasDistricts ? `district is missing (city ${city.name})` : null;
  const district = r.district!.trim();
  // Taobao writes a county-level city both as city and as district (济源市 / 济源市).
  if (compact(district) === compact(cityText) || hasDistrict(city, district)) return null;
  if (!city.hasDistricts) return opts.strictDistrict ? `district '${district}' is not a district or town of ${city.name}` : null;
  const owners = p.districtOwners.get(compact(district)) ?? p.districtOwners.get(districtBase(district));
  if (owners && owners.length > 0 && !owners.includes(city)) {
    const where = [...new Set(owners.map((c) => c.name))].join(' or ');
    return `district '${district}' is in ${where}, not in ${city.name}`;
  }
  return opts.strictDistrict ? `district '${district}' is not a district of ${city.name}` : null;
}
