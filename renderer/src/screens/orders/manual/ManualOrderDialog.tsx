import { useCallback, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OrderDetail } from '../../../../../shared/domain/order.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useFormat } from '../../../i18n/format.js';
import { useT } from '../../../i18n/index.js';
import { useShops } from '../hooks.js';
import { amountsOf, checkDraft, draftOf, emptyDraft, fieldsOf, issueText, serverIssues, type OrderDraft } from './form-state.js';
import { LinesEditor } from './LinesEditor.js';
import { Modal } from './Modal.js';
import { TextField } from './TextField.js';

export type ManualOrderMode = { kind: 'create' } | { kind: 'edit'; order: OrderDetail };

/** Where each field path lives in the form, so the first problem can take the focus. */
function inputIdOf(path: string): string {
  const line = /^lines\.(\d+)\.(\w+)$/.exec(path);
  if (line) return `mo-line-${line[1]}-${line[2] === 'unitPrice' ? 'price' : line[2] === 'skuCode' ? 'sku' : line[2]}`;
  const ids: Record<string, string> = { shopId: 'mo-shop', platformOrderId: 'mo-id', buyerName: 'mo-name', buyerPhone: 'mo-phone', address1: 'mo-address', total: 'mo-discount', lines: 'mo-add-line' };
  return ids[path] ?? `mo-${path}`;
}

const FIELD_ORDER = ['shopId', 'platformOrderId', 'buyerName', 'buyerPhone', 'province', 'city', 'district', 'address1', 'postcode', 'lines', 'shipping', 'discount', 'total'];
const rank = (p: string) => (p.startsWith('lines.') ? FIELD_ORDER.indexOf('lines') + Number(p.split('.')[1]) / 1000 : FIELD_ORDER.indexOf(p));

/**
 * Type in or correct a phone / WeChat order, keyboard first: Enter moves to the next field (in a line it adds a
 * line), Ctrl+Enter saves, Esc cancels (twice when something was typed). Every problem is shown at its field, from the
 * same rules main applies, before anything is sent; what main still refuses is shown the same way.
 */
