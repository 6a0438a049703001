import type { ImportResult } from '../../../../shared/contract/imports.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';

type Sample = ImportResult['sample'][number];

/** A few of the orders the dry run found, as ShopDesk read them (ids, times, money in minor units → formatted). */
export function SampleTable({ sample }: { sample: readonly Sample[] }) {
  const t = useT();
  const fmt = useFormat();
  if (!sample.length) return <p className="muted">{t('imports.sampleNone')}</p>;
  return (
    <table className="data-table import-sample" data-testid="import-sample">
      <thead>
        <tr>
          <th>{t('imports.col.order')}</th>
          <th>{t('imports.col.placedAt')}</th>
          <th>{t('imports.col.status')}</th>
          <th>{t('imports.col.items')}</th>
          <th className="num">{t('imports.col.total')}</th>
          <th>{t('imports.col.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {sample.map((o) => (
          <tr key={o.platformOrderId} data-testid="sample-row" data-order-id={o.platformOrderId} data-outcome={o.outcome} data-total-minor={o.totalMinor}>
            <td className="mono">{o.platformOrderId}</td>
            <td className="tabular nowrap">{fmt.dateTime(o.placedAt)}</td>
            <td>
              {o.platformStatus} <span className="muted small">({t(`platformState.${o.platformState}`)})</span>
            </td>
            <td>
              <span className="tabular">{o.itemCount}</span> <span className="muted">{o.skuSummary}</span>
            </td>
            <td className="num tabular">{fmt.money(o.totalMinor, o.currency)}</td>
            <td>
              <span className={`chip outcome-${o.outcome}`}>{t(`imports.outcome.${o.outcome}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
