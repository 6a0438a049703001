import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PLATFORMS, type Platform } from '../../../../shared/domain/ids.js';
import { ORDER_SORT_FIELDS } from '../../../../shared/contract/orders.js';
import { registerFocusTarget, focusTarget } from '../../app/focus.js';
import { MultiSelect, type Option } from '../../components/MultiSelect.js';
import { useT } from '../../i18n/index.js';
import { useOrdersView, type SortField } from '../../state/orders-view.js';
import { useShops } from './hooks.js';
import { ExportButton } from './export/ExportButton.js';
import { NewOrderButton } from './manual/NewOrderButton.js';

const SEARCH_DEBOUNCE_MS = 250;

export function Toolbar({ total }: { total: string | null }) {
  const t = useT();
  // Everything but the selection: moving through the list must not re-render the toolbar.
  const v = useOrdersView(
    useShallow((s) => {
      const { selected: _selected, openId: _openId, ...rest } = s;
      return rest;
    }),
  );
  const shops = useShops();

  // Apply the typed search after a pause; Enter applies at once.
  useEffect(() => {
    const timer = setTimeout(() => useOrdersView.getState().applySearch(), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [v.searchInput]);

  const shopOptions = useMemo<Option<number>[]>(
    () =>
      (shops.data ?? []).map((s) => ({
        value: s.id,
        label: s.name,
        hint: `${t(`platformShort.${s.platform}`)}${s.active ? '' : ' · ' + t('filter.inactive')}`,
      })),
    [shops.data, t],
  );
  // Platforms the seller actually has shops on first; all of them when shops are not known yet.
  const platformOptions = useMemo<Option<Platform>[]>(() => {
    const used = new Set((shops.data ?? []).map((s) => s.platform));
    const list = used.size ? PLATFORMS.filter((p) => used.has(p)) : [...PLATFORMS];
    return list.map((p) => ({ value: p, label: t(`platform.${p}`) }));
  }, [shops.data, t]);

  const filtered = v.search !== '' || v.searchInput !== '' || v.shopIds.length > 0 || v.platforms.length > 0;

  return (
    <div className="toolbar">
      <NewOrderButton />
      <div className="search">
        <input
          ref={(el) => registerFocusTarget('search', el)}
          type="search"
          data-testid="order-search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={v.searchInput}
          maxLength={100}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => v.setSearchInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing) return; // IME: Enter confirms the characters, not the search
            if (e.key === 'Enter') v.applySearch();
            else if (e.key === 'ArrowDown') {
              e.preventDefault();
              v.applySearch();
              focusTarget('list');
            } else if (e.key === 'Escape' && v.searchInput) {
              e.stopPropagation();
              v.setSearchInput('');
              v.applySearch(); // clearing is deliberate: no need to wait for the debounce
            }
          }}
        />
        <kbd className="search-key" aria-hidden="true">
          /
        </kbd>
      </div>
      <MultiSelect
        testId="filter-shop"
        label={t('filter.shop')}
        allLabel={t('filter.allShops')}
        emptyLabel={t('filter.noShops')}
        options={shopOptions}
        selected={v.shopIds}
        onChange={v.setShopIds}
      />
      <MultiSelect
        testId="filter-platform"
        label={t('filter.platform')}
        allLabel={t('filter.allPlatforms')}
        options={platformOptions}
        selected={v.platforms}
        onChange={v.setPlatforms}
      />
      <div className="sort">
        <label className="sort-label" htmlFor="sort-field">
          {t('sort.label')}
        </label>
        <select id="sort-field" data-testid="sort-field" value={v.sort.field} onChange={(e) => v.setSort(e.target.value as SortField, v.sort.dir)}>
          {ORDER_SORT_FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(`sort.${f}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn sort-dir"
          data-testid="sort-dir"
          data-dir={v.sort.dir}
          title={t(v.sort.dir === 'asc' ? 'sort.asc' : 'sort.desc')}
          onClick={() => v.setSort(v.sort.field, v.sort.dir === 'asc' ? 'desc' : 'asc')}
        >
          <span aria-hidden="true">{v.sort.dir === 'asc' ? '↑' : '↓'}</span> {t(v.sort.dir === 'asc' ? 'sort.asc' : 'sort.desc')}
        </button>
      </div>
      {filtered && (
        <button type="button" className="btn link" data-testid="clear-filters" onClick={v.clearFilters}>
          {t('filter.clearAll')}
        </button>
      )}
      <ExportButton />
      <div className="toolbar-total" data-testid="list-total">
        {total}
      </div>
    </div>
  );
}
