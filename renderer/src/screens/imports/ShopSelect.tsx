import { useEffect, useMemo } from 'react';
import type { Platform } from '../../../../shared/domain/ids.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { describedBy, Field } from '../../components/Field.js';
import { useT } from '../../i18n/index.js';
import { setShop, useImports } from '../../state/imports.js';
import { useShops } from '../orders/hooks.js';

/**
 * The shop the orders go to. A platform's export can only go to a shop of that platform (main refuses the others), so
 * only those are offered, and when there is exactly one it is chosen already. A generic file may go to any shop.
 */
export function ShopSelect({ platform, error }: { platform: Platform | null; error: string | null }) {
  const t = useT();
  const shops = useShops();
  const shopId = useImports((s) => s.shopId);
  const fitting = useMemo(
    () => (shops.data ?? []).filter((s) => platform === null || s.platform === platform).sort((a, b) => Number(b.active) - Number(a.active)),
    [shops.data, platform],
  );

  useEffect(() => {
    if (!shops.data) return;
    const still = fitting.some((s) => s.id === shopId);
    const only = fitting.length === 1 ? fitting[0] : undefined;
    if (!still) setShop(only ? only.id : null);
  }, [shops.data, fitting, shopId]);

  if (shops.error) return <ErrorBox compact title={t('imports.shopsError')} error={shops.error} onRetry={shops.reload} />;
  if (shops.data && fitting.length === 0) {
    return (
      <p className="notice" data-testid="import-no-shop">
        {platform ? t('imports.noShopFor', { platform: t(`platform.${platform}`) }) : t('imports.noShops')}
      </p>
    );
  }
  return (
    <Field id="import-shop" label={t('imports.shop')} hint={platform ? t('imports.shopHintPlatform', { platform: t(`platform.${platform}`) }) : t('imports.shopHint')} error={error}>
      <select
        id="import-shop"
        data-testid="import-shop"
        value={shopId ?? ''}
        aria-invalid={error !== null}
        aria-describedby={describedBy('import-shop')}
        onChange={(e) => setShop(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{t('imports.chooseShop')}</option>
        {fitting.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} · {t(`platformShort.${s.platform}`)} · {s.currency}
            {s.active ? '' : ` (${t('imports.inactive')})`}
          </option>
        ))}
      </select>
    </Field>
  );
}
