import { useMemo } from 'react';
import { useLang, useT } from '../../i18n/index.js';
import { useShops } from '../orders/hooks.js';
import type { DescribeContext } from '../settings/rules/describe.js';

/** The words for rules in the current language, with shop names from main (a removed shop shows by its id). */
export function useDescribeContext(): DescribeContext {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { data: shops } = useShops();
  return useMemo(() => {
    const names = new Map((shops ?? []).map((s) => [s.id, s.name]));
    return { t, lang, shopName: (id: number) => names.get(id) ?? t('rules.shopById', { id }) };
  }, [t, lang, shops]);
}
