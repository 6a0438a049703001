import type { ReactNode } from 'react';
import type { OrderDetail } from '../../../../../shared/domain/order.js';
import { FLAG_REASONS, type FlagReason } from '../../../../../shared/domain/status.js';
import { useFormat } from '../../../i18n/format.js';
import { hasKey, useT } from '../../../i18n/index.js';

type P = { order: OrderDetail };

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="drawer-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function LinesSection({ order: o }: P) {
  const t = useT();
  const fmt = useFormat();
  return (
    <Section title={t('drawer.lines')} testId="order-lines">
      <table className="lines">
        <thead>
          <tr>
            <th>{t('drawer.sku')}</th>
            <th>{t('drawer.title')}</th>
            <th className="num">{t('drawer.qty')}</th>
            <th className="num">{t('drawer.unitPrice')}</th>
            <th className="num" title={t('drawer.counters')}>
              {t('drawer.counters')}
            </th>
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => (
            <tr key={l.id} data-testid="order-line" data-line-no={l.lineNo}>
              <td className="mono">{l.skuCode ?? <span className="muted">{l.platformSku ?? t('drawer.unmapped')}</span>}</td>
              <td>
                <div className="line-title">{l.title}</div>
                {l.variant && <div className="line-variant">{l.variant}</div>}
              </td>
              <td className="num">{l.qty}</td>
              <td className="num">
                {fmt.money(l.unitPriceMinor, o.currency)}
                {l.discountMinor !== 0 && (
                  <div className="line-variant" title={t('drawer.lineDiscount')}>
                    −{fmt.money(l.discountMinor, o.currency)}
                  </div>
                )}
              </td>
              <td className="num counters">
                {[l.counters.allocated, l.counters.printed, l.counters.verified, l.counters.shipped].map((n, i) => (
                  <span key={i} className={n >= l.qty ? 'done' : n > 0 ? 'part' : ''}>
                    {n}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function AmountsSection({ order: o }: P) {
  const t = useT();
  const fmt = useFormat();
  const a = o.amounts;
  const rows: [string, number, string?][] = [
    [t('amount.goods'), a.goodsMinor],
    [t('amount.shipping'), a.shippingMinor],
    [t('amount.discount'), -a.discountMinor],
    [t('amount.total'), a.totalMinor, 'strong'],
    [t('amount.paid'), a.paidMinor],
    [t('amount.refunded'), a.refundedMinor, a.refundedMinor ? 'warn' : undefined],
  ];
  return (
    <Section title={t('drawer.amounts')}>
      <dl className="amounts">
        {rows.map(([label, minor, cls]) => (
          <div key={label} className={cls}>
            <dt>{label}</dt>
            <dd className="num">{fmt.money(minor, o.currency)}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

export function AddressSection({ order: o }: P) {
  const t = useT();
  const a = o.address;
  const place = [a.country, a.province, a.city, a.district].filter(Boolean).join(' ');
  return (
    <Section title={t('drawer.address')}>
      {a.masked && (
        <p className="note" data-testid="address-masked">
          {t('drawer.masked')}
        </p>
      )}
      <div className="address">
        <div>
          <strong>{a.name ?? t('common.none')}</strong> <span className="mono">{a.phone ?? ''}</span>
        </div>
        <div>{place || t('common.none')}</div>
        {a.line1 && <div>{a.line1}</div>}
        {a.postcode && (
          <div className="muted">
            {t('drawer.postcode')} {a.postcode}
          </div>
        )}
      </div>
    </Section>
  );
}

export function MessagesSection({ order: o }: P) {
  const t = useT();
  if (!o.buyerMessage && !o.sellerMemo) return null;
  return (
    <Section title={t('drawer.messages')}>
      {o.buyerMessage && (
        <div className="message">
          <div className="message-label">{t('drawer.buyerMessage')}</div>
          <p>{o.buyerMessage}</p>
        </div>
      )}
      {o.sellerMemo && (
        <div className="message memo">
          <div className="message-label">{t('drawer.sellerMemo')}</div>
          <p>{o.sellerMemo}</p>
        </div>
      )}
    </Section>
  );
}

export function FlagsSection({ order: o }: P) {
  const t = useT();
  const fmt = useFormat();
  return (
    <Section title={t('drawer.flags')} testId="order-flags">
      {o.flags.length === 0 && <p className="muted">{t('drawer.noFlags')}</p>}
      <ul className="flags">
        {o.flags.map((f) => (
          <li key={f.id} className={f.releasedAt ? 'released' : 'open'} data-testid="order-flag" data-kind={f.kind}>
            <div className="flag-head">
              <span className={`flag-marker fk-${f.kind}`}>{t(`flagKind.${f.kind}`)}</span>
              <strong>{t(`flagReason.${f.reason}`)}</strong>
              {!f.releasedAt && <span className="chip neutral">{t('flag.open')}</span>}
            </div>
            {f.note && <p className="flag-note">{f.note}</p>}
            <div className="muted small">
              {t('flag.raised', { at: fmt.dateTime(f.createdAt), by: f.createdBy })}
              {f.releasedAt && <> · {t('flag.released', { at: fmt.dateTime(f.releasedAt), by: f.releasedBy ?? '?' })}</>}
              {!f.releasedAt && f.releaseAt && <> · {t('flag.releaseAt', { at: fmt.dateTime(f.releaseAt) })}</>}
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** History actions and reasons are open-ended strings from main: translate the ones we know, show the rest as-is. */
function useEventText() {
  const t = useT();
  return {
    action: (a: string) => {
      const key = `history.action.${a}`;
      return hasKey(key) ? t(key) : a;
    },
    reason: (r: string | null) => {
      if (!r) return '';
      return (FLAG_REASONS as readonly string[]).includes(r) ? t(`flagReason.${r as FlagReason}`) : r;
    },
  };
}

export function HistorySection({ order: o }: P) {
  const t = useT();
  const fmt = useFormat();
  const text = useEventText();
  return (
    <Section title={t('drawer.history')} testId="order-history">
      {o.history.length === 0 && <p className="muted">{t('drawer.noHistory')}</p>}
      {o.history.length > 0 && (
        <table className="history">
          <thead>
            <tr>
              <th>{t('history.time')}</th>
              <th>{t('history.actor')}</th>
              <th>{t('history.action')}</th>
              <th>{t('history.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {o.history.map((e) => (
              <tr key={e.id} data-testid="order-event">
                <td className="nowrap tabular">{fmt.dateTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>{text.action(e.action)}</td>
                <td>{text.reason(e.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
