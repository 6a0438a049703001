import { describe, expect, it } from 'vitest';
import { BlacklistStore } from '../../main/audit/blacklist.js';
import { blacklisted } from '../../main/audit/checks/blacklisted.js';
import { RulesVersion } from '../../main/audit/version.js';
import { EventLog } from '../../main/history/events.js';
import { AppError } from '../../shared/errors.js';
import { add, NOW, order, run, setupDb, SHOP } from './audit-checks-fixtures.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('blacklist store', () => {
  it('stores values normalized: spaces, case, full width, +86, punctuation', () => {
    const db = setupDb();
    const store = new BlacklistStore(db);
    expect(store.add('buyer', '  TB_Bad  Buyer ', 'chargebacks', 'owner', NOW)).toEqual({
      id: expect.any(Number),
      kind: 'buyer',
      value: 'tb_bad buyer',
      note: 'chargebacks',
      createdAt: NOW,
      createdBy: 'owner',
    });
    expect(store.add('phone', '+86 138-0013-8000', null, 'owner', NOW).value).toBe('13800138000');
    expect(store.add('address', '浙江省杭州市西湖区 文三路１００号，', '  ', 'owner', NOW)).toMatchObject({ value: '浙江省杭州市西湖区文三路100号', note: null });
    expect(store.list().map((e) => `${e.kind}:${e.value}`)).toEqual(['address:浙江省杭州市西湖区文三路100号', 'buyer:tb_bad buyer', 'phone:13800138000']);
  });

  it('refuses a value already listed in another spelling, an empty or masked value, an unknown kind', () => {
    const db = setupDb();
    const store = new BlacklistStore(db);
    const first = store.add('phone', '13800138000', null, 'owner', NOW);
    expect(codeOf(() => store.add('phone', '0086 138 0013 8000', null, 'owner', NOW))).toBe(`conflict: phone '13800138000' is already on the blacklist (entry ${first.id})`);
    expect(codeOf(() => store.add('phone', '138****8000', null, 'owner', NOW))).toBe(
      "invalid_input: blacklist phone '138****8000' is masked (asterisks hide part of it), so no order could be matched against it",
    );
    expect(codeOf(() => store.add('address', ' ，。 ', null, 'owner', NOW))).toBe("invalid_input: blacklist address ' ，。 ' is empty once normalized");
    expect(codeOf(() => store.add('email' as 'buyer', 'a@b.c', null, 'owner', NOW))).toBe("invalid_input: blacklist kind 'email' is not one of buyer, phone, address");
    expect(codeOf(() => store.remove(9999, 'owner', NOW))).toBe('not_found: blacklist entry 9999 does not exist');
  });

  it('every add and remove is an event with who and why, and bumps the rules version', () => {
    const db = setupDb();
    const version = new RulesVersion(db);
    const store = new BlacklistStore(db, new EventLog(db), version);
    const e = store.add('buyer', 'Scammer', 'fake returns', { actor: 'person:7', operatorId: null, stationId: null }, NOW);
    store.remove(e.id, 'owner', NOW + 1);
    expect(store.list()).toEqual([]);
    expect(version.current()).toBe(2);
    expect(db.prepare("SELECT at, actor, entity_id, action, reason, data FROM events WHERE entity = 'audit_blacklist' ORDER BY id").all()).toEqual([
      { at: NOW, actor: 'person:7', entity_id: e.id, action: 'added', reason: 'fake returns', data: JSON.stringify({ kind: 'buyer', value: 'scammer', entered: 'Scammer' }) },
      { at: NOW + 1, actor: 'owner', entity_id: e.id, action: 'removed', reason: null, data: JSON.stringify({ kind: 'buyer', value: 'scammer', note: 'fake returns' }) },
    ]);
  });
});

describe('blacklisted check', () => {
  it('matches buyer nick or name, phone and address however the order writes them', () => {
    const db = setupDb();
    const store = new BlacklistStore(db);
    store.add('buyer', 'bad_nick', null, 'owner', NOW);
    store.add('buyer', 'Liam Smith', 'chargeback 2025', 'owner', NOW);
    store.add('phone', '13900001111', null, 'owner', NOW);
    store.add('address', '文三路99号', null, 'owner', NOW);
    store.add('address', '广东省深圳市南山区科技园路1号', null, 'owner', NOW);
    const batch = add(
      db,
      order(),
      order({ buyerNick: 'BAD_NICK ' }),
      order({ shopId: SHOP.shopify, platform: 'shopify', currency: 'USD', buyerNick: null, buyerName: 'liam  smith', country: 'US', province: 'NY', city: 'Brooklyn', district: null, address1: '1 Main St', postcode: '11201' }),
      order({ buyerPhone: '+86 139 0000 1111' }),
      order({ address1: '文三路 99 号' }),
      order({ province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号' }),
      order({ buyerPhone: '139****1111', piiMasked: true }), // masked: cannot be compared
    );
    expect(run(blacklisted, db, batch)).toEqual([
      null,
      "buyer nick 'BAD_NICK' is on the blacklist as buyer 'bad_nick'",
      "buyer name 'liam  smith' is on the blacklist as buyer 'liam smith' (chargeback 2025)",
      "phone '+86 139 0000 1111' is on the blacklist as phone '13900001111'",
      "address '文三路 99 号' is on the blacklist as address '文三路99号'",
      "address '广东省深圳市南山区科技园路1号' is on the blacklist as address '广东省深圳市南山区科技园路1号'",
      null,
    ]);
  });

  it('an empty blacklist fires on nothing, and a removed entry stops firing', () => {
    const db = setupDb();
    const store = new BlacklistStore(db);
    const [o] = add(db, order({ buyerNick: 'someone' }));
    expect(run(blacklisted, db, [o!])).toEqual([null]);
    const e = store.add('buyer', 'someone', null, 'owner', NOW);
    expect(run(blacklisted, db, [o!])).toEqual(["buyer nick 'someone' is on the blacklist as buyer 'someone'"]);
    store.remove(e.id, 'owner', NOW);
    expect(run(blacklisted, db, [o!])).toEqual([null]);
  });
});
