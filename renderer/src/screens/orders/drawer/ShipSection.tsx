import { useState, type FormEvent } from 'react';
import type { OrderDetail } from '../../../../../shared/domain/order.js';
import { api } from '../../../api/client.js';
import type { ApiError } from '../../../api/errors.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { describedBy, Field } from '../../../components/Field.js';
import { WriteBackList } from '../../../components/WriteBackList.js';
import { useT, type T } from '../../../i18n/index.js';
import { useCan } from '../../../state/session.js';

export const CARRIERS = ['SF', 'YTO', 'ZTO', 'JD', 'UPS', 'USPS', 'FEDEX', 'DHL', 'OTHER'] as const;
const TRACKING_RE = /^[A-Za-z0-9-]{4,40}$/;
const SHIPPED = new Set(['shipped', 'written_back']);

/** main's refusal in the packer's words: the reason in details, or "already shipped" naming the other number. */
function refusal(t: T, e: ApiError): string | null {
  if (e.code !== 'conflict') return null;
  const reason = e.details?.reason;
  if (reason === 'intercepted' || reason === 'cancelled' || reason === 'on_hold') return t(`ship.reason.${reason}`);
  if (typeof e.details?.trackingNo === 'string') return t('ship.reason.alreadyShipped', { trackingNo: e.details.trackingNo });
  return null;
}

/**
 * Mark shipped (pack.verify) and the order's write-backs. An order not verified by scan also needs ship.unverified:
 * said before the button is pressed, so nobody learns it from a refusal. main checks everything again.
 */
export function ShipSection({ order: o }: { order: OrderDetail }) {
  const t = useT();
  const canShip = useCan('pack.verify');
  const canUnverified = useCan('ship.unverified');
  const [carrier, setCarrier] = useState<string>(o.carrier && (CARRIERS as readonly string[]).includes(o.carrier) ? o.carrier : 'SF');
  const [trackingNo, setTrackingNo] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const [shipped, setShipped] = useState(0);

  const shippedAlready = SHIPPED.has(o.workflow);
  const unverified = o.workflow !== 'verified';
  const blocked = unverified && !canUnverified;
  const trackErr = tried && !TRACKING_RE.test(trackingNo.trim()) ? t('ship.trackingBad') : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy || blocked) return;
    setTried(true);
    if (!TRACKING_RE.test(trackingNo.trim())) return;
    run(
      () => api.invoke('orders.ship', { id: o.id, carrier, trackingNo: trackingNo.trim() }),
      () => {
        setTried(false);
        setShipped((n) => n + 1);
      },
    );
  };

  return (
    <section className="drawer-section" data-testid="ship-section">
      <h3>{t('ship.title')}</h3>
      {shippedAlready && (
        <p data-testid="ship-shipped">{t('ship.shippedAlready', { carrier: o.carrier ?? '', trackingNo: o.trackingNo ?? '' })}</p>
      )}
      {shipped > 0 && (
        <p className="saved-note" role="status" data-testid="ship-done">
          {t('ship.done')}
        </p>
      )}
      {canShip && !shippedAlready && (
        <form className="ship-form" data-testid="ship-form" onSubmit={submit} noValidate>
          {unverified && (
            <p className={blocked ? 'warn-text' : 'muted small'} data-testid="ship-unverified-note">
              {t(blocked ? 'ship.unverifiedNo' : 'ship.unverifiedNote')}
            </p>
          )}
          <div className="form-row">
            <Field id="ship-carrier" label={t('ship.carrier')}>
              <select id="ship-carrier" data-testid="ship-carrier" value={carrier} disabled={blocked} onChange={(e) => setCarrier(e.target.value)}>
                {CARRIERS.map((c) => (
                  <option key={c} value={c}>
                    {t(`carrier.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="ship-tracking" label={t('ship.trackingNo')} error={trackErr}>
              <input
                id="ship-tracking"
                data-testid="ship-tracking"
                className="input mono"
                value={trackingNo}
                maxLength={40}
                autoComplete="off"
                spellCheck={false}
                disabled={blocked}
                aria-invalid={trackErr !== null}
                aria-describedby={describedBy('ship-tracking')}
                onChange={(e) => setTrackingNo(e.target.value)}
              />
            </Field>
            <button type="submit" className="btn primary" data-testid="ship-submit" disabled={blocked} aria-disabled={busy}>
              {busy ? t('ship.busy') : t('ship.submit')}
            </button>
          </div>
          {error && <ErrorBox compact title={t('ship.error')} error={error} headline={refusal(t, error)} />}
        </form>
      )}
      <div data-testid="order-writebacks">
        <WriteBackList orderId={o.id} version={shipped} />
      </div>
    </section>
  );
}
