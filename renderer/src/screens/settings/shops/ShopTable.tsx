import { Fragment } from 'react';
import type { ShopInfo } from '../../../../../shared/domain/shop.js';
import { PlatformBadge } from '../../../components/badges.js';
import { useT } from '../../../i18n/index.js';
import { EditShop } from './EditShop.js';
import { RemoveShop } from './RemoveShop.js';

interface Props {
  shops: ShopInfo[];
  editing: number | null;
  onEdit: (id: number | null) => void;
  onSaved: (s: ShopInfo) => void;
  onRemoved: (s: ShopInfo) => void;
}

/** The shops, each row with its editor opening underneath it (one at a time). */
export function ShopTable({ shops, editing, onEdit, onSaved, onRemoved }: Props) {
  const t = useT();
  return (
    <table className="data-table" data-testid="shops-table">
      <thead>
        <tr>
          <th>{t('shops.col.platform')}</th>
          <th>{t('shops.col.name')}</th>
          <th>{t('shops.col.currency')}</th>
          <th>{t('shops.col.status')}</th>
          <th>{t('shops.col.credentials')}</th>
          <th aria-label={t('shops.edit')} />
        </tr>
      </thead>
      <tbody>
        {shops.map((s) => (
          <Fragment key={s.id}>
            <tr
              className={s.active ? undefined : 'inactive'}
              data-testid="shop-row"
              data-shop-id={s.id}
              data-name={s.name}
              data-platform={s.platform}
              data-active={s.active}
              data-has-credentials={s.hasCredentials}
            >
              <td>
                <PlatformBadge platform={s.platform} />
              </td>
              <td>{s.name}</td>
              <td className="mono">{s.currency}</td>
              <td>
                <span className={s.active ? 'chip ok' : 'chip neutral'}>{t(s.active ? 'shops.active' : 'shops.inactive')}</span>
              </td>
              <td>{s.platform === 'manual' ? <span className="muted">{t('shops.credNone')}</span> : s.hasCredentials ? t('shops.credSet') : <span className="warn-text">{t('shops.credMissing')}</span>}</td>
              <td className="row-actions">
                <button type="button" className="btn" data-testid="shop-edit" aria-expanded={editing === s.id} onClick={() => onEdit(editing === s.id ? null : s.id)}>
                  {t('shops.edit')}
                </button>{' '}
                <RemoveShop shop={s} onRemoved={onRemoved} onDeactivated={onSaved} />
              </td>
            </tr>
            {editing === s.id && (
              <tr className="editor-row">
                <td colSpan={6}>
                  <EditShop shop={s} onSaved={onSaved} onCancel={() => onEdit(null)} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
