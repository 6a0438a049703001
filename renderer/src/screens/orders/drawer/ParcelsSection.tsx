import { useState } from 'react';
import type { OrderDetail } from '../../../../../shared/domain/order.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT } from '../../../i18n/index.js';
import { useChanges } from '../../../state/changes.js';
import { useCan } from '../../../state/session.js';
import { useLoaded } from '../../review/use-loaded.js';
import { SplitDialog } from './SplitDialog.js';
import './parcels.css';

/** A split or merge is possible only before the label exists: after that the parcel is physical. */
const SPLITTABLE = new Set(['pending_audit', 'approved', 'allocated']);

/**
 * The parcels this order ships in when it was merged with others or split into several, each with its lines, and
 * Undo while nothing is printed. "Split…" opens the split dialog.
 */
export function ParcelsSection({ order: o }: { order: OrderDetail }) {
  const t = useT();
  const can = useCan('audit.decide');
  const tick = useChanges((s) => s.orders);
  const [mine, setMine] = useState(0);
  const { data, error, reload } = useLoaded(`parcels:${o.id}`, tick + mine, () => api.invoke('orders.parcels', { orderId: o.id }));
  const undo = useAction();
  const [splitting, setSplitting] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const parcels = data?.parcels ?? [];
  const refresh = () => setMine((n) => n + 1);

  return (
    <section className="drawer-section" data-testid="parcels-section">
      <h3>{t('parcels.title')}</h3>
      {error && <ErrorBox compact title={t('parcels.loadError')} error={error} onRetry={reload} />}
      {data && parcels.length === 0 && <p className="muted">{t('parcels.none')}</p>}
      <ul className="parcels">
        {parcels.map((p) => (
          <li key={p.id} className="parcel" data-testid="parcel" data-kind={p.kind} data-state={p.state}>
            <div className="flag-head">
              <strong>{t(`parcels.kind.${p.kind}`, { id: p.id })}</strong>
              <span className="chip neutral">{t(`parcels.state.${p.state}`)}</span>
              {p.trackingNo && <span className="mono small">{`${p.carrier ?? ''} ${p.trackingNo}`.trim()}</span>}
              {can && p.state === 'open' && (
                <button
                  type="button"
                  className="btn"
                  data-testid="parcel-undo"
                  aria-disabled={undo.busy}
                  onClick={() =>
                    !undo.busy &&
                    undo.run(
                      () => api.invoke('orders.unparcel', { parcelId: p.id }),
                      () => {
                        setNote(t('parcels.undone', { id: p.id }));
                        refresh();
                      },
                    )
                  }
                >
                  {t('parcels.undo')}
                </button>
              )}
            </div>
            <table className="lines">
              <tbody>
                {p.lines.map((l) => (
                  <tr key={`${l.orderLineId}`} className={l.orderId === o.id ? undefined : 'other-order'}>
                    <td className="mono">{l.platformOrderId}</td>
                    <td className="mono">{l.skuCode ?? ''}</td>
                    <td>{l.title}</td>
                    <td className="num">×{l.qty}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
      {undo.error && <ErrorBox compact title={t('parcels.undoError')} error={undo.error} />}
      <p className="saved-note" role="status" data-testid="parcels-note">
        {note}
      </p>
      {can && SPLITTABLE.has(o.workflow) && data && parcels.length === 0 && (
        <button type="button" className="btn" data-testid="split-open" onClick={() => setSplitting(true)}>
          {t('split.open')}
        </button>
      )}
      {splitting && (
        <SplitDialog
          order={o}
          onClose={() => setSplitting(false)}
          onDone={(n) => {
            setSplitting(false);
            setNote(t('split.done', { n }));
            refresh();
          }}
        />
      )}
    </section>
  );
}
