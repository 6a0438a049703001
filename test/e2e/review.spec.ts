import type { Page } from '@playwright/test';
import type { ReviewList } from '../../shared/contract/audit.js';
import type { AuditExplanation, AuditRule } from '../../shared/domain/audit.js';
import type { OrderDetail } from '../../shared/domain/order.js';
import type { SessionInfo } from '../../shared/domain/people.js';
import type { ShopInfo } from '../../shared/domain/shop.js';
import { focusOperator, keepScreenshot, ownServe, rpc } from './people-helpers.js';
import { expect, test, type Served } from './serve-fixture.js';

/*
 * Audit review end to end, against `shopdesk serve` with real rules and a real database: orders typed in by phone
 * land in review under their reason, are approved and held from the keyboard with the decision in the order's
 * history under the operator, and a rule added in Settings → Rules holds the order whose buyer message has its
 * keyword after a re-run, with its name in the explanation and its conflict with a second rule shown beside both.
 * Its own server: it decides orders other specs count.
 */
let shop: Served & { dir: string; dispose: () => Promise<void> };
test.beforeAll(async () => {
  shop = await ownServe({ demo: true, orders: 300 });
});
test.afterAll(async () => {
  await shop?.dispose();
});
test.describe.configure({ mode: 'serial' });

async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const c = await rpc(shop);
  try {
    const r = await c.call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  } finally {
    c.close();
  }
}

interface PhoneOrderExtra {
  buyerMessage?: string;
  sellerMemo?: string;
  lines?: { skuCode: string; qty: number; unitPrice: string }[];
  /** Same number: same buyer and address (merge candidates). */
  buyer?: number;
}

/** A phone order in the demo's manual shop, to a different buyer each time (so no duplicate check fires). */
async function phoneOrder(n: number, { buyer = n, lines = [{ skuCode: 'CUP-500-WH', qty: 1, unitPrice: '59.00' }], ...extra }: PhoneOrderExtra): Promise<OrderDetail> {
  const shops = await call<ShopInfo[]>('shops.list');
  const manual = shops.find((s) => s.platform === 'manual');
  if (!manual) throw new Error('the demo has no manual shop');
  return call<OrderDetail>('orders.createManual', {
    shopId: manual.id,
    buyerName: `审核测试${buyer}`,
    buyerPhone: `1390000${String(1000 + buyer)}`,
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    address1: `文三路 ${100 + buyer} 号`,
    postcode: '310012',
    lines,
    paid: true,
    ...extra,
  });
}

/** The audit runs in main's background runner: wait until the order has an outcome. */
async function audited(orderId: number): Promise<AuditExplanation> {
  let x: AuditExplanation | null = null;
  await expect
    .poll(
      async () => {
        x = await call<AuditExplanation>('audit.explain', { orderId });
        return x.outcome;
      },
      { timeout: 30_000, message: `order ${orderId} is audited` },
    )
    .not.toBeNull();
  return x!;
}

/** A rule's row by its name (not by text anywhere in it: the conflict notes name the other rule). */
const ruleRow = (page: Page, name: string) => page.getByTestId('rule-row').filter({ has: page.getByTestId('rule-name-text').getByText(name, { exact: true }) });
const row = (page: Page, platformOrderId: string) => page.locator(`[data-testid="review-row"][data-platform-order-id="${platformOrderId}"]`);

let memo: OrderDetail;
let message: OrderDetail;
let urgent: OrderDetail;