export function ManualOrderDialog({ mode, onClose, onSaved }: { mode: ManualOrderMode; onClose: () => void; onSaved: (o: OrderDetail) => void }) {
  const t = useT();
  const fmt = useFormat();
  const shops = useShops();
  const manualShops = useMemo(() => (shops.data ?? []).filter((s) => s.platform === 'manual' && s.active), [shops.data]);
  const editing = mode.kind === 'edit' ? mode.order : null;
  const [draft, setDraft] = useState<OrderDraft>(() => (editing ? draftOf(editing) : emptyDraft(null)));
  const [dirty, setDirty] = useState(false);
  const [tried, setTried] = useState(false);
  const [escArmed, setEscArmed] = useState(false);
  const { busy, error, run } = useAction();

  const shopId = editing ? editing.shopId : (draft.shopId ?? manualShops[0]?.id ?? null);
  const currency = editing ? editing.currency : (manualShops.find((s) => s.id === shopId)?.currency ?? 'CNY');
  const amounts = amountsOf(draft, currency);
  const clientIssues = tried ? checkDraft(draft, currency) : [];
  const errors: Record<string, string> = { ...serverIssues(t, error) };
  for (const i of clientIssues) errors[i.path] ??= issueText(t, i);
  const showBox = error !== null && Object.keys(serverIssues(t, error)).length === 0;

  const update = useCallback((patch: Partial<OrderDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setEscArmed(false);
  }, []);
  const setLines = useCallback((lines: OrderDraft['lines']) => update({ lines }), [update]);

  const save = () => {
    if (busy) return;
    setTried(true);
    const issues = checkDraft(draft, currency);
    if (issues.length || shopId === null) {
      const first = [...issues].sort((a, b) => rank(a.path) - rank(b.path))[0];
      if (first) document.getElementById(inputIdOf(first.path))?.focus();
      return;
    }
    const call = editing
      ? () => api.invoke('orders.editManual', { id: editing.id, ...fieldsOf(draft) })
      : () => api.invoke('orders.createManual', { shopId, platformOrderId: draft.platformOrderId, ...fieldsOf(draft) });
    run(call, onSaved);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>): boolean => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
      return true;
    }
    if (e.key === 'Escape' && dirty && !escArmed) {
      e.preventDefault();
      setEscArmed(true);
      return true;
    }
    const el = e.target;
    if (e.key === 'Enter' && el instanceof HTMLInputElement) {
      // Enter walks the fields like Tab (what a person typing from a phone call expects); it never submits by accident.
      e.preventDefault();
      const fields = [...(e.currentTarget.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])'))];
      fields[fields.indexOf(el) + 1]?.focus();
      return true;
    }
    return false;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save();
  };

  const field = (path: keyof OrderDraft, id: string, label: string, extra: { hint?: string; max?: number; className?: string; mono?: boolean } = {}) => (
    <TextField id={id} label={label} hint={extra.hint} error={errors[path]} value={String(draft[path] ?? '')} maxLength={extra.max ?? 100} className={extra.className} mono={extra.mono} onChange={(v) => update({ [path]: v })} />
  );

  const title = editing ? t('mo.titleEdit', { id: editing.platformOrderId }) : t('mo.titleNew');
  const noShop = !editing && shops.data !== null && manualShops.length === 0;
  return (
    <Modal title={title} testId="manual-order-dialog" onClose={onClose} onKey={onKey} wide initialFocus={editing ? '#mo-name' : manualShops.length > 1 ? '#mo-shop' : '#mo-name'}>
      <p className="muted small">{t('mo.keys')}</p>
      {noShop ? (
        <p className="warn-text" data-testid="mo-no-shop">
          {t('mo.noShop')}
        </p>
      ) : (
        <form data-testid="manual-order-form" onSubmit={submit} noValidate>
          <div className="mo-grid">
            {editing ? (
              <div className="field">
                <label>{t('mo.shop')}</label>
                <span data-testid="mo-shop-name">{editing.shopName}</span>
              </div>
            ) : (
              <div className="field">
                <label htmlFor="mo-shop">{t('mo.shop')}</label>
                <select id="mo-shop" data-testid="mo-shop" value={shopId ?? ''} onChange={(e) => update({ shopId: Number(e.target.value) })}>
                  {manualShops.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} ({s.currency})
                    </option>
                  ))}
                </select>
              </div>
            )}
            {editing ? (
              <div className="field">
                <label>{t('mo.orderId')}</label>
                <span className="mono">{editing.platformOrderId}</span>
              </div>
            ) : (
              field('platformOrderId', 'mo-id', t('mo.orderId'), { hint: t('mo.orderIdHint'), max: 64, className: 'span-2', mono: true })
            )}
          </div>
          <fieldset>
            <legend>{t('mo.recipient')}</legend>
            <div className="mo-grid">
              {field('buyerName', 'mo-name', t('mo.buyerName'))}
              {field('buyerPhone', 'mo-phone', t('mo.phone'), { max: 40, mono: true })}
              {field('province', 'mo-province', t('mo.province'), { max: 60 })}
              {field('city', 'mo-city', t('mo.city'), { max: 60 })}
              {field('district', 'mo-district', t('mo.district'), { max: 60 })}
              {field('address1', 'mo-address', t('mo.address'), { max: 300, className: 'span-2' })}
              {field('postcode', 'mo-postcode', t('mo.postcode'), { max: 20, mono: true })}
            </div>
          </fieldset>
          <LinesEditor shopId={shopId} currency={currency} lines={draft.lines} onChange={setLines} amounts={amounts.lines} errors={errors} />
          <fieldset>
            <legend>{t('mo.amounts')}</legend>
            <div className="mo-grid">
              {field('shipping', 'mo-shipping', t('mo.shipping'), { max: 20 })}
              {field('discount', 'mo-discount', t('mo.discount'), { max: 20 })}
              <div className="field mo-check">
                <label htmlFor="mo-paid">{t('mo.paid')}</label>
                <input id="mo-paid" data-testid="mo-paid" type="checkbox" checked={draft.paid} onChange={(e) => update({ paid: e.target.checked })} />
              </div>
              <div className="mo-totals">
                <span>
                  {t('mo.goods')} <span data-testid="mo-goods">{amounts.goods === null ? '—' : fmt.money(amounts.goods, currency)}</span>
                </span>
                <span>
                  {t('mo.total')} <strong data-testid="mo-total">{amounts.total === null ? '—' : fmt.money(amounts.total, currency)}</strong>
                </span>
              </div>
            </div>
            {errors.total && (
              <div className="field-error" role="alert">
                {errors.total}
              </div>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('mo.notes')}</legend>
            <div className="mo-grid">
              <TextField id="mo-message" label={t('mo.buyerMessage')} value={draft.buyerMessage} maxLength={1000} className="span-2" multiline onChange={(v) => update({ buyerMessage: v })} />
              <TextField id="mo-memo" label={t('mo.sellerMemo')} value={draft.sellerMemo} maxLength={1000} className="span-2" multiline onChange={(v) => update({ sellerMemo: v })} />
            </div>
          </fieldset>
          {escArmed && (
            <p className="warn-text" role="status" data-testid="mo-esc-again">
              {t('mo.escAgain')}
            </p>
          )}
          {showBox && <ErrorBox compact title={t('mo.saveError')} error={error} />}
          <div className="mo-actions">
            <span className="spacer" />
            <button type="button" className="btn" data-testid="mo-cancel" onClick={onClose}>
              {t('mo.cancel')} <kbd>Esc</kbd>
            </button>
            <button type="submit" className="btn primary" data-testid="mo-save" aria-disabled={busy}>
              {busy ? t('mo.saving') : t('mo.save')} <kbd>Ctrl+Enter</kbd>
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
