import { focusTarget } from '../../../app/focus.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { FlagMarkers, PlatformBadge } from '../../../components/badges.js';
import { useFormat } from '../../../i18n/format.js';
import { useT } from '../../../i18n/index.js';
import { useOrdersView } from '../../../state/orders-view.js';
import { useOrderDetail } from '../hooks.js';
import { EditOrderButton } from '../manual/EditOrderButton.js';
import { AuditSection } from './AuditSection.js';
import { ParcelsSection } from './ParcelsSection.js';
import { ShipSection } from './ShipSection.js';
import { AddressSection, AmountsSection, FlagsSection, HistorySection, LinesSection, MessagesSection } from './sections.js';

/** Closes the drawer and puts the keyboard back on the list, where the person was. */
export function closeDrawer(): void {
  useOrdersView.getState().close();
  focusTarget('list');
}

/**
 * The order detail panel on the right. It is not modal: the keyboard stays on the list so ↑/↓ walk from order to
 * order with the drawer following; Tab reaches the drawer, Esc or × closes it.
 */
export function OrderDrawer() {
  const t = useT();
  const fmt = useFormat();
  const openId = useOrdersView((s) => s.openId);
  const { data: o, error, loading, reload } = useOrderDetail(openId);

  if (openId === null) return null;

  return (
    <aside
      className="drawer"
      data-testid="order-drawer"
      data-order-id={openId}
      data-loaded={o !== null}
      aria-label={t('drawer.label', { id: o?.platformOrderId ?? '' })}
      aria-busy={loading}
      tabIndex={-1}
    >
      <header className="drawer-head">
        <div className="drawer-title">
          {o && <PlatformBadge platform={o.platform} />}
          <span className="drawer-shop">{o?.shopName}</span>
          <span className="drawer-order-id mono" data-testid="drawer-order-id">
            {o?.platformOrderId}
          </span>
          <button type="button" className="btn icon drawer-close" data-testid="drawer-close" aria-label={t('drawer.close')} title={t('drawer.close')} onClick={closeDrawer}>
            ×
          </button>
        </div>
        {o && (
          <div className="drawer-chips">
            <span className="chip neutral" data-testid="chip-platform-status" title={t(`platformState.${o.platformState}`)}>
              {t('drawer.platformStatus')}: {o.platformStatus}
            </span>
            <span className={`chip wf-${o.workflow}`} data-testid="chip-workflow">
              {t(`workflow.${o.workflow}`)}
            </span>
            <span className={`chip pay-${o.payment}`} data-testid="chip-payment">
              {t(`payment.${o.payment}`)}
            </span>
            <span className={`chip as-${o.afterSales}`} data-testid="chip-after-sales">
              {t(`afterSales.${o.afterSales}`)}
            </span>
            <FlagMarkers openFlags={o.openFlags} />
          </div>
        )}
      </header>
      <div className="drawer-body">
        {error && <ErrorBox title={t('drawer.loadError')} error={error} onRetry={reload} />}
        {!o && !error && <div className="drawer-loading">{t('common.loading')}</div>}
        {o && (
          <>
            <dl className="facts">
              <dt>{t('drawer.buyer')}</dt>
              <dd>{[o.buyerNick, o.buyerName].filter(Boolean).join(' · ') || t('common.none')}</dd>
              <dt>{t('drawer.placed')}</dt>
              <dd className="num">{fmt.dateTime(o.placedAt)}</dd>
              <dt>{t('drawer.paid')}</dt>
              <dd className="num">{o.paidAt ? fmt.dateTime(o.paidAt) : t('common.none')}</dd>
              <dt>{t('drawer.shipBy')}</dt>
              <dd className="num">{o.shipBy ? fmt.dateTime(o.shipBy) : t('common.none')}</dd>
              <dt>{t('drawer.tracking')}</dt>
              <dd className="mono">{o.trackingNo ? `${o.carrier ?? ''} ${o.trackingNo}`.trim() : t('common.none')}</dd>
              <dt>{t('drawer.updated')}</dt>
              <dd className="num">{fmt.dateTime(o.updatedAt)}</dd>
            </dl>
            <EditOrderButton key={`edit-${o.id}`} order={o} />
            <LinesSection order={o} />
            <AmountsSection order={o} />
            <AddressSection order={o} />
            <MessagesSection order={o} />
            <AuditSection orderId={o.id} />
            <ShipSection key={o.id} order={o} />
            <FlagsSection order={o} />
            <ParcelsSection key={`parcels-${o.id}`} order={o} />
            <HistorySection order={o} />
          </>
        )}
      </div>
    </aside>
  );
}