test('orders land in review grouped by reason; approve one with the keyboard and see it in its history', async ({ page }, testInfo) => {
  memo = await phoneOrder(1, { sellerMemo: '客户电话要求周五前发货' });
  message = await phoneOrder(2, { buyerMessage: '请用纸箱包装' });
  urgent = await phoneOrder(3, { buyerMessage: '请加急发货，谢谢' });
  const x = await audited(memo.id);
  expect(x.outcome).toBe('review');
  expect(x.findings).toContainEqual(expect.objectContaining({ source: 'check', check: 'seller_memo' }));
  await audited(message.id);
  await audited(urgent.id);
  const expected = await call<ReviewList>('audit.review.list', { queue: 'review', reason: 'seller_memo', limit: 1 });
  const memoCount = expected.groups.find((g) => g.reason === 'seller_memo')?.count ?? 0;
  expect(memoCount).toBeGreaterThan(0);

  await page.goto(shop.url);
  await expect(page.getByTestId('order-row').first()).toBeVisible();
  // g r: the review screen, keyboard only.
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page.getByTestId('review-screen')).toBeVisible();
  await expect(page.getByTestId('kpi-strip')).toBeVisible();
  await expect(page.getByTestId('key-hints')).toContainText('通过');

  // The reason list has the seller-memo group with main's count; picking it narrows the list to it.
  const group = page.locator('[data-testid="review-reason"][data-queue="review"][data-reason="seller_memo"]');
  await expect(group).toHaveAttribute('data-count', String(memoCount));
  await group.click();
  await expect(page.getByTestId('review-screen')).toHaveAttribute('data-reason', 'seller_memo');
  await expect(page.getByTestId('review-list')).toHaveAttribute('data-total', String(memoCount));
  await expect(row(page, memo.platformOrderId)).toBeVisible();

  // j walks to our order (the list is focused after picking a reason); the right pane explains it.
  for (let i = 0; i < memoCount && (await row(page, memo.platformOrderId).getAttribute('data-cursor')) !== 'true'; i++) await page.keyboard.press('j');
  await expect(row(page, memo.platformOrderId)).toHaveAttribute('data-cursor', 'true');
  const detail = page.getByTestId('review-detail');
  await expect(detail).toHaveAttribute('data-order-id', String(memo.id));
  await expect(detail.locator('[data-testid="audit-finding"][data-check="seller_memo"]')).toBeVisible();
  await expect(detail).toContainText('客户电话要求周五前发货');
  await keepScreenshot(page, testInfo, 'review-screen');

  // r without a reason is refused in the dialog, Esc leaves it.
  await page.keyboard.press('r');
  await expect(page.getByTestId('reject-dialog')).toBeVisible();
  await page.getByTestId('reject-submit').click();
  await expect(page.getByTestId('reject-note-error')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('reject-dialog')).toBeHidden();

  // Enter opens the drawer; n types the note; a approves: the order leaves the queue, the history has the decision.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-drawer')).toHaveAttribute('data-order-id', String(memo.id));
  await page.keyboard.press('n');
  await expect(page.getByTestId('review-note')).toBeFocused();
  await page.keyboard.type('已电话确认地址');
  await page.keyboard.press('Enter'); // back to the list, note kept
  await page.keyboard.press('a');
  await expect(page.getByTestId('decision-results')).toContainText('已通过 1 单');
  await expect(row(page, memo.platformOrderId)).toHaveCount(0);
  await expect(page.getByTestId('review-note')).toHaveValue('');

  const after = await call<OrderDetail>('orders.get', { id: memo.id });
  expect(after.queue).not.toBe('review');
  const event = after.history.find((e) => e.action === 'approved' && e.reason === '已电话确认地址');
  expect(event, 'an "approved" event with the note').toBeTruthy();
  const session = await call<SessionInfo>('session.get');
  expect(event!.actor).toBe(`operator:${session.operator?.name}`);
  const history = page.getByTestId('order-drawer').getByTestId('order-event').filter({ hasText: '审核通过' });
  await expect(history).toContainText(event!.actor);
  await expect(history).toContainText('已电话确认地址');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('order-drawer')).toHaveCount(0);
});

test('hold an order with a release time from the dialog; it waits in On hold with that time', async ({ page }) => {
  await page.goto(shop.url);
  await page.getByTestId('nav-review').click();
  await page.locator('[data-testid="review-reason"][data-queue="review"][data-reason="buyer_message"]').click();
  await row(page, message.platformOrderId).click();
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-order-id', String(message.id));

  await page.keyboard.press('h');
  const dialog = page.getByTestId('hold-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('hold-reason')).toBeFocused();
  await page.getByTestId('hold-reason').selectOption('address_check');
  // A fraction of an hour is named before anything is sent.
  await page.getByTestId('hold-hours').fill('1.5');
  await page.getByTestId('hold-submit').click();
  await expect(page.getByTestId('hold-release-msg')).toContainText('整数');
  await page.getByTestId('hold-hours').fill('2');
  await page.getByTestId('hold-note').fill('等买家确认地址');
  const before = Date.now();
  await page.getByTestId('hold-hours').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('decision-results')).toContainText('已挂起 1 单');

  const held = await call<OrderDetail>('orders.get', { id: message.id });
  expect(held.queue).toBe('on_hold');
  const flag = held.flags.find((f) => f.kind === 'hold' && f.reason === 'address_check' && f.releasedAt === null);
  expect(flag?.releaseAt).toBeGreaterThanOrEqual(before + 2 * 3_600_000 - 60_000);
  expect(flag?.releaseAt).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);

  // t switches to the on-hold queue: the order is there under its reason, with its release time.
  await page.getByTestId('review-list').focus();
  await page.keyboard.press('t');
  await expect(page.getByTestId('review-screen')).toHaveAttribute('data-queue', 'on_hold');
  await expect(page.locator('[data-testid="review-reason"][data-queue="on_hold"][data-reason="address_check"]')).toBeVisible();
  await expect(row(page, message.platformOrderId)).toBeVisible();
  await expect(row(page, message.platformOrderId).locator('.rv-when')).not.toHaveText('手动');
});

