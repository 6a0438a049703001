/*
 * Chinese division names as platforms write them. The same province, city or district reaches ShopDesk in several
 * forms — '浙江省' / '浙江', '广西壮族自治区' / '广西', '恩施土家族苗族自治州' / '恩施州' / '恩施' — so every name is
 * compared by its full form and by its base (the name without the administrative suffix).
 */

/**
 * Ethnic names that sit between a place name and 自治区/自治州 in official names (every one the division data uses
 * at those two levels). Stripped longest first, repeatedly: '湘西土家族苗族' → '湘西'.
 */
const ETHNIC = [
  '维吾尔',
  '土家族',
  '朝鲜族',
  '蒙古族',
  '景颇族',
  '傈僳族',
  '哈尼族',
  '布依族',
  '柯尔克孜',
  '哈萨克',
  '蒙古',
  '壮族',
  '回族',
  '藏族',
  '苗族',
  '羌族',
  '彝族',
  '傣族',
  '白族',
  '侗族',
].sort((a, b) => b.length - a.length);

const SPACE = /[\s\u00a0\u3000\u200b]+/g;

/** Width-folded (NFKC) and without whitespace: how a division name is compared. */
export function compact(s: string): string {
  return s.normalize('NFKC').replace(SPACE, '');
}

function stripEthnic(s: string): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC) {
      if (out.length > e.length + 1 && out.endsWith(e)) {
        out = out.slice(0, -e.length);
        changed = true;
        break;
      }
    }
  }
  return out;
}

/** Suffixes of province-level names, longest first. */
const PROVINCE_SUFFIX = ['特别行政区', '自治区', '省', '市'];
/** Suffixes of prefecture-level names ('州' covers the short form '恩施州'). */
const CITY_SUFFIX = ['自治州', '地区', '市', '盟', '州'];
/** Suffixes of county-level names. */
const DISTRICT_SUFFIX = ['自治县', '自治旗', '林区', '区', '县', '市', '旗'];

function base(name: string, suffixes: readonly string[], ethnic: boolean): string {
  const s = compact(name);
  for (const suf of suffixes) {
    // A base keeps at least two characters: '南区' stays itself, it is not '南'.
    if (s.length >= suf.length + 2 && s.endsWith(suf)) {
      const rest = s.slice(0, -suf.length);
      return ethnic ? stripEthnic(rest) : rest;
    }
  }
  return s;
}

export const provinceBase = (name: string): string => base(name, PROVINCE_SUFFIX, true);
export const cityBase = (name: string): string => base(name, CITY_SUFFIX, true);
export const districtBase = (name: string): string => base(name, DISTRICT_SUFFIX, false);

/** Han characters: a region written in Chinese with no country given is read as a Chinese address. */
export function hasHan(s: string): boolean {
  return /\p{Script=Han}/u.test(s);
}
