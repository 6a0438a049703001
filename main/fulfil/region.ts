/**
 * Region conditions of warehouse and carrier rules: "广东省", "广东省/深圳市", "US", "US/CA". A value is a path of
 * segments matched from the left against the order's [country, province, city] or, for domestic orders whose
 * country is not filled in, against [province, city]. Case and the administrative suffix ("广东" = "广东省",
 * "深圳" = "深圳市") do not matter.
 */
export interface RegionOf {
  country: string | null;
  province: string | null;
  city: string | null;
}

// Longest first, so "广西壮族自治区" loses its whole suffix and not only "区".
const SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '自治州', '省', '市', '地区', '盟'];

export function normRegion(s: string): string {
  let v = s.trim().toLowerCase();
  for (const suf of SUFFIXES) {
    if (v.length > suf.length + 1 && v.endsWith(suf)) {
      v = v.slice(0, -suf.length);
      break;
    }
  }
  return v;
}

/** A compiled region list: true when any of the values matches the order. */
export function regionMatcher(values: readonly string[]): (o: RegionOf) => boolean {
  const paths = values.map((v) => v.split('/').map(normRegion).filter((x) => x !== ''));
  return (o) => {
    const full = [o.country, o.province, o.city].map((x) => (x ? normRegion(x) : ''));
    const domestic = full.slice(1);
    return paths.some((p) => p.length > 0 && (startsWith(full, p) || startsWith(domestic, p)));
  };
}

function startsWith(have: readonly string[], want: readonly string[]): boolean {
  if (want.length > have.length) return false;
  return want.every((w, i) => have[i] !== '' && have[i] === w);
}