test('a rule that holds on a buyer-message keyword: re-run, its name in the explanation, and a conflict shown', async ({ page }, testInfo) => {
  await page.goto(shop.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-rules').click();
  await expect(page.getByTestId('rules-settings')).toBeVisible();

  // New rule: the first condition row is "buyer message contains …".
  await page.getByTestId('rule-new').click();
  await expect(page.getByTestId('rule-name')).toBeFocused();
  // Saving it empty names each missing part at its input.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('rule-name-error')).toBeVisible();
  await expect(page.getByTestId('cond-0-error')).toBeVisible();
  await page.getByTestId('rule-name').fill('留言加急先挂起');
  await expect(page.getByTestId('cond-0-field')).toHaveValue('remark');
  await expect(page.getByTestId('cond-0-op')).toHaveValue('contains');
  await page.getByTestId('cond-0-text').fill('加急');
  await page.getByTestId('rule-outcome').selectOption('hold');
  await page.getByTestId('rule-hold-reason').selectOption('manual_hold');
  await page.getByTestId('rule-release').selectOption('when_fixed');
  await page.getByTestId('rule-name').press('Control+Enter');
  await expect(page.getByTestId('rule-editor')).toHaveCount(0);
  await expect(page.getByTestId('rules-note')).toContainText('留言加急先挂起');
  const first = ruleRow(page, '留言加急先挂起');
  await expect(first).toContainText('买家留言 包含 “加急”');

  const rules = await call<{ rules: AuditRule[] }>('audit.rules.list');
  const rule = rules.rules.find((r) => r.name === '留言加急先挂起');
  expect(rule).toMatchObject({ conditions: [{ field: 'remark', target: 'buyer_message', op: 'contains', values: ['加急'] }], actions: [{ type: 'hold', reason: 'manual_hold', release: { kind: 'when_fixed' } }] });

  // Re-run now: the urgent order is held by the rule.
  await page.getByTestId('audit-rerun').click();
  const result = page.getByTestId('audit-rerun-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  expect(Number(await result.getAttribute('data-held'))).toBeGreaterThanOrEqual(1);
  await expect
    .poll(async () => (await call<AuditExplanation>('audit.explain', { orderId: urgent.id })).outcome, { timeout: 30_000 })
    .toBe('hold');

  // A second rule with the same condition that sends to review: the two conflict, shown beside both in plain words.
  await page.getByTestId('rule-new').click();
  await page.getByTestId('rule-name').fill('加急转人工');
  await page.getByTestId('cond-0-text').fill('加急');
  await page.getByTestId('rule-outcome').selectOption('review');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rules-conflicts-summary')).toBeVisible();
  const second = ruleRow(page, '加急转人工');
  await expect(second.getByTestId('rule-conflict')).toContainText('留言加急先挂起');
  await expect(second.getByTestId('rule-conflict')).toHaveAttribute('data-on', 'outcome');
  await expect(first.getByTestId('rule-conflict')).toContainText('加急转人工');
  await keepScreenshot(page, testInfo, 'rules-conflict');

  // The review screen's on-hold queue has the order, and its explanation names the rule that held it.
  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-queue-on_hold').click();
  await row(page, urgent.platformOrderId).click();
  const explanation = page.getByTestId('review-detail').getByTestId('audit-explanation');
  await expect(explanation).toHaveAttribute('data-outcome', 'hold');
  await expect(explanation.locator('[data-testid="audit-finding"][data-source="rule"]').first().getByTestId('finding-rule-name')).toHaveText('留言加急先挂起');
  await keepScreenshot(page, testInfo, 'review-on-hold-rule');

  // u releases the order held by hand earlier: it goes back to be audited again.
  await row(page, message.platformOrderId).click();
  await page.keyboard.press('u');
  await expect(page.getByTestId('decision-results')).toContainText('已解除 1 单');
  await expect(row(page, message.platformOrderId)).toHaveCount(0);
  const released = await call<OrderDetail>('orders.get', { id: message.id });
  expect(released.flags.filter((f) => f.kind === 'hold' && f.releasedAt === null)).toEqual([]);
});

test('checks, blacklist, split with its checks and undo, and a merge suggestion merged from the review screen', async ({ page }, testInfo) => {
  const split = await phoneOrder(4, {
    lines: [
      { skuCode: 'CUP-500-WH', qty: 3, unitPrice: '59.00' },
      { skuCode: 'CUP-500-BK', qty: 1, unitPrice: '59.00' },
    ],
  });
  const m1 = await phoneOrder(5, {});
  const m2 = await phoneOrder(6, { buyer: 5, lines: [{ skuCode: 'CUP-500-BK', qty: 2, unitPrice: '59.00' }] });
  await Promise.all([audited(split.id), audited(m1.id), audited(m2.id)]);

  await page.goto(shop.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-rules').click();

  // A check's params render from its current values; a changed window is saved and main has it.
  const dup = page.locator('[data-testid="check-row"][data-check="duplicate_order"]');
  await dup.getByTestId('check-param-windowMinutes').fill('abc');
  await dup.getByTestId('check-save').click();
  await expect(dup.locator('.field-error')).toBeVisible();
  await dup.getByTestId('check-param-windowMinutes').fill('720');
  await dup.getByTestId('check-param-windowMinutes').press('Enter');
  await expect(dup.getByTestId('check-save')).toBeDisabled();
  const checks = await call<{ checks: { check: string; params: Record<string, unknown> }[] }>('audit.checks.list');
  expect(checks.checks.find((c) => c.check === 'duplicate_order')?.params.windowMinutes).toBe(720);

  // Blacklist: a value is required; an added phone is listed, then removed.
  const before = await page.getByTestId('blacklist-row').count();
  await page.getByTestId('bl-add').click();
  await expect(page.getByTestId('bl-value-error')).toBeVisible();
  await page.getByTestId('bl-kind').selectOption('phone');
  await page.getByTestId('bl-value').fill('13911112222');
  await page.getByTestId('bl-note').fill('恶意退款');
  await page.getByTestId('bl-add').click();
  const added = page.getByTestId('blacklist-row').filter({ hasText: '13911112222' });
  await expect(added).toContainText('恶意退款');
  await added.getByTestId('blacklist-remove').click();
  await expect(page.getByTestId('blacklist-row')).toHaveCount(before);

  // Split: open the order's drawer from the queue, split 3+1 units into two parcels, checked before sending.
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('order-search').fill(split.platformOrderId);
  await page.locator(`[data-testid="order-row"][data-order-id="${split.id}"]`).click();
  const drawer = page.getByTestId('order-drawer');
  await expect(drawer.getByTestId('audit-explanation')).toBeVisible();
  await drawer.getByTestId('split-open').click();
  const dialog = page.getByTestId('split-dialog');
  await page.getByTestId('split-submit').click();
  await expect(page.getByTestId('split-problems')).toContainText('包裹 2 是空的');
  await page.getByTestId('split-0-1').fill('1');
  await page.getByTestId('split-submit').click();
  await expect(page.getByTestId('split-problems')).toContainText('合计 4 件，该行共 3 件');
  await page.getByTestId('split-0-0').fill('2');
  await page.getByTestId('split-1-0').fill('0');
  await page.getByTestId('split-1-1').fill('1');
  await page.getByTestId('split-submit').click();
  await expect(dialog).toBeHidden();
  await expect(drawer.getByTestId('parcels-note')).toContainText('2 个包裹');
  await expect(drawer.getByTestId('parcel')).toHaveCount(2);
  await drawer.getByTestId('parcels-section').scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, 'drawer-audit-parcels');
  const parcels = await call<{ parcels: { kind: string; lines: { qty: number }[] }[] }>('orders.parcels', { orderId: split.id });
  expect(parcels.parcels.map((p) => [p.kind, p.lines.map((l) => l.qty)])).toEqual([
    ['split', [2]],
    ['split', [1, 1]],
  ]);
  await drawer.getByTestId('parcel-undo').first().click();
  await expect(drawer.getByTestId('parcel')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Merge: the two orders of one buyer at one address are suggested on the review screen (m) and merged there.
  await page.getByTestId('nav-review').click();
  await expect(page.getByTestId('review-screen')).toBeVisible();
  await page.getByTestId('review-list').focus();
  await page.keyboard.press('m');
  const suggestion = page.locator(`[data-testid="merge-suggestion"][data-order-ids="${m1.id}-${m2.id}"]`);
  await expect(suggestion).toBeVisible();
  await suggestion.getByTestId('merge-go').click();
  await expect(page.getByTestId('merge-done')).toContainText(m1.platformOrderId);
  const merged = await call<{ parcels: { kind: string; lines: { orderId: number }[] }[] }>('orders.parcels', { orderId: m2.id });
  expect(merged.parcels).toHaveLength(1);
  expect(merged.parcels[0]!.kind).toBe('merged');
  expect(new Set(merged.parcels[0]!.lines.map((l) => l.orderId))).toEqual(new Set([m1.id, m2.id]));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('merge-panel')).toHaveCount(0);
});

test('a reviewer decides in bulk: per-order results, the refusal for want of override shown and kept checked', async ({ page }, testInfo) => {
  const blocked = (await call<ReviewList>('audit.review.list', { queue: 'review', reason: 'unmapped_sku', limit: 1 })).rows[0];
  if (!blocked) throw new Error('the demo has no order with an unmapped SKU in review');
  const plain = await phoneOrder(7, { sellerMemo: '送货前打电话' });
  expect((await audited(plain.id)).outcome).toBe('review');
  await call('people.create', { name: '审核员小王', role: 'reviewer', pin: '1357' });

  await page.goto(shop.url);
  await expect(page.getByTestId('order-row').first()).toBeVisible();
  await page.keyboard.press('F2');
  await focusOperator(page, '审核员小王');
  await page.keyboard.press('Enter');
  await page.keyboard.type('1357');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator-name')).toHaveText('审核员小王');

  // Rules are the owner's: the reviewer is not offered the tab.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-tab-general')).toBeVisible();
  await expect(page.getByTestId('settings-tab-rules')).toHaveCount(0);

  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-queue-review').click();
  await expect(row(page, blocked.platformOrderId)).toBeVisible();
  // The blocking exception is said before anything is pressed.
  await row(page, blocked.platformOrderId).click();
  await expect(page.getByTestId('needs-override')).toContainText('商品未匹配');
  await page.keyboard.press('x');
  await row(page, plain.platformOrderId).click();
  await page.keyboard.press('x');
  await expect(page.getByTestId('review-range')).toContainText('已勾选 2 单');
  await expect(page.getByTestId('decide-approve')).toContainText('(2)');
  await page.keyboard.press('a');

  const results = page.getByTestId('decision-results');
  await expect(results).toHaveAttribute('data-ok', '1');
  await expect(results).toHaveAttribute('data-refused', '1');
  const refusal = page.locator(`[data-testid="decision-refusal"][data-order-id="${blocked.id}"]`);
  await expect(refusal).toContainText(blocked.platformOrderId);
  await expect(refusal).toContainText('audit.override');
  await expect(row(page, plain.platformOrderId)).toHaveCount(0);
  await expect(row(page, blocked.platformOrderId)).toHaveAttribute('data-checked', 'true');
  await keepScreenshot(page, testInfo, 'review-bulk-refusal');

  // Shift+X checks the whole page, again unchecks it.
  const onPage = await page.getByTestId('review-row').count();
  await page.getByTestId('review-list').focus();
  await page.keyboard.press('Shift+X');
  await expect(page.locator('[data-testid="review-row"][data-checked="true"]')).toHaveCount(onPage);
  await page.keyboard.press('Shift+X');
  await expect(page.locator('[data-testid="review-row"][data-checked="true"]')).toHaveCount(0);

  // The CLI, not a new contract connection: this computer's last operator is now the reviewer, who has a PIN.
  const approved = shop.cli<OrderDetail>('orders', 'show', String(plain.id), '--json');
  expect(approved.history.find((e) => e.action === 'approved')?.actor).toBe('operator:审核员小王');
});
