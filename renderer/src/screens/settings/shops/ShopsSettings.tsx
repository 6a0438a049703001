import { useState } from 'react';
import type { ShopInfo } from '../../../../../shared/domain/shop.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT, type MessageKey, type Vars } from '../../../i18n/index.js';
import { useShops } from '../../orders/hooks.js';
import { AddShop } from './AddShop.js';
import { ShopTable } from './ShopTable.js';

/**
 * Settings → Shops (shops.manage): the shops, adding one with its platform's credentials, editing, removing. The list
 * refetches on 'shops.changed', which main sends for every change here too.
 */
export function ShopsSettings() {
  const t = useT();
  const { data: shops, error, reload } = useShops();
  const [editing, setEditing] = useState<number | null>(null);
  const [note, setNote] = useState<{ key: MessageKey; vars: Vars } | null>(null);

  const done = (key: MessageKey) => (s: ShopInfo) => {
    setEditing(null);
    setNote({ key, vars: { name: s.name } });
    reload(); // the event comes too; this one does not wait for it
  };

  return (
    <div className="shops-settings" data-testid="shops-settings">
      <section className="card wide">
        <h2>{t('shops.title')}</h2>
        <p className="muted">{t('shops.hint')}</p>
        {error && <ErrorBox compact title={t('shops.loadError')} error={error} onRetry={reload} />}
        {!shops && !error && <p className="muted">{t('common.loading')}</p>}
        {shops && shops.length === 0 && <p className="muted" data-testid="shops-empty">{t('shops.none')}</p>}
        {shops && shops.length > 0 && (
          <ShopTable
            shops={shops}
            editing={editing}
            onEdit={setEditing}
            onSaved={(s) => done(s.active ? 'shops.saved' : 'shops.deactivated')(s)}
            onRemoved={done('shops.removed')}
          />
        )}
        <p className="saved-note" role="status" data-testid="shops-note">
          {note && t(note.key, note.vars)}
        </p>
        <AddShop onCreated={done('shops.created')} />
      </section>
    </div>
  );
}
