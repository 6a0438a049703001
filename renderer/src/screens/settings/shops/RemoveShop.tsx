import { useEffect, useRef, useState } from 'react';
import type { ShopInfo } from '../../../../../shared/domain/shop.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT } from '../../../i18n/index.js';

interface Props {
  shop: ShopInfo;
  onRemoved: (s: ShopInfo) => void;
  onDeactivated: (s: ShopInfo) => void;
}

/**
 * Remove asks first, in the row; the safe answer has the focus. main refuses to remove a shop with orders (they
 * would be orphaned) and says how many: then the offer becomes "deactivate", which keeps them and stops syncing.
 */
export function RemoveShop({ shop, onRemoved, onDeactivated }: Props) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [hasOrders, setHasOrders] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking, hasOrders]);

  const cancel = () => {
    setAsking(false);
    setHasOrders(null);
    setError(null);
    requestAnimationFrame(() => ask.current?.focus());
  };
  const call = (run: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    run().then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        const err = asApiError(e);
        if (err.code === 'conflict' && typeof err.details?.orders === 'number') setHasOrders(err.details.orders);
        else setError(err);
      },
    );
  };
  const remove = () => call(() => api.invoke('shops.remove', { id: shop.id }).then(() => onRemoved(shop)));
  const deactivate = () => call(() => api.invoke('shops.update', { id: shop.id, active: false }).then(onDeactivated));

  if (!asking) {
    return (
      <button ref={ask} type="button" className="btn danger-outline" data-testid="shop-remove" onClick={() => setAsking(true)}>
        {t('shops.remove')}
      </button>
    );
  }
  const question = hasOrders !== null ? t('shops.hasOrders', { name: shop.name, n: hasOrders }) : t('shops.removeAsk', { name: shop.name });
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-label={question}
      data-testid="shop-remove-confirm"
      data-has-orders={hasOrders !== null}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <span>{question}</span>
      {hasOrders !== null ? (
        shop.active && (
          <button type="button" className="btn danger" data-testid="shop-deactivate" aria-disabled={busy} onClick={deactivate}>
            {t('shops.deactivate')}
          </button>
        )
      ) : (
        <button type="button" className="btn danger" data-testid="shop-remove-yes" aria-disabled={busy} onClick={remove}>
          {t('shops.removeYes')}
        </button>
      )}
      <button ref={keep} type="button" className="btn" data-testid="shop-remove-no" onClick={cancel}>
        {t('shops.removeNo')}
      </button>
      {error && <ErrorBox compact title={t('shops.removeError')} error={error} />}
    </div>
  );
}
