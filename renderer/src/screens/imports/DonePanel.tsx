import { useEffect, useRef } from 'react';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { resetImport, useImports } from '../../state/imports.js';
import { useNav } from '../../state/nav.js';
import { useOrdersView } from '../../state/orders-view.js';
import { useShops } from '../orders/hooks.js';
import { CountCards } from './PreviewPanel.js';

/** Step 5: what was stored, and the way to those orders: the queue filtered to the shop, every tab. */
export function DonePanel() {
  const t = useT();
  const fmt = useFormat();
  const committed = useImports((s) => s.committed);
  const shops = useShops();
  const open = useRef<HTMLButtonElement | null>(null);
  useEffect(() => open.current?.focus(), []);
  if (!committed) return null;
  const shop = shops.data?.find((s) => s.id === committed.shopId)?.name ?? `#${committed.shopId}`;

  const openQueue = () => {
    const view = useOrdersView.getState();
    view.clearFilters();
    view.setShopIds([committed.shopId]);
    view.setQueue('all');
    useNav.getState().go('orders');
  };

  return (
    <section className="import-card" data-testid="import-done" data-changed={committed.changed}>
      <h2>{t('imports.doneTitle')}</h2>
      <p>{committed.changed ? t('imports.doneBody', { changed: fmt.number(committed.changed), shop }) : t('imports.doneNone', { shop })}</p>
      <CountCards counts={committed.counts} />
      <div className="form-actions import-actions">
        <button ref={open} type="button" className="btn primary" data-testid="import-open-queue" onClick={openQueue}>
          {t('imports.openQueue', { shop })}
        </button>
        <button type="button" className="btn" data-testid="import-again" onClick={resetImport}>
          {t('imports.again')}
        </button>
      </div>
    </section>
  );
}
